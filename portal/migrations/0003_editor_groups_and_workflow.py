"""Editor groups and the "Secretariat approval" workflow on every database, not only on one
seeded with demo content, so that later migrations can rely on them.

- "Secretariat" (made by members 0004) gains admin access and the media rights editors need.
- One "Editors: <sub-network slug>" group per sub-network, with admin access and media rights.
- The group approval task "Secretariat review" (the Secretariat approves) and the workflow
  "Secretariat approval" holding it.

Rights on page subtrees and the workflow's attachment to the home pages need pages, which only
exist once content is made; ``portal.editors`` adds them then and reuses these rows by name.
Names come from ``portal.editors`` so the seed and this migration cannot drift apart; renaming
one later needs a migration of its own anyway.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from members.models.privacy import SECRETARIAT_GROUP
from portal.editors import MEDIA_PERMISSIONS, TASK_NAME, WORKFLOW_NAME, editor_group_name


def create_groups_and_workflow(apps, schema_editor):
    # Permissions are normally created after all migrations ran; a fresh database needs them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    SubNetwork = apps.get_model("members", "SubNetwork")

    admin_access = Permission.objects.get(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    media = [
        Permission.objects.get(content_type__app_label=app_label, codename=codename)
        for app_label, codename in MEDIA_PERMISSIONS
    ]
    root_collection = Collection.objects.get(depth=1)

    secretariat, _ = Group.objects.get_or_create(name=SECRETARIAT_GROUP)
    editors = [
        Group.objects.get_or_create(name=editor_group_name(slug))[0]
        for slug in SubNetwork.objects.order_by("sort_order").values_list("slug", flat=True)
    ]
    for group in [secretariat, *editors]:
        group.permissions.add(admin_access)
        for permission in media:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root_collection, permission=permission
            )

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


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0002_page_types"),
        ("members", "0004_permission_groups"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    # Reversing leaves the rows: pages may already be in the workflow and editors in the groups.
    operations = [migrations.RunPython(create_groups_and_workflow, migrations.RunPython.noop)]
