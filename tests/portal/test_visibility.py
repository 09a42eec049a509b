"""Drafts, private pages and pages past their unpublish date stay out of every list."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.models import PageViewRestriction

from portal.models import StandardPage
from tests.builders import news, news_index, publish

HIDDEN = ["Draft statement", "Private statement", "Expired statement"]


@pytest.fixture
def mixed_news(home_pages):
    home = home_pages["ja"]
    index = news_index(home)
    news(index, "Public statement")
    news(index, "Draft statement", live=False)
    private = news(index, "Private statement")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    news(index, "Expired statement", expire_at=timezone.now() - datetime.timedelta(hours=1))
    for title, extra in [
        ("Public page", {}),
        ("Draft page", {"live": False}),
        ("Expired page", {"expire_at": timezone.now() - datetime.timedelta(days=1)}),
        ("Private page", {}),
    ]:
        live = extra.pop("live", True)
        page = publish(
            home,
            StandardPage(
                title=title, slug=title.lower().replace(" ", "-"), show_in_menus=True, **extra
            ),
            live=live,
        )
        if title == "Private page":
            PageViewRestriction.objects.create(
                page=page, restriction_type=PageViewRestriction.LOGIN
            )
    return index


@pytest.mark.django_db
def test_fixture_pages_really_are_live_where_expected(mixed_news):
    assert mixed_news.get_children().live().count() == 3  # public, private, expired


@pytest.mark.django_db
def test_hidden_pages_stay_out_of_listings_and_menus(client, mixed_news):
    for url in [mixed_news.url, "/"]:
        html = client.get(url).content.decode()
        assert "Public statement" in html
        for title in HIDDEN:
            assert title not in html, (url, title)
    menu = client.get("/").content.decode().split('class="main-menu"')[1].split("</nav>")[0]
    assert "Public page" in menu and "News" in menu
    for title in ["Draft page", "Expired page", "Private page"]:
        assert title not in menu


@pytest.mark.django_db
def test_signed_in_viewers_see_the_login_restricted_pages_they_can_open(client, mixed_news):
    client.force_login(get_user_model().objects.create_user("reader", password="x"))
    html = client.get(mixed_news.url).content.decode()
    assert "Private statement" in html
    assert "Draft statement" not in html and "Expired statement" not in html
    assert "Private page" in client.get("/").content.decode()


@pytest.mark.django_db
def test_hidden_pages_stay_out_of_feeds_even_for_signed_in_readers(client, mixed_news):
    client.force_login(get_user_model().objects.create_user("reader", password="x"))
    for path in ["feed/", "feed/atom/"]:
        body = client.get(f"{mixed_news.url}{path}").content.decode()
        ET.fromstring(body)
        assert "Public statement" in body
        for title in HIDDEN:
            assert title not in body, (path, title)


@pytest.mark.django_db
def test_hidden_pages_stay_out_of_the_sitemap(client, mixed_news):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locations = [loc.text for loc in ET.fromstring(response.content).findall("s:url/s:loc", ns)]
    assert any(loc.endswith("/news/public-statement/") for loc in locations)
    assert any(loc.endswith("/public-page/") for loc in locations)
    for slug in [
        "draft-statement",
        "private-statement",
        "expired-statement",
        "draft-page",
        "expired-page",
        "private-page",
    ]:
        assert not any(f"/{slug}/" in loc for loc in locations), slug


@pytest.mark.django_db
def test_sitemap_covers_both_languages(client, site_tree):
    body = client.get("/sitemap.xml").content.decode()
    assert "/en/news/negotiation-covid-ministries/" in body
    assert "/news/negotiation-covid-ministries/" in body.replace("/en/news/", "")


@pytest.mark.django_db
def test_robots_txt_points_at_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()
    assert "Disallow: /admin/" in response.content.decode()


@pytest.mark.django_db
def test_a_page_past_its_unpublish_date_answers_404_before_the_scheduler_runs(client, mixed_news):
    expired = mixed_news.get_children().get(slug="expired-statement")
    assert expired.live
    assert client.get(expired.url).status_code == 404
    assert client.get(mixed_news.get_children().get(slug="public-statement").url).status_code == 200
