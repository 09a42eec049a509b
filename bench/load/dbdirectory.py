"""The directory answered by Wagtail's database search backend, done fairly, as an HTTP endpoint.

The issue compares the Elasticsearch directory with "the best simple alternative": on
PostgreSQL, Wagtail's database backend is PostgreSQL full-text search. This view takes the query
string of ``/api/v1/members/``, parsed by the directory's own ``parse_directory`` (the same
allow-listed facets), and does what that API needs: the full-text search for the page of
results and its total, plus one aggregate query per facet with disjunctive counts (each facet
counted with every other filter applied). Anonymous viewer and groups only, as in
``bench/search.py``. Mounted by ``bench.load.settings`` only; the site never serves it.
"""

from django.db.models import Count, QuerySet
from django.http import JsonResponse
from django.views.decorators.http import require_GET
from wagtail.search.backends import get_search_backend

from members.models import GroupMember, Tier
from search.facets import FACETS
from search.params import DirectoryParams, parse_directory

PAGE_SIZE = 20
# Facets a group is filtered on through the ORM (``type`` chooses the table instead).
ORM_FACETS = {facet.name: facet.orm_path for facet in FACETS if facet.orm_path}


def _filtered(params: DirectoryParams, *, skip: str | None = None) -> QuerySet:
    queryset = GroupMember.objects.visible_to(Tier.ANONYMOUS)
    for name, path in ORM_FACETS.items():
        values = params.values(name)
        if values and name != skip:
            queryset = queryset.filter(**{f"{path}__in": values})
    return queryset


@require_GET
def database_directory(request):
    params = parse_directory(request.GET)
    backend = get_search_backend()
    base = _filtered(params)
    matching = None
    if params.q:
        # The backend filters only on its FilterFields, so the facets go in as a subquery.
        hits = backend.search(
            params.q, GroupMember.objects.filter(pk__in=base.values("pk")), operator="and"
        )
        page, total = list(hits[:PAGE_SIZE]), hits.count()
        visible = GroupMember.objects.visible_to(Tier.ANONYMOUS)
        matching = [m.pk for m in backend.search(params.q, visible, operator="and")]
    else:
        page, total = list(base.order_by("kana")[:PAGE_SIZE]), base.count()
    facets = {}
    for name, path in ORM_FACETS.items():
        scope = _filtered(params, skip=name)
        if matching is not None:
            scope = scope.filter(pk__in=matching)
        counts = scope.values(path).annotate(n=Count("pk", distinct=True))
        facets[name] = {row[path]: row["n"] for row in counts if row[path]}
    return JsonResponse({"count": total, "results": [m.name for m in page], "facets": facets})
