"""Issue 13's "done when": a Vietnamese reader, without reading Japanese, goes from the home
page to the Vietnamese Q&A, sees that its answer is current, and reaches a group in their
prefecture that helps in Vietnamese — on a phone, passing the axe checks at every step."""

import pytest
from playwright.sync_api import expect

from .checks import assert_page_ok

pytestmark = [pytest.mark.browser, pytest.mark.elasticsearch]

PHONE = 390
AICHI = "23"


def test_a_vietnamese_reader_finds_a_current_answer_and_a_group_that_helps(site, pages, shoot):
    page = pages(PHONE)
    page.goto(site.at("/"))
    assert_page_ok(page)
    # The language picker names each language in its own script.
    page.locator(".language-switcher summary").click()
    page.get_by_role("link", name="Tiếng Việt").click()
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    assert_page_ok(page)
    shoot(page, "vi-01-home")

    page.locator(".menu-toggle summary").click()
    page.get_by_role("link", name="Hỏi đáp: khi bạn cần giúp đỡ").click()
    assert_page_ok(page)
    page.get_by_role("link", name="Hỏi đáp: khi gặp khó khăn vì COVID-19").click()
    expect(page.locator("h1")).to_have_text("Hỏi đáp: khi gặp khó khăn vì COVID-19")
    # Current: the next check is ahead, and no out-of-date warning.
    expect(page.locator(".qa-current")).to_contain_text("Còn hiệu lực")
    expect(page.locator(".notice.warning")).to_have_count(0)
    expect(page.locator(".qa-languages a[aria-current=page]")).to_have_text("Tiếng Việt")
    assert_page_ok(page)
    shoot(page, "vi-02-qa")

    page.get_by_label("Tỉnh").select_option(AICHI)
    page.get_by_role("button", name="Xem").click()
    groups = page.locator(".qa-help-groups a")
    expect(groups.first).to_be_visible()
    assert_page_ok(page)
    shoot(page, "vi-03-groups")
    groups.first.click()
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    body = page.locator("main")
    expect(body).to_contain_text("Vietnamese")  # the group's languages, in Latin letters
    expect(body).to_contain_text("Aichi")  # its office or service area
    assert_page_ok(page)
    shoot(page, "vi-04-group")
