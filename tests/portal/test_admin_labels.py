"""In the Japanese admin, permission groups and member groups must not share a name: the
project catalogue overrides Django's and Wagtail's, so its plain "Groups" is theirs."""

import pytest
from django.contrib.auth.models import Group
from django.utils import translation

from members.viewsets import GroupMemberViewSet
from portal.admin_labels import PERMISSION_GROUP_WORDS


def test_permission_groups_are_labelled_kengen_group_in_japanese():
    with translation.override("ja"):
        assert {translation.gettext(word) for word in PERMISSION_GROUP_WORDS} == {"権限グループ"}
        assert str(Group._meta.verbose_name) == "権限グループ"
        assert str(Group._meta.verbose_name_plural) == "権限グループ"


def test_member_groups_keep_their_own_label():
    with translation.override("ja"):
        assert str(GroupMemberViewSet.menu_label) == "団体会員"
    with translation.override("en"):
        assert str(GroupMemberViewSet.menu_label) == "Groups"


@pytest.mark.django_db
def test_admin_menu_tells_the_two_apart(admin_client):
    html = admin_client.get("/admin/groups/", HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    assert "権限グループ" in html
