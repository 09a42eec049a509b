"""``/sitemap.xml`` for every language tree, not only the default site's root."""

from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from portal.visibility import visible_pages


class PortalSitemap(Sitemap):
    def items(self):
        # Wagtail's default lists the site root's subtree, which is the Japanese tree only;
        # the English home page is the root's translation, a sibling beside it.
        root = self.get_wagtail_site().root_page
        pages = Page.objects.none()
        for home in root.get_translations(inclusive=True):
            pages |= Page.objects.descendant_of(home, inclusive=True)
        return visible_pages(pages).order_by("path").defer_streamfields().specific()
