"""The directory as people use it (issue 8, part 7): four journeys in a real browser.

Written against the directory's page contract: ``<h1>`` 「会員を探す」/"Find members"; a
``form[role=search]`` with ``input[name=q]``; filters in ``<details data-testid="filters">``
whose summary reads 「絞り込み (n)」/"Filters (n)", open by default on a desktop and closed on
a phone, with checkboxes ``input[name=<facet>][value=<value>]`` and ``[data-testid=apply-filters]``;
removable chips ``[data-testid=active-filters] a``; ``select[name=sort]`` applied on change;
results ``[data-testid=results] > li[data-kind]``; ``[data-testid=no-results]``.

With ``SCREENSHOTS=<dir>`` (``make screenshots``) every step saves a full-page PNG.
"""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from .checks import assert_page_ok
from .conftest import MEMBER_PASSWORD, MEMBER_USERNAME, VIEWPORTS

pytestmark = [pytest.mark.browser, pytest.mark.elasticsearch]

FIND_MEMBERS = {"ja": "会員を探す", "en": "Find members"}
FILTERS = {"ja": "絞り込み", "en": "Filters"}
PHONE, DESKTOP = 390, 1280
# Seeded data (members/seed.py, fixed seed): Aichi has groups working in Vietnamese, and
# groups in the Chūbu region mention 技能実習 and work on technical intern training.
AICHI, VIETNAMESE = "23", "vi"
# Words that name no place, language or field (those become filters: see step b-05).
WORDS, FIELD, REGION = "支援", "technical-intern-training", "chubu"


def query(page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def results(page):
    return page.locator("[data-testid=results] > li")


def chips(page):
    return page.locator("[data-testid=active-filters] a")


def filters(page):
    return page.locator("details[data-testid=filters]")


def open_filters(page) -> None:
    if not filters(page).evaluate("details => details.open"):
        filters(page).locator("summary").click()
    expect(filters(page)).to_have_attribute("open", "")


def tick(page, facet: str, value: str) -> None:
    filters(page).locator(f'input[type=checkbox][name="{facet}"][value="{value}"]').check()


def apply_filters(page) -> None:
    with page.expect_navigation():
        filters(page).locator("[data-testid=apply-filters]").click()


def follow_main_menu(page, name: str) -> None:
    """Click a main-menu link as a visitor would, opening the phone menu first if it is shut."""
    menu = page.locator("nav.main-menu")
    # By text, not role: a shut <details> hides its links from the accessibility tree.
    link = menu.locator("a").filter(has_text=name)
    expect(link).to_have_count(1)
    if not link.is_visible():
        menu.locator("summary, button[aria-expanded=false]").first.click()
    expect(menu.get_by_role("link", name=name, exact=True)).to_be_visible()
    with page.expect_navigation():
        link.click()


def assert_directory_layout(page, *, language: str, width: int) -> None:
    expect(page.locator("h1")).to_have_text(FIND_MEMBERS[language])
    expect(page.locator("form[role=search] input[name=q]")).to_be_visible()
    if width == PHONE:
        # On a phone the filters wait behind their button and the first result is on screen.
        expect(filters(page)).not_to_have_attribute("open", "")
        first = results(page).first.bounding_box()
        assert first and first["y"] < VIEWPORTS[PHONE]["height"], (
            f"the first result starts at {first and first['y']} px on a phone"
        )
    else:
        expect(filters(page)).to_have_attribute("open", "")


def newcomer_journey(site, pages, shoot, *, language: str, prefix: str) -> None:
    """Home → Find members → a prefecture and a language → a group page → back, filters kept."""
    home = "/" if language == "ja" else f"/{language}/"
    for width in VIEWPORTS:
        page = pages(width)
        page.goto(site.at(home))
        assert_page_ok(page)
        shoot(page, f"{prefix}-01-home")

        follow_main_menu(page, FIND_MEMBERS[language])
        assert urlsplit(page.url).path == f"{home}members/"
        assert_directory_layout(page, language=language, width=width)
        assert_page_ok(page)
        shoot(page, f"{prefix}-02-directory")

        open_filters(page)
        tick(page, "prefecture", AICHI)
        tick(page, "language", VIETNAMESE)
        shoot(page, f"{prefix}-03-filters-ticked")
        apply_filters(page)
        assert query(page)["prefecture"] == [AICHI]
        assert query(page)["language"] == [VIETNAMESE]
        expect(chips(page)).to_have_count(2)
        expect(filters(page).locator("summary")).to_contain_text(f"{FILTERS[language]} (2)")
        expect(results(page).first).to_be_visible()
        assert_page_ok(page)
        shoot(page, f"{prefix}-04-results")

        with page.expect_navigation() as navigation:
            results(page).first.locator("a").first.click()
        assert navigation.value.status == 200
        assert "/members/groups/" in page.url
        assert_page_ok(page)
        shoot(page, f"{prefix}-05-group")

        page.go_back()
        assert query(page)["prefecture"] == [AICHI]
        assert query(page)["language"] == [VIETNAMESE]
        expect(chips(page)).to_have_count(2)
        shoot(page, f"{prefix}-06-back")
        if language == "en":
            # English labels on the chips, not the Japanese ones.
            expect(chips(page).filter(has_text="Aichi")).to_have_count(1)
            expect(chips(page).filter(has_text="Vietnamese")).to_have_count(1)


def test_a_newcomer_finds_groups_by_prefecture_and_language(site, pages, shoot):
    newcomer_journey(site, pages, shoot, language="ja", prefix="a")


def test_b_peer_searches_words_and_facets_on_a_phone(site, pages, shoot):
    # A phone is the case under test; the desktop run gives the same steps at 1280 px.
    for width in (PHONE, DESKTOP):
        page = pages(width)
        page.goto(site.at("/members/"))
        page.locator("form[role=search] input[name=q]").fill(WORDS)
        open_filters(page)
        tick(page, "field", FIELD)
        tick(page, "region", REGION)
        shoot(page, "b-01-words-and-filters")
        apply_filters(page)
        assert query(page)["q"] == [WORDS]
        assert query(page)["field"] == [FIELD]
        assert query(page)["region"] == [REGION]
        narrow = results(page).count()
        assert narrow >= 1
        assert_page_ok(page)
        shoot(page, "b-02-results")

        # The region's chip is the one whose link drops the region and keeps the rest.
        region_chip = chips(page).and_(page.locator(f'a:not([href*="region={REGION}"])'))
        expect(region_chip).to_have_count(1)
        with page.expect_navigation():
            region_chip.click()
        assert "region" not in query(page)
        assert query(page)["field"] == [FIELD]
        assert query(page)["q"] == [WORDS]
        expect(page.locator("[data-testid=result-count]")).to_be_visible()
        assert results(page).count() >= narrow
        assert_page_ok(page)
        shoot(page, "b-03-chip-removed")

        before = results(page).all_inner_texts()
        page.locator("select[name=sort]").select_option("newest")
        page.wait_for_url(re.compile(r"[?&]sort=newest"))
        assert query(page)["field"] == [FIELD]
        expect(results(page).first).to_be_visible()
        assert results(page).all_inner_texts() != before or len(before) == 1, (
            "the results did not re-render in the new order"
        )
        assert_page_ok(page)
        shoot(page, "b-04-sorted-newest")

        # A place and a language typed as words become those filters, each a removable chip.
        box = page.locator("form[role=search] input[name=q]")
        box.fill("Vietnam Aichi")
        with page.expect_navigation():
            box.press("Enter")
        expect(box).to_have_value("")  # the words became filters
        expect(filters(page).locator('input[name="language"][value="vi"]')).to_be_checked()
        expect(filters(page).locator('input[name="prefecture"][value="23"]')).to_be_checked()
        expect(chips(page).filter(has_text="愛知県")).to_have_count(1)
        expect(chips(page).filter(has_text="ベトナム語")).to_have_count(1)
        assert_page_ok(page)
        shoot(page, "b-05-words-as-filters")


def test_c_english_visitor_finds_groups(site, pages, shoot):
    newcomer_journey(site, pages, shoot, language="en", prefix="c")


def individuals(page):
    return results(page).and_(page.locator("[data-kind=individual]"))


def test_d_network_member_sees_individuals_only_while_logged_in(site, pages, shoot, network_member):
    for width in VIEWPORTS:
        page = pages(width)
        page.goto(site.at("/members/"))
        expect(results(page).first).to_be_visible()
        expect(individuals(page)).to_have_count(0)
        shoot(page, "d-01-anonymous")

        page.goto(site.at("/accounts/login/"))
        assert_page_ok(page)
        page.locator("input[name=username]").fill(MEMBER_USERNAME)
        page.locator("input[name=password]").fill(MEMBER_PASSWORD)
        shoot(page, "d-02-login")
        with page.expect_navigation():
            page.locator("main form button[type=submit]").click()

        page.goto(site.at("/members/"))
        expect(individuals(page).first).to_be_visible()
        assert_page_ok(page)
        shoot(page, "d-03-member")

        # Log out through the site's own log-out page (a POST with its CSRF token).
        page.goto(site.at("/accounts/logout/"))
        with page.expect_navigation():
            page.locator("main form button[type=submit]").click()
        page.goto(site.at("/members/"))
        expect(results(page).first).to_be_visible()
        expect(individuals(page)).to_have_count(0)
        shoot(page, "d-04-logged-out")
