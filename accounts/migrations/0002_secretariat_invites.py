"""The Secretariat group may invite managers (``accounts.add_invitation``) and read the
invitations sent; no other group gets either right."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

SECRETARIAT = "Secretariat"
CODENAMES = ("add_invitation", "view_invitation")


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations ran; a fresh database needs them now.
    config = apps.get_app_config("accounts")
    config.models_module = True
    create_permissions(config, verbosity=0)
    config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    secretariat, _ = Group.objects.get_or_create(name=SECRETARIAT)
    secretariat.permissions.add(
        *Permission.objects.filter(content_type__app_label="accounts", codename__in=CODENAMES)
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name=SECRETARIAT):
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="accounts", codename__in=CODENAMES)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("members", "0004_permission_groups"),
    ]
    operations = [migrations.RunPython(grant, revoke)]
