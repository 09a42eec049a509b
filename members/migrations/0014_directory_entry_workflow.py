"""The "Directory entry approval" workflow on every database: a member's edit (a draft revision
of a group or individual entry) goes live only when the Secretariat approves it.

- The group approval task "Directory entry review", approved by the Secretariat group.
- The workflow "Directory entry approval" holding it, assigned to both member models
  (``WorkflowContentType``: snippets take their workflow from their content type).
- The Secretariat may publish both models (approving publishes, and the admin's own "Publish").
  "Directory editors" may not: their admin edits are drafts the Secretariat reviews.

Wagtail creates the ``publish_*`` permissions after migrating; they are made here (with the
same codename and name) so the Secretariat can hold them on a fresh database.
"""

from django.db import migrations

from members.models.privacy import SECRETARIAT_GROUP

TASK_NAME = "Directory entry review"
WORKFLOW_NAME = "Directory entry approval"
MEMBER_MODELS = {"groupmember": "group member", "individualmember": "individual member"}


def create_workflow(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")

    secretariat, _ = Group.objects.get_or_create(name=SECRETARIAT_GROUP)
    # Historical models skip Wagtail's own __init__, which records the task's specific type.
    task_type, _ = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    task, _ = GroupApprovalTask.objects.get_or_create(
        name=TASK_NAME, defaults={"content_type": task_type, "active": True}
    )
    task.groups.add(secretariat)
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})

    for model, verbose_name in MEMBER_MODELS.items():
        content_type, _ = ContentType.objects.get_or_create(app_label="members", model=model)
        WorkflowContentType.objects.update_or_create(
            content_type=content_type, defaults={"workflow": workflow}
        )
        publish, _ = Permission.objects.get_or_create(
            content_type=content_type,
            codename=f"publish_{model}",
            defaults={"name": f"Can publish {verbose_name}"},
        )
        secretariat.permissions.add(publish)


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0013_drafts_revisions_consent_ledger"),
        ("wagtailcore", "0098_apitoken"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    # Reversing leaves the rows: entries may already be in the workflow.
    operations = [migrations.RunPython(create_workflow, migrations.RunPython.noop)]
