"""Finding 11: Wagtail's default "Editors" and "Moderators" groups hold no rights, and every page,
the root included, publishes only through the Secretariat's workflow (portal 0004)."""

import importlib

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission, User
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
)

from portal.editors import WORKFLOW_NAME

pytestmark = pytest.mark.django_db
DEFAULT_GROUPS = ("Editors", "Moderators")
migration = importlib.import_module("portal.migrations.0004_strip_default_groups")


def member_of(name: str) -> User:
    user = User.objects.create_user(f"in-{name.lower()}", password="pw-for-tests-only")
    user.groups.add(Group.objects.get(name=name))
    return user


@pytest.mark.parametrize("name", DEFAULT_GROUPS)
def test_after_migrating_the_default_groups_hold_no_rights(name):
    group = Group.objects.get(name=name)
    assert not GroupPagePermission.objects.filter(group=group).exists()
    assert not GroupCollectionPermission.objects.filter(group=group).exists()
    assert not group.permissions.exists()
    assert not GroupApprovalTask.objects.filter(groups=group).exists()


@pytest.mark.parametrize("name", DEFAULT_GROUPS)
def test_a_default_group_member_can_neither_edit_nor_publish_any_page(home_pages, name):
    user = member_of(name)
    for page in Page.objects.all():
        rights = page.permissions_for_user(user)
        assert not rights.can_publish(), page
        assert not rights.can_edit(), page
        assert not rights.can_add_subpage(), page
    assert not user.has_perm("wagtailadmin.access_admin")


def test_the_root_page_goes_through_the_secretariat_workflow():
    root = Page.get_first_root_node()
    assert root.get_workflow().name == WORKFLOW_NAME


def test_the_migration_strips_rights_given_again(home_pages):
    # As on a database where someone granted them by hand after the migration ran.
    moderators = Group.objects.get(name="Moderators")
    root = Page.get_first_root_node()
    publish = Permission.objects.get(content_type__app_label="wagtailcore", codename="publish_page")
    GroupPagePermission.objects.create(group=moderators, page=root, permission=publish)
    GroupCollectionPermission.objects.create(
        group=moderators,
        collection=Collection.get_first_root_node(),
        permission=Permission.objects.get(codename="change_image"),
    )
    moderators.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    task = GroupApprovalTask.objects.create(name="Moderators approval again")
    task.groups.add(moderators)
    home = Page.objects.get(depth=2, locale__language_code="ja")
    assert home.permissions_for_user(member_of("Moderators")).can_publish()

    migration.strip_default_groups(apps, None)

    assert not GroupPagePermission.objects.filter(group=moderators).exists()
    assert not GroupCollectionPermission.objects.filter(group=moderators).exists()
    assert not moderators.permissions.exists()
    assert not task.groups.exists()
    assert not home.permissions_for_user(User.objects.get(username="in-moderators")).can_publish()
