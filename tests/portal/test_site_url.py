"""One environment variable, SITE_URL, names the public origin: settings refuse a bad or (in
production) missing one, and the Wagtail Site record follows it so absolute links are real."""

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.sql import emit_post_migrate_signal
from wagtail.models import Site

from portal.sites import site_apply_public_origin
from tests.builders import event, event_index, news, news_index
from tests.portal.test_settings import REAL_SECRET, run_python

READ_ORIGIN = (
    "import json; from django.conf import settings; import django; django.setup(); "
    "print(json.dumps([settings.SITE_URL, settings.WAGTAILADMIN_BASE_URL]))"
)


def test_dev_default_origin_is_the_local_server():
    result = run_python(READ_ORIGIN, DJANGO_SETTINGS_MODULE="portal.settings.dev")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == ["http://127.0.0.1:8000", "http://127.0.0.1:8000"]


def test_admin_base_url_derives_from_site_url():
    result = run_python(
        READ_ORIGIN, DJANGO_SETTINGS_MODULE="portal.settings.dev", SITE_URL="https://SMJ.example/"
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == ["https://smj.example", "https://smj.example"]


def test_production_refuses_to_start_without_site_url():
    result = run_python("import portal.settings.production", SECRET_KEY=REAL_SECRET)
    assert result.returncode != 0
    assert "SITE_URL" in result.stderr


def test_production_starts_with_site_url():
    result = run_python(
        "import portal.settings.production as s; print(s.WAGTAILADMIN_BASE_URL)",
        SECRET_KEY=REAL_SECRET,
        SITE_URL="https://smj.example",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "https://smj.example"


@pytest.mark.parametrize(
    "value",
    ["smj.example", "ftp://smj.example", "https://smj.example/portal/", "https://smj.example:8443"],
)
def test_site_url_must_be_an_origin_wagtail_can_store(value):
    result = run_python(
        "import portal.settings.base", DJANGO_SETTINGS_MODULE="portal.settings.dev", SITE_URL=value
    )
    assert result.returncode != 0
    assert "SITE_URL" in result.stderr


def default_site() -> Site:
    return Site.objects.get(is_default_site=True)


@pytest.mark.django_db
def test_migrate_applies_site_url_to_the_default_site(settings, home_pages):
    assert default_site().root_url == "http://localhost"  # what the seed writes
    settings.SITE_URL = "https://smj.example"
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
    site = default_site()
    assert (site.hostname, site.port, site.root_url) == ("smj.example", 443, "https://smj.example")


@pytest.mark.django_db
def test_a_dev_origin_keeps_its_port(settings, home_pages):
    settings.SITE_URL = "http://127.0.0.1:8000"
    assert site_apply_public_origin() == 1
    assert default_site().root_url == "http://127.0.0.1:8000"
    assert site_apply_public_origin() == 0  # already applied: nothing written


@pytest.mark.django_db
def test_seed_content_leaves_the_site_on_site_url(settings):
    settings.SITE_URL = "https://smj.example"
    call_command("seed_content", stdout=io.StringIO())
    assert default_site().root_url == "https://smj.example"


@pytest.mark.django_db
def test_feeds_sitemap_and_calendars_link_to_site_url(settings, client, home_pages):
    settings.SITE_URL = "https://smj.example"
    site_apply_public_origin()
    index = news_index(home_pages["en"])
    item = news(index, "A statement")
    events = event_index(home_pages["en"])
    gathering = event(events, "A forum", days_from_now=10)

    for url in (f"{index.url}feed/", f"{index.url}feed/atom/", "/sitemap.xml"):
        body = client.get(url).content.decode()
        assert f"https://smj.example{item.url}" in body, url
        assert "localhost" not in body and "testserver" not in body, url
    for url in (f"{events.url}ics/", f"{gathering.url}ics/"):
        body = client.get(url).content.decode().replace("\r\n ", "")
        assert f"https://smj.example{gathering.url}" in body, url
        assert "localhost" not in body, url
