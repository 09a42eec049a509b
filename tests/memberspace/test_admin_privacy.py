"""The admin: content edits are drafts; privacy values change the live entry at once (and are
recorded); directory editors see no contact data in the revision diff."""

import pytest
from django.urls import reverse

from members.factories import GroupMemberFactory
from members.models import ConsentRecord, GroupMember, Visibility
from tests.members.test_admin import _group_form, url

pytestmark = pytest.mark.django_db


def test_an_admin_draft_applies_privacy_at_once_and_keeps_content_for_approval(
    client, secretariat_user
):
    group = GroupMemberFactory(name="管理画面の会", visibility=Visibility.PUBLIC)
    client.force_login(secretariat_user)
    response = client.post(
        url("groupmember", "edit", group.pk),
        _group_form(
            group, name="改名案の会", visibility="members", contact_visibility="secretariat"
        ),  # "Save draft"
    )
    assert response.status_code == 302
    live = GroupMember.objects.get(pk=group.pk)
    assert live.name == "管理画面の会"
    assert live.visibility == Visibility.MEMBERS
    record = ConsentRecord.objects.get(field="visibility")
    assert (record.from_value, record.to_value, record.how, record.by) == (
        "public",
        "members",
        "secretariat",
        secretariat_user,
    )
    draft = live.get_latest_revision_as_object()
    assert draft.name == "改名案の会" and draft.visibility == Visibility.MEMBERS


def test_editors_see_no_contacts_in_the_revision_diff(client, editor_user, secretariat_user):
    group = GroupMemberFactory(name="差分の会", contact_email="oldzzq@example.org")
    client.force_login(secretariat_user)
    client.post(
        url("groupmember", "edit", group.pk),
        _group_form(
            group,
            description_ja="新しい説明",
            contact_email="newzzq@example.org",
            contact_visibility="secretariat",
        ),
    )
    compare = reverse(
        "wagtailsnippets_members_groupmember:revisions_compare",
        kwargs={"pk": group.pk, "revision_id_a": "live", "revision_id_b": "latest"},
    )
    html = client.get(compare).content.decode()
    assert "新しい説明" in html and "newzzq" in html  # the secretariat sees the contact change
    client.force_login(editor_user)
    response = client.get(compare)
    assert response.status_code == 200
    html = response.content.decode()
    assert "新しい説明" in html
    assert "zzq" not in html


def test_pending_member_changes_are_listed_for_the_secretariat(
    client, secretariat_user, editor_user, manager, managed_group
):
    from memberspace.services import entry_submit_draft

    draft = managed_group.get_latest_revision_as_object()
    draft.website = "https://pending.example.org"
    entry_submit_draft(member=draft, by=manager)
    client.force_login(secretariat_user)
    html = client.get("/admin/").content.decode()  # Wagtail's 「Awaiting your review」
    assert "つながる支援の会" in html
    html = client.get(reverse("members_pending_changes")).content.decode()
    assert "つながる支援の会" in html
    assert (
        reverse(
            "wagtailsnippets_members_groupmember:revisions_compare",
            kwargs={"pk": managed_group.pk, "revision_id_a": "live", "revision_id_b": "latest"},
        )
        in html
    )
    client.force_login(editor_user)
    assert client.get(reverse("members_pending_changes")).status_code == 302
