"""``/sitemap.xml`` for every language tree, not only the default site's root, with hreflang
alternates linking each page to its translations."""

from collections import defaultdict
from functools import cached_property

from django.conf import settings
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from portal.visibility import visible_pages


class PortalSitemap(Sitemap):
    def items(self):
        # Wagtail's default lists the site root's subtree, which is the Japanese tree only;
        # the other languages' home pages are the root's translations, siblings beside it.
        root = self.get_wagtail_site().root_page
        pages = Page.objects.none()
        for home in root.get_translations(inclusive=True):
            pages |= Page.objects.descendant_of(home, inclusive=True)
        return visible_pages(pages).order_by("path").defer_streamfields().specific()

    @cached_property
    def _locations(self) -> dict:
        """translation_key → {language code: full URL} of every listed page."""
        found = defaultdict(dict)
        for page in self.items().select_related("locale"):
            found[page.translation_key][page.locale.language_code] = page.get_full_url(self.request)
        return found

    def _urls(self, page, protocol, domain):
        urls = super()._urls(page, protocol, domain)
        by_location = {
            location: translations
            for translations in self._locations.values()
            for location in translations.values()
        }
        order = [code for code, _name in settings.LANGUAGES]
        for url in urls:
            translations = by_location.get(url["location"], {})
            if len(translations) < 2:
                continue
            url["alternates"] = [
                {"lang_code": code, "location": translations[code]}
                for code in order
                if code in translations
            ]
            if settings.LANGUAGE_CODE in translations:
                url["alternates"].append(
                    {"lang_code": "x-default", "location": translations[settings.LANGUAGE_CODE]}
                )
        return urls
