"""The JSON API (/api/v1/…): the same queries as the HTML views, as data."""

from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from members.models import viewer_tier

from . import fallback, openapi, service, understanding
from .client import SearchUnavailable, retry_after
from .params import parse_directory, parse_page, parse_q


def _unavailable() -> JsonResponse:
    response = JsonResponse(
        {"error": "search_unavailable", "detail": _("Search is temporarily unavailable.")},
        status=503,
    )
    response["Retry-After"] = retry_after()
    return response


# Site search has no facets: its body is these keys only, as /api/v1/openapi.json says.
PAGED_KEYS = ("count", "page", "num_pages", "results")


def _paged(results: service.SearchResults, body: dict) -> JsonResponse:
    # The HTML pages answer a page past the end with 404 too (search.views).
    if results.out_of_range:
        return JsonResponse(
            {"error": "page_out_of_range", "num_pages": results.num_pages}, status=404
        )
    return JsonResponse(body, json_dumps_params={"ensure_ascii": False})


@require_GET
def members(request):
    params = parse_directory(request.GET)
    reading = understanding.read(params.q, understanding.lexicon())
    # The same reading as the HTML page: a query made only of recognised words is its filters,
    # and ``understood`` says which.
    understood = [
        {"words": r.words, "facet": r.facet, "value": r.value} for r in reading.recognised
    ]
    query, tier = understanding.interpret(params, reading), viewer_tier(request.user)
    results = fallback.answer(query, tier=tier)
    return _paged(
        results,
        {
            **results.as_json(),
            "search_unavailable": not results.counted,
            "understood": understood,
            "as_filters": reading.only_filters,
            "offers": understanding.offers(params, reading),
        },
    )


@require_GET
def site(request):
    q = parse_q(request.GET)
    if not q:
        return JsonResponse({"count": 0, "page": 1, "num_pages": 1, "results": []})
    try:
        results = service.site(q, tier=viewer_tier(request.user), page=parse_page(request.GET))
    except SearchUnavailable:
        return _unavailable()
    body = results.as_json()
    return _paged(results, {key: body[key] for key in PAGED_KEYS})


@require_GET
def suggest(request):
    q = parse_q(request.GET)
    try:
        suggestions = service.suggest(q, tier=viewer_tier(request.user))
    except SearchUnavailable:
        return _unavailable()
    return JsonResponse({"suggestions": suggestions}, json_dumps_params={"ensure_ascii": False})


@require_GET
def openapi_json(request):
    return JsonResponse(openapi.schema(), json_dumps_params={"ensure_ascii": False})
