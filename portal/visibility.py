"""Which pages a listing may show: the one rule for menus, listings, feeds and the sitemap.

A page appears only when it is live, not past its unpublish date (Wagtail's
``publish_scheduled`` command flips ``live`` later; until it runs the page is still "live"), and
not under a view restriction that the request does not pass. Feeds and the sitemap pass no
request: they are read by machines that never log in, so they list public pages only.
"""

from django.db.models import Q
from django.utils import timezone
from wagtail.models import PageViewRestriction


def visible_pages(queryset, request=None):
    pages = queryset.live().filter(Q(expire_at__isnull=True) | Q(expire_at__gt=timezone.now()))
    for restriction in _restrictions(request):
        if request is None or not restriction.accept_request(request):
            pages = pages.not_descendant_of(restriction.page, inclusive=True)
    return pages


def _restrictions(request) -> list[PageViewRestriction]:
    """Every view restriction, read once per request: the menu, breadcrumbs, language links and
    listings of one page all ask, and restrictions cannot change while one page renders."""
    if request is None:
        return list(PageViewRestriction.objects.select_related("page"))
    if not hasattr(request, "_page_view_restrictions"):
        request._page_view_restrictions = list(PageViewRestriction.objects.select_related("page"))
    return request._page_view_restrictions
