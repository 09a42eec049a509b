from django import template
from django.utils.translation import gettext as _

from members.models import viewer_tier
from search import service
from search.client import SearchUnavailable
from search.facets import FACETS, FACETS_BY_NAME
from search.params import DirectoryParams

register = template.Library()


@register.simple_tag
def directory_chips(params: DirectoryParams) -> list[dict]:
    """One removable chip per chosen value (and the words), each with the query string
    without it, so a visitor removes one filter at a time without JavaScript."""
    chips = []
    if params.q:
        chips.append({"label": params.q, "facet": _("Keyword"), "query": params.querystring(q="")})
    for facet in FACETS:
        labels = service.facet_labels(facet.name)
        for value in params.values(facet.name):
            chips.append(
                {
                    "label": labels.get(value, value),
                    "facet": str(facet.label),
                    "query": params.without(facet.name, value).querystring(),
                }
            )
    return chips


@register.simple_tag
def ways_out(results: service.SearchResults, params: DirectoryParams) -> dict:
    """What an empty result offers: the words without any filter, each filter dropped, and
    the values of the chosen facets that would give results."""
    unfiltered = None
    if params.q and params.filter_count and results.unfiltered_count:
        unfiltered = {
            "count": results.unfiltered_count,
            "query": DirectoryParams(q=params.q, sort=params.sort).querystring(),
        }
    broader = [
        {
            "facet": str(FACETS_BY_NAME[item["facet"]].label),
            "count": item["count"],
            "query": params.without(item["facet"]).querystring(),
        }
        for item in results.broader
        # With one filter, dropping it is the same link as the words without filters.
        if not (unfiltered and params.filter_count == 1)
    ]
    alternatives = [
        {
            "label": value.label,
            "count": value.count,
            "query": params.with_value(panel.facet.name, value.value).querystring(),
        }
        for panel in results.facet_panels()
        if panel.chosen
        for value in panel.values
        if value.count and not value.selected
    ]
    return {"unfiltered": unfiltered, "broader": broader, "alternatives": alternatives[:12]}


@register.simple_tag
def page_query(params: DirectoryParams, page: int) -> str:
    return params.querystring(page=page)


@register.inclusion_tag("search/similar_groups.html", takes_context=True)
def similar_groups(context, group):
    """Groups near this one in region and fields, from Elasticsearch; nothing if it is down."""
    try:
        groups = service.similar_groups(group, tier=viewer_tier(context["request"].user))
    except SearchUnavailable:
        groups = []
    return {"groups": groups}
