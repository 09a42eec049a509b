"""Whether a translated page lags behind its source, the page in the default language."""

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
