"""The Secretariat group may open the relay's log in the admin (view only: the only right)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations ran; a fresh database needs it now.
    app_config = apps.get_app_config("relay")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    view = Permission.objects.get(content_type__app_label="relay", codename="view_relaymessage")
    for group in Group.objects.filter(name="Secretariat"):
        group.permissions.add(view)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Permission.objects.filter(content_type__app_label="relay").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("relay", "0001_initial"),
        ("members", "0004_permission_groups"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(grant, revoke)]
