"""The contact form's own page and what a POST from the group page leads to.

The group page (cached for anonymous visitors) holds the same form with a token-less CSRF
field that static/js/csrf.js fills; this page is never cached and carries its own token, so
it also works without JavaScript.
"""

from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.views.decorators.http import require_http_methods

from members.models import GroupMember, viewer_grants
from portal.mail import mail_language

from . import services
from .forms import RelayForm
from .limits import client_address
from .models import RelayStatus


def _group(request, slug: str) -> GroupMember:
    # The same rule as the group page: a group the viewer may not see answers 404.
    return get_object_or_404(GroupMember.objects.visible_to(viewer_grants(request.user)), slug=slug)


@require_http_methods(["GET", "POST"])
def contact(request, slug):
    group = _group(request, slug)
    context = {"group": group, "unavailable": services.unavailable_reason(group)}
    if context["unavailable"]:
        return render(
            request, "relay/contact.html", context, status=403 if request.method == "POST" else 200
        )
    form = RelayForm(request.POST if request.method == "POST" else None)
    if not form.is_valid():
        return render(request, "relay/contact.html", {**context, "form": form})
    outcome = services.relay_message(
        group=group,
        name=form.cleaned_data["name"],
        email=form.cleaned_data["email"],
        subject=form.cleaned_data["subject"],
        body=form.cleaned_data["message"],
        client_address=client_address(request),
        language=mail_language(user=request.user, page_language=get_language()),
        trapped=form.trapped,
        page_url=request.build_absolute_uri(group.get_absolute_url()),
    )
    if outcome.limited:
        response = render(
            request,
            "relay/contact.html",
            {**context, "form": form, "limited": True, "minutes": -(-outcome.retry_after // 60)},
            status=429,
        )
        response["Retry-After"] = str(outcome.retry_after)
        return response
    if outcome.status == RelayStatus.FAILED:
        return render(
            request, "relay/contact.html", {**context, "form": form, "failed": True}, status=503
        )
    # A trapped robot sees the same confirmation as a person.
    return redirect("relay:sent", slug=group.slug)


def sent(request, slug):
    return render(request, "relay/sent.html", {"group": _group(request, slug)})
