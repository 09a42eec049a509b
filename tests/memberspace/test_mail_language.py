"""Mail in the recipient's language, one rule (``portal.mail``): the language the account saved
(set by the member pages it reads), else the page's, else Japanese. The relay copy, the
confirmation reminder, the invitation and Wagtail's workflow notifications all follow it."""

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.urls import reverse
from wagtail.models import WorkflowState

from accounts.invitations import invite
from members.confirmation import reminder_message
from members.factories import GroupMemberFactory
from portal.mail import mail_language, remember_mail_language, render_mail

from .conftest import edit_url, group_form

pytestmark = pytest.mark.django_db


def _account(username: str, language: str | None = None) -> User:
    user = User.objects.create_user(username, email=f"{username}@example.org")
    if language:
        remember_mail_language(user=user, page_language=language)
    return user


def _decide(client, secretariat_user, group, action: str, *, comment: str) -> WorkflowState:
    """The secretariat's workflow action in the admin, as its buttons post it."""
    client.force_login(secretariat_user)
    state = group.current_workflow_state
    url = reverse(
        "wagtailsnippets_members_groupmember:workflow_action",
        kwargs={
            "pk": group.pk,
            "action_name": action,
            "task_state_id": state.current_task_state.pk,
        },
    )
    client.post(url, {"comment": comment})
    return state


def test_the_rule_saved_then_page_then_japanese():
    assert mail_language() == "ja"
    assert mail_language(page_language="en") == "en"
    assert mail_language(page_language="ja-x-easy") == "ja"  # やさしい日本語 reads Japanese
    assert mail_language(page_language="vi") == "en"  # no Vietnamese mail: English
    reader = _account("reader", "en")
    assert mail_language(user=reader) == "en"
    assert mail_language(user=reader, page_language="ja") == "en"  # saved wins
    assert mail_language(user=_account("nobody")) == "ja"


def test_render_mail_refuses_a_language_without_templates():
    with pytest.raises(ValueError):
        render_mail("accounts/email/invitation", language="vi", context={})


def test_reading_the_member_pages_saves_the_language(client, manager, managed_group):
    client.force_login(manager)
    client.get("/en/mypage/")
    assert mail_language(user=manager) == "en"
    client.get("/mypage/")
    assert mail_language(user=manager) == "ja"


def test_the_reminder_follows_the_managers_language(client, manager, managed_group):
    manager.email = "manager@example.org"
    manager.save()
    assert reminder_message(member=managed_group, manager=manager).subject.startswith("【移住連】")
    client.force_login(manager)
    client.get("/en/mypage/")
    message = reminder_message(member=managed_group, manager=manager)
    assert message.subject.startswith("[SMJ]")
    assert "/en/mypage/" in message.body


def test_an_invitation_to_an_account_goes_in_its_saved_language(secretariat_user):
    group = GroupMemberFactory()
    _account("reader@example.org", "en")
    mail.outbox.clear()
    invite(email="reader@example.org", entry=group, invited_by=secretariat_user, language="ja")
    (message,) = mail.outbox
    assert message.subject.startswith("[SMJ]")
    invite(email="new@example.org", entry=group, invited_by=secretariat_user, language="ja")
    assert not mail.outbox[1].subject.startswith("[SMJ]")  # no account: the chosen language


def test_the_relay_copy_follows_the_senders_saved_language(client, manager):
    group = GroupMemberFactory(name="つながる支援の会", contact_email="office@example.org")
    remember_mail_language(user=manager, page_language="en")
    client.force_login(manager)
    mail.outbox.clear()
    response = client.post(
        f"/members/groups/{group.slug}/contact/",
        {
            "name": "山田 太郎",
            "email": "taro@visitor.example",
            "subject": "相談",
            "message": "日本語のページから送りました。",
            "homepage": "",
            "consent": "on",
        },
        REMOTE_ADDR="192.0.2.10",
    )
    assert response.status_code == 302, response.content.decode()[:500]
    to_group, copy = mail.outbox
    assert "御中" in to_group.body  # the group's mail: Japanese
    assert copy.subject.startswith("Copy of your message to")  # a Japanese page, saved English


def test_workflow_notifications_in_japanese_and_english(
    client, manager, managed_group, secretariat_user
):
    """The secretariat is told in its language (Japanese, the default), the member who sent the
    change hears of the decision in theirs (English, saved on /en/mypage/)."""
    secretariat_user.email = "office@smj.example"
    secretariat_user.save()
    manager.email = "manager@example.org"
    manager.save()
    client.force_login(manager)
    client.get("/en/mypage/")
    mail.outbox.clear()
    client.post(edit_url(managed_group), group_form(managed_group, website="https://a.example"))
    to_secretariat = [m for m in mail.outbox if m.to == ["office@smj.example"]]
    assert to_secretariat, [m.subject for m in mail.outbox]
    assert "承認" in to_secretariat[0].subject, to_secretariat[0].subject
    assert "つながる支援の会" in to_secretariat[0].subject
    assert "承認" in to_secretariat[0].body and "has been submitted" not in to_secretariat[0].body

    mail.outbox.clear()
    state = _decide(client, secretariat_user, managed_group, "approve", comment="")
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED
    (approved,) = [m for m in mail.outbox if m.to == ["manager@example.org"]]
    assert approved.subject == 'Approved and published: "つながる支援の会"'
    assert "now published in the member directory" in approved.body
    assert "/en/mypage/" in approved.body


def test_a_request_for_changes_reaches_a_japanese_member_in_japanese(
    client, manager, managed_group, secretariat_user
):
    manager.email = "manager@example.org"
    manager.save()
    client.force_login(manager)
    client.get("/mypage/")
    client.post(edit_url(managed_group), group_form(managed_group, website="https://b.example"))
    mail.outbox.clear()
    state = _decide(
        client, secretariat_user, managed_group, "reject", comment="URLを確認してください"
    )
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    (message,) = [m for m in mail.outbox if m.to == ["manager@example.org"]]
    assert message.subject == "修正のお願い：「つながる支援の会」"
    assert "URLを確認してください" in message.body
    assert "/mypage/" in message.body and "/en/" not in message.body
