"""``/sitemap.xml`` for every language tree, not only the default site's root, with hreflang
alternates linking each page to its translations."""

from collections import defaultdict
from functools import cached_property

from django.conf import settings
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from portal.visibility import visible_pages


class PortalSitemap(Sitemap):
    def _listed(self):
        # Wagtail's default lists the site root's subtree, which is the Japanese tree only;
        # the other languages' home pages are the root's translations, siblings beside it.
        root = self.get_wagtail_site().root_page
        pages = Page.objects.none()
        for home in root.get_translations(inclusive=True):
            pages |= Page.objects.descendant_of(home, inclusive=True)
        return visible_pages(pages).order_by("path")

    def items(self):
        return self._listed().defer_streamfields().specific()

    @cached_property
    def _translations_at(self) -> dict[str, dict[str, str]]:
        """Each listed page's full URL → {language code: full URL} of its listed translations,
        read in one query of plain pages (a URL needs no specific page)."""
        by_key = defaultdict(dict)
        for page in self._listed().select_related("locale"):
            by_key[page.translation_key][page.locale.language_code] = page.get_full_url(
                self.request
            )
        return {url: urls for urls in by_key.values() for url in urls.values()}

    def _urls(self, page, protocol, domain):
        urls = super()._urls(page, protocol, domain)
        order = [code for code, _name in settings.LANGUAGES]
        for url in urls:
            translations = self._translations_at.get(url["location"], {})
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
