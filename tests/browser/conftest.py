"""Browser tests: Playwright drives Debian's chromium against ``live_server`` and the real
Elasticsearch, at a phone and a desktop width.

``playwright install`` cannot download a browser on these machines, so the system ``chromium``
is launched by its executable path. ``live_server`` tests are transactional: the database is
flushed after each one, taking with it what migrations created (Wagtail's root page and Site,
locales, regions, vocabulary, groups, workflows); serialized rollback puts that back before
each test, and the ``site`` fixture seeds the demo content on top.
"""

import os
import shutil
import uuid
from dataclasses import dataclass
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.db import connections

from members.models.privacy import NETWORK_MEMBERS_GROUP

VIEWPORTS = {390: {"width": 390, "height": 844}, 1280: {"width": 1280, "height": 800}}
# The flags the machine notes give for chromium as root in a container without a display.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
MEMBER_USERNAME = "browser-member"
MEMBER_PASSWORD = "browser-member-pw"


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Run the browser tests after every other test.

    pytest-django puts transactional tests last because they flush the database; pytest then
    regroups tests by pytest-playwright's session-wide ``browser_name`` parameter, which can
    pull them back among the others. Moved here, after both, they flush nothing another test
    needs, and the browser's event loop starts only once the rest are done."""
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    executable = os.environ.get("CHROMIUM") or shutil.which("chromium")
    if not executable:
        pytest.fail("Debian's chromium is missing: apt-get install chromium fonts-noto-cjk")
    return {**browser_type_launch_args, "executable_path": executable, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def _async_unsafe_allowed():
    # Playwright's sync API keeps an asyncio loop on the main thread for as long as it runs, and
    # Django then refuses ORM calls from that thread (fixtures, the flush after each test).
    # Allowed only while the browser is up, i.e. for the browser tests.
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        yield


@pytest.fixture(scope="session")
def _database_connections(django_db_setup):
    """The connection objects the test databases were set up on, before the browser starts."""
    return {alias: connections[alias] for alias in connections}


@pytest.fixture(scope="session")
def playwright(_database_connections, _async_unsafe_allowed, playwright):
    return playwright


@pytest.fixture(scope="session")
def browser(_database_connections, browser):
    # Starting Playwright leaves the main thread in another context, where Django's
    # context-local ``connections`` hands out new connection objects without the database
    # snapshot that serialized rollback restores from: give them the snapshot.
    for alias, original in _database_connections.items():
        snapshot = getattr(original, "_test_serialized_contents", None)
        if snapshot is not None:
            connections[alias]._test_serialized_contents = snapshot
    return browser


@pytest.fixture
def pages(new_context):
    """``pages(width)``: a new page in its own browser context at 390 or 1280 px."""

    def open_page(width: int, **context_args):
        context = new_context(viewport=VIEWPORTS[width], **context_args)
        # A missing element fails in seconds, not after Playwright's default 30 s.
        context.set_default_timeout(10_000)
        return context.new_page()

    return open_page


@pytest.fixture
def site(django_db_serialized_rollback, live_server, settings):
    """The demo site and network, seeded with the project's own seeders, indexed in Elasticsearch
    under an index prefix of this test's own; the indices are removed afterwards."""
    from search.client import breaker, get_client
    from search.indexing import ensure_indices, rebuild

    settings.SEARCH_INDEX_PREFIX = f"{settings.SEARCH_INDEX_PREFIX}-browser-{uuid.uuid4().hex[:8]}"
    breaker.reset()
    # The aliases must exist before seeding: publishing a page syncs it at once.
    ensure_indices()
    # The management commands, not their functions: they are the seeders' stable names.
    call_command("seed_content", stdout=StringIO())
    call_command("seed_network", stdout=StringIO())
    for kind in ("members", "pages"):
        rebuild(kind)
    yield Site(url=live_server.url)
    breaker.reset()
    client = get_client()
    names = list(client.indices.get(index=f"{settings.SEARCH_INDEX_PREFIX}-*").keys())
    if names:
        client.indices.delete(index=",".join(names))


@dataclass
class Site:
    url: str

    def at(self, path: str) -> str:
        return self.url + path


@pytest.fixture
def network_member(site):
    """A user the directory treats as a network member (``viewer_tier`` → MEMBER)."""
    user = User.objects.create_user(username=MEMBER_USERNAME, password=MEMBER_PASSWORD)
    user.groups.add(Group.objects.get(name=NETWORK_MEMBERS_GROUP))
    return user


@pytest.fixture
def shoot():
    """``shoot(page, name)`` saves a full-page PNG as ``<dir>/<name>-<width>.png`` when
    ``SCREENSHOTS=<dir>`` is set (``make screenshots``); otherwise it does nothing."""
    folder = os.environ.get("SCREENSHOTS")

    def save(page, name: str) -> None:
        if not folder:
            return
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{folder}/{name}-{page.viewport_size['width']}.png", full_page=True)

    return save
