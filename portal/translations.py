"""Whether a translated page lags behind its source, the page in the default language."""

from dataclasses import dataclass

from django.conf import settings
from wagtail.models import Page


def outdated_source(page: Page) -> Page | None:
    """The live source page when it was published after ``page``, a translation, last was.

    Syncing a translation means publishing it again, so the notice goes once the translation
    is brought up to date. The source is the page in ``settings.LANGUAGE_CODE`` (Japanese).
    """
    if page.locale.language_code == settings.LANGUAGE_CODE or page.last_published_at is None:
        return None
    source = (
        page.get_translations()
        .live()
        .filter(locale__language_code=settings.LANGUAGE_CODE)
        .only("pk", "last_published_at", "url_path", "title", "locale")
        .first()
    )
    if source is None or source.last_published_at is None:
        return None
    return source if source.last_published_at > page.last_published_at else None


MISSING, OUTDATED, CURRENT = "missing", "outdated", "current"


@dataclass(frozen=True)
class TranslationRow:
    source: Page
    statuses: list[tuple[str, str]]  # (language code, MISSING | OUTDATED | CURRENT)

    @property
    def needs_work(self) -> bool:
        return any(status != CURRENT for _code, status in self.statuses)


def translation_report(*, subtree: Page | None = None) -> list[TranslationRow]:
    """Each live source page (under ``subtree`` when given) with the state of its translation
    in every other site language: missing (none live), outdated (published before the source's
    last publication) or current. Only pages with something to do are listed."""
    default = settings.LANGUAGE_CODE
    sources = Page.objects.live().filter(locale__language_code=default, depth__gt=1)
    if subtree is not None:
        sources = sources.descendant_of(subtree, inclusive=True)
    sources = list(sources.order_by("path"))
    published = {
        (key, code): when
        for key, code, when in Page.objects.live()
        .filter(translation_key__in=[page.translation_key for page in sources])
        .values_list("translation_key", "locale__language_code", "last_published_at")
    }
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
        row = TranslationRow(source=source, statuses=statuses)
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
