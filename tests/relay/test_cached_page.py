"""The group page stays in the page cache with its contact form: no per-visitor token in it."""

import re

import pytest
from django.core import mail
from django.core.cache import caches
from django.test import Client
from wagtail.models import Site

from caching.middleware import HEADER
from portal.models import SiteSettings

from .conftest import message

pytestmark = pytest.mark.django_db

PAGE = "/members/groups/tsunagaru-support/"
LOCMEM = {
    alias: {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": f"relay-{alias}",
    }
    for alias in ("default", "pages")
}


@pytest.fixture
def page_cache(settings, home_pages):
    settings.CACHES = LOCMEM
    settings.PAGE_CACHE_SECONDS = 300
    for alias in LOCMEM:
        caches[alias].clear()
    # Wagtail creates site settings on first use; that save would empty the cache mid-test.
    for site in Site.objects.all():
        SiteSettings.for_site(site)
    yield
    for alias in LOCMEM:
        caches[alias].clear()


def test_the_cached_group_page_holds_the_form_without_a_csrf_token(page_cache, group):
    first, second = Client().get(PAGE), Client().get(PAGE)
    assert first[HEADER] == "miss" and second[HEADER] == "hit"
    body = second.content.decode()
    assert 'data-testid="relay-form"' in body
    assert not first.cookies and "Set-Cookie" not in first
    # The field is there for csrf.js to fill, but no token value is baked in.
    values = re.findall(r'name="csrfmiddlewaretoken" value="([^"]*)"', body)
    assert values == [""]
    assert 'data-csrf="/csrf/"' in body and "js/csrf.js" in body


def test_posting_from_the_cached_page_works_after_fetching_csrf(page_cache, group):
    visitor = Client(enforce_csrf_checks=True)
    assert visitor.get(PAGE)[HEADER] in {"miss", "hit"}
    # Without a token (no JavaScript ran): refused, nothing sent.
    assert visitor.post(f"{PAGE}contact/", message()).status_code == 403
    assert mail.outbox == []
    token = visitor.get("/csrf/").json()["token"]
    response = visitor.post(f"{PAGE}contact/", {**message(), "csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert len(mail.outbox) == 2


def test_the_forms_own_page_works_without_javascript(group):
    visitor = Client(enforce_csrf_checks=True)
    page = visitor.get(f"{PAGE}contact/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode())[1]
    response = visitor.post(f"{PAGE}contact/", {**message(), "csrfmiddlewaretoken": token})
    assert response.status_code == 302
