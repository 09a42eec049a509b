"""The contact relay (issue 10, part 5): a visitor writes to a group through its page."""

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.core import mail
from django.db.models import F

from members.factories import GroupMemberFactory
from members.models import Visibility
from relay.models import RelayMessage, RelayStatus

from .conftest import SECRET_ADDRESS, assert_no_secret, message

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
PAGE = "/members/groups/tsunagaru-support/"
CONTACT = PAGE + "contact/"
SENT = CONTACT + "sent/"


def post(client, data=None, *, path=CONTACT, address="192.0.2.10", **kwargs):
    return client.post(path, data or message(), REMOTE_ADDR=address, **kwargs)


def rewind(hours: float) -> None:
    """Let time pass for the limits: every logged message becomes older."""
    RelayMessage.objects.update(sent_at=F("sent_at") - timedelta(hours=hours))


# ----------------------------------------------------------------------------- delivery


def test_a_message_reaches_the_group_with_reply_to_the_sender(client, group):
    response = post(client)
    assert response.status_code == 302
    assert response["Location"] == SENT
    to_group, _copy = mail.outbox
    assert to_group.to == [SECRET_ADDRESS]
    assert to_group.reply_to == ["taro@visitor.example"]
    assert to_group.cc == [] and to_group.bcc == []
    assert "ボランティアについて" in to_group.subject
    assert "日本語教室のボランティアに参加したいです。" in to_group.body
    assert "山田 太郎 <taro@visitor.example>" in to_group.body
    assert "つながる支援の会 御中" in to_group.body
    record = RelayMessage.objects.get()
    assert record.group == group
    assert record.status == RelayStatus.SENT
    assert record.subject_length == len("ボランティアについて")
    assert record.body_length == len("日本語教室のボランティアに参加したいです。")
    # Neither address is kept in clear.
    assert "taro" not in record.sender_key and "192.0.2" not in record.client_key


def test_the_sender_gets_a_copy_without_the_groups_address(client, group):
    post(client)
    copy = mail.outbox[1]
    assert copy.to == ["taro@visitor.example"]
    assert "日本語教室のボランティアに参加したいです。" in copy.body
    assert "つながる支援の会" in copy.body
    for part in (SECRET_ADDRESS, "relay-secret"):
        assert part not in copy.body and part not in copy.subject
        assert part not in str(copy.message())


def test_the_copy_is_in_the_senders_language_and_the_groups_mail_in_japanese(client, group):
    response = post(client, path="/en" + CONTACT)
    assert response["Location"] == "/en" + SENT
    to_group, copy = mail.outbox
    assert "御中" in to_group.body
    assert copy.subject == "Copy of your message to Tsunagaru Support"
    assert copy.body.startswith("Dear 山田 太郎,")
    assert "御中" not in copy.body


def test_the_sent_page_confirms_without_any_address(client, group):
    response = post(client, follow=True)
    assert response.status_code == 200
    assert "つながる支援の会" in response.content.decode()
    assert 'data-testid="relay-sent"' in response.content.decode()
    assert_no_secret(response)


def test_a_line_break_in_the_subject_cannot_add_a_header(client, group):
    post(client, message(subject="Hello\r\nBcc: victim@example.com", name="A\nB"))
    to_group = mail.outbox[0]
    assert to_group.recipients() == [SECRET_ADDRESS]
    assert to_group.message()["Bcc"] is None
    assert to_group.subject == "【移住連 連絡フォーム】Hello Bcc: victim@example.com"
    assert "A B <taro@visitor.example>" in to_group.body


def test_a_failed_delivery_says_so_without_the_smtp_error(client, group, monkeypatch):
    def refuse(self, fail_silently=False):
        raise OSError(f"550 mailbox {SECRET_ADDRESS} unavailable")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", refuse)
    response = post(client)
    assert response.status_code == 503
    assert 'data-testid="relay-failed"' in response.content.decode()
    assert_no_secret(response)
    assert RelayMessage.objects.get().status == RelayStatus.FAILED


# ----------------------------------------------------------------------------- the address


def test_the_address_is_never_in_any_response(client, group):
    responses = [
        client.get(PAGE),
        client.get("/en" + PAGE),
        client.get(CONTACT),
        post(client, message(email="not-an-address")),
        post(client, message(message="x" * 2001)),
        post(client, message(consent="")),
        post(client, follow=True),
    ]
    for _ in range(5):
        responses.append(post(client))
    assert responses[-1].status_code == 429
    group.accepts_messages = False
    group.save()
    responses += [client.get(PAGE), client.get(CONTACT), post(client)]
    for response in responses:
        assert_no_secret(response)


# ----------------------------------------------------------------------------- protection


def test_the_honeypot_drops_the_message_silently(client, group):
    response = post(client, message(homepage="http://spam.example"))
    assert response.status_code == 302
    assert response["Location"] == SENT
    assert mail.outbox == []
    record = RelayMessage.objects.get()
    assert record.status == RelayStatus.DROPPED
    assert record.body == ""


def test_the_honeypot_is_hidden_by_the_stylesheet_not_an_inline_style(client, group):
    page = client.get(PAGE).content.decode()
    trap = re.search(r'<p class="relay-trap" aria-hidden="true">.*?</p>', page, re.S)
    assert trap and 'name="homepage"' in trap[0] and 'tabindex="-1"' in trap[0]
    assert "style=" not in trap[0]
    css = (ROOT / "relay" / "static" / "relay" / "relay.css").read_text()
    assert ".relay-trap { display: none; }" in css


def test_too_long_a_message_is_refused_with_a_form_error(client, group, settings):
    settings.RELAY_MAX_CHARS = 50
    response = post(client, message(message="あ" * 51))
    assert response.status_code == 200
    body = response.content.decode()
    assert 'class="field-error"' in body
    assert 'maxlength="50"' in body
    assert "あ" * 51 in body  # the visitor keeps what they wrote
    assert mail.outbox == [] and not RelayMessage.objects.exists()
    assert post(client, message(message="あ" * 50)).status_code == 302


def test_consent_to_pass_on_the_address_is_required(client, group):
    response = post(client, message(consent=""))
    assert response.status_code == 200
    assert mail.outbox == []


def test_the_limit_per_address_answers_429_and_lifts_after_the_window(client, group, settings):
    settings.RELAY_RATE_PER_ADDRESS = "2/h"
    for n in range(2):
        assert post(client, message(email=f"s{n}@visitor.example")).status_code == 302
    refused = post(client, message(email="s3@visitor.example"))
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 3600
    body = refused.content.decode()
    assert 'data-testid="relay-limited"' in body
    assert "短時間に多くのメッセージ" in body
    assert "s3@visitor.example" in body  # the form is kept, so nothing typed is lost
    assert len(mail.outbox) == 4
    # Another address may still write to the same group.
    assert (
        post(client, message(email="s4@visitor.example"), address="192.0.2.99").status_code == 302
    )
    rewind(hours=0.5)
    assert post(client, message(email="s5@visitor.example")).status_code == 429
    rewind(hours=0.6)
    assert post(client, message(email="s6@visitor.example")).status_code == 302


def test_the_limit_message_in_english(client, group, settings):
    settings.RELAY_RATE_PER_ADDRESS = "1/h"
    post(client, path="/en" + CONTACT)
    refused = post(client, message(email="other@visitor.example"), path="/en" + CONTACT)
    assert refused.status_code == 429
    assert "Too many messages have been sent" in refused.content.decode()


def test_one_sender_address_is_limited_from_any_client(client, group, settings):
    # Otherwise the copy would let anyone mail a stranger again and again from many addresses.
    settings.RELAY_RATE_PER_ADDRESS = "2/h"
    for n in range(2):
        assert post(client, address=f"198.51.100.{n}").status_code == 302
    assert (
        post(client, message(email="TARO@visitor.example"), address="198.51.100.9").status_code
        == 429
    )


def test_the_limit_per_group_answers_429_and_lifts_after_the_window(client, group, settings):
    settings.RELAY_RATE_PER_GROUP = "3/d"
    other = GroupMemberFactory(slug="other-group", contact_email="other@relay-secret.example.org")
    for n in range(3):
        sent = post(client, message(email=f"g{n}@visitor.example"), address=f"203.0.113.{n}")
        assert sent.status_code == 302
    refused = post(client, message(email="g9@visitor.example"), address="203.0.113.9")
    assert refused.status_code == 429
    assert_no_secret(refused)
    # Another group is not affected.
    path = f"/members/groups/{other.slug}/contact/"
    assert (
        post(
            client, message(email="g9@visitor.example"), path=path, address="203.0.113.9"
        ).status_code
        == 302
    )
    rewind(hours=24.1)
    assert (
        post(client, message(email="g9@visitor.example"), address="203.0.113.9").status_code == 302
    )


def test_robots_do_not_use_up_a_groups_quota(client, group, settings):
    settings.RELAY_RATE_PER_GROUP = "1/d"
    for n in range(3):
        trapped = message(email=f"bot{n}@spam.example", homepage="x")
        assert post(client, trapped, address=f"203.0.113.{n}").status_code == 302
    assert post(client).status_code == 302
    assert len(mail.outbox) == 2


# ----------------------------------------------------------------------------- availability


@pytest.mark.parametrize(
    ("change", "text"),
    [
        ({"accepts_messages": False}, "連絡フォームでのメッセージを受け付けていません"),
        ({"contact_email": ""}, "連絡先のメールアドレスが登録されていない"),
    ],
)
def test_an_opted_out_group_or_one_without_an_address_shows_a_message_and_no_form(
    client, group, change, text
):
    for name, value in change.items():
        setattr(group, name, value)
    group.save()
    for response in (client.get(PAGE), client.get(CONTACT)):
        body = response.content.decode()
        assert response.status_code == 200
        assert 'data-testid="relay-unavailable"' in body and text in body
        assert 'data-testid="relay-form"' not in body
        assert 'name="message"' not in body
    refused = post(client)
    assert refused.status_code == 403
    assert mail.outbox == [] and not RelayMessage.objects.exists()


@pytest.mark.parametrize("visibility", [Visibility.MEMBERS, Visibility.SECRETARIAT])
def test_a_group_the_visitor_may_not_see_answers_404(client, group, visibility):
    group.visibility = visibility
    group.consent_tier = visibility
    group.save()
    assert client.get(PAGE).status_code == 404
    assert client.get(CONTACT).status_code == 404
    assert post(client).status_code == 404
    assert client.get(SENT).status_code == 404
    assert mail.outbox == []
    assert client.get("/members/groups/no-such-group/contact/").status_code == 404


def test_a_withdrawn_group_answers_404(client, group):
    group.consent_withdrawn_at = group.consent_given_at
    group.save()
    assert post(client).status_code == 404
    assert mail.outbox == []


def test_a_network_member_may_write_to_a_members_only_group(client, group, django_user_model):
    from django.contrib.auth.models import Group

    from members.models.privacy import NETWORK_MEMBERS_GROUP

    group.visibility = group.consent_tier = Visibility.MEMBERS
    group.save()
    user = django_user_model.objects.create_user(username="kaiin")
    user.groups.add(Group.objects.get(name=NETWORK_MEMBERS_GROUP))
    client.force_login(user)
    assert 'data-testid="relay-form"' in client.get(PAGE).content.decode()
    assert post(client).status_code == 302
    assert mail.outbox[0].to == [SECRET_ADDRESS]
