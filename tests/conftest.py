import os

import pytest
from django.conf import settings
from hypothesis import settings as hypothesis_settings

from devtools.elasticsearch_server import LocalServer

# The fuzz suites (marker ``fuzz``): the same cases on every run in CI, a longer random pass in
# `make fuzz`. No deadline: one case is several real Elasticsearch round trips.
hypothesis_settings.register_profile("ci", derandomize=True, max_examples=15, deadline=None)
hypothesis_settings.register_profile("long", max_examples=200, deadline=None)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture(autouse=True)
def _require_elasticsearch(request):
    """Tests marked `elasticsearch` need the real server: absent means fail, never skip."""
    if request.node.get_closest_marker("elasticsearch") is None:
        return
    server = LocalServer(url=settings.ELASTICSEARCH_URL, cache=settings.ELASTICSEARCH_HOME)
    if server.health() is None:
        pytest.fail(
            f"Elasticsearch is not answering at {settings.ELASTICSEARCH_URL}; "
            "start it with `python manage.py elasticsearch start` (make test does this)"
        )


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in Japanese: Django's LocaleMiddleware activates a request's language
    in the thread and leaves it there, so a test that reverses a URL after another test asked
    for an /en/ page would otherwise get the English URL."""
    from django.conf import settings
    from django.utils import translation

    with translation.override(settings.LANGUAGE_CODE):
        yield


@pytest.fixture(autouse=True)
def _empty_caches():
    """Each test starts with empty caches: a rolled-back test sends no signal that would
    empty them, so a cached site, settings or page could leak into the next test."""
    from django.core.cache import caches
    from django.core.cache.backends.locmem import LocMemCache

    from portal import locales

    locales.forget()

    # Only this process's memory: clearing a Redis cache would flush a whole database.
    for cache in caches.all():
        if isinstance(cache, LocMemCache):
            cache.clear()


@pytest.fixture
def search_down(settings):
    """Elasticsearch refuses connections: pages answer from the database (the fallback)."""
    from search.client import breaker

    breaker.reset()
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"  # the discard port: nothing listens
    yield
    breaker.reset()


@pytest.fixture
def home_pages(db):
    from portal.seed import ensure_home_pages

    return ensure_home_pages()


@pytest.fixture
def site_tree(db):
    """The whole seeded demo tree: {key: {"ja": page, "en": page}}."""
    from projects.seed import ensure_site_content

    return ensure_site_content()


@pytest.fixture
def make_group(db):
    """A directory group member made with plain ORM calls (the directory's factories belong to
    the members app)."""
    from django.utils import timezone

    from members.models import GroupMember, GroupParticipation, SubNetwork

    counter = iter(range(1, 10_000))

    def make(name, *, visibility="public", network=None, role="member", **fields):
        number = next(counter)
        group = GroupMember.objects.create(
            name=name,
            slug=f"group-{number}",
            member_number=f"G-T{number:04d}",
            visibility=visibility,
            consent_given_at=timezone.now(),
            **fields,
        )
        if network:
            GroupParticipation.objects.create(
                group=group, subnetwork=SubNetwork.objects.get(slug=network), role=role
            )
        return group

    return make
