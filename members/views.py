"""A member's own page. The directory listing itself belongs to the search app (/members/).

Who sees what is decided by ``viewer_grants`` and ``visible_to``; a record the viewer may not see
answers 404 exactly like one that does not exist.
"""

from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from . import confirmation
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
            "contacts": group.visible_contacts(grants),
            "stale_label": confirmation.stale_label()
            if confirmation.is_stale(confirmation.confirmed_on(group))
            else "",
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
            "contacts": person.visible_contacts(grants),
            "stale_label": confirmation.stale_label()
            if confirmation.is_stale(confirmation.confirmed_on(person))
            else "",
            "participations": person.participations.select_related("subnetwork"),
            # Link the affiliation only when the viewer may open it; otherwise it would 404.
            "affiliation": affiliation
            if affiliation is not None and affiliation.visible_to(grants)
            else None,
            "tier": grants.tier,
        },
    )


@never_cache
@require_http_methods(["GET", "POST"])
def confirm_entry_view(request, token):
    """The 「内容に変更なし」 link of a reminder. A GET only shows the entry and a button (mail
    scanners open links); the POST confirms. A refused link gets a page saying why, never an
    error: tampered with, expired, already used, or no longer this manager's entry."""
    try:
        link = confirmation.read_token(token)
    except confirmation.LinkRefused as refused:
        # A forged link is a bad request; an expired, used or orphaned one is gone for good.
        status = 400 if refused.reason == confirmation.TAMPERED else 410
        return render(
            request, "members/confirm_refused.html", {"reason": refused.reason}, status=status
        )
    if request.method == "POST":
        confirmation.confirm_entry(member=link.member, by=link.manager)
        return render(request, "members/confirm_done.html", {"member": link.member})
    return render(
        request,
        "members/confirm.html",
        {"member": link.member, "confirmed_on": confirmation.confirmed_on(link.member)},
    )
