"""Every public page type, in a real browser at a phone and a desktop width, passes the generic
checks: axe-core finds no critical or serious violation, nothing scrolls sideways, and no
screen-reader-only text shows on screen."""

from urllib.parse import quote

import pytest
from django.urls import reverse
from django.utils import translation

from members.models import GroupMember, Visibility
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

from .checks import assert_page_ok
from .conftest import VIEWPORTS

pytestmark = [pytest.mark.browser, pytest.mark.elasticsearch]

PAGE_MODELS = {
    "home": HomePage,
    "pillar": PillarPage,
    "sub-network index": SubNetworkIndexPage,
    "sub-network": SubNetworkPage,
    "news index": NewsIndexPage,
    "news item": NewsPage,
    "event index": EventIndexPage,
    "event": EventPage,
    "M-net index": PublicationIndexPage,
    "M-net issue": PublicationPage,
    "Q&A index": QAIndexPage,
    "Q&A item": QAPage,
    "fund": FundPage,
    "standard page": StandardPage,
}
# Words that find pages and members in the seeded site, per language.
SEARCH_WORDS = {"ja": "技能実習", "en": "trainee"}


def public_urls(language: str) -> dict[str, str]:
    """One path per public page type, looked up from the seeded tree (no slug is assumed)."""
    urls = {}
    for name, model in PAGE_MODELS.items():
        page = model.objects.live().public().filter(locale__language_code=language).first()
        assert page is not None, f"the seed made no live {name} page in {language}"
        urls[name] = page.get_url_parts()[2]
    group = GroupMember.objects.listed().filter(visibility=Visibility.PUBLIC).first()
    with translation.override(language):
        directory = reverse("directory")
        urls["directory"] = directory
        urls["directory, no results"] = f"{directory}?q=zzzzzz"
        urls["group"] = group.get_absolute_url()
        urls["site search"] = f"{reverse('search:site')}?q={quote(SEARCH_WORDS[language])}"
        urls["log-in"] = reverse("login")
    return urls


@pytest.mark.parametrize("language", ["ja", "en"])
def test_every_public_page_type_passes_the_page_checks(site, pages, language):
    urls = public_urls(language)
    failures = []
    for width in VIEWPORTS:
        page = pages(width)
        for name, path in urls.items():
            response = page.goto(site.at(path))
            if response.status != 200:
                failures.append(f"[{language} {width}px {name}] {path} answered {response.status}")
                continue
            try:
                assert_page_ok(page)
            except AssertionError as failure:
                failures.append(f"[{language} {width}px {name}] {failure}")
    if failures:
        pytest.fail("\n\n".join(failures), pytrace=False)
