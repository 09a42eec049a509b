import html
import json
import math
from dataclasses import replace
from functools import cache
from pathlib import Path

from django import template
from django.utils.safestring import SafeData, SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from members import confirmation, vocabulary
from members.models import viewer_grants
from search import service
from search.client import SearchUnavailable
from search.facets import FACETS, FACETS_BY_NAME
from search.params import DirectoryParams

register = template.Library()


def _html(template: str, *args) -> SafeString:
    """``format_html`` without its lazy-string wrappers, which took about a fifth of the
    directory page's time (hundreds of calls per page): the same escaping (``html.escape``,
    quotes included, as django.utils.html.escape does), and safe strings pass through."""
    return SafeString(
        template.format(*(a if isinstance(a, SafeData) else html.escape(str(a)) for a in args))
    )


@register.simple_tag
def directory_chips(params: DirectoryParams) -> list[dict]:
    """One removable chip per chosen value (and the words), each with the query string
    without it, so a visitor removes one filter at a time without JavaScript."""
    chips = []
    if params.q:
        chips.append({"label": params.q, "facet": _("Keyword"), "query": params.querystring(q="")})
    if params.office_only and any(params.values(f.name) for f in FACETS if f.reach):
        chips.append(
            {
                "label": _("office only"),
                "facet": _("Place"),
                "query": replace(params, office_only=False, page=1).querystring(),
            }
        )
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


def result_card(result: dict) -> SafeString:
    """The one result card of the directory, site search and similar groups. Built here, not
    by an included template: twenty render on every directory page."""
    english = service.is_english()
    parts = [
        _html(
            '<li class="card result" data-kind="{}"><p class="result-type">{}{}</p>'
            '<h3><a href="{}"{}>{}</a></h3>',
            result["type"],
            result["type_label"],
            _html(' · <span class="result-place">{}</span>', result["location"])
            if result.get("location")
            else "",
            result["url"],
            _html(' lang="{}"', result["display_lang"]) if result.get("display_lang") else "",
            result["display_name"],
        )
    ]
    if english and result["display_name"] != result["name"]:
        parts.append(_html('<p class="result-alt" lang="ja">{}</p>', result["name"]))
    elif not english and result.get("kana"):
        parts.append(_html('<p class="result-alt">{}</p>', result["kana"]))
    if result.get("snippet"):  # escaped before <mark> was added (search.text.highlight)
        parts.append(_html('<p class="snippet">{}</p>', mark_safe(result["snippet"])))
    if result.get("fields"):
        parts.append(
            _html(
                '<ul class="tags" aria-label="{}">{}</ul>',
                _("Fields of activity"),
                mark_safe("".join(_html("<li>{}</li>", f["label"]) for f in result["fields"])),
            )
        )
    if result.get("languages"):
        parts.append(
            _html(
                '<p class="result-languages"><span class="result-label">{}:</span> {}</p>',
                _("Languages"),
                ", ".join(language["label"] for language in result["languages"]),
            )
        )
    if result.get("last_confirmed") or result.get("stale"):
        parts.append(
            _html(
                '<p class="result-confirmed">{}{}</p>',
                _html(
                    '<span class="result-label">{}:</span> <time datetime="{}">{}</time>',
                    _("Last confirmed"),
                    result["last_confirmed"],
                    result["last_confirmed"],
                )
                if result.get("last_confirmed")
                else "",
                _html(' <span class="stale-mark">{}</span>', confirmation.stale_label())
                if result.get("stale")
                else "",
            )
        )
    parts.append(mark_safe("</li>"))
    return mark_safe("".join(parts))  # every part is escaped by _html


@register.simple_tag
def result_cards(results: list[dict]) -> SafeString:
    return mark_safe("".join(result_card(result) for result in results))


@register.simple_tag
def facet_options(panel: service.FacetPanel) -> SafeString:
    """A facet's values as labelled checkboxes (radios for a one-value facet). Built here, not
    by a template loop: up to 47 prefectures render on every directory request."""
    kind = "checkbox" if panel.facet.multiple else "radio"
    return mark_safe(
        "".join(
            _html(
                '<li><label><input type="{}" name="{}" value="{}"{}> '
                '<span class="facet-label">{}</span>{}</label></li>',
                kind,
                panel.facet.name,
                v.value,
                mark_safe(" checked") if v.selected else "",
                v.label,
                _html(' <span class="count">{}</span>', v.count) if v.count is not None else "",
            )
            for v in panel.values
        )
    )


@register.simple_tag
def page_query(params: DirectoryParams, page: int) -> str:
    return params.querystring(page=page)


@register.inclusion_tag("search/similar_groups.html", takes_context=True)
def similar_groups(context, group):
    """Groups near this one in region and fields, from Elasticsearch; nothing if it is down."""
    try:
        groups = service.similar_groups(group, grants=viewer_grants(context["request"].user))
    except SearchUnavailable:
        groups = []
    return {"groups": groups}


MAP_STEPS = 4  # shades of the prefecture map besides "none"
MAP_DATA = Path(__file__).resolve().parent.parent / "data" / "prefectures.json"


@cache
def _map_geometry() -> dict:
    """The prefecture map's shapes, generated once by devtools/make_prefecture_map.py, with
    each path's data escaped once here rather than on every request (they are long)."""
    geometry = json.loads(MAP_DATA.read_text(encoding="utf-8"))
    for shape in geometry["prefectures"].values():
        shape["d"] = mark_safe(html.escape(shape["d"]))
    return geometry


def _map_step(count: int | None, most: int) -> int:
    """0 for none (or not counted), else 1..MAP_STEPS in proportion to the largest count."""
    return math.ceil(count * MAP_STEPS / most) if count and most else 0


def _region_items(prefectures) -> SafeString:
    """A region's prefectures for the phone's grid: links with their counts."""
    items = []
    for p in prefectures:
        count = _html(' <span class="count">{}</span>', p["count"])
        if p["linked"]:
            items.append(
                _html(
                    '<li><a href="?{}" aria-label="{}"{}>{}{}{}</a></li>',
                    p["query"],
                    p["label"],
                    mark_safe(' class="is-selected"') if p["selected"] else "",
                    mark_safe('<span aria-hidden="true">✓ </span>') if p["selected"] else "",
                    p["name"],
                    count if p["count"] is not None else "",
                )
            )
        else:
            items.append(_html('<li><span class="is-empty">{}{}</span></li>', p["name"], count))
    return mark_safe("".join(items))  # every part is escaped by _html


def _map_shapes(prefectures) -> SafeString:
    """The map's 47 shapes and the outlines of the chosen ones, built here rather than by a
    template loop: the directory page renders them on every request, and this is ~10× faster."""
    shapes = [
        _html(
            '<a href="?{}" class="pref step-{}{}" aria-label="{}" data-code="{}">'
            '<title>{}</title><path d="{}"/></a>',
            p["query"],
            p["step"],
            " is-selected" if p["selected"] else "",
            p["label"],
            p["code"],
            p["label"],
            p["d"],
        )
        if p["linked"]
        else _html(
            '<g class="pref step-0" aria-hidden="true" data-code="{}"><title>{}</title>'
            '<path d="{}"/></g>',
            p["code"],
            p["label"],
            p["d"],
        )
        for p in prefectures
    ]
    outlines = [
        _html(
            '<path class="pref-outline" d="{}" aria-hidden="true"/>'
            '<path class="pref-outline pref-outline-inner" d="{}" aria-hidden="true"/>',
            p["d"],
            p["d"],
        )
        for p in prefectures
        if p["selected"]
    ]
    return mark_safe("".join(shapes + outlines))  # every part is escaped by _html


@register.inclusion_tag("components/prefecture_map.html")
def prefecture_map(results: service.SearchResults, params: DirectoryParams):
    """Japan's 47 prefectures shaded by the prefecture facet's counts: the current result with
    the prefecture filter itself left out, within the viewer's grants, so the map can show nothing
    the facet panel would not. Each prefecture with members (or already chosen) is a link that
    toggles it; one with none is drawn but not a link, as the facet panel leaves it out: a link
    to an empty result is a dead end. Groups that serve all of Japan are in every prefecture's
    facet count; the map shows them once, beside itself (not when reading offices only)."""
    counted = results.counted
    nationwide_count = results.nationwide.get("prefecture")
    # Nationwide groups are in every prefecture's facet count; the map shows them once, beside.
    everywhere = nationwide_count or 0
    facet = {v.value: v for v in results.facets.get("prefecture", [])}
    counts = {code: (v.count - everywhere if counted else None) for code, v in facet.items()}
    chosen = set(params.values("prefecture"))
    most = max((c for c in counts.values() if c), default=0)
    labels = service.facet_labels("prefecture")
    shapes = _map_geometry()["prefectures"]
    base = replace(params, page=1).querystring()
    prefectures = {}
    for code, region, _ja, _en in vocabulary.PREFECTURES:
        count = counts.get(code, 0) if counted else None
        selected = code in chosen
        name = labels[code]
        if count is None:
            label = name
        else:
            label = ngettext("%(name)s: %(count)s member", "%(name)s: %(count)s members", count) % {
                "name": name,
                "count": count,
            }
        if selected:
            label = _("%(place)s (selected)") % {"place": label}
        # Adding a prefecture appends one parameter to the page-1 query (47 on every request);
        # removing one rebuilds the query without it.
        query = (
            params.without("prefecture", code).querystring()
            if selected
            else f"{base}&prefecture={code}".lstrip("&")
        )
        prefectures[code] = {
            "code": code,
            "region": region,
            "name": name,
            "count": count,
            "step": _map_step(count, most),
            "selected": selected,
            "label": label,
            "linked": selected or count != 0,
            "query": query,
            "d": shapes[code]["d"],
        }
    region_labels = service.facet_labels("region")
    regions = []
    for slug, _ja, _en in vocabulary.REGIONS:
        members = [p for p in prefectures.values() if p["region"] == slug]
        regions.append(
            {
                "name": region_labels[slug],
                "count": sum(p["count"] for p in members) if counted else None,
                "open": any(p["selected"] for p in members),
                "items": _region_items(members),
            }
        )
    legend = [
        {"step": step, "low": low, "high": high}
        for step in range(1, MAP_STEPS + 1)
        if (low := math.floor((step - 1) * most / MAP_STEPS) + 1)
        <= (high := math.floor(step * most / MAP_STEPS))
    ]
    geometry = _map_geometry()
    return {
        "shapes": _map_shapes(prefectures.values()),
        "regions": regions,
        "legend": legend,
        "counted": counted,
        "any_selected": bool(chosen),
        "nationwide_count": nationwide_count,
        "view_box": geometry["view_box"],
        "inset": geometry["inset"],
    }
