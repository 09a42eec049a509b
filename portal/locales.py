"""The site's Wagtail locales, read once per process instead of once per request.

Wagtail looks the active Locale up on every page request (routing starts from the home page in
the reader's language). Locales change only when the site gains or loses a language, which is a
settings change and a deploy, so each process keeps them, and forgets them when a Locale is
saved or deleted (an administrator's change in another process is picked up on restart).
"""

import functools

from django.conf import settings
from django.db.models.signals import post_delete, post_save
from django.utils import translation
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale


@functools.cache
def locales() -> dict[str, Locale]:
    """Every Locale by language code."""
    return {locale.language_code: locale for locale in Locale.objects.all()}


def forget(**kwargs) -> None:
    locales.cache_clear()


def locale_for(language_code: str) -> Locale:
    """What ``Locale.objects.get_for_language`` answers, from memory: ``LookupError`` for a
    language the site does not have, ``Locale.DoesNotExist`` when it has no Locale yet."""
    code = get_supported_content_language_variant(language_code)
    try:
        return locales()[code]
    except KeyError:
        raise Locale.DoesNotExist(f"no Locale for {code!r}") from None


def _get_default(cls) -> Locale:
    return locale_for(settings.LANGUAGE_CODE)


def _get_active(cls) -> Locale:
    try:
        return locale_for(translation.get_language())
    except (Locale.DoesNotExist, LookupError):
        return _get_default(cls)


def install() -> None:
    """Answer Wagtail's ``Locale.get_default()`` and ``Locale.get_active()`` from memory (the
    two look-ups its routing and page saves make), and forget on any Locale change."""
    Locale.get_default = classmethod(_get_default)
    Locale.get_active = classmethod(_get_active)
    post_save.connect(forget, sender=Locale, dispatch_uid="portal.locales.saved")
    post_delete.connect(forget, sender=Locale, dispatch_uid="portal.locales.deleted")
