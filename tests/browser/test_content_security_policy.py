"""The Content-Security-Policy breaks nothing: chromium reports no violation on any public page
type (the directory's scripts run), nor in Wagtail's admin under its own, looser policy."""

import pytest
from django.contrib.auth.models import User
from wagtail.models import Page

from .test_pages import public_urls

pytestmark = [pytest.mark.browser, pytest.mark.elasticsearch]
ADMIN_PASSWORD = "browser-admin-pw"


def watch_violations(page) -> list[str]:
    seen = []
    page.on(
        "console",
        lambda message: (
            seen.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    # Also what the console may not show (e.g. blocked style attributes in frames).
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', e => "
        "console.error('Content Security Policy violation: ' + e.violatedDirective + ' ' + e.blockedURI));"
    )
    return seen


def test_public_pages_run_under_the_policy_without_violations(site, pages):
    page = pages(1280)
    seen = watch_violations(page)
    for language in ("ja", "en"):
        for name, path in public_urls(language).items():
            response = page.goto(site.at(path))
            assert "content-security-policy" in response.headers, name
            page.wait_for_load_state("load")
    assert seen == [], seen
    # The directory's own script still runs: typing offers suggestions from the API.
    page.goto(site.at("/en/members/"))
    page.fill("#directory-q", "vie")
    page.wait_for_timeout(800)
    assert seen == [], seen


def test_the_admin_works_under_its_policy(site, pages):
    User.objects.create_superuser("browser-admin", password=ADMIN_PASSWORD)
    page = pages(1280)
    seen = watch_violations(page)
    page.goto(site.at("/admin/login/"))
    page.fill("input[name=username]", "browser-admin")
    page.fill("input[name=password]", ADMIN_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(site.at("/admin/"))
    home = Page.objects.get(depth=2, locale__language_code="ja")
    for path in (
        "/admin/",
        f"/admin/pages/{home.pk}/",
        f"/admin/pages/{home.pk}/edit/",
        "/admin/images/",
    ):
        response = page.goto(site.at(path))
        assert response.status == 200, path
        page.wait_for_load_state("load")
    # The page editor's scripts ran: its title field is there and takes input.
    page.goto(site.at(f"/admin/pages/{home.pk}/edit/"))
    page.locator("#id_title").fill("ホーム")
    assert seen == [], seen
