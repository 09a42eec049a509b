"""Password reset (Django's views, mail in the page's language, never telling whether an
address has an account), password change, and the header's account links."""

import pytest
from django.contrib.auth.models import User

from .conftest import PASSWORD, link_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def hanako(db):
    return User.objects.create_user("hanako", email="hanako@example.org", password="old-password")


@pytest.mark.parametrize(
    ("prefix", "words"),
    [("", "新しいパスワードを設定"), ("/en", "set a new password")],
)
def test_a_reset_mail_in_the_page_language_sets_a_new_password(
    client, hanako, outbox, prefix, words
):
    response = client.post(f"{prefix}/accounts/password-reset/", {"email": "HANAKO@example.org"})
    assert response.status_code == 302
    assert response["Location"] == f"{prefix}/accounts/password-reset/sent/"
    (message,) = outbox
    assert message.to == ["hanako@example.org"]
    assert words in message.body
    path = link_in(message)
    assert path.startswith(f"{prefix}/accounts/password-reset/")

    form = client.get(path, follow=True)
    assert form.status_code == 200
    assert 'autocomplete="new-password"' in form.content.decode()
    done = client.post(
        form.redirect_chain[-1][0], {"new_password1": PASSWORD, "new_password2": PASSWORD}
    )
    assert done["Location"] == f"{prefix}/accounts/password-reset/done/"
    hanako.refresh_from_db()
    assert hanako.check_password(PASSWORD)
    # The link worked once.
    client.logout()
    again = client.get(path, follow=True).content.decode()
    assert 'name="new_password1"' not in again
    assert 'role="alert"' in again


def test_the_reset_page_says_the_same_for_known_and_unknown_addresses(client, hanako, outbox):
    known = client.post("/en/accounts/password-reset/", {"email": "hanako@example.org"})
    unknown = client.post("/en/accounts/password-reset/", {"email": "nobody@example.org"})
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    assert len(outbox) == 1
    first = client.get(known["Location"]).content.decode()
    assert first == client.get(unknown["Location"]).content.decode()
    assert "If an account uses the address you entered" in first


def test_the_reset_link_names_the_configured_site_not_the_request_host(
    client, hanako, outbox, settings
):
    settings.ALLOWED_HOSTS = ["*"]
    client.post(
        "/accounts/password-reset/", {"email": "hanako@example.org"}, HTTP_HOST="evil.example"
    )
    assert "evil.example" not in outbox[0].body
    assert settings.SITE_URL in outbox[0].body


@pytest.mark.parametrize(
    ("prefix", "words"), [("", "パスワードをお忘れですか"), ("/en", "Forgot your password?")]
)
def test_the_login_page_links_to_the_reset(client, prefix, words):
    page = client.get(f"{prefix}/accounts/login/").content.decode()
    assert f'href="{prefix}/accounts/password-reset/"' in page
    assert words in page


def test_a_logged_in_member_changes_their_password(client, hanako):
    assert client.get("/accounts/password/")["Location"].startswith("/accounts/login/")
    client.force_login(hanako)
    assert client.get("/en/accounts/password/").status_code == 200
    response = client.post(
        "/en/accounts/password/",
        {"old_password": "old-password", "new_password1": PASSWORD, "new_password2": PASSWORD},
    )
    assert response["Location"] == "/en/accounts/password/done/"
    hanako.refresh_from_db()
    assert hanako.check_password(PASSWORD)
    # Still logged in: Django keeps the session valid after one's own change.
    assert client.get("/en/accounts/password/done/").status_code == 200


def test_a_wrong_old_password_changes_nothing(client, hanako):
    client.force_login(hanako)
    response = client.post(
        "/en/accounts/password/",
        {"old_password": "wrong", "new_password1": PASSWORD, "new_password2": PASSWORD},
    )
    assert response.status_code == 200
    hanako.refresh_from_db()
    assert hanako.check_password("old-password")


@pytest.mark.parametrize(("prefix", "label"), [("", "マイページ"), ("/en", "My page")])
def test_the_header_links_my_page_when_logged_in(client, hanako, home_pages, prefix, label):
    anonymous = client.get(f"{prefix}/accounts/login/").content.decode()
    assert f'href="{prefix}/mypage/"' not in anonymous
    client.force_login(hanako)
    page = client.get(f"{prefix}/accounts/login/").content.decode()
    assert f'<a class="account-my" href="{prefix}/mypage/">{label}</a>' in page


def test_a_reset_lifts_the_lockout_of_the_account(client, hanako, outbox, settings):
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        locked = client.post(
            "/en/accounts/login/", {"username": "hanako", "password": f"no-{attempt}"}
        )
    assert locked.status_code == 429
    client.post("/en/accounts/password-reset/", {"email": "hanako@example.org"})
    form = client.get(link_in(outbox[0]), follow=True)
    client.post(form.redirect_chain[-1][0], {"new_password1": PASSWORD, "new_password2": PASSWORD})
    response = client.post("/en/accounts/login/", {"username": "hanako", "password": PASSWORD})
    assert response.status_code == 302
