import re

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.html import format_html
from django.utils.translation import get_language

from caching import shared
from members import vocabulary
from members.models import english_names
from portal.models import HomePage
from portal.ruby import with_ruby
from portal.translations import home_pages, outdated_source, page_translations
from portal.visibility import passes_a_restriction, visible_among, visible_pages

register = template.Library()

# Kana (with the iteration mark 々) and CJK ideographs: text a screen reader should voice as
# Japanese, and a browser should lay out with Japanese fonts.
_JAPANESE = re.compile(r"[\u3005\u3041-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


@register.simple_tag(takes_context=True)
def language_links(context) -> list[dict]:
    """One link per site language pointing at this page in that language.

    Wagtail pages link to their translation (or that locale's home page when there is none);
    other views keep their path and query string under the other language's URL prefix.
    The head and the switcher both ask, so the answer is kept on the request.
    """
    request = context["request"]
    page = context.get("page")
    key = getattr(page, "pk", None)
    kept = getattr(request, "_language_links", None)
    if kept is None or kept[0] != key:
        kept = request._language_links = (key, _language_links(request, page))
    return kept[1]


@register.simple_tag(takes_context=True)
def open_graph_locales(context) -> tuple[str, list[str]]:
    """This page's Open Graph locale and those of its translations (やさしい日本語 shares
    Japanese's ja_JP, so it is named once)."""
    links = language_links(context)
    current = settings.OPEN_GRAPH_LOCALES.get(get_language(), "ja_JP")
    alternates = {settings.OPEN_GRAPH_LOCALES[link["code"]] for link in links if link["equivalent"]}
    return current, sorted(alternates - {current})


def _language_links(request, page) -> list[dict]:
    current = get_language()
    translations = homes = {}
    is_page = page is not None and hasattr(page, "get_translations")
    if is_page:
        translations, homes = page_translations(page, request), home_pages(request)
    links = []
    for code, name in settings.LANGUAGES:
        # A page without a translation in ``code`` links to that language's home page.
        target = translations.get(code) or homes.get(code)
        url = target.get_url(request) if target is not None else None
        if url is None:
            url = translate_url(request.get_full_path(), code)
        links.append(
            {
                "code": code,
                "name": name,
                "url": url,
                "current": code == current,
                # The same content in that language: a page's translation, or another view under
                # that language's prefix; not the home page a missing translation falls back to.
                "equivalent": code in translations or not is_page,
            }
        )
    return links


@register.inclusion_tag("components/translation_notice.html", takes_context=True)
def translation_notice(context) -> dict:
    """「原文が更新されています」 in the reader's language, on a translation whose Japanese source
    was published again after it."""
    page, request = context.get("page"), context.get("request")
    if page is None or request is None or not hasattr(page, "get_translations"):
        return {"source": None}
    return {"source": outdated_source(page, request), "request": request}


@register.simple_tag
def lang_path(path: str) -> str:
    """``path`` under the active language's prefix (none for the default language)."""
    code = get_language() or settings.LANGUAGE_CODE
    return path if code == settings.LANGUAGE_CODE else f"/{code}{path}"


def _menu(request=None) -> list:
    """The active locale's home page's children marked "show in menus" that ``request`` may
    open (``None``: anyone may)."""
    # A language without its own home page (no content translated yet) shows the Japanese menu.
    homes = {
        home.locale.language_code: home for home in HomePage.objects.live().select_related("locale")
    }
    home = homes.get(get_language()) or homes.get(settings.LANGUAGE_CODE)
    if home is None:
        return []
    return list(visible_pages(home.get_children().in_menu(), request))


@register.simple_tag(takes_context=True)
def menu_pages(context):
    """The home page's children marked "show in menus" that this viewer may open.

    The menu everyone may see is kept in the shared cache (it holds no restricted page, so it
    is the same for every visitor); a viewer who passes a view restriction gets theirs afresh.
    """
    request = context["request"]
    if passes_a_restriction(request):
        return _menu(request)
    pages = shared.remember(shared.PAGES, f"menu:{get_language()}", _menu)
    # Checked again: an unpublish date may pass while the menu is kept.
    return visible_among(pages, request)


@register.simple_tag(takes_context=True)
def breadcrumb_pages(context):
    page = context.get("page")
    if page is None or page.depth <= 2:
        return []
    ancestors = _routed_ancestors(page)
    if ancestors is None:
        return visible_pages(page.get_ancestors().filter(depth__gte=2), context["request"])
    return visible_among(ancestors, context["request"])


def _routed_ancestors(page) -> list | None:
    """The page's ancestors from its home page down, when routing already read them (it leaves
    each parent on its child, as treebeard's get_parent does); else ``None``."""
    chain = []
    while page.depth > 2:
        page = getattr(page, "_cached_parent_obj", None)
        if page is None:
            return None
        chain.append(page)
    return chain[::-1]


@register.simple_tag
def prefecture_groups() -> list[tuple[str, list[tuple[str, str]]]]:
    """Prefectures grouped by 地方 as (region label, [(code, label)]) in the active language:
    the options of the home page's directory search, valued as the directory's ``prefecture``."""
    english = english_names()
    return [
        (
            region_en if english else region_ja,
            [
                (code, name_en if english else name_ja)
                for code, region, name_ja, name_en in vocabulary.PREFECTURES
                if region == slug
            ],
        )
        for slug, region_ja, region_en in vocabulary.REGIONS
    ]


@register.simple_tag
def lang_attr(text) -> str:
    """`` lang="ja"`` for Japanese text shown on a page in another language, else nothing:
    ``<span{% lang_attr group.name %}>{{ group.name }}</span>``."""
    language = get_language() or settings.LANGUAGE_CODE
    if language.startswith("ja") or not _JAPANESE.search(str(text or "")):
        return ""
    return format_html(' lang="{}"', "ja")


@register.filter
def ruby(value, kind: str = "text"):
    """Readings written 漢字《かんじ》 as <ruby>: ``{{ text|ruby }}``, ``{{ rich|ruby:"html" }}``."""
    return with_ruby(value, is_html=kind == "html")
