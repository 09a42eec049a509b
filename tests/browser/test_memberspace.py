"""A manager's edit in a real browser (issue 10): log in, open マイページ, edit the group's
entry, send it for approval, and see 「承認待ち」 with what is waiting; the public group page
still shows the live text. At a phone and a desktop width, in Japanese and in English."""

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import expect

from members.models import GroupMember, Visibility

from .checks import assert_page_ok
from .conftest import VIEWPORTS

pytestmark = [pytest.mark.browser, pytest.mark.elasticsearch]

USERNAME, PASSWORD = "browser-manager", "browser-manager-pw"


@pytest.fixture
def managed(site):
    user = User.objects.create_user(username=USERNAME, password=PASSWORD)
    group = GroupMember.objects.listed().filter(visibility=Visibility.PUBLIC).first()
    group.managers.add(user)
    return group


def log_in(page, site, next_path: str) -> None:
    page.goto(site.at(f"/accounts/login/?next={next_path}"))
    page.locator("input[name=username]").fill(USERNAME)
    page.locator("input[name=password]").fill(PASSWORD)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()


@pytest.mark.parametrize(
    ("language", "prefix", "texts"),
    [
        ("ja", "", {"my": "マイページ", "send": "承認を申請", "pending": "承認待ち"}),
        (
            "en",
            "/en",
            {"my": "My page", "send": "Send for approval", "pending": "Awaiting approval"},
        ),
    ],
)
def test_a_manager_edits_their_entry_and_sees_it_pending(
    site, pages, shoot, managed, language, prefix, texts
):
    for width in VIEWPORTS:
        page = pages(width)
        log_in(page, site, f"{prefix}/mypage/")
        expect(page.locator("h1")).to_have_text(texts["my"])
        assert_page_ok(page)
        shoot(page, f"m-{language}-01-my-page")

        page.locator(".my-entry a.button").first.click()
        new_text = f"{width}pxで書いた新しい説明です。"
        page.locator("textarea[name=description_ja]").fill(new_text)
        assert_page_ok(page)
        shoot(page, f"m-{language}-02-edit")
        with page.expect_navigation():
            page.get_by_role("button", name=texts["send"]).click()

        expect(page.locator(".entry-state").first).to_contain_text(texts["pending"])
        expect(page.locator(".entry-pending").first).to_contain_text(new_text)
        assert_page_ok(page)
        shoot(page, f"m-{language}-03-pending")

        # The public page still shows the live entry until the secretariat approves.
        page.goto(site.at(f"{prefix}{managed.get_absolute_url()}"))
        expect(page.locator("main h1")).to_be_visible()
        expect(page.locator("main")).not_to_contain_text(new_text)


@pytest.fixture
def in_subnetworks(site):
    """A public group the account manages that takes part in at least one sub-network."""
    user = User.objects.create_user(username=USERNAME, password=PASSWORD)
    group = (
        GroupMember.objects.listed()
        .filter(visibility=Visibility.PUBLIC, participations__isnull=False)
        .distinct()
        .first()
    )
    group.managers.add(user)
    return group


@pytest.mark.parametrize(("language", "prefix"), [("ja", ""), ("en", "/en")])
def test_a_manager_limits_their_entry_to_a_sub_network(
    site, pages, shoot, in_subnetworks, language, prefix
):
    """The picker shows only with "members of chosen sub-networks", offers the entry's own
    sub-networks, and the choice applies at once."""
    group = in_subnetworks
    own = set(group.subnetworks.values_list("slug", flat=True))
    for width in VIEWPORTS:
        GroupMember.objects.filter(pk=group.pk).update(visibility=Visibility.PUBLIC)
        group.audience_subnetworks.clear()
        page = pages(width)
        log_in(page, site, f"{prefix}/mypage/{group.kind}/{group.slug}/")
        picker = page.locator("#audience-picker")
        expect(picker).to_be_hidden()  # another audience is chosen
        offered = picker.locator("input[name=subnetworks]")
        assert {offered.nth(i).get_attribute("value") for i in range(offered.count())} == own

        page.locator("input[name=visibility][value=subnetworks]").check()
        expect(picker).to_be_visible()
        first = offered.first
        chosen = first.get_attribute("value")
        first.check()
        assert_page_ok(page)
        shoot(page, f"m-{language}-04-audience-picker")
        with page.expect_navigation():
            page.locator("form:has(#audience-picker) button[type=submit]").click()

        expect(page.locator("#audience-picker")).to_be_visible()
        expect(page.locator(f"input[name=subnetworks][value={chosen}]")).to_be_checked()
        live = GroupMember.objects.get(pk=group.pk)
        assert live.visibility == Visibility.SUBNETWORKS
        assert set(live.audience_subnetworks.values_list("slug", flat=True)) == {chosen}
        shoot(page, f"m-{language}-05-audience-chosen")
