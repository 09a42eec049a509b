"""Issue 10, part 1: an invitation by e-mail, accepted once by setting a password, before it
expires; the account is made or reused and linked to the entry."""

from datetime import timedelta
from unittest import mock

import pytest
from django.contrib.auth.models import User
from django.core import signing
from django.utils import timezone

from accounts import invitations
from accounts.models import Invitation

from .conftest import PASSWORD, link_in

pytestmark = pytest.mark.django_db


def send(entry, email="taro@example.org", language="ja"):
    return invitations.invite(email=email, entry=entry, invited_by=None, language=language)


def set_password(client, path, password=PASSWORD):
    return client.post(path, {"new_password1": password, "new_password2": password})


def test_accepting_makes_an_account_links_the_group_and_logs_in(client, hidden_group, outbox):
    send(hidden_group)
    path = link_in(outbox[0])

    form = client.get(path)
    assert form.status_code == 200
    assert "事務局だけの会" in form.content.decode()
    response = set_password(client, path)

    assert response.status_code == 302
    assert response["Location"] == "/mypage/"
    user = User.objects.get(username="taro@example.org")
    assert user.email == "taro@example.org"
    assert user.check_password(PASSWORD)
    assert list(hidden_group.managers.all()) == [user]
    assert int(client.session["_auth_user_id"]) == user.pk
    invitation = Invitation.objects.get()
    assert invitation.accepted_by == user
    assert invitation.accepted_at is not None


def test_accepting_links_a_person_to_their_own_entry(client, person, outbox):
    send(person, email="hanako@example.org", language="en")
    response = set_password(client, link_in(outbox[0]))
    assert response["Location"] == "/en/mypage/"
    person.refresh_from_db()
    assert person.user.username == "hanako@example.org"
    assert person.manager_accounts() == [person.user]


def test_an_existing_account_is_reused_by_its_address(client, hidden_group, outbox):
    existing = User.objects.create_user("taro", email="Taro@Example.org", password="old-one")
    send(hidden_group, email="ｔａｒｏ@EXAMPLE.org ")
    path = link_in(outbox[0])
    assert "ログインのユーザー名: taro" in outbox[0].body
    page = client.get(f"/en{path}").content.decode()
    assert "already has an account" in page
    assert "Your user name: <strong>taro</strong>" in page
    set_password(client, path)
    existing.refresh_from_db()
    assert User.objects.count() == 1
    assert existing.check_password(PASSWORD)
    assert list(existing.managed_groups.all()) == [hidden_group]


def test_the_address_is_normalised_to_the_user_name(hidden_group, outbox):
    invitation = send(hidden_group, email=" ＴＡＲＯ@Example.ORG")
    assert invitation.email == "taro@example.org"
    assert outbox[0].to == ["taro@example.org"]


@pytest.mark.parametrize(
    ("language", "prefix", "words"),
    [
        ("ja", "/accounts/invitation/", "パスワードを設定"),
        ("en", "/en/accounts/invitation/", "set a password"),
    ],
)
def test_the_mail_is_in_the_chosen_language(hidden_group, outbox, language, prefix, words):
    send(hidden_group, language=language)
    (message,) = outbox
    assert words in message.body
    assert "事務局だけの会" in message.subject
    assert link_in(message).startswith(prefix)
    other = "set a password" if language == "ja" else "パスワードを設定"
    assert other not in message.body


def test_the_mail_keeps_the_name_as_written(outbox):
    from members.factories import GroupMemberFactory

    send(GroupMemberFactory(name="Tom & Jerry's <club>"))
    assert "Tom & Jerry's <club>" in outbox[0].body
    assert "Tom & Jerry's <club>" in outbox[0].subject


def test_a_used_link_is_refused(client, hidden_group, outbox):
    send(hidden_group)
    path = link_in(outbox[0])
    set_password(client, path)
    client.logout()

    again = client.get(path)
    assert again.status_code == 410
    assert "already accepted" in client.get(f"/en{path}").content.decode()
    assert "事務局だけの会" not in again.content.decode()
    assert set_password(client, path, "another-long-passphrase-77").status_code == 410
    assert User.objects.get().check_password(PASSWORD)
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize(
    "tamper",
    [
        lambda token: token[:-1] + ("A" if token[-1] != "A" else "B"),
        lambda token: token[: len(token) // 2],
        lambda token: signing.dumps(signing.loads(token, salt=invitations.SALT), salt="other"),
        lambda token: "not-a-token",
    ],
    ids=["changed", "cut-short", "other-salt", "garbage"],
)
def test_a_tampered_link_is_refused(client, hidden_group, outbox, tamper):
    invitation = send(hidden_group)
    path = f"/en/accounts/invitation/{tamper(invitations.token_for(invitation))}/"
    response = client.get(path)
    assert response.status_code == 400
    page = response.content.decode()
    assert "The link is not valid" in page
    assert "事務局だけの会" not in page and "taro@example.org" not in page
    assert set_password(client, path).status_code == 400
    assert not User.objects.exists()


def test_a_link_for_another_invitation_id_is_refused(client, hidden_group, person):
    first = send(hidden_group)
    send(person, email="someone-else@example.org")
    # A validly signed link whose address does not match the row it names.
    token = signing.dumps([first.pk + 1, first.email], salt=invitations.SALT)
    assert client.get(f"/accounts/invitation/{token}/").status_code == 400


def test_a_link_expires_after_the_configured_days(client, hidden_group, outbox, settings):
    settings.INVITATION_DAYS = 3
    invitation = send(hidden_group)
    path = f"/en{link_in(outbox[0])}"
    almost = invitation.created_at + timedelta(days=3) - timedelta(seconds=1)
    with mock.patch("django.utils.timezone.now", return_value=almost):
        assert client.get(path).status_code == 200
    with mock.patch("django.utils.timezone.now", return_value=almost + timedelta(seconds=1)):
        expired = client.get(path)
        assert expired.status_code == 410
        assert "The link has expired" in expired.content.decode()
        assert "事務局だけの会" not in expired.content.decode()
        assert set_password(client, path).status_code == 410
    assert not User.objects.exists()
    assert not hidden_group.managers.exists()


def test_shortening_the_setting_ends_links_already_sent(client, hidden_group, outbox, settings):
    invitation = send(hidden_group)
    Invitation.objects.filter(pk=invitation.pk).update(
        created_at=timezone.now() - timedelta(days=5)
    )
    path = link_in(outbox[0])
    assert client.get(path).status_code == 200
    settings.INVITATION_DAYS = 5
    assert client.get(path).status_code == 410


def test_a_weak_password_is_refused_with_the_validators_message(client, hidden_group, outbox):
    send(hidden_group)
    path = f"/en{link_in(outbox[0])}"
    response = set_password(client, path, "12345678")
    assert response.status_code == 200
    assert "This password is too common." in response.content.decode()
    assert not User.objects.exists()
    assert Invitation.objects.get().accepted_at is None


def test_a_person_linked_to_another_account_cannot_be_taken_over(client, person, outbox):
    send(person, email="hanako@example.org")
    owner = User.objects.create_user("owner@example.org", password="x")
    person.user = owner
    person.save()

    response = client.get(f"/en{link_in(outbox[0])}")
    assert response.status_code == 409
    assert "cannot be accepted" in response.content.decode()
    assert set_password(client, link_in(outbox[0])).status_code == 409
    person.refresh_from_db()
    assert person.user == owner
    assert not User.objects.filter(username="hanako@example.org").exists()
    # The secretariat hears of it when inviting, too.
    with pytest.raises(invitations.AccountUnavailable):
        send(person, email="hanako@example.org")


def test_an_account_that_has_its_own_entry_cannot_take_another(person):
    from members.factories import IndividualMemberFactory

    user = User.objects.create_user("hanako@example.org", password="x")
    IndividualMemberFactory(user=user)
    with pytest.raises(invitations.AccountUnavailable):
        send(person, email="hanako@example.org")


def test_a_disabled_account_is_not_revived(hidden_group, outbox):
    User.objects.create_user("taro@example.org", password="x", is_active=False)
    with pytest.raises(invitations.AccountUnavailable):
        send(hidden_group)
    assert not Invitation.objects.exists()
    assert not outbox


def test_nothing_is_recorded_when_the_mail_cannot_be_sent(hidden_group):
    with (
        mock.patch("django.core.mail.EmailMessage.send", side_effect=OSError("no server")),
        pytest.raises(OSError),
    ):
        send(hidden_group)
    assert not Invitation.objects.exists()


def test_accept_is_refused_once_used_even_without_the_view(hidden_group):
    invitation = send(hidden_group)
    invitations.accept(invitation=invitation, password=PASSWORD)
    with pytest.raises(invitations.UsedLink):
        invitations.accept(invitation=invitation, password="another-long-passphrase-77")
