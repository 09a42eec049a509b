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
    for restriction in _refused(request):
        pages = pages.not_descendant_of(restriction.page, inclusive=True)
    return pages


def visible_among(pages, request=None) -> list:
    """The pages of ``pages`` (already read) that ``visible_pages`` would keep."""
    now = timezone.now()
    refused = [restriction.page.path for restriction in _refused(request)]
    return [
        page
        for page in pages
        if page.live
        and (page.expire_at is None or page.expire_at > now)
        and not page.path.startswith(tuple(refused))
    ]


def passes_a_restriction(request) -> bool:
    """Whether ``request`` may open some restricted page, so that what it may list differs
    from what anyone may (and a listing kept for everyone does not fit it)."""
    return len(_refused(request)) < len(_restrictions(request))


def _restrictions(request) -> list[PageViewRestriction]:
    """Every view restriction, read once per request: the menu, breadcrumbs, language links and
    listings of one page all ask, and restrictions cannot change while one page renders."""
    if request is None:
        return list(PageViewRestriction.objects.select_related("page"))
    if not hasattr(request, "_page_view_restrictions"):
        request._page_view_restrictions = list(PageViewRestriction.objects.select_related("page"))
    return request._page_view_restrictions


def _refused(request) -> list[PageViewRestriction]:
    """The restrictions ``request`` does not pass, decided once per request and user (a login
    or logout replaces the user mid-request): a group restriction reads the user's groups each
    time it is asked."""
    if request is None:
        return _restrictions(None)
    user = getattr(request, "user", None)
    kept = getattr(request, "_refused_view_restrictions", None)
    if kept is None or kept[0] is not user:
        refused = [r for r in _restrictions(request) if not r.accept_request(request)]
        kept = request._refused_view_restrictions = (user, refused)
    return kept[1]
