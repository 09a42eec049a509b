from django import template
from django.http import QueryDict

from members.models import viewer_tier
from search import service
from search.client import SearchUnavailable

register = template.Library()


@register.simple_tag(takes_context=True)
def toggle_facet(context, facet: str, value: str) -> str:
    """The current URL's query string with ``facet=value`` switched on or off (page reset)."""
    params: QueryDict = context["request"].GET.copy()
    params.pop("page", None)
    values = params.getlist(facet)
    if facet in ("region", "type"):  # single-valued facets
        params.setlist(facet, [] if value in values else [value])
    elif value in values:
        params.setlist(facet, [v for v in values if v != value])
    else:
        params.setlist(facet, [*values, value])
    return "?" + params.urlencode()


@register.simple_tag(takes_context=True)
def without(context, *names: str) -> str:
    """The current query string without the given parameters, ready for '&' or 'page='."""
    params: QueryDict = context["request"].GET.copy()
    for name in names:
        params.pop(name, None)
    encoded = params.urlencode()
    return f"{encoded}&" if encoded else ""


@register.inclusion_tag("search/similar_groups.html", takes_context=True)
def similar_groups(context, group):
    """Groups near this one in region and fields, from Elasticsearch; nothing if it is down."""
    try:
        groups = service.similar_groups(group, tier=viewer_tier(context["request"].user))
    except SearchUnavailable:
        groups = []
    return {"groups": groups}
