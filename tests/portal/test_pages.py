"""Every page type of the seeded tree renders in both languages and exposes the search protocol."""

import pytest
from django.utils.html import escape
from wagtail.models import Page

from portal.models import (
    EventIndexPage,
    EventPage,
    FundPage,
    HomePage,
    NewsIndexPage,
    NewsPage,
    PillarPage,
    PublicationIndexPage,
    PublicationPage,
    QAIndexPage,
    QAPage,
    StandardPage,
)
from projects.models import SubNetworkIndexPage, SubNetworkPage
from projects.seed import ensure_site_content

PAGE_TYPES = {
    HomePage,
    StandardPage,
    PillarPage,
    NewsIndexPage,
    NewsPage,
    EventIndexPage,
    EventPage,
    PublicationIndexPage,
    PublicationPage,
    QAIndexPage,
    QAPage,
    FundPage,
    SubNetworkIndexPage,
    SubNetworkPage,
}


def seeded_pages(language_code):
    return (
        Page.objects.live()
        .filter(depth__gte=2, locale__language_code=language_code)
        .order_by("path")
        .specific()
    )


@pytest.mark.django_db
@pytest.mark.parametrize("language_code", ["ja", "en"])
def test_every_page_type_renders_in_each_language(client, site_tree, language_code):
    pages = list(seeded_pages(language_code))
    assert {type(page) for page in pages} == PAGE_TYPES
    for page in pages:
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        html = response.content.decode()
        assert f'<html lang="{language_code}" dir="ltr">' in html
        assert f"<h1>{escape(page.title)}</h1>" in html or escape(page.title) in html, page.url


@pytest.mark.django_db
def test_english_pages_are_translations_with_english_titles(site_tree):
    for ja_page in seeded_pages("ja"):
        en_page = ja_page.get_translation_or_none(
            Page.objects.filter(locale__language_code="en").first().locale
        )
        assert en_page is not None and en_page.live, ja_page.url_path
        assert en_page.title != ja_page.title, ja_page.title
        assert en_page.translation_key == ja_page.translation_key


@pytest.mark.django_db
def test_language_switcher_links_each_page_to_its_translation(client, site_tree):
    for key in ["about", "news/negotiation-covid-ministries", "events/national-forum", "fund"]:
        ja_page, en_page = site_tree[key]["ja"], site_tree[key]["en"]
        html = client.get(en_page.url).content.decode()
        assert f'href="{ja_page.url}" lang="ja" hreflang="ja"' in html
        html = client.get(ja_page.url).content.decode()
        assert f'href="{en_page.url}" lang="en" hreflang="en"' in html


@pytest.mark.django_db
def test_seed_is_idempotent(site_tree):
    before = Page.objects.count()
    ensure_site_content()
    assert Page.objects.count() == before
    assert NewsPage.objects.filter(slug="negotiation-covid-ministries").count() == 2


@pytest.mark.django_db
def test_every_page_type_offers_plain_search_text(site_tree):
    for page in seeded_pages("en"):
        assert isinstance(type(page).search_kind, str) and page.search_kind
        text = page.search_text()
        assert isinstance(text, str)
        assert "<p>" not in text and "<li>" not in text
    negotiation = site_tree["news/negotiation-covid-ministries"]["en"]
    assert negotiation.search_kind == "news"
    assert "Release people from detention centres" in negotiation.search_text()
    assert site_tree["about"]["en"].search_text().count("1997") == 1


@pytest.mark.django_db
def test_page_has_landmarks_skip_link_and_social_meta(client, site_tree):
    html = client.get(site_tree["about"]["en"].url).content.decode()
    assert 'class="skip-link" href="#main"' in html
    assert '<main id="main"' in html
    assert "<footer" in html and "<header" in html
    assert 'property="og:title" content="About SMJ"' in html
    assert 'property="og:locale" content="en_US"' in html
    assert 'aria-label="Breadcrumbs"' in html
    assert 'hreflang="ja" href="http://testserver/about/"' in html


@pytest.mark.django_db
def test_publication_page_shows_cover_with_alt_text_and_pdf(client, site_tree):
    issue = site_tree["m-net/m-net-212"]["en"]
    html = client.get(issue.url).content.decode()
    assert 'alt="Cover of M-net No. 212"' in html
    assert f'href="{issue.pdf.url}"' in html
    assert 'property="og:image"' in html
    assert client.get(issue.pdf.url).status_code == 200
