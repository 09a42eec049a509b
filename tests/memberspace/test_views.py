"""/mypage/: a manager's entries, the edit form (a draft for approval) and privacy (not a draft)."""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from wagtail.models import WorkflowState

from members.factories import GroupMemberFactory, IndividualMemberFactory
from members.models import ConsentRecord, GroupMember, IndividualMember, PrivacyRequest, Visibility

from .conftest import edit_url, group_form, privacy_url

pytestmark = pytest.mark.django_db

MY = reverse("memberspace:entries")


def test_my_page_needs_a_login(client):
    response = client.get(MY)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_my_page_lists_the_entries_i_manage_with_their_state(
    manager_client, managed_group, own_person
):
    GroupMemberFactory(name="よその会")
    GroupMember.objects.filter(pk=managed_group.pk).update(last_confirmed="2026-03-31")
    html = manager_client.get(MY).content.decode()
    assert "つながる支援の会" in html
    assert "山本 花子" in html
    assert "よその会" not in html
    assert "公開中" in html  # Published
    assert "最終確認日" in html and "2026-03-31" in html
    assert edit_url(managed_group) in html


def test_others_entries_answer_404(manager_client, managed_group):
    other = GroupMemberFactory(name="よその会")
    person = IndividualMemberFactory()
    for url in (edit_url(other), edit_url(person), "/mypage/page/tsunagaru-support/"):
        assert manager_client.get(url).status_code == 404
    for url in (edit_url(other), privacy_url(other), privacy_url(person)):
        assert (
            manager_client.post(url, {"name": "乗っ取り", "visibility": "secretariat"}).status_code
            == 404
        )
    other.refresh_from_db()
    assert other.name == "よその会" and other.latest_revision is None
    assert not ConsentRecord.objects.exists()


def test_staff_rights_do_not_make_an_entry_mine(client, managed_group, secretariat_user):
    client.force_login(secretariat_user)
    assert client.get(edit_url(managed_group)).status_code == 404


def test_editing_saves_a_draft_for_approval_and_shows_what_is_pending(
    manager_client, manager, managed_group
):
    assert manager_client.get(edit_url(managed_group)).status_code == 200
    response = manager_client.post(
        edit_url(managed_group),
        group_form(managed_group, name="つながる支援の会（改）", description_ja="新しい説明です。"),
    )
    assert response.status_code == 302, response.content.decode()

    live = GroupMember.objects.get(pk=managed_group.pk)
    assert live.name == "つながる支援の会"  # nothing published
    assert live.description_ja == "労働相談をしています。"
    draft = live.get_latest_revision_as_object()
    assert draft.name == "つながる支援の会(改)"  # NFKC on the revision content
    assert live.latest_revision.user == manager
    state = live.current_workflow_state
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name == "Directory entry approval"
    assert state.current_task_state.revision == live.latest_revision

    html = manager_client.get(MY).content.decode()
    assert "承認待ち" in html  # Awaiting approval
    assert "新しい説明です。" in html
    assert "つながる支援の会(改)" in html
    # The form shows the draft, so a second edit builds on the first one.
    assert "新しい説明です。" in manager_client.get(edit_url(managed_group)).content.decode()


def test_a_second_edit_restarts_the_workflow_on_the_newest_draft(manager_client, managed_group):
    manager_client.post(
        edit_url(managed_group), group_form(managed_group, website="https://a.example.org")
    )
    manager_client.post(
        edit_url(managed_group), group_form(managed_group, website="https://b.example.org")
    )
    states = list(managed_group.workflow_states.order_by("pk"))
    assert [s.status for s in states] == [
        WorkflowState.STATUS_CANCELLED,
        WorkflowState.STATUS_IN_PROGRESS,
    ]
    live = GroupMember.objects.get(pk=managed_group.pk)
    assert states[1].current_task_state.revision_id == live.latest_revision_id


def test_an_invalid_edit_saves_nothing(manager_client, managed_group):
    response = manager_client.post(
        edit_url(managed_group), group_form(managed_group, name="", website="not a url")
    )
    assert response.status_code == 400
    assert GroupMember.objects.get(pk=managed_group.pk).latest_revision is None


def test_a_person_edits_their_own_entry(manager_client, own_person):
    response = manager_client.post(
        edit_url(own_person),
        {
            "name": own_person.name,
            "kana": own_person.kana,
            "occupation": "通訳",
            "bio": "ＮＰＯで通訳",
        },
    )
    assert response.status_code == 302
    person = IndividualMember.objects.get(pk=own_person.pk)
    assert person.occupation == "日本語教師"
    assert person.get_latest_revision_as_object().occupation == "通訳"
    assert person.workflow_in_progress


def test_narrowing_applies_at_once_and_is_recorded(manager_client, manager, managed_group):
    response = manager_client.post(
        privacy_url(managed_group), {"visibility": "members", "listed": "on"}
    )
    assert response.status_code == 302
    live = GroupMember.objects.get(pk=managed_group.pk)
    assert live.visibility == Visibility.MEMBERS
    assert live.consent_tier == Visibility.MEMBERS  # nobody may widen it again unasked
    records = {
        (r.field, r.from_value, r.to_value, r.how, r.by) for r in ConsentRecord.objects.all()
    }
    assert ("visibility", "public", "members", "member", manager) in records
    assert ("consent", "public", "members", "member", manager) in records
    assert not PrivacyRequest.objects.exists()


def test_widening_waits_for_the_secretariat(manager_client, managed_group, secretariat_user):
    GroupMember.objects.filter(pk=managed_group.pk).update(
        visibility=Visibility.MEMBERS, consent_tier=Visibility.MEMBERS
    )
    manager_client.post(privacy_url(managed_group), {"visibility": "public", "listed": "on"})
    live = GroupMember.objects.get(pk=managed_group.pk)
    assert live.visibility == Visibility.MEMBERS
    request = PrivacyRequest.objects.get()
    assert request.state == PrivacyRequest.State.PENDING and request.visibility == "public"
    assert "承認待ち" in manager_client.get(MY).content.decode()
    assert not ConsentRecord.objects.exists()

    manager_client.force_login(secretariat_user)
    url = reverse("members_privacy_request", args=[request.pk])
    assert manager_client.get(url).status_code == 200
    assert manager_client.post(url, {"decision": "approve"}).status_code == 302
    live.refresh_from_db()
    assert live.visibility == Visibility.PUBLIC and live.consent_tier == Visibility.PUBLIC
    request.refresh_from_db()
    assert request.state == PrivacyRequest.State.APPROVED and request.decided_by == secretariat_user
    record = ConsentRecord.objects.get(field="visibility")
    assert (record.from_value, record.to_value, record.how) == ("members", "public", "secretariat")
    assert record.request == request


def test_withdrawal_is_immediate_and_cancels_a_waiting_widening(
    manager_client, managed_group, secretariat_user
):
    GroupMember.objects.filter(pk=managed_group.pk).update(visibility=Visibility.MEMBERS)
    manager_client.post(privacy_url(managed_group), {"visibility": "public", "listed": "on"})
    manager_client.post(privacy_url(managed_group), {"visibility": "members"})  # unticked
    live = GroupMember.objects.get(pk=managed_group.pk)
    assert live.consent_withdrawn_at is not None and not live.is_listed
    request = PrivacyRequest.objects.get()
    assert request.state == PrivacyRequest.State.CANCELLED
    # Approving the old request now cannot re-list the entry.
    manager_client.force_login(secretariat_user)
    manager_client.post(
        reverse("members_privacy_request", args=[request.pk]), {"decision": "approve"}
    )
    live.refresh_from_db()
    assert not live.is_listed and live.visibility == Visibility.MEMBERS
    assert ConsentRecord.objects.filter(field="consent", to_value="withdrawn").exists()


def test_listing_again_after_a_withdrawal_needs_approval(manager_client, managed_group):
    manager_client.post(privacy_url(managed_group), {"visibility": "public"})
    assert not GroupMember.objects.get(pk=managed_group.pk).is_listed
    manager_client.post(privacy_url(managed_group), {"visibility": "public", "listed": "on"})
    assert not GroupMember.objects.get(pk=managed_group.pk).is_listed
    assert PrivacyRequest.objects.get(state="pending").give_consent


def test_a_person_cannot_choose_public(manager_client, own_person):
    response = manager_client.post(
        privacy_url(own_person), {"visibility": "public", "listed": "on"}
    )
    assert response.status_code == 400
    assert not PrivacyRequest.objects.exists()


def test_privacy_reports_are_for_the_secretariat_only(client, editor_user, secretariat_user):
    for url in (reverse("members_consent_ledger"), reverse("members_privacy_requests")):
        client.force_login(editor_user)
        response = client.get(url)  # the admin turns a refusal into a redirect home
        assert response.status_code == 302 and response["Location"] == "/admin/"
        client.force_login(secretariat_user)
        assert client.get(url).status_code == 200


def test_the_ledger_lists_changes_read_only(
    client, manager_client, managed_group, secretariat_user
):
    manager_client.post(privacy_url(managed_group), {"visibility": "members", "listed": "on"})
    client.force_login(secretariat_user)
    html = client.get(reverse("members_consent_ledger")).content.decode()
    assert managed_group.member_number in html
    assert User.objects.get(username="manager").username in html
    # Before/after the change, not the fund page's "From" (拠出元, who gave).
    assert "変更前" in html and "変更後" in html and "拠出元" not in html


def test_approving_a_draft_made_before_a_narrowing_does_not_rewiden(
    client, manager, managed_group, secretariat_user
):
    client.force_login(manager)
    client.post(edit_url(managed_group), group_form(managed_group, description_ja="古い下書き"))
    client.post(privacy_url(managed_group), {"visibility": "members", "listed": "on"})
    task_state = GroupMember.objects.get(pk=managed_group.pk).current_workflow_task_state

    client.force_login(secretariat_user)
    response = client.post(
        reverse(
            "wagtailsnippets_members_groupmember:workflow_action",
            kwargs={
                "pk": managed_group.pk,
                "action_name": "approve",
                "task_state_id": task_state.pk,
            },
        ),
        {"comment": ""},
    )
    assert response.status_code == 302
    live = GroupMember.objects.get(pk=managed_group.pk)
    assert live.current_workflow_state is None
    assert live.workflow_states.get().status == WorkflowState.STATUS_APPROVED
    assert live.description_ja == "古い下書き"
    assert live.visibility == Visibility.MEMBERS
    assert live.consent_tier == Visibility.MEMBERS
