"""The one pagination helper of the site's listings (directory, and search later)."""

from django.core.paginator import EmptyPage, Page, Paginator

DEFAULT_PER_PAGE = 20


def paginate(items, *, number: int, per_page: int = DEFAULT_PER_PAGE) -> Page:
    """Page ``number`` (1-based) of ``items``. A page past the end is an empty page, not an
    error: a bookmarked ``?page=9`` of a list that has shrunk should still render."""
    paginator = Paginator(items, per_page)
    try:
        return paginator.page(max(1, number))
    except EmptyPage:
        return Page([], number, paginator)
