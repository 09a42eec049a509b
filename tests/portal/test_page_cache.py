"""The page cache serves anonymous visitors only, and never shows what has changed since.

Each test turns the cache on (the suite runs with it off) and starts from an empty store.
"""

import datetime
import os
import uuid

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.cache import caches
from django.http import HttpResponse
from django.test import Client
from django.utils import timezone
from wagtail.models import Site

from caching import expiry, policy
from caching.middleware import HEADER
from members.models import IndividualMember, Prefecture, Visibility
from members.models.privacy import NETWORK_MEMBERS_GROUP
from portal.models import SiteSettings, StandardPage

pytestmark = pytest.mark.django_db


def _redis_url() -> str:
    # CI's redis-server on its default port, database 15; REDIS_TEST_URL points elsewhere.
    return os.environ.get("REDIS_TEST_URL", "redis://127.0.0.1:6379/15")


LOCMEM_CACHES = {
    alias: {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": f"tsunagaru-test-{alias}",
    }
    for alias in ("default", "pages")
}
REDIS_CACHES = {
    alias: {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": _redis_url(),
        "KEY_PREFIX": f"tsunagaru-test-{uuid.uuid4().hex[:8]}-{alias}",
    }
    for alias in ("default", "pages")
}


@pytest.fixture(params=["locmem", pytest.param("redis", marks=pytest.mark.redis)])
def page_cache(request, settings, home_pages):
    """The page cache on, empty, in this process's memory and then on Redis."""
    settings.CACHES = REDIS_CACHES if request.param == "redis" else LOCMEM_CACHES
    if request.param == "redis":
        try:
            caches["pages"].get("ping")
        except Exception as error:  # a missing server fails the test, it never skips
            pytest.fail(f"Redis is not answering at {_redis_url()}: {error}")
    settings.PAGE_CACHE_SECONDS = 300
    # Both aliases: a LocMem store outlives its settings, and a site (with its root page)
    # kept from an earlier test would point at rows that test rolled back.
    for alias in ("default", "pages"):
        caches[alias].clear()
    # Wagtail creates the site settings on first use; that save would empty the cache
    # in the middle of the first request of a test.
    for site in Site.objects.all():
        SiteSettings.for_site(site)
    yield caches["pages"]
    for alias in ("default", "pages"):
        caches[alias].clear()


@pytest.fixture
def member_client(db):
    user = User.objects.create_user(username="kaiin-tanaka", first_name="会員田中")
    user.groups.add(Group.objects.get(name=NETWORK_MEMBERS_GROUP))
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def secretariat_client(db):
    client = Client()
    client.force_login(User.objects.create_superuser(username="jimukyoku-sato", password="x"))
    return client


@pytest.fixture
def group_with_person(make_group):
    """A public group with one affiliated individual whom only network members may see."""
    group = make_group("名古屋外国人支援の会")
    IndividualMember.objects.create(
        name="非公開 花子",
        kana="ひこうかい はなこ",
        member_number="I-CACHE-1",
        prefecture=Prefecture.objects.get(code="23"),
        affiliation=group,
        visibility=Visibility.MEMBERS,
        consent_given_at=timezone.now(),
        consent_tier=Visibility.MEMBERS,
    )
    return group


def test_anonymous_page_is_stored_then_served_from_the_cache(page_cache, client, home_pages):
    first = client.get("/")
    second = client.get("/")
    assert (first[HEADER], second[HEADER]) == ("miss", "hit")
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    # The language is part of the key: the English home is a page of its own.
    assert client.get("/en/")[HEADER] == "miss"


def test_a_members_view_is_never_stored_nor_served_a_stored_page(
    page_cache, client, member_client, group_with_person
):
    url = group_with_person.get_absolute_url()
    seen_by_member = member_client.get(url)
    assert seen_by_member[HEADER] == "bypass"
    assert "非公開 花子" in seen_by_member.content.decode()

    anonymous = client.get(url)
    assert anonymous[HEADER] == "miss"
    assert "非公開 花子" not in anonymous.content.decode()
    assert "会員田中" not in anonymous.content.decode()
    assert client.get(url)[HEADER] == "hit"

    # The member still gets their own page, not the stored anonymous one.
    again = member_client.get(url)
    assert again[HEADER] == "bypass"
    assert "非公開 花子" in again.content.decode()


def test_the_secretariats_view_is_never_served_to_anyone_else(
    page_cache, client, secretariat_client, group_with_person
):
    url = group_with_person.get_absolute_url()
    for _ in range(2):
        response = secretariat_client.get(url)
        assert response[HEADER] == "bypass"
        assert "jimukyoku-sato" in response.content.decode()
    anonymous = client.get(url).content.decode()
    assert "jimukyoku-sato" not in anonymous
    assert "非公開 花子" not in anonymous


def test_a_session_cookie_alone_keeps_a_request_out_of_the_cache(page_cache, client, home_pages):
    client.get("/")
    assert client.get("/")[HEADER] == "hit"
    client.cookies[settings.SESSION_COOKIE_NAME] = "anything"
    assert client.get("/")[HEADER] == "bypass"
    other = Client()
    other.cookies["messages"] = "a-flash-message"
    assert other.get("/")[HEADER] == "bypass"


def test_a_member_hidden_after_caching_disappears_from_the_anonymous_page(
    page_cache, client, make_group
):
    group = make_group("仙台移住女性シェルター")
    url = group.get_absolute_url()
    assert client.get(url).status_code == 200
    assert client.get(url)[HEADER] == "hit"
    group.visibility = Visibility.MEMBERS
    group.save()
    assert client.get(url).status_code == 404


def test_a_bulk_lapse_after_caching_empties_the_cache(page_cache, client, make_group):
    # members.lifecycle writes with one UPDATE: no post_save, only its own signal.
    from members.lifecycle import set_status
    from members.models import GroupMember, Status

    group = make_group("一括で失効する会")
    url = group.get_absolute_url()
    assert client.get(url).status_code == 200
    assert client.get(url)[HEADER] == "hit"
    set_status(members=GroupMember.objects.filter(pk=group.pk), status=Status.LAPSED)
    assert client.get(url).status_code == 404


def test_home_counts_follow_a_member_change(page_cache, client, home_pages, make_group):
    make_group("一つ目の会")
    before = client.get("/").content
    assert client.get("/")[HEADER] == "hit"
    make_group("二つ目の会")
    after = client.get("/")
    assert after[HEADER] == "miss"
    assert after.content != before


def test_publishing_a_page_empties_the_cache(page_cache, client, home_pages):
    page = StandardPage(title="参加のしかた", slug="join")
    home_pages["ja"].add_child(instance=page)
    page.save_revision().publish()
    assert "参加のしかた" in client.get("/join/").content.decode()
    assert client.get("/join/")[HEADER] == "hit"
    page.title = "入会のご案内"
    page.save_revision().publish()
    response = client.get("/join/")
    assert response[HEADER] == "miss"
    assert "入会のご案内" in response.content.decode()
    page.unpublish()
    assert client.get("/join/").status_code == 404


def test_no_cache_for_post_preview_or_the_admin(page_cache, client, home_pages):
    client.post("/")
    assert client.get("/")[HEADER] == "miss"
    for url in ["/?preview=1", "/admin/", "/admin/login/", "/accounts/login/"]:
        for _ in range(2):
            assert client.get(url).get(HEADER) != "hit", url
    assert client.get("/?preview=1")[HEADER] == "bypass"


def test_no_cached_page_carries_a_csrf_token(page_cache, client, home_pages):
    client.get("/")
    cached = client.get("/")
    assert cached[HEADER] == "hit"
    assert "csrfmiddlewaretoken" not in cached.content.decode()
    assert "Set-Cookie" not in cached
    login = client.get("/accounts/login/")
    assert "csrfmiddlewaretoken" in login.content.decode()
    assert HEADER not in login


def test_cache_off_when_ttl_is_zero(page_cache, settings, client, home_pages):
    settings.PAGE_CACHE_SECONDS = 0
    assert HEADER not in client.get("/")
    assert HEADER not in client.get("/")


@pytest.mark.parametrize(
    "change",
    [
        lambda r: r.set_cookie("csrftoken", "secret"),
        lambda r: r.__setitem__("Cache-Control", "private"),
        lambda r: r.__setitem__("Vary", "Cookie, User-Agent"),
        lambda r: r.__setitem__("Content-Security-Policy", "script-src 'nonce-abc123'"),
        lambda r: setattr(r, "status_code", 302),
    ],
    ids=["sets-cookie", "private", "varies-on-user-agent", "csp-nonce", "redirect"],
)
def test_responses_that_differ_per_visitor_are_not_stored(change):
    response = HttpResponse("page")
    response["Vary"] = "Cookie, Accept-Language"
    assert policy.may_store(response)
    change(response)
    assert not policy.may_store(response)


def test_a_page_is_never_kept_past_the_next_expire_at(home_pages):
    now = timezone.now()
    assert expiry.seconds_to_keep(300, now=now) == 300
    page = StandardPage(
        title="期限つき", slug="soon", expire_at=now + datetime.timedelta(seconds=90)
    )
    home_pages["ja"].add_child(instance=page)
    page.save_revision().publish()
    assert 0 < expiry.seconds_to_keep(300, now=now) <= 90
    assert expiry.seconds_to_keep(0, now=now) == 0


def test_forms_get_their_token_from_the_csrf_endpoint(member_client):
    member_client.handler.enforce_csrf_checks = True
    assert member_client.post("/accounts/logout/").status_code == 403
    response = member_client.get("/csrf/")
    assert "no-store" in response["Cache-Control"]
    token = response.json()["token"]
    assert (
        member_client.post("/accounts/logout/", {"csrfmiddlewaretoken": token}).status_code == 302
    )


@pytest.fixture
def indices(settings):
    """Fresh Elasticsearch indices under a prefix of this test's own; removed afterwards."""
    from search.client import breaker, get_client
    from search.indexing import ensure_indices

    settings.SEARCH_INDEX_PREFIX = f"{settings.SEARCH_INDEX_PREFIX}-cache-{uuid.uuid4().hex[:8]}"
    breaker.reset()
    ensure_indices()
    yield
    breaker.reset()
    names = list(get_client().indices.get(index=f"{settings.SEARCH_INDEX_PREFIX}-*").keys())
    if names:
        get_client().indices.delete(index=",".join(names))


@pytest.mark.elasticsearch
def test_the_directory_never_shows_a_member_hidden_since_it_was_cached(
    page_cache, indices, client, make_group, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        group = make_group("キャッシュ確認の会")
    url = "/members/?q=キャッシュ確認"
    assert "キャッシュ確認の会" in client.get(url).content.decode()
    assert client.get(url)[HEADER] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        group.visibility = Visibility.MEMBERS
        group.save()
    response = client.get(url)
    assert response[HEADER] == "miss"
    assert "キャッシュ確認の会" not in response.content.decode()
