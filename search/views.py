"""HTML views: validate input, run one query, paginate, render. Thin by design."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from members import views as member_views
from members.models import viewer_tier

from . import service
from .client import SearchUnavailable
from .forms import directory_params, site_params


@require_GET
def directory(request):
    tier = viewer_tier(request.user)
    params, form = directory_params(request.GET)
    try:
        results = service.directory(params, tier=tier)
    except SearchUnavailable:
        # The directory stays usable from the database: same filters, no facet counts.
        return member_views.directory(request, search_unavailable=True)
    context = {"form": form, "params": params, "tier": tier, "results": results}
    return render(request, "search/directory.html", context)


@require_GET
def site_search(request):
    tier = viewer_tier(request.user)
    q, page = site_params(request.GET)
    context = {"q": q}
    if q:
        try:
            context["results"] = service.site(q, tier=tier, page=page)
        except SearchUnavailable:
            return render(request, "search/unavailable.html", context, status=503)
    return render(request, "search/site_search.html", context)
