"""HTML views: validate input, run one query, render. Thin by design."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from members.models import viewer_tier
from members.stats import membership_counts

from . import fallback, service, understanding
from .client import SearchUnavailable, retry_after
from .params import parse_directory, parse_page, parse_q


@require_GET
def directory(request):
    """The member directory (/members/): Elasticsearch, or the database when it is down (the
    same filters and cards, no counts, with a notice). A page past the end answers 404 with a
    way back, as the JSON API does."""
    tier = viewer_tier(request.user)
    params = parse_directory(request.GET)
    reading = understanding.read(params.q, understanding.lexicon())
    query = understanding.interpret(params, reading)
    if reading.only_filters:
        # 「名古屋」 or "Vietnam Aichi" *are* filters: the page shows them as such (ticked boxes,
        # removable chips, an empty search box), exactly as the filters' own URL would.
        params = query
    results = fallback.answer(query, tier=tier)
    context = {
        "params": params,
        "results": results,
        "offers": understanding.offers(params, reading),
        "tier": tier,
        "membership": membership_counts(),
    }
    status = 404 if results.out_of_range else 200
    return render(request, "search/directory.html", context, status=status)


@require_GET
def site_search(request):
    tier = viewer_tier(request.user)
    q, page = parse_q(request.GET), parse_page(request.GET)
    context = {"q": q}
    if q:
        try:
            context["results"] = results = service.site(q, tier=tier, page=page)
        except SearchUnavailable:
            response = render(request, "search/unavailable.html", context, status=503)
            response["Retry-After"] = retry_after()
            return response
        if results.out_of_range:
            return render(request, "search/site_search.html", context, status=404)
    return render(request, "search/site_search.html", context)
