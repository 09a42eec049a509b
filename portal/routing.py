"""Finding the page for a URL in two queries, rather than two for every level of the path.

Wagtail's ``Page.route`` walks down one level at a time: the child with the next slug, then
that child's specific row, then the child's own ``route``. The home page (the root of every
locale's tree) routes instead: every page that may be on the path in one query, then the
specific row of the page found. The answer is the one ``Page.route`` gives; a page type with a
``route`` of its own (RoutablePageMixin's sub-paths: feeds, .ics files) still decides what is
below it.
"""

from django.conf import settings
from django.http import Http404
from django.utils.translation import get_language
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Page

from caching import shared


def route_below(root: Page, request, path_components: list[str]):
    candidates = Page.objects.filter(
        slug__in=set(path_components),
        depth__gt=root.depth,
        depth__lte=root.depth + len(path_components),
        path__startswith=root.path,
    )
    # A child is found by its parent's path and its own slug, as Page.route finds it.
    children = {(page.path[: -Page.steplen], page.slug): page for page in candidates}
    parent = root
    for index, slug in enumerate(path_components):
        if parent is not root:
            decided = _own_route(parent, request, path_components[index:])
            if decided is not None:
                return decided
        child = children.get((parent.path, slug))
        if child is None:
            raise Http404
        # As Page.route does: get_parent() then needs no query.
        child._cached_parent_obj = parent
        parent = child
    return parent.specific.route(request, [])


def _own_route(page: Page, request, remaining: list[str]):
    """What ``page``'s own ``route`` answers for ``remaining``, when it has one that would not
    simply look for a child; ``None`` when Page.route's walk goes on."""
    route = getattr(page.specific_class, "route", Page.route)
    if route is Page.route:
        return None
    if route is RoutablePageMixin.route:
        # RoutablePageMixin.route: a live page's sub-path, else Page.route's walk. The
        # resolver is the class's, so no specific row is read for a path it does not know.
        if not page.live:
            return None
        try:
            page.specific_class.get_resolver().resolve("/" + "".join(f"{c}/" for c in remaining))
        except Http404:
            return None
    return page.specific.route(request, remaining)


def localized_home(home: Page) -> Page:
    """``home.localized`` (its live translation in the active language, else itself) without
    reading the locale and the translation on every request."""
    try:
        language = get_supported_content_language_variant(get_language())
    except LookupError:
        language = get_supported_content_language_variant(settings.LANGUAGE_CODE)
    homes = shared.remember(shared.PAGES, "live-homes", _live_homes)
    found = homes.get((home.translation_key, language))
    return home if found is None or found.pk == home.pk else found


def _live_homes() -> dict:
    from portal.models import HomePage

    return {
        (home.translation_key, home.locale.language_code): home
        for home in HomePage.objects.live().select_related("locale")
    }
