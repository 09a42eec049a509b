"""Finding 9: staff sessions end when the browser closes and at most 8 hours after logging in;
members keep the ordinary session."""

import time
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, Permission, User

from members.models.privacy import NETWORK_MEMBERS_GROUP, SECRETARIAT_GROUP
from portal.middleware import STAFF_LOGIN_TIME_KEY

pytestmark = pytest.mark.django_db
PASSWORD = "pw-for-tests-only"
LOGIN = "/en/accounts/login/"


def user_in(group_name: str, username: str) -> User:
    user = User.objects.create_user(username, password=PASSWORD)
    user.groups.add(Group.objects.get_or_create(name=group_name)[0])
    return user


def logged_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_a_secretariat_login_gives_a_browser_session_cookie(client):
    user_in(SECRETARIAT_GROUP, "sec")
    response = client.post(LOGIN, {"username": "sec", "password": PASSWORD})
    assert response.status_code == 302
    cookie = response.cookies["sessionid"]
    assert cookie["expires"] == "" and cookie["max-age"] == ""
    assert client.session.get_expire_at_browser_close()


def test_an_admin_login_gives_a_browser_session_cookie_too(client):
    User.objects.create_user("staff", password=PASSWORD, is_staff=True)
    response = client.post("/admin/login/", {"username": "staff", "password": PASSWORD})
    assert response.status_code == 302
    assert response.cookies["sessionid"]["max-age"] == ""


def test_a_member_keeps_the_ordinary_session(client, settings):
    user_in(NETWORK_MEMBERS_GROUP, "member")
    response = client.post(LOGIN, {"username": "member", "password": PASSWORD})
    assert response.status_code == 302
    assert response.cookies["sessionid"]["max-age"] == settings.SESSION_COOKIE_AGE
    assert not client.session.get_expire_at_browser_close()


@pytest.mark.parametrize("kind", ["secretariat", "editor", "is_staff"])
def test_staff_are_logged_out_after_eight_hours(client, settings, kind):
    assert timedelta(hours=8) == settings.STAFF_SESSION_MAX_AGE
    if kind == "secretariat":
        user = user_in(SECRETARIAT_GROUP, "sec")
    elif kind == "editor":
        user = user_in("Editors: test", "editor")
        user.groups.get().permissions.add(
            Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
        )
    else:
        user = User.objects.create_user("staff", password=PASSWORD, is_staff=True)
    client.force_login(user)

    client.get("/en/")
    assert logged_in(client)
    session = client.session
    session[STAFF_LOGIN_TIME_KEY] = int(time.time()) - 8 * 3600 + 60
    session.save()
    client.get("/en/")
    assert logged_in(client)

    session = client.session
    session[STAFF_LOGIN_TIME_KEY] = int(time.time()) - 8 * 3600 - 1
    session.save()
    client.get("/en/")
    assert not logged_in(client)


def test_a_staff_session_from_before_the_limit_is_ended(client):
    user = user_in(SECRETARIAT_GROUP, "sec")
    client.force_login(user)
    session = client.session
    del session[STAFF_LOGIN_TIME_KEY]
    session.save()
    client.get("/en/")
    assert not logged_in(client)


def test_a_member_is_not_logged_out_by_the_staff_limit(client):
    client.force_login(user_in(NETWORK_MEMBERS_GROUP, "member"))
    client.get("/en/")
    assert logged_in(client)
