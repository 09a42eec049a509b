"""Site-wide pieces every page shares: the header (menu, log-in), favicon, focus ring, error
pages in the visitor's language, and names that stay consistent across the UI."""

import re
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.test import RequestFactory, override_settings
from django.utils import translation

from portal.errors import server_error
from portal.templatetags.portal_tags import lang_attr

ROOT = Path(__file__).resolve().parents[2]
CSS = (ROOT / "static" / "css" / "site.css").read_text()


def relative_luminance(hex_colour: str) -> float:
    channels = [int(hex_colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def css_var(name: str) -> str:
    return re.search(rf"--{name}:\s*(#[0-9a-fA-F]{{6}})", CSS).group(1)


def test_focus_ring_stands_out_on_every_background():
    rule = re.search(r"^:focus-visible \{([^}]*)\}", CSS, re.M).group(1)
    assert "var(--focus-ring)" in rule and "var(--focus)" in rule
    ring, halo = css_var("focus-ring"), css_var("focus")
    # Page and header (white), the menu bar (tint), the footer (ink): one of the two rings
    # reaches 3:1 (WCAG 1.4.11) against each.
    for background in (css_var("paper"), css_var("tint"), css_var("ink")):
        assert max(contrast(ring, background), contrast(halo, background)) >= 3, background
    assert contrast(ring, halo) >= 3  # the two rings are told apart from each other too


@pytest.mark.django_db
def test_favicon_is_linked_and_answers(client, home_pages):
    html = client.get("/").content.decode()
    assert '<link rel="icon" href="/static/img/favicon.svg" type="image/svg+xml">' in html
    response = client.get("/favicon.ico", follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[0][0] == "/static/img/favicon.ico"
    assert b"".join(response.streaming_content)[:4] == b"\x00\x00\x01\x00"  # an ICO file
    assert client.get("/static/img/favicon.svg").status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("prefix", "menu", "find"), [("", "メニュー", "会員を探す"), ("/en", "Menu", "Find members")]
)
def test_menu_folds_behind_a_toggle_and_offers_the_directory(
    client, home_pages, prefix, menu, find
):
    html = client.get(f"{prefix}/").content.decode()
    nav = re.search(r'<nav class="main-menu".*?</nav>', html, re.S).group(0)
    assert f'<details class="menu-toggle">\n      <summary>{menu}</summary>' in nav
    assert f'<a href="{prefix}/members/">{find}</a>' in nav
    # Phones (≤ 640 px) see the toggle; wider screens show the list and hide it.
    assert "@media (min-width: 40.0625rem)" in CSS


@pytest.mark.django_db
def test_header_offers_member_log_in_back_to_this_page(client, home_pages):
    html = client.get("/en/?page=2").content.decode()
    assert (
        '<a class="account-login" href="/en/accounts/login/?next=/en/%3Fpage%3D2">Member log-in</a>'
        in html
    )
    html = client.get("/").content.decode()
    assert '<a class="account-login" href="/accounts/login/?next=/">会員ログイン</a>' in html
    # The log-in page does not send people back to itself.
    login = client.get("/accounts/login/").content.decode()
    assert 'href="/accounts/login/">会員ログイン</a>' in login


@pytest.mark.django_db
def test_header_shows_the_member_and_a_log_out_form(client, home_pages):
    user = get_user_model().objects.create_user(
        "hanako", password="pw-for-tests-only", first_name="花子", last_name="山田"
    )
    client.force_login(user)
    html = client.get("/en/").content.decode()
    account = re.search(r'<div class="account">.*?</div>', html, re.S).group(0)
    assert '<span class="account-name" lang="ja">花子 山田</span>' in account
    assert '<form method="post" action="/en/accounts/logout/">' in account
    assert "csrfmiddlewaretoken" in account and "Log out" in account
    assert "account-login" not in html
    client.post("/en/accounts/logout/", {"next": "/en/"})
    assert "account-login" in client.get("/en/").content.decode()


@pytest.mark.django_db
def test_footer_links_to_the_directory(client, home_pages):
    for prefix, label in (("", "会員を探す"), ("/en", "Find members")):
        html = client.get(f"{prefix}/").content.decode()
        footer = re.search(r"<footer class=\"site-footer\">.*?</footer>", html, re.S).group(0)
        assert f'<a href="{prefix}/members/">{label}</a>' in footer


@override_settings(DEBUG=False)
@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "lang", "title"),
    [
        ("/no-such-page/", "ja", "ページが見つかりません"),
        ("/en/no-such-page/", "en", "Page not found"),
    ],
)
def test_not_found_is_the_sites_own_page_in_the_visitors_language(
    client, home_pages, url, lang, title
):
    response = client.get(url)
    assert response.status_code == 404
    html = response.content.decode()
    assert f'<html lang="{lang}" dir="ltr">' in html
    assert f"<h1>{title}</h1>" in html
    assert 'class="site-header"' in html and 'class="main-menu"' in html  # extends base


@override_settings(DEBUG=False)
@pytest.mark.parametrize(
    ("url", "lang", "heading", "home"),
    [
        ("/news/x/", "ja", "エラーが発生しました", 'href="/"'),
        ("/en/news/x/", "en", "Something went wrong", 'href="/en/"'),
    ],
)
def test_server_error_page_speaks_the_visitors_language_without_the_database(
    url, lang, heading, home
):
    # No django_db mark: any database query here would fail the test.
    response = server_error(RequestFactory().get(url))
    html = response.content.decode()
    assert response.status_code == 500
    assert f'<html lang="{lang}">' in html and f"<h1>{heading}</h1>" in html and home in html


def test_server_errors_use_the_portals_handler():
    from portal import urls

    assert urls.handler500 == "portal.errors.server_error"


@override_settings(DEBUG=False)
@pytest.mark.django_db
def test_an_unhandled_exception_answers_the_english_error_page(client, home_pages, monkeypatch):
    from portal.models import HomePage

    def boom(*args, **kwargs):
        raise RuntimeError("broken")

    monkeypatch.setattr(HomePage, "get_context", boom)
    client.raise_request_exception = False
    response = client.get("/en/")
    assert response.status_code == 500
    assert '<html lang="en">' in response.content.decode()


def test_lang_attr_marks_japanese_only_on_other_language_pages():
    with translation.override("en"):
        assert lang_attr("移住者支援ネット") == ' lang="ja"'
        assert lang_attr("Kobe Network") == ""
        assert lang_attr(None) == ""
    with translation.override("ja"):
        assert lang_attr("移住者支援ネット") == ""
