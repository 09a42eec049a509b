"""/mypage/ (マイページ): thin views over ``memberspace.services`` and ``members.consent``.

Every entry comes from ``managed_by(request.user)``: an entry the account does not manage
answers 404, the same as one that does not exist."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from members.consent import member_choose_privacy
from members.models import GroupMember, IndividualMember
from portal.mail import remember_mail_language

from .forms import ENTRY_FORMS, PrivacyForm
from .pending import entry_status
from .services import entry_submit_draft

MODELS = {GroupMember.kind: GroupMember, IndividualMember.kind: IndividualMember}


def _managed_entry(request, kind: str, slug: str):
    model = MODELS.get(kind)
    if model is None:
        raise Http404
    return get_object_or_404(model.objects.managed_by(request.user), slug=slug)


def _status(member):
    return entry_status(member, ENTRY_FORMS[member.kind].compared_fields())


@never_cache
@login_required
def my_entries(request):
    # The language a member reads their pages in is the one their mail goes out in.
    remember_mail_language(user=request.user, page_language=get_language())
    entries = [
        _status(member)
        for model in (GroupMember, IndividualMember)
        for member in model.objects.managed_by(request.user).select_related("prefecture")
    ]
    return render(request, "memberspace/my_entries.html", {"entries": entries})


def _edit_page(request, member, *, form, privacy_form, status=200):
    return render(
        request,
        "memberspace/edit.html",
        {
            "member": member,
            "entry": _status(member),
            "form": form,
            "privacy_form": privacy_form,
        },
        status=status,
    )


@never_cache
@login_required
def edit_entry(request, kind, slug):
    member = _managed_entry(request, kind, slug)
    remember_mail_language(user=request.user, page_language=get_language())
    form_class = ENTRY_FORMS[member.kind]
    # The form shows the latest draft, so a second edit builds on the first one. Its own
    # copy: a form writes into its instance, and the status shown compares with ``member``.
    draft = type(member).objects.get(pk=member.pk).get_latest_revision_as_object()
    if request.method == "POST":
        form = form_class(request.POST, instance=draft)
        if form.is_valid():
            edited = form.save(commit=False)
            form.save_m2m()  # parental relations: in memory, carried by the revision
            entry_submit_draft(member=edited, by=request.user)
            messages.success(
                request,
                _("Thank you. Your changes are waiting for the secretariat's approval."),
            )
            return redirect("memberspace:entries")
        status = 400
    else:
        form = form_class(instance=draft)
        status = 200
    return _edit_page(
        request, member, form=form, privacy_form=PrivacyForm(member=member), status=status
    )


@never_cache
@login_required
@require_POST
def change_privacy(request, kind, slug):
    member = _managed_entry(request, kind, slug)
    privacy_form = PrivacyForm(request.POST, member=member)
    if not privacy_form.is_valid():
        form = ENTRY_FORMS[member.kind](instance=member.get_latest_revision_as_object())
        return _edit_page(request, member, form=form, privacy_form=privacy_form, status=400)
    outcome = member_choose_privacy(
        member=member,
        visibility=privacy_form.cleaned_visibility(),
        listed=privacy_form.cleaned_data["listed"],
        subnetworks=privacy_form.cleaned_subnetworks(),
        by=request.user,
    )
    if outcome.request is not None and outcome.applied:
        messages.success(
            request,
            _(
                "The narrower part applies now; showing the entry more widely is waiting for "
                "the secretariat."
            ),
        )
    elif outcome.request is not None:
        messages.success(
            request,
            _("Your request to show the entry more widely is waiting for the secretariat."),
        )
    elif outcome.applied:
        messages.success(request, _("Done: the change applies now."))
    else:
        messages.info(request, _("Nothing changed."))
    return redirect("memberspace:edit", kind=member.kind, slug=member.slug)
