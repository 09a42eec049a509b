"""Public directory views: validate the parameters, run one query, render.

Who sees what is decided by ``viewer_tier`` and ``visible_to``; a record the viewer may not see
answers 404 exactly like one that does not exist.
"""

from django.shortcuts import get_object_or_404, render

from .directory import directory_queryset
from .forms import DirectoryFilterForm
from .models import GroupMember, IndividualMember, viewer_tier
from .pagination import paginate


def directory(request, *, search_unavailable: bool = False):
    """The directory from the database. The search app serves ``/members/`` with
    Elasticsearch and falls back to this view (with a notice) when the search server is down."""
    tier = viewer_tier(request.user)
    form = DirectoryFilterForm(request.GET)
    query = form.to_query()
    results = directory_queryset(tier=tier, query=query)
    return render(
        request,
        "members/directory.html",
        {
            "form": form,
            "query": query,
            "page_obj": paginate(results, number=query.page),
            "shows_individuals": tier >= IndividualMember.minimum_viewer_tier,
            "tier": tier,
            "search_unavailable": search_unavailable,
        },
    )


def group_detail(request, slug):
    tier = viewer_tier(request.user)
    group = get_object_or_404(
        GroupMember.objects.visible_to(tier).select_related("prefecture__region", "logo"),
        slug=slug,
    )
    return render(
        request,
        "members/group_detail.html",
        {
            "member": group,
            "show_contacts": group.contacts_visible_to(tier),
            "participations": group.participations.select_related("subnetwork"),
            "people": IndividualMember.objects.visible_to(tier).filter(affiliation=group),
            "tier": tier,
        },
    )


def person_detail(request, pk):
    tier = viewer_tier(request.user)
    person = get_object_or_404(
        IndividualMember.objects.visible_to(tier).select_related("prefecture", "affiliation"),
        pk=pk,
    )
    affiliation = person.affiliation
    return render(
        request,
        "members/person_detail.html",
        {
            "member": person,
            "show_contacts": person.contacts_visible_to(tier),
            "participations": person.participations.select_related("subnetwork"),
            # Link the affiliation only when the viewer may open it; otherwise it would 404.
            "affiliation": affiliation
            if affiliation is not None and affiliation.visible_to(tier)
            else None,
            "tier": tier,
        },
    )
