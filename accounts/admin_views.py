"""The secretariat's "Invite a manager" form in the Wagtail admin."""

from django.conf import settings
from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.defaults import permission_denied
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from members.models import GroupMember, IndividualMember, viewer_grants

from . import invitations
from .forms import InviteForm

INVITE_PERMISSION = "accounts.add_invitation"
ENTRY_MODELS = {"group": GroupMember, "individual": IndividualMember}


def can_invite(user) -> bool:
    return user.has_perm(INVITE_PERMISSION)


def invite_url(entry) -> str:
    kind = "group" if isinstance(entry, GroupMember) else "individual"
    return reverse("accounts_invite", kwargs={"kind": kind, "pk": entry.pk})


class InviteView(WagtailAdminTemplateMixin, FormView):
    form_class = InviteForm
    template_name = "accounts/admin/invite.html"
    page_title = _("Invite a manager")
    header_icon = "mail"

    def dispatch(self, request, *args, **kwargs):
        # A plain 403, not Wagtail's redirect to the dashboard: an editor who follows a link
        # here learns that the right is missing, and a script gets an honest status.
        if not can_invite(request.user):
            return permission_denied(request, PermissionDenied())
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def entry(self):
        model = ENTRY_MODELS.get(self.kwargs["kind"])
        if model is None:
            raise Http404
        return get_object_or_404(model, pk=self.kwargs["pk"])

    def get_page_subtitle(self):
        return self.entry.name

    @cached_property
    def edit_url(self) -> str:
        viewset = type(self.entry).snippet_viewset
        return reverse(viewset.get_url_name("edit"), args=[quote(self.entry.pk)])

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": self.edit_url, "label": self.entry.name},
            {"url": "", "label": self.page_title},
        ]

    def get_initial(self):
        initial = super().get_initial()
        # The entry's private address is a good guess, but only for those who may read it.
        if self.entry.private_field_visible_to("contact_email", viewer_grants(self.request.user)):
            initial["email"] = self.entry.contact_email
        return initial

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            entry=self.entry,
            action_url=self.request.path,
            submit_button_label=_("Send the invitation"),
            submit_button_active_label=_("Sending…"),
            sent=self.entry.invitations.select_related("invited_by", "accepted_by")[:20],
            managers=self.entry.manager_accounts(),
            days=settings.INVITATION_DAYS,
        )
        return context

    def form_valid(self, form):
        try:
            invitation = invitations.invite(
                email=form.cleaned_data["email"],
                entry=self.entry,
                invited_by=self.request.user,
                language=form.cleaned_data["language"],
            )
        except invitations.AccountUnavailable:
            form.add_error(
                "email",
                _(
                    "This address belongs to a disabled account, or this person's entry or "
                    "this account is already linked to another one."
                ),
            )
            return self.form_invalid(form)
        except OSError:
            # smtplib's errors are OSErrors: nothing was recorded, say so and keep the form.
            form.add_error(None, _("The e-mail could not be sent. Please try again later."))
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Invitation sent to %(email)s.") % {"email": invitation.email},
        )
        return redirect(self.edit_url)
