"""The sub-network pages that the home page and the つながる pillar list.

Their page type belongs to ``projects``, which builds on portal (a sub-network page is a portal
page and holds portal's news and events), so portal never imports it. Instead the app that owns
the page type answers the Wagtail hook ``SUPPLY_HOOK`` with a function
``(*, locale) -> PageQuerySet``: that locale's sub-network pages in the network's order.
"""

from wagtail import hooks
from wagtail.models import Locale, Page

from portal.visibility import visible_pages

SUPPLY_HOOK = "portal_subnetwork_pages"


def subnetwork_pages(*, locale: Locale | int, request):
    """The sub-network pages of ``locale`` (a Locale or its id: a page's ``locale_id`` saves a
    query) that ``request`` may see, in the network's order; none when no app supplies them."""
    suppliers = hooks.get_hooks(SUPPLY_HOOK)
    pages = suppliers[0](locale=locale) if suppliers else Page.objects.none()
    return visible_pages(pages, request)
