"""Who may start and sync page translations (wagtail-localize's "Can submit translations").

- The Secretariat gains it: it is the group that publishes, and syncing a translation publishes
  it (wagtail-localize's "Publish immediately"), outside the approval workflow.
- Wagtail's default "Editors" and "Moderators" groups lose it again: wagtail-localize's own
  migration gives it to them, and portal 0004 keeps those groups without any right.
"""

from django.db import migrations

from members.models.privacy import SECRETARIAT_GROUP

DEFAULT_GROUPS = ("Editors", "Moderators")


def grant_translation(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    submit = Permission.objects.get(
        content_type__app_label="wagtail_localize", codename="submit_translation"
    )
    Group.objects.get_or_create(name=SECRETARIAT_GROUP)[0].permissions.add(submit)
    for group in Group.objects.filter(name__in=DEFAULT_GROUPS):
        group.permissions.remove(submit)


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0005_qapage_groups_that_help"),
        ("members", "0004_permission_groups"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]
    operations = [migrations.RunPython(grant_translation, migrations.RunPython.noop)]
