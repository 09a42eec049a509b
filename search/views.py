"""HTML views: validate input, run one query, paginate, render. Thin by design."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_GET

from members.directory import directory_queryset
from members.models import viewer_tier

from . import service
from .client import SearchUnavailable
from .forms import directory_params, site_params
from .queries import PAGE_SIZE


@require_GET
def directory(request):
    tier = viewer_tier(request.user)
    params, form = directory_params(request.GET)
    context = {"form": form, "params": params, "tier": tier}
    try:
        context["results"] = service.directory(params, tier=tier)
    except SearchUnavailable:
        # The directory stays usable from the database: same filters, no facet counts.
        queryset = directory_queryset(tier=tier, query=form.to_query())
        page = Paginator(queryset, PAGE_SIZE).get_page(params.page)
        context.update(degraded=True, fallback_page=page)
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
