"""A page's translations as one reader sees them, and whether a translation lags behind its
source, the page in the default language."""

from dataclasses import dataclass, field

from django.conf import settings
from wagtail.models import Page, Site

from portal.visibility import visible_pages

Translations = dict[str, Page]  # language code → the live page in that locale


def page_translations(page: Page, request) -> Translations:
    """The translations of ``page`` (itself included) that this reader may open.

    The language links, the translation notice, the Q&A language picker and the menu each ask
    for a page's translations or the home pages (the site root's translations); all of them
    come from one query per request, kept on the request, instead of one per language.
    """
    root = _site_root(request)
    return _translation_sets(request, [page, *([root] if root is not None else [])])[0]


def home_pages(request) -> Translations:
    """The home page of every language this reader may open (the site root's translations)."""
    root = _site_root(request)
    return {} if root is None else _translation_sets(request, [root])[0]


def _site_root(request) -> Page | None:
    site = Site.find_for_request(request)
    return None if site is None else site.root_page


def _translation_sets(request, pages: list[Page]) -> list[Translations]:
    kept = request.__dict__.setdefault("_portal_translations", {})
    wanted = {page.translation_key for page in pages} - kept.keys()
    if wanted:
        kept.update({key: {} for key in wanted})
        found = Page.objects.filter(translation_key__in=wanted).select_related("locale")
        for translation in visible_pages(found, request):
            kept[translation.translation_key][translation.locale.language_code] = translation
    return [kept[page.translation_key] for page in pages]


def outdated_source(page: Page, request=None) -> Page | None:
    """The live source page when it was published after ``page``, a translation, last was.

    Syncing a translation means publishing it again, so the notice goes once the translation
    is brought up to date. The source is the page in ``settings.LANGUAGE_CODE`` (Japanese).
    """
    if page.last_published_at is None:
        return None
    if request is not None:
        source = page_translations(page, request).get(settings.LANGUAGE_CODE)
    else:
        source = (
            visible_pages(page.get_translations())
            .filter(locale__language_code=settings.LANGUAGE_CODE)
            .first()
        )
    if source is None or source.pk == page.pk or source.last_published_at is None:
        return None
    return source if source.last_published_at > page.last_published_at else None


MISSING, OUTDATED, CURRENT = "missing", "outdated", "current"


@dataclass(frozen=True)
class TranslationRow:
    source: Page
    statuses: list[tuple[str, str]]  # (language code, MISSING | OUTDATED | CURRENT)
    pages: dict[str, int] = field(default_factory=dict)  # language code → live translation's id

    @property
    def needs_work(self) -> bool:
        return any(status != CURRENT for _code, status in self.statuses)

    @property
    def cells(self) -> list[tuple[str, str, int | None]]:
        """(language code, status, the translation's page id or None), for the report's links."""
        return [(code, status, self.pages.get(code)) for code, status in self.statuses]


def translation_report(*, subtree: Page | None = None) -> list[TranslationRow]:
    """Each live source page (under ``subtree`` when given) with the state of its translation
    in every other site language: missing (none live), outdated (published before the source's
    last publication) or current. Only pages with something to do are listed."""
    default = settings.LANGUAGE_CODE
    sources = Page.objects.live().filter(locale__language_code=default, depth__gt=1)
    if subtree is not None:
        sources = sources.descendant_of(subtree, inclusive=True)
    sources = list(sources.order_by("path"))
    published, ids = {}, {}
    for pk, key, code, when in (
        Page.objects.live()
        .filter(translation_key__in=[page.translation_key for page in sources])
        .values_list("pk", "translation_key", "locale__language_code", "last_published_at")
    ):
        published[key, code] = when
        ids[key, code] = pk
    codes = [code for code, _name in settings.LANGUAGES if code != default]
    rows = []
    for source in sources:
        statuses = []
        for code in codes:
            when = published.get((source.translation_key, code))
            if when is None:
                statuses.append((code, MISSING))
            elif source.last_published_at and when < source.last_published_at:
                statuses.append((code, OUTDATED))
            else:
                statuses.append((code, CURRENT))
        pages = {
            code: ids[source.translation_key, code]
            for code, status in statuses
            if status != MISSING
        }
        row = TranslationRow(source=source, statuses=statuses, pages=pages)
        if row.needs_work:
            rows.append(row)
    return rows


def subnetwork_roots() -> list[Page]:
    """The sub-network pages in the default language: the report's subtree choices. Found by
    content type name, since portal does not import the projects app."""
    return list(
        Page.objects.filter(
            content_type__app_label="projects",
            content_type__model="subnetworkpage",
            locale__language_code=settings.LANGUAGE_CODE,
        ).order_by("path")
    )
