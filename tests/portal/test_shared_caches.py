"""Data kept in Django's cache for every visitor (caching.shared): the menu, the membership
counts, the site and its settings, the locales' home pages and a member's staff decision.

Each cache shows an edit on the very next request, and holds nothing that not everyone may see.
"""

import datetime
import html
import re

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.core.cache import caches
from django.utils import timezone, translation
from wagtail.models import Page, PageViewRestriction, Site

from caching import shared
from members import lifecycle
from members.models import GroupMember, Status
from members.models.privacy import NETWORK_MEMBERS_GROUP, SECRETARIAT_GROUP
from portal.models import SiteSettings, StandardPage
from portal.templatetags.portal_tags import _menu
from tests.builders import publish

pytestmark = pytest.mark.django_db


def menu(client, url="/") -> list[str]:
    page = client.get(url).content.decode()
    nav = page.split('class="main-menu"')[1].split("</nav>")[0]
    return [
        html.unescape(title) for title in re.findall(r"<a href=\"[^\"]*\"[^>]*>([^<]+)</a>", nav)
    ]


def kept(topic: str, key: str):
    """What the shared cache now holds for ``key`` (None when nothing)."""
    return caches["default"].get(f"shared:{topic}:{shared._generation(topic)}:{key}")


def in_menu(home, title, slug):
    return publish(home, StandardPage(title=title, slug=slug, show_in_menus=True))


def test_the_menu_shows_a_published_page_at_once(client, home_pages):
    assert "Volunteers" not in menu(client)
    page = in_menu(home_pages["ja"], "Volunteers", "volunteers")
    assert "Volunteers" in menu(client)

    page.title = "Volunteer with us"
    page.save_revision().publish()
    assert "Volunteer with us" in menu(client) and "Volunteers" not in menu(client)

    page.unpublish()
    assert "Volunteer with us" not in menu(client)


def test_the_menu_follows_a_move_and_a_deletion(client, home_pages):
    home = home_pages["ja"]
    page = in_menu(home, "Volunteers", "volunteers")
    parent = in_menu(home, "About", "about")
    assert "Volunteers" in menu(client)
    page.move(parent, pos="last-child")
    assert "Volunteers" not in menu(client)
    assert "About" in menu(client)
    Page.objects.get(pk=parent.pk).delete()
    assert "About" not in menu(client)


def test_the_kept_menu_never_holds_a_restricted_page(client, home_pages):
    home = home_pages["ja"]
    in_menu(home, "Open page", "open")
    private = in_menu(home, "Members' corner", "corner")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)

    # A viewer who may open it sees it first; what is kept for everyone still lacks it.
    client.force_login(User.objects.create_user("reader"))
    assert "Members' corner" in menu(client)
    client.logout()
    assert menu(client).count("Open page") == 1
    assert "Members' corner" not in menu(client)
    assert [page.title for page in kept(shared.PAGES, "menu:ja")] == ["Open page"]


def test_a_restriction_added_after_the_menu_was_kept_hides_the_page(client, home_pages):
    page = in_menu(home_pages["ja"], "Members' corner", "corner")
    assert "Members' corner" in menu(client)
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.GROUPS
    )
    assert "Members' corner" not in menu(client)

    group = Group.objects.create(name="Readers")
    user = User.objects.create_user("reader")
    user.groups.add(group)
    client.force_login(user)
    assert "Members' corner" not in menu(client)
    restriction.groups.add(group)
    assert "Members' corner" in menu(client)
    client.logout()
    assert "Members' corner" not in menu(client)


def test_the_kept_menu_drops_a_page_whose_unpublish_date_passes(client, home_pages, monkeypatch):
    expires = timezone.now() + datetime.timedelta(hours=1)
    publish(
        home_pages["ja"],
        StandardPage(title="Short notice", slug="notice", show_in_menus=True, expire_at=expires),
    )
    assert "Short notice" in menu(client)
    later = expires + datetime.timedelta(minutes=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert "Short notice" not in menu(client)


def test_each_language_keeps_its_own_menu(client, home_pages):
    in_menu(home_pages["ja"], "ボランティア", "volunteers")
    in_menu(home_pages["en"], "Volunteers", "volunteers")
    assert "ボランティア" in menu(client) and "Volunteers" not in menu(client)
    assert "Volunteers" in menu(client, "/en/") and "ボランティア" not in menu(client, "/en/")


def test_the_kept_menu_is_the_one_read_from_the_database(client, home_pages):
    in_menu(home_pages["ja"], "Volunteers", "volunteers")
    with translation.override("ja"):
        fresh = [page.pk for page in _menu()]
    assert kept(shared.PAGES, "menu:ja") is None
    client.get("/")
    assert [page.pk for page in kept(shared.PAGES, "menu:ja")] == fresh != []


def counts(client, url="/") -> dict[str, int]:
    page = client.get(url).content.decode()
    return {k: int(v) for k, v in re.findall(r'data-count="(\w+)">([\d,]+)<', page)}


def test_counts_follow_a_save_a_deletion_and_a_bulk_change(client, home_pages, make_group):
    assert counts(client) == {"groups": 0, "individuals": 0}
    first = make_group("公開の会")
    make_group("会員限定の会", visibility="members")
    assert counts(client)["groups"] == 2
    lifecycle.set_status(members=GroupMember.objects.filter(pk=first.pk), status=Status.LAPSED)
    assert counts(client)["groups"] == 1
    GroupMember.objects.filter(visibility="members").get().delete()
    assert counts(client)["groups"] == 0


def test_kept_counts_are_the_public_figures_only(client, home_pages, make_group):
    make_group("会員限定の会", visibility="members")
    client.get("/")
    # Numbers only, never a record.
    assert kept(shared.MEMBERS, "membership-counts") == {"groups": 1, "individuals": 0}


def test_site_settings_show_on_the_next_request(client, home_pages):
    client.get("/")
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.footer_text_ja = "月曜定休"
    settings.save()
    assert "月曜定休" in client.get("/").content.decode()


def test_the_english_home_follows_its_publication(client, home_pages):
    assert '<html lang="en" dir="ltr">' in client.get("/en/").content.decode()
    en = home_pages["en"]
    en.title = "SMJ, renamed"
    en.save_revision().publish()
    assert "SMJ, renamed" in client.get("/en/").content.decode()


def logged_in(client) -> bool:
    return "_auth_user_id" in client.session


@pytest.mark.parametrize("promotion", ["secretariat group", "is_staff", "admin permission"])
def test_a_member_made_staff_while_logged_in_is_logged_out_on_the_next_request(
    client, home_pages, promotion
):
    """The session limit reads a kept decision; a promotion drops it (portal.middleware)."""
    user = User.objects.create_user("member")
    user.groups.add(Group.objects.get(name=NETWORK_MEMBERS_GROUP))
    client.force_login(user)
    client.get("/")
    client.get("/")
    assert logged_in(client)

    if promotion == "secretariat group":
        user.groups.add(Group.objects.get_or_create(name=SECRETARIAT_GROUP)[0])
    elif promotion == "is_staff":
        user.is_staff = True
        user.save()
    else:
        editors = Group.objects.create(name="Editors: test")
        user.groups.add(editors)
        client.get("/")
        assert logged_in(client)  # a group without the admin permission changes nothing
        editors.permissions.add(
            Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
        )
    client.get("/")
    assert not logged_in(client)


def test_a_topic_is_forgotten_alone():
    kept = []
    shared.remember(shared.MEMBERS, "k", lambda: kept.append(1) or "members")
    shared.remember(shared.PAGES, "k", lambda: kept.append(2) or "pages")
    shared.forget(shared.PAGES)
    assert shared.remember(shared.MEMBERS, "k", lambda: "again") == "members"
    assert shared.remember(shared.PAGES, "k", lambda: "again") == "again"
    assert kept == [1, 2]


def test_without_seconds_nothing_is_kept(settings):
    """Production without a shared cache: every request computes, so no worker lags."""
    settings.SHARED_CACHE_SECONDS = 0
    calls = []
    for _ in range(2):
        assert shared.remember(shared.MEMBERS, "k0", lambda: calls.append(1) or len(calls)) == len(
            calls
        )
    assert calls == [1, 1]
