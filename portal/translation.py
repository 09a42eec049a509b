"""Which catalogue answers when a UI string is missing from the reader's language.

Django falls back from every language to ``LANGUAGE_CODE``: here that is Japanese, which a
Vietnamese or Nepali reader is the least likely to read. The site's rule instead: a missing
string shows the English msgid, except where ``settings.LANGUAGE_FALLBACKS`` names another
language (やさしい日本語 falls back to Japanese, whose catalogue is complete).
"""

from django.conf import settings
from django.utils.translation import trans_real


class SiteTranslation(trans_real.DjangoTranslation):
    def _add_fallback(self, localedirs=None):
        fallback = settings.LANGUAGE_FALLBACKS.get(self.language())
        if fallback is None or self.domain != "django":
            # No fallback catalogue: gettext answers with the msgid, which is English.
            return
        self.add_fallback(trans_real.translation(fallback))


def install() -> None:
    """Make Django build every "django"-domain translation as a ``SiteTranslation``.

    ``trans_real.translation()`` looks the class up by module name on each cache miss, so
    replacing it (and emptying the cache) is the one seam Django offers for the fallback rule.
    """
    trans_real.DjangoTranslation = SiteTranslation
    trans_real._translations = {}
    trans_real._default = None
