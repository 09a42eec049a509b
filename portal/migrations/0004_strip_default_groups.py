"""Wagtail's default "Editors" and "Moderators" groups lose every right, so that publishing has
one path: the "Secretariat approval" workflow (portal 0003, portal.editors).

Wagtail's first migrations give both groups add/edit rights on the root page (so on every page),
give "Moderators" publish and lock there, give both rights on every image and document, and
attach a "Moderators approval" workflow to the root page. The project never uses these groups,
so anyone put into one of them could publish, or approve into publication, outside the
Secretariat's review. This migration, on every database:

- deletes their page, collection and site permissions and their model permissions (admin
  access included); the groups stay, empty, so the names keep meaning nothing;
- removes them from every approval task, so a leftover task they approved is for superusers only;
- puts the root page under the Secretariat's workflow, so a page outside the home pages' trees
  (a new home page, say) goes through the same review.

Reversing leaves things as they are: restoring rights nobody should hold is not wanted.
"""

from django.db import migrations

from portal.editors import WORKFLOW_NAME

DEFAULT_GROUPS = ("Editors", "Moderators")


def strip_default_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    GroupSitePermission = apps.get_model("wagtailcore", "GroupSitePermission")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    Page = apps.get_model("wagtailcore", "Page")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")

    groups = list(Group.objects.filter(name__in=DEFAULT_GROUPS))
    GroupPagePermission.objects.filter(group__in=groups).delete()
    GroupCollectionPermission.objects.filter(group__in=groups).delete()
    GroupSitePermission.objects.filter(group__in=groups).delete()
    for group in groups:
        group.permissions.clear()
        for task in GroupApprovalTask.objects.filter(groups=group):
            task.groups.remove(group)

    workflow = Workflow.objects.filter(name=WORKFLOW_NAME).first()
    root = Page.objects.filter(depth=1).first()
    if workflow is not None and root is not None:
        WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0003_editor_groups_and_workflow"),
        ("wagtailcore", "0098_apitoken"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]
    operations = [migrations.RunPython(strip_default_groups, migrations.RunPython.noop)]
