"""The directory's permission groups.

- "Directory editors": add, change and delete members in the Wagtail admin, but never see
  private contacts (they lack ``members.view_private_contacts``).
- "Secretariat": everything on members, the private-contacts permission and admin access.
- "Network members": no admin access; ``viewer_tier`` gives its users the members tier.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MEMBER_MODELS = ("groupmember", "individualmember")
CRUD = ("add", "change", "delete", "view")


def ensure_permissions(apps):
    # Permissions are normally created after all migrations ran; a fresh database needs them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None


def permission(apps, app_label, codename):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def create_groups(apps, schema_editor):
    ensure_permissions(apps)
    Group = apps.get_model("auth", "Group")
    member_perms = [
        permission(apps, "members", f"{action}_{model}") for model in MEMBER_MODELS for action in CRUD
    ]
    admin_access = permission(apps, "wagtailadmin", "access_admin")
    image_perms = [permission(apps, "wagtailimages", c) for c in ("add_image", "choose_image")]
    contacts = permission(apps, "members", "view_private_contacts")

    editors, _ = Group.objects.get_or_create(name="Directory editors")
    editors.permissions.add(admin_access, *member_perms, *image_perms)
    secretariat, _ = Group.objects.get_or_create(name="Secretariat")
    secretariat.permissions.add(admin_access, contacts, *member_perms, *image_perms)
    Group.objects.get_or_create(name="Network members")


def remove_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name__in=["Directory editors", "Secretariat", "Network members"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0003_contacts_permission_individual_visibility"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(create_groups, remove_groups)]
