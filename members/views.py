"""A member's own page. The directory listing itself belongs to the search app (/members/).

Who sees what is decided by ``viewer_grants`` and ``visible_to``; a record the viewer may not see
answers 404 exactly like one that does not exist.
"""

from django.shortcuts import get_object_or_404, render

from .models import GroupMember, IndividualMember, viewer_grants


def group_detail(request, slug):
    grants = viewer_grants(request.user)
    group = get_object_or_404(
        GroupMember.objects.visible_to(grants)
        .select_related("prefecture__region", "logo")
        .prefetch_related("fields"),
        slug=slug,
    )
    return render(
        request,
        "members/group_detail.html",
        {
            "member": group,
            "show_contacts": group.contacts_visible_to(grants),
            "participations": group.participations.select_related("subnetwork"),
            "people": IndividualMember.objects.visible_to(grants).filter(affiliation=group),
            "tier": grants.tier,
        },
    )


def person_detail(request, slug):
    grants = viewer_grants(request.user)
    person = get_object_or_404(
        IndividualMember.objects.visible_to(grants).select_related("prefecture", "affiliation"),
        slug=slug,
    )
    affiliation = person.affiliation
    return render(
        request,
        "members/person_detail.html",
        {
            "member": person,
            "show_contacts": person.contacts_visible_to(grants),
            "participations": person.participations.select_related("subnetwork"),
            # Link the affiliation only when the viewer may open it; otherwise it would 404.
            "affiliation": affiliation
            if affiliation is not None and affiliation.visible_to(grants)
            else None,
            "tier": grants.tier,
        },
    )
