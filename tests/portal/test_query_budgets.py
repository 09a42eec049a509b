"""Every public page type stays within its SQL query budget, at 1× and at 20× the demo network.

The budgets are the issue's: at most 12 queries for an anonymous visitor and 15 for a logged-in
network member, with the page cache off. An N+1 (a query per listed page, group or image) shows
up as a count that grows with the data, so each page type is also measured once at 20×.

Each URL is asked twice, starting with every cache empty. The second request is the steady
state and must be within the budget. The first, cold one fills the caches of data that is the
same for every visitor (``caching.shared``: the site and its settings, the locales' home pages,
the menu, the membership counts, a member's staff decision; Wagtail's site root paths and image
renditions): it may take the budget plus the queries those fills take, counted as they happen,
and no more.
"""

import uuid
from dataclasses import dataclass

import pytest
from django.contrib.auth.models import Group, User
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from bench.replicate import replicate
from caching import shared
from members.models import GroupMember, IndividualMember
from members.models.privacy import NETWORK_MEMBERS_GROUP
from members.seed import seed_network
from projects.seed import ensure_site_content
from search.client import breaker, get_client
from search.indexing import ensure_indices, rebuild

pytestmark = [pytest.mark.django_db, pytest.mark.elasticsearch]

ANONYMOUS_BUDGET = 12
MEMBER_BUDGET = 15

PAGE_TYPES = [
    "home",
    "pillar",
    "subnetwork index",
    "subnetwork page",
    "news index",
    "news item",
    "event index",
    "event item",
    "m-net index",
    "m-net issue",
    "qa index",
    "qa item",
    "fund",
    "standard page",
    "directory",
    "directory query",
    "group page",
    "site search",
    "log-in",
]


@dataclass
class Demo:
    prefix: str
    urls: dict[str, str]


def _page_urls(tree) -> dict[str, str]:
    ja = {key: pages["ja"].url for key, pages in tree.items()}

    def first_below(section):
        return next(url for key, url in ja.items() if key.startswith(section + "/"))

    group = GroupMember.objects.filter(visibility="public").order_by("pk").first()
    return {
        "home": "/",
        "pillar": ja["about"],
        "subnetwork index": ja["projects"],
        "subnetwork page": first_below("projects"),
        "news index": ja["news"],
        "news item": first_below("news"),
        "event index": ja["events"],
        "event item": first_below("events"),
        "m-net index": ja["m-net"],
        "m-net issue": first_below("m-net"),
        "qa index": ja["qa"],
        "qa item": first_below("qa"),
        "fund": ja["fund"],
        "standard page": ja["join"],
        "directory": "/members/",
        "directory query": "/members/?q=技能実習&region=chubu",
        "group page": f"/members/groups/{group.slug}/",
        "site search": "/search/?q=技能実習",
        "log-in": "/accounts/login/",
    }


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo site and network in the database and in fresh indices, for this module."""
    prefix = f"tsunagaru-test-budget-{uuid.uuid4().hex[:8]}"
    with django_db_blocker.unblock(), override_settings(SEARCH_INDEX_PREFIX=prefix):
        breaker.reset()
        ensure_indices()
        tree = ensure_site_content()
        seed_network()
        for kind in ("members", "pages"):
            rebuild(kind)
        yield Demo(prefix=prefix, urls=_page_urls(tree))
        names = list(get_client().indices.get(index=f"{prefix}-*").keys())
        get_client().indices.delete(index=",".join(names))
        GroupMember.objects.all().delete()
        IndividualMember.objects.all().delete()
        Page.objects.filter(depth__gt=1).delete()


@pytest.fixture(scope="module")
def twenty_times(demo, django_db_blocker):
    """The demo network copied to 20× (bulk inserts) and re-indexed; used after every 1× test."""
    with django_db_blocker.unblock(), override_settings(SEARCH_INDEX_PREFIX=demo.prefix):
        replicate(copies=19)
        rebuild("members")
    return demo


@pytest.fixture
def viewer(request, client, settings, demo):
    settings.SEARCH_INDEX_PREFIX = demo.prefix
    breaker.reset()
    if request.param == "member":
        user = User.objects.create_user(username="budget-member")
        user.groups.add(Group.objects.get(name=NETWORK_MEMBERS_GROUP))
        client.force_login(user)
    return request.param


def _fill_counter(monkeypatch) -> list[int]:
    """Counts the queries spent filling the caches of data that is the same for every visitor:
    ``caching.shared`` (site, settings, home pages, menu, counts, staff decisions) and Wagtail's
    own site root paths and image renditions."""
    spent = [0]

    def counted(compute):
        def run(*args, **kwargs):
            with CaptureQueriesContext(connection) as queries:
                value = compute(*args, **kwargs)
            spent[0] += len(queries)
            return value

        return run

    remember = shared.remember
    monkeypatch.setattr(
        shared,
        "remember",
        lambda topic, key, compute, **kw: remember(topic, key, counted(compute), **kw),
    )
    # Wagtail reads its cache first: a hit counts no query, only a miss (a fill) does.
    root_paths = Site.get_site_root_paths
    monkeypatch.setattr(Site, "get_site_root_paths", staticmethod(counted(root_paths)))
    # An image's renditions come from Wagtail's rendition cache, or are made on their first
    # view: a query there is a fill too (a warm page reads them prefetched or cached).
    image_model = get_image_model()
    monkeypatch.setattr(image_model, "get_rendition", counted(image_model.get_rendition))
    return spent


def _assert_within(client, url, budget, monkeypatch):
    for cache in caches.all():
        if isinstance(cache, LocMemCache):  # never a Redis database that may be shared
            cache.clear()
    fills = _fill_counter(monkeypatch)
    with CaptureQueriesContext(connection) as cold:
        response = client.get(url)
    assert response.status_code == 200, url
    assert len(cold) - fills[0] <= budget, _listing(cold, f"{url}, cold, {fills[0]} to fill")
    with CaptureQueriesContext(connection) as warm:
        response = client.get(url)
    assert response.status_code == 200, url
    assert len(warm) <= budget, _listing(warm, url)


def _listing(queries, what) -> str:
    lines = "\n".join(f"  {q['sql'][:200]}" for q in queries.captured_queries)
    return f"{len(queries)} queries for {what}:\n{lines}"


def _cases(viewers):
    for viewer in viewers:
        for page_type in PAGE_TYPES:
            yield pytest.param(viewer, page_type, id=f"{viewer}-{page_type}")


def _budget(viewer: str) -> int:
    return ANONYMOUS_BUDGET if viewer == "anonymous" else MEMBER_BUDGET


@pytest.mark.parametrize(
    ("viewer", "page_type"), _cases(["anonymous", "member"]), indirect=["viewer"]
)
def test_page_type_stays_within_its_query_budget(page_type, viewer, demo, client, monkeypatch):
    _assert_within(client, demo.urls[page_type], _budget(viewer), monkeypatch)


@pytest.mark.parametrize(("viewer", "page_type"), _cases(["anonymous"]), indirect=["viewer"])
def test_page_type_stays_within_its_query_budget_at_20x(
    page_type, viewer, twenty_times, client, monkeypatch
):
    assert GroupMember.objects.count() >= 20 * 100
    _assert_within(client, twenty_times.urls[page_type], _budget(viewer), monkeypatch)
