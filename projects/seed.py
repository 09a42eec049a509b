"""The demo site's whole page tree: portal's sections with the sub-network pages in their place.

Composed here rather than in ``portal.seed`` because the tree mixes both apps' page types and
imports point one way (projects → portal). Sections are made in menu order, because a page's
place among its siblings is the order in which it was first created.
"""

from django.conf import settings
from django.db import transaction

from members.models import SubNetwork
from portal import demo_content as content
from portal.editors import ensure_subnetwork_editors
from portal.models import HomePage, NewsPage
from portal.seed import (
    Pages,
    ensure_about_and_pillars,
    ensure_editorial_setup,
    ensure_home_pages,
    ensure_news,
    ensure_page,
    ensure_sections_after_news,
)

from .models import SubNetworkIndexPage, SubNetworkPage


def ensure_subnetwork_pages(*, homes: dict[str, HomePage]) -> dict[str, Pages]:
    """The projects index and one page per sub-network that has demo text."""
    tree = {
        "projects": ensure_page(
            parents=homes,
            model=SubNetworkIndexPage,
            slug="projects",
            menu=True,
            **content.INDEXES["projects"],
        )
    }
    for subnetwork in SubNetwork.objects.order_by("sort_order"):
        purpose = content.SUBNETWORK_PAGES.get(subnetwork.slug)
        if purpose is None:
            continue
        tree[f"projects/{subnetwork.slug}"] = ensure_page(
            parents=tree["projects"],
            model=SubNetworkPage,
            slug=subnetwork.slug,
            shared={"subnetwork": subnetwork},
            ja={
                "title": subnetwork.name_ja,
                "purpose": content.p(purpose["ja"]),
                "how_to_take_part": content.SUBNETWORK_TAKE_PART["ja"],
            },
            en={
                "title": subnetwork.name_en,
                "purpose": content.p(purpose["en"]),
                "how_to_take_part": content.SUBNETWORK_TAKE_PART["en"],
            },
        )
    return tree


@transaction.atomic
def ensure_site_content() -> dict[str, Pages]:
    """The whole demo tree below both home pages, plus editor groups and the workflow."""
    homes = ensure_home_pages()
    tree: dict[str, Pages] = {"home": homes}
    tree |= ensure_about_and_pillars(homes=homes)
    tree |= ensure_subnetwork_pages(homes=homes)
    tree |= ensure_news(homes=homes)
    if "projects/trainees" in tree:
        # A statement kept under its sub-network, inside that sub-network's editors' subtree.
        tree["projects/trainees/news"] = ensure_page(
            parents=tree["projects/trainees"], model=NewsPage, **content.SUBNETWORK_NEWS
        )
    tree |= ensure_sections_after_news(homes=homes)

    ensure_editorial_setup(homes=homes)
    for key, pages in tree.items():
        if key.startswith("projects/") and key.count("/") == 1:
            ensure_subnetwork_editors(subnetwork_page=pages[settings.LANGUAGE_CODE])
    return tree
