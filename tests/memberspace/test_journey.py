"""The whole path against the real Elasticsearch: the secretariat invites a manager, who sets a
password and edits; nothing shows until the secretariat approves through the admin's workflow
action, then the directory and search do. A withdrawal disappears from every surface in the next
request."""

import re

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.core import mail
from django.urls import reverse
from wagtail.models import WorkflowState

from members.factories import GroupMemberFactory
from members.models import Grants, GroupMember, Tier
from search import service

from .conftest import edit_url, group_form, privacy_url

pytestmark = [pytest.mark.elasticsearch, pytest.mark.django_db]

NEW_WORD = "ゾウガメ保護"


def snippet_url(view: str, **kwargs) -> str:
    return reverse(f"wagtailsnippets_members_groupmember:{view}", kwargs=kwargs)


def api_count(client, q: str) -> int:
    return client.get("/api/v1/members/", {"q": q}).json()["count"]


def site_count(client, q: str) -> int:
    return client.get("/api/v1/search/", {"q": q}).json()["count"]


def field_count(client, value: str) -> int:
    facets = client.get("/api/v1/members/").json()["facets"]["field"]
    return sum(v["count"] or 0 for v in facets if v["value"] == value)


@pytest.fixture
def listed(es, refresh, manager, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        group = GroupMemberFactory(
            name="つながる支援の会",
            kana="つながるしえんのかい",
            slug="tsunagaru-support",
            fields=["labour"],
            languages=["vi"],
            description_ja="労働相談をしています。",
        )
        group.managers.add(manager)
        neighbour = GroupMemberFactory(
            name="となりの労働相談会",
            kana="となりのろうどうそうだんかい",
            slug="neighbour",
            fields=["labour"],
            prefecture=group.prefecture,
        )
    refresh()
    return {"group": group, "neighbour": neighbour}


def test_invitation_edit_then_approval_in_the_admin_then_visible_everywhere(
    client, secretariat_user, listed, refresh, django_capture_on_commit_callbacks
):
    group = listed["group"]
    # The secretariat invites the group's new manager from the admin.
    mail.outbox.clear()
    client.force_login(secretariat_user)
    invite = reverse("accounts_invite", kwargs={"kind": "group", "pk": group.pk})
    response = client.post(invite, {"email": "Kanri@Example.org", "language": "ja"})
    assert response.status_code == 302
    (invitation_mail,) = mail.outbox
    link = re.search(re.escape(settings.SITE_URL) + r"(/\S+)", invitation_mail.body).group(1)

    # The invited person opens the link, sets a password and lands in their own space.
    client.logout()
    password = "a-long-and-uncommon-passphrase-42"
    response = client.post(link, {"new_password1": password, "new_password2": password})
    assert response.status_code == 302 and response["Location"] == "/mypage/"
    new_manager = User.objects.get(username="kanri@example.org")
    assert new_manager in group.managers.all()
    assert "つながる支援の会" in client.get("/mypage/").content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            edit_url(group), group_form(group, description_ja=f"{NEW_WORD}の相談も始めました。")
        )
    assert response.status_code == 302
    refresh()
    assert "承認待ち" in client.get(reverse("memberspace:entries")).content.decode()

    # Before the approval: neither the directory, the group page nor search shows it.
    client.logout()
    assert api_count(client, NEW_WORD) == 0
    assert site_count(client, NEW_WORD) == 0
    assert NEW_WORD not in client.get("/members/", {"q": "つながる"}).content.decode()
    page = client.get(group.get_absolute_url()).content.decode()
    assert "労働相談をしています。" in page and NEW_WORD not in page

    # The secretariat: the pending entry on the dashboard, the diff, then Approve.
    client.force_login(secretariat_user)
    assert "つながる支援の会" in client.get("/admin/").content.decode()
    compare = client.get(
        snippet_url("revisions_compare", pk=group.pk, revision_id_a="live", revision_id_b="latest")
    )
    assert compare.status_code == 200
    assert NEW_WORD in compare.content.decode()
    workflow_state = GroupMember.objects.get(pk=group.pk).current_workflow_state
    task_state = workflow_state.current_task_state
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            snippet_url(
                "workflow_action", pk=group.pk, action_name="approve", task_state_id=task_state.pk
            ),
            {"comment": ""},
        )
    assert response.status_code == 302
    workflow_state.refresh_from_db()
    assert workflow_state.status == WorkflowState.STATUS_APPROVED
    refresh()

    client.logout()
    assert api_count(client, NEW_WORD) == 1
    assert site_count(client, NEW_WORD) == 1
    assert "つながる支援の会" in client.get("/members/", {"q": NEW_WORD}).content.decode()
    assert NEW_WORD in client.get(group.get_absolute_url()).content.decode()
    assert GroupMember.objects.get(pk=group.pk).live_revision_id == task_state.revision_id


def test_withdrawal_disappears_from_every_surface_in_the_next_request(
    client, manager, member_user, listed, django_capture_on_commit_callbacks
):
    group, neighbour = listed["group"], listed["neighbour"]
    before = field_count(client, "labour")
    assert api_count(client, "つながる支援") == 1
    assert any(
        "つながる" in s["text"] for s in service.suggest("つながる", grants=Grants(Tier.ANONYMOUS))
    )
    similar = service.similar_groups(neighbour, grants=Grants(Tier.ANONYMOUS))
    assert "つながる支援の会" in [g["name"] for g in similar]

    client.force_login(manager)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(privacy_url(group), {"visibility": "public"})  # unticked
    assert response.status_code == 302

    for viewer in (None, member_user):
        client.logout()
        if viewer is not None:
            client.force_login(viewer)
        assert api_count(client, "つながる支援") == 0
        assert site_count(client, "つながる支援") == 0
        assert field_count(client, "labour") == before - 1
        assert "つながる支援の会" not in client.get("/members/").content.decode()
        assert client.get(group.get_absolute_url()).status_code == 404
        suggestions = client.get("/api/v1/suggest/", {"q": "つながる"}).json()["suggestions"]
        assert not any("つながる支援" in s["text"] for s in suggestions)
        assert "つながる支援の会" not in client.get(neighbour.get_absolute_url()).content.decode()
    for tier in (Tier.ANONYMOUS, Tier.MEMBER):
        names = [g["name"] for g in service.similar_groups(neighbour, grants=Grants(tier))]
        assert "つながる支援の会" not in names
