"""Finding 6: every login form is throttled by django-axes (AXES_FAILURE_LIMIT wrong passwords
for one username from one address lock that pair out), and /django-admin/ is gone."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

pytestmark = pytest.mark.django_db

RIGHT = "right-password-for-tests"
MEMBER_LOGIN = "/en/accounts/login/"
ADMIN_LOGIN = "/admin/login/"


def fail_until_locked(client, url, username, limit):
    """Posts wrong passwords; the ones before the limit are ordinary failures."""
    for attempt in range(1, limit + 1):
        response = client.post(url, {"username": username, "password": f"wrong-{attempt}"})
        if attempt < limit:
            assert response.status_code == 200, attempt
            assert "_auth_user_id" not in client.session
    return response


@pytest.mark.parametrize("url", [MEMBER_LOGIN, ADMIN_LOGIN])
def test_the_attempt_after_the_limit_is_refused_even_with_the_right_password(client, settings, url):
    User.objects.create_user("secretary", password=RIGHT, is_staff=True, is_superuser=True)
    limit = settings.AXES_FAILURE_LIMIT
    assert limit >= 3

    locked = fail_until_locked(client, url, "secretary", limit)
    assert locked.status_code == 429

    refused = client.post(url, {"username": "secretary", "password": RIGHT})
    assert refused.status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_lower_limit_from_the_settings_applies(client, settings):
    settings.AXES_FAILURE_LIMIT = 3
    User.objects.create_user("member", password=RIGHT)
    assert fail_until_locked(client, MEMBER_LOGIN, "member", 3).status_code == 429
    assert client.post(MEMBER_LOGIN, {"username": "member", "password": RIGHT}).status_code == 429


def test_one_form_counts_the_other_forms_failures(client, settings):
    User.objects.create_user("member", password=RIGHT)
    limit = settings.AXES_FAILURE_LIMIT
    fail_until_locked(client, ADMIN_LOGIN, "member", limit - 1)
    response = client.post(MEMBER_LOGIN, {"username": "member", "password": "wrong"})
    assert response.status_code == 429


def test_lockout_is_for_that_username_only(client, settings):
    User.objects.create_user("member", password=RIGHT)
    User.objects.create_user("other", password=RIGHT)
    fail_until_locked(client, MEMBER_LOGIN, "member", settings.AXES_FAILURE_LIMIT)
    response = client.post(MEMBER_LOGIN, {"username": "other", "password": RIGHT})
    assert response.status_code == 302
    assert client.session["_auth_user_id"]


def test_a_success_before_the_limit_resets_the_count(client, settings):
    User.objects.create_user("member", password=RIGHT)
    limit = settings.AXES_FAILURE_LIMIT
    fail_until_locked(client, MEMBER_LOGIN, "member", limit - 1)
    assert client.post(MEMBER_LOGIN, {"username": "member", "password": RIGHT}).status_code == 302
    client.post(reverse("logout"))
    fail_until_locked(client, MEMBER_LOGIN, "member", limit - 1)
    assert client.post(MEMBER_LOGIN, {"username": "member", "password": RIGHT}).status_code == 302


@pytest.mark.parametrize(
    ("url", "title", "detail"),
    [
        ("/en/accounts/login/", "Too many log-in attempts", "blocked for 30 minutes"),
        ("/accounts/login/", "ログインの試行が多すぎます", "30分間"),
    ],
)
def test_the_lockout_page_says_why_in_the_visitors_language(client, settings, url, title, detail):
    settings.AXES_COOLOFF_TIME = timedelta(minutes=30)
    User.objects.create_user("member", password=RIGHT)
    response = fail_until_locked(client, url, "member", settings.AXES_FAILURE_LIMIT)
    assert response.status_code == 429
    page = response.content.decode()
    assert title in page
    assert detail in page


def test_the_unused_django_admin_is_gone(client):
    User.objects.create_superuser("root", password=RIGHT)
    client.force_login(User.objects.get(username="root"))
    assert client.get("/django-admin/").status_code == 404
    assert client.get("/django-admin/login/").status_code == 404
