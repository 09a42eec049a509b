"""The home page finds the page for a URL in two queries (portal.routing), and finds the very
page, sub-route and 404 that Wagtail's own walk down the tree finds."""

import datetime

import pytest
from django.http import Http404
from django.test import RequestFactory
from django.utils import timezone, translation
from wagtail.models import Page, TranslatableMixin

from caching import shared
from portal.models import HomePage, StandardPage
from portal.routing import localized_home
from tests.builders import publish

pytestmark = pytest.mark.django_db


def wagtails(home, path):
    """What Page.route (one level at a time) answers, or Http404."""
    try:
        return Page.route(home, RequestFactory().get("/"), [c for c in path.split("/") if c])
    except Http404:
        return Http404


def ours(home, path):
    try:
        return home.route(RequestFactory().get("/"), [c for c in path.split("/") if c])
    except Http404:
        return Http404


def same(a, b) -> bool:
    if a is Http404 or b is Http404:
        return a is b
    (page_a, args_a, kwargs_a), (page_b, args_b, kwargs_b) = a, b
    # A routable page's args hold its view, bound to each answer's own page object: compare
    # the function it is.
    unbound = lambda args: [getattr(x, "__func__", x) for x in args]  # noqa: E731
    return (
        page_a.pk == page_b.pk
        and type(page_a) is type(page_b)
        and unbound(args_a) == unbound(args_b)
        and kwargs_a == kwargs_b
    )


def paths(site_tree, language):
    home = HomePage.objects.get(locale__language_code=language)
    for page in Page.objects.descendant_of(home):
        relative = page.url_path[len(home.url_path) :]
        yield relative
        yield relative + "feed/"
        yield relative + "ics/"
        yield relative + "no-such-page/"
        yield relative + "feed/atom/extra/"


@pytest.mark.parametrize("language", ["ja", "en"])
def test_every_url_of_the_seeded_site_routes_as_wagtail_routes_it(site_tree, language):
    home = HomePage.objects.get(locale__language_code=language)
    checked = 0
    for path in paths(site_tree, language):
        expected, found = wagtails(home, path), ours(home, path)
        assert same(expected, found), (path, expected, found)
        checked += expected is not Http404
    assert checked > 30  # pages and their feeds and calendars, not only 404s


def test_drafts_and_pages_below_a_draft_route_as_wagtail_routes_them(home_pages):
    home = home_pages["ja"]
    draft = publish(home, StandardPage(title="Draft", slug="draft"), live=False)
    publish(draft, StandardPage(title="Below", slug="below"))
    for path in ["draft/", "draft/below/", "draft/below/more/"]:
        assert same(wagtails(home, path), ours(home, path)), path
    assert ours(home, "draft/") is Http404
    assert ours(home, "draft/below/")[0].title == "Below"


def test_a_slug_found_at_another_depth_is_no_match(home_pages):
    home = home_pages["ja"]
    about = publish(home, StandardPage(title="About", slug="about"))
    publish(about, StandardPage(title="Team", slug="team"))
    assert ours(home, "team/") is Http404
    assert ours(home, "about/team/")[0].title == "Team"


def test_routed_pages_know_their_parents_for_the_breadcrumbs(
    client, site_tree, django_assert_num_queries
):
    page = site_tree["news/negotiation-covid-ministries"]["ja"]
    home = HomePage.objects.get(locale__language_code="ja")
    found = ours(home, page.url_path[len(home.url_path) :])[0]
    with django_assert_num_queries(0):
        assert [p.slug for p in (found.get_parent(), found.get_parent().get_parent())] == [
            "news",
            "home",
        ]
    html = client.get(page.url).content.decode()
    crumbs = html.split('class="breadcrumbs"')[1].split("</nav>")[0]
    assert site_tree["news"]["ja"].title in crumbs


def test_breadcrumbs_leave_out_an_ancestor_past_its_unpublish_date(client, home_pages):
    past = timezone.now() - datetime.timedelta(minutes=1)
    section = publish(
        home_pages["ja"], StandardPage(title="Old section", slug="old", expire_at=past)
    )
    publish(section, StandardPage(title="Still here", slug="still"))
    html = client.get("/old/still/").content.decode()
    crumbs = html.split('class="breadcrumbs"')[1].split("</nav>")[0]
    assert "Still here" in crumbs and "Old section" not in crumbs


@pytest.mark.parametrize("language", ["ja", "en", "fr"])
def test_the_localized_home_is_wagtails(home_pages, language):
    ja = home_pages["ja"]
    with translation.override(language):
        assert localized_home(ja).pk == TranslatableMixin.localized.fget(ja).pk
    # A draft English home (written directly: Wagtail keeps a site's home pages live), its
    # change told to the shared cache as the page signals would.
    HomePage.objects.filter(pk=home_pages["en"].pk).update(live=False)
    shared.forget(shared.PAGES)
    with translation.override(language):
        assert localized_home(ja).pk == TranslatableMixin.localized.fget(ja).pk == ja.pk
