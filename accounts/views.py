"""Log-in, log-out, password reset and change (Django's views with the site's templates),
and accepting an invitation."""

from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import SetPasswordForm
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from portal.mail import mail_language

from . import invitations

# ``accept`` made or reused the account, so no other backend needs asking.
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


def page_language() -> str:
    """The language a mail asked for on this page goes out in (``MAIL_LANGUAGES``): the
    reset is asked for an address, not by an account, so only the page counts."""
    return mail_language(page_language=get_language())


def in_page_language(path: str) -> str:
    """``path`` under the URL prefix of this page's language (none for the default one)."""
    language = page_language()
    return path if language == settings.LANGUAGE_CODE else f"/{language}{path}"


class LogoutView(auth_views.LogoutView):
    """Logging out needs a POST (CSRF-safe); a GET, e.g. a typed or bookmarked address,
    shows a page with the button instead of a bare 405."""

    http_method_names = ["get", "post", "options"]

    def get(self, request, *args, **kwargs):
        return render(request, "accounts/logout.html")


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset: the same answer for every address, known or not. The mail goes out in
    the language of the page it was asked from, and links to the configured site, never to
    whatever host the request named."""

    template_name = "accounts/password_reset_form.html"

    def form_valid(self, form):
        language = page_language()
        self.subject_template_name = f"accounts/email/password_reset_subject_{language}.txt"
        self.email_template_name = f"accounts/email/password_reset_{language}.txt"
        self.extra_email_context = {
            "site_url": settings.SITE_URL,
            "days": max(1, settings.PASSWORD_RESET_TIMEOUT // 86400),
        }
        return super().form_valid(form)


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"

    def form_valid(self, form):
        response = super().form_valid(form)
        # Whoever set this password holds the mailbox: a lockout from guesses made before
        # would only keep the owner out of the account they just recovered.
        axes_reset(username=form.user.get_username())
        return response


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change_form.html"
    success_url = reverse_lazy("password_change_done")


class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "accounts/password_change_done.html"


REFUSALS = {
    invitations.InvalidLink: ("invalid", 400),
    invitations.ExpiredLink: ("expired", 410),
    invitations.UsedLink: ("used", 410),
    invitations.AccountUnavailable: ("unavailable", 409),
}


def refused(request, error: invitations.InvitationError):
    reason, status = REFUSALS[type(error)]
    return render(
        request,
        "accounts/invitation_refused.html",
        {"reason": reason, "invitation_days": settings.INVITATION_DAYS},
        status=status,
    )


@never_cache
@sensitive_post_parameters("new_password1", "new_password2")
def accept_invitation(request, token: str):
    """Set a password, become the entry's manager, be logged in and go to one's own page."""
    try:
        invitation = invitations.invitation_from_token(token)
        user = invitations.account_for(invitation.email)
        invitations.check_can_link(entry=invitation.entry, user=user)
    except invitations.InvitationError as error:
        return refused(request, error)
    form = SetPasswordForm(user, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            user = invitations.accept(
                invitation=invitation, password=form.cleaned_data["new_password1"]
            )
        except invitations.InvitationError as error:
            return refused(request, error)
        login(request, user, backend=MODEL_BACKEND)
        return redirect(in_page_language(settings.LOGIN_REDIRECT_URL))
    return render(
        request,
        "accounts/invitation_accept.html",
        {
            "form": form,
            "invitation": invitation,
            "entry_name": invitation.entry.name,
            "existing_account": user.pk is not None,
        },
    )
