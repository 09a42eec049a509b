"""Yearly confirmation (issue 10, part 4): who is reminded, the signed 「内容に変更なし」 link,
the admin's filter and report, and what the pages show. Ranking is in
tests/search/test_confirmation_ranking.py (the real Elasticsearch)."""

import datetime as dt
import re
import time

import pytest
from django.contrib.auth.models import User
from django.core import mail, signing
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import ModelLogEntry

from members import confirmation
from members.confirmation import months_before, send_reminders
from members.factories import GroupMemberFactory, IndividualMemberFactory
from members.models import GroupMember, IndividualMember, Status
from portal.mail import remember_mail_language

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 27)
# The day before which an entry is due (CONFIRMATION_REMIND_MONTHS = 11 by default).
DUE_BEFORE = dt.date(2025, 12, 27)


def manager(name: str, *, email: str | None = None, active: bool = True) -> User:
    return User.objects.create_user(
        username=name, email=f"{name}@example.org" if email is None else email, is_active=active
    )


def group(name: str, *, managers=(), **fields) -> GroupMember:
    member = GroupMemberFactory(name=name, **fields)
    member.managers.set(managers)
    return member


def due_names(today=TODAY) -> set[str]:
    return {
        m.name
        for model in (GroupMember, IndividualMember)
        for m in confirmation.due_for_reminder(model, today=today)
    }


def token_in(message) -> str:
    return re.search(r"/members/confirm/([^/\s]+)/", message.body).group(1)


# ----------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (dt.date(2026, 11, 27), 11, dt.date(2025, 12, 27)),
        (dt.date(2026, 11, 27), 18, dt.date(2025, 5, 27)),
        (dt.date(2026, 3, 31), 1, dt.date(2026, 2, 28)),
        (dt.date(2024, 3, 31), 1, dt.date(2024, 2, 29)),
        (dt.date(2026, 1, 15), 1, dt.date(2025, 12, 15)),
        (dt.date(2026, 1, 15), 0, dt.date(2026, 1, 15)),
    ],
)
def test_months_before(day, months, expected):
    assert months_before(day, months) == expected


def test_settings_move_the_cutoffs(settings):
    assert confirmation.remind_before(TODAY) == DUE_BEFORE
    assert confirmation.stale_before(TODAY) == dt.date(2025, 5, 27)
    settings.CONFIRMATION_REMIND_MONTHS = 6
    settings.CONFIRMATION_STALE_MONTHS = 24
    assert confirmation.remind_before(TODAY) == dt.date(2026, 5, 27)
    assert confirmation.stale_before(TODAY) == dt.date(2024, 11, 27)


# ----------------------------------------------------------------------------- selection


def test_selects_exactly_the_stale_listed_entries():
    a_day = dt.timedelta(days=1)
    group("境界の前日", last_confirmed=DUE_BEFORE - a_day)
    group("境界の当日", last_confirmed=DUE_BEFORE)
    group("最近確認", last_confirmed=TODAY - dt.timedelta(days=30))
    # Never confirmed: counted from joining, else from the day it was recorded.
    group("未確認で古い入会", last_confirmed=None, member_since=dt.date(2020, 4, 1))
    group("未確認で最近入会", last_confirmed=None, member_since=TODAY - a_day)
    old_record = group("未確認で古い登録", last_confirmed=None, member_since=None)
    GroupMember.objects.filter(pk=old_record.pk).update(
        created_at=timezone.make_aware(dt.datetime(2024, 1, 1, 12))
    )
    group("未確認で新しい登録", last_confirmed=None, member_since=None)
    # Not listed: nobody's to confirm.
    group("失効した会", last_confirmed=dt.date(2020, 1, 1), status=Status.LAPSED)
    group("撤回した会", last_confirmed=dt.date(2020, 1, 1), consent_withdrawn_at=timezone.now())
    group("未同意の会", last_confirmed=dt.date(2020, 1, 1), consent_given_at=None)
    # Reminded within the last month: not again yet; a month ago: again.
    recently = timezone.make_aware(dt.datetime(2026, 11, 1, 9))
    group("最近催促", last_confirmed=dt.date(2020, 1, 1), confirmation_reminded_at=recently)
    long_ago = timezone.make_aware(dt.datetime(2026, 10, 20, 9))
    group("先月催促", last_confirmed=dt.date(2020, 1, 1), confirmation_reminded_at=long_ago)
    IndividualMemberFactory(name="古い 個人", last_confirmed=dt.date(2024, 4, 1))
    IndividualMemberFactory(name="新しい 個人", last_confirmed=TODAY)

    assert due_names() == {
        "境界の前日",
        "未確認で古い入会",
        "未確認で古い登録",
        "先月催促",
        "古い 個人",
    }


def test_reminders_go_to_every_active_manager_once(settings):
    settings.SITE_URL = "https://smj.example"
    alice, bob = manager("alice"), manager("bob")
    gone = manager("gone", active=False)
    stale = group("古い会", managers=[alice, bob, gone], last_confirmed=dt.date(2024, 1, 10))
    group("新しい会", managers=[alice], last_confirmed=TODAY)
    person_account = manager("hanako")
    IndividualMemberFactory(
        name="田中 花子", user=person_account, last_confirmed=dt.date(2024, 2, 1)
    )

    report = send_reminders(today=TODAY)

    assert sorted(m.to[0] for m in mail.outbox) == [
        "alice@example.org",
        "bob@example.org",
        "hanako@example.org",
    ]
    assert report.messages == 3
    first = next(m for m in mail.outbox if m.to == ["alice@example.org"])
    # Japanese unless the recipient's language is known: subject, body and links.
    assert "古い会" in first.subject and "ご確認" in first.subject
    assert "内容に変更なし" in first.body
    assert "最終確認日：2024年1月10日" in first.body
    assert "https://smj.example/members/confirm/" in first.body
    assert "https://smj.example/mypage/" in first.body
    stale.refresh_from_db()
    assert stale.confirmation_reminded_at is not None
    # The next day's run leaves them alone for a month.
    mail.outbox.clear()
    assert send_reminders(today=TODAY + dt.timedelta(days=1)).messages == 0
    assert mail.outbox == []


def test_a_manager_who_reads_in_english_is_reminded_in_english(settings):
    alice = manager("alice")
    remember_mail_language(user=alice, page_language="en")  # as /en/mypage/ does
    group("古い会", managers=[alice], name_en="Old Group", last_confirmed=None,
          member_since=dt.date(2019, 4, 1))  # fmt: skip
    send_reminders(today=TODAY)
    (message,) = mail.outbox
    assert message.subject == "[SMJ] Please confirm your directory entry (Old Group)"
    assert "never been confirmed (counted from 1 April 2019)" in message.body
    assert "/en/members/confirm/" in message.body
    assert "/en/mypage/" in message.body


def test_entries_without_managers_are_skipped_and_reported():
    orphan = group("管理者のいない会", last_confirmed=dt.date(2024, 1, 1))
    group("宛先のない会", managers=[manager("noaddress", email="")], last_confirmed=None,
          member_since=dt.date(2010, 1, 1))  # fmt: skip
    report = send_reminders(today=TODAY)
    assert {m.name for m in report.without_managers} == {"管理者のいない会", "宛先のない会"}
    assert report.reminded == [] and mail.outbox == []
    orphan.refresh_from_db()
    # Not marked: it is reported again every run until someone manages it.
    assert orphan.confirmation_reminded_at is None
    assert "管理者のいない会" in due_names()


def test_a_failing_message_is_reported_and_not_marked(monkeypatch):
    broken = group("送れない会", managers=[manager("alice")], last_confirmed=dt.date(2024, 1, 1))

    def refuse(self, fail_silently=False):
        raise OSError("connection refused")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", refuse)
    report = send_reminders(today=TODAY)
    assert [(m.name, error) for m, error in report.failed] == [("送れない会", "connection refused")]
    broken.refresh_from_db()
    assert broken.confirmation_reminded_at is None


def test_command_dry_run_lists_and_sends_nothing(capsys):
    stale = group("古い会", managers=[manager("alice")], last_confirmed=dt.date(2020, 1, 1))
    group("管理者のいない会", last_confirmed=dt.date(2020, 1, 1))
    group("新しい会", managers=[manager("bob")], last_confirmed=timezone.localdate())
    call_command("remind_confirmation", "--dry-run")
    out = capsys.readouterr().out
    assert f"would remind group {stale.member_number} 古い会: alice@example.org" in out
    assert "skipped group" in out and "管理者のいない会" in out
    assert "新しい会" not in out
    assert "1 entries would remind (1 messages), 1 without managers, 0 failed" in out
    assert mail.outbox == []
    stale.refresh_from_db()
    assert stale.confirmation_reminded_at is None

    call_command("remind_confirmation")
    assert [m.to for m in mail.outbox] == [["alice@example.org"]]
    assert "1 entries reminded (1 messages)" in capsys.readouterr().out


# ----------------------------------------------------------------------------- the link


@pytest.fixture
def reminded(settings):
    """A stale group, its manager and the link the reminder carried."""
    alice = manager("alice")
    member = group("古い会", managers=[alice], last_confirmed=dt.date(2024, 1, 10))
    send_reminders(today=TODAY)
    (message,) = mail.outbox
    return member, alice, reverse("members:confirm", kwargs={"token": token_in(message)})


def test_get_only_asks_and_post_confirms(client, reminded):
    member, alice, url = reminded
    page = client.get(url)
    assert page.status_code == 200
    assert "古い会" in page.content.decode()
    assert 'method="post"' in page.content.decode()
    member.refresh_from_db()
    assert member.last_confirmed == dt.date(2024, 1, 10)  # a mail scanner's GET changes nothing

    done = client.post(url)
    assert done.status_code == 200
    member.refresh_from_db()
    assert member.last_confirmed == timezone.localdate()
    entry = ModelLogEntry.objects.get(object_id=str(member.pk), action=confirmation.CONFIRM_ACTION)
    assert entry.user_id == alice.pk
    assert member not in confirmation.due_for_reminder(GroupMember)


def test_a_used_link_is_refused(client, reminded):
    _member, _alice, url = reminded
    client.post(url)
    for response in (client.get(url), client.post(url)):
        assert response.status_code == 410
        assert 'data-reason="used"' in response.content.decode()


def test_a_tampered_link_is_refused(client, reminded):
    member, _alice, url = reminded
    token = url.rstrip("/").rsplit("/", 1)[1]
    forged = signing.dumps(
        {"k": "group", "m": member.pk, "u": 1, "c": ""}, salt="some.other.salt", compress=True
    )
    for bad in (token[:-2] + ("AA" if token[-2:] != "AA" else "BB"), forged, "nonsense"):
        response = client.post(reverse("members:confirm", kwargs={"token": bad}))
        assert response.status_code == 400
        assert 'data-reason="tampered"' in response.content.decode()
    member.refresh_from_db()
    assert member.last_confirmed == dt.date(2024, 1, 10)


def test_an_expired_link_is_refused(client, monkeypatch):
    alice = manager("alice")
    member = group("古い会", managers=[alice], last_confirmed=dt.date(2024, 1, 10))
    signed_at = time.time() - confirmation.TOKEN_MAX_AGE.total_seconds() - 60
    monkeypatch.setattr(signing.time, "time", lambda: signed_at)
    token = confirmation.confirmation_token(member=member, manager=alice)
    monkeypatch.undo()
    response = client.post(reverse("members:confirm", kwargs={"token": token}))
    assert response.status_code == 410
    assert 'data-reason="expired"' in response.content.decode()
    member.refresh_from_db()
    assert member.last_confirmed == dt.date(2024, 1, 10)


def test_a_link_of_a_former_manager_or_a_withdrawn_entry_is_refused(client, reminded):
    member, alice, url = reminded
    member.managers.remove(alice)
    assert 'data-reason="gone"' in client.post(url).content.decode()
    member.managers.add(alice)
    member.consent_withdrawn_at = timezone.now()
    member.save()
    response = client.post(url)
    assert response.status_code == 410
    assert 'data-reason="gone"' in response.content.decode()


def test_refusal_pages_speak_english_too(client, reminded):
    _member, _alice, url = reminded
    client.post(url)
    # Inside override: a request leaves its language active in the test's thread.
    with translation.override("en"):
        page = client.get("/en" + url).content.decode()
    assert "This link has been used already" in page


# ----------------------------------------------------------------------------- the pages


@pytest.mark.usefixtures("search_down")
def test_group_page_shows_last_confirmed_and_the_stale_mark(client):
    fresh = group("新しい会", slug="fresh", last_confirmed=TODAY.replace(year=2026, month=10))
    stale = group("古い会", slug="stale", last_confirmed=dt.date(2020, 1, 1))
    page = client.get(fresh.get_absolute_url()).content.decode()
    assert "最終確認日" in page and "2026-10-27" in page
    assert "18か月以上未確認" not in page
    page = client.get(stale.get_absolute_url()).content.decode()
    assert "2020-01-01" in page and "18か月以上未確認" in page
    with translation.override("en"):  # reverse() now gives the /en/ address
        page = client.get(stale.get_absolute_url()).content.decode()
    assert "Last confirmed" in page and "Not confirmed for 18 months" in page


# ----------------------------------------------------------------------------- the admin


def test_admin_filter_lists_entries_unconfirmed_for_12_months(secretariat_client):
    today = timezone.localdate()
    group("一年以上前", last_confirmed=months_before(today, 12) - dt.timedelta(days=1))
    group("ちょうど一年", last_confirmed=months_before(today, 12))
    group("未確認で古い", last_confirmed=None, member_since=dt.date(2000, 1, 1))
    url = reverse("wagtailsnippets_members_groupmember:list")
    html = secretariat_client.get(url + "?unconfirmed=true").content.decode()
    assert "一年以上前" in html and "未確認で古い" in html
    assert "ちょうど一年" not in html
    html = secretariat_client.get(url + "?unconfirmed=false").content.decode()
    assert "ちょうど一年" in html and "一年以上前" not in html
    person = IndividualMemberFactory(name="古い 個人", last_confirmed=dt.date(2000, 1, 1))
    url = reverse("wagtailsnippets_members_individualmember:list")
    assert person.name in secretariat_client.get(url + "?unconfirmed=true").content.decode()


def test_admin_report_lists_stale_entries_with_managers(secretariat_client, editor_client):
    alice = User.objects.create_user("alice", first_name="Alice", last_name="Ito")
    group("古い会", managers=[alice], last_confirmed=dt.date(2020, 1, 1))
    group("新しい会", last_confirmed=timezone.localdate())
    IndividualMemberFactory(name="古い 個人", last_confirmed=dt.date(2021, 1, 1))
    group("撤回した会", last_confirmed=dt.date(2020, 1, 1), consent_withdrawn_at=timezone.now())
    response = secretariat_client.get(reverse("members_unconfirmed_report"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "古い会" in html and "Alice Ito" in html and "2020年1月1日" in html
    assert "古い 個人" in html
    assert "新しい会" not in html and "撤回した会" not in html
    # Oldest first.
    assert html.index("古い会") < html.index("古い 個人")
    assert editor_client.get(reverse("members_unconfirmed_report")).status_code == 200


def test_admin_report_is_refused_without_directory_rights(client):
    user = User.objects.create_user("staff", password="pw", is_staff=True)
    from django.contrib.auth.models import Permission

    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    response = client.get(reverse("members_unconfirmed_report"))
    assert response.status_code in (302, 403)
