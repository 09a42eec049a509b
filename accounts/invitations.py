"""Inviting a person to manage a directory entry, and accepting the invitation.

The link carries the invitation's id and address, signed with the site's key: a changed
character breaks the signature, and the row in the database says whether the link was used
and when it was sent (``Invitation.expires_at``), so it works once and not after
``INVITATION_DAYS``.
"""

import unicodedata

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from members.models import GroupMember, IndividualMember
from portal.mail import mail_language, render_mail

from .models import Entry, Invitation

SALT = "accounts.invitation"


class InvitationError(Exception):
    """Why a link cannot be used; each kind gets its own page."""


class InvalidLink(InvitationError):
    """Tampered with, cut short, or naming an invitation that no longer exists."""


class ExpiredLink(InvitationError):
    pass


class UsedLink(InvitationError):
    pass


class AccountUnavailable(InvitationError):
    """The address belongs to a disabled account, or the entry or account is already linked
    elsewhere: only the secretariat can sort that out."""


def normalize_email(email: str) -> str:
    # Full-width letters typed on a Japanese keyboard and capitals name the same mailbox
    # for every purpose here; the result is also the new account's username.
    return unicodedata.normalize("NFKC", email).strip().lower()


def token_for(invitation: Invitation) -> str:
    return signing.dumps([invitation.pk, invitation.email], salt=SALT)


def invitation_url(invitation: Invitation) -> str:
    """The absolute link, under the invitation language's URL prefix."""
    with translation.override(invitation.language):
        path = reverse("accept_invitation", kwargs={"token": token_for(invitation)})
    return f"{settings.SITE_URL}{path}"


def invitation_from_token(token: str, *, now=None) -> Invitation:
    """The invitation a link names, if it may still be accepted."""
    try:
        pk, email = signing.loads(token, salt=SALT)
    except (signing.BadSignature, TypeError, ValueError) as error:
        raise InvalidLink from error
    invitation = (
        Invitation.objects.select_related("group", "individual").filter(pk=pk, email=email).first()
    )
    if invitation is None:
        raise InvalidLink
    if invitation.accepted_at is not None:
        raise UsedLink
    if invitation.is_expired(now=now):
        raise ExpiredLink
    return invitation


def existing_account(email: str) -> AbstractBaseUser | None:
    """The account an address already has: the one named by it, else the only one that
    gives it as its e-mail (several would be ambiguous, so none is picked)."""
    User = get_user_model()
    user = User.objects.filter(username=email).first()
    if user is not None:
        return user
    users = list(User.objects.filter(email__iexact=email)[:2])
    return users[0] if len(users) == 1 else None


def account_for(email: str) -> AbstractBaseUser:
    """The account an invitation to ``email`` links: the existing one, or an unsaved new one."""
    user = existing_account(email)
    if user is None:
        return get_user_model()(username=email, email=email)
    return user


def check_can_link(*, entry: Entry, user: AbstractBaseUser) -> None:
    if user.pk is not None and not user.is_active:
        raise AccountUnavailable
    if isinstance(entry, IndividualMember):
        if entry.user_id is not None and entry.user_id != user.pk:
            raise AccountUnavailable
        other = IndividualMember.objects.filter(user_id=user.pk).exclude(pk=entry.pk)
        if user.pk is not None and other.exists():
            raise AccountUnavailable


def invite(
    *, email: str, entry: Entry, invited_by: AbstractBaseUser | None, language: str
) -> Invitation:
    """Record an invitation and send its e-mail in ``language``. If the mail cannot be
    handed to the mail server, nothing is recorded and the error is raised."""
    if language not in dict(settings.MAIL_LANGUAGES):
        raise ValueError(f"unknown language {language!r}")
    email = normalize_email(email)
    # Refused now rather than when the link is followed, so the secretariat hears of it.
    check_can_link(entry=entry, user=account_for(email))
    with transaction.atomic():
        invitation = Invitation.objects.create(
            email=email,
            group=entry if isinstance(entry, GroupMember) else None,
            individual=entry if isinstance(entry, IndividualMember) else None,
            invited_by=invited_by,
            language=language,
        )
        send_invitation(invitation)
    return invitation


def send_invitation(invitation: Invitation) -> None:
    """The invitation in the language its account saved, if the address has one, else in
    the one the secretariat chose for it (``portal.mail``)."""
    account = account_for(invitation.email)
    context = {
        "entry_name": invitation.entry.name,
        "url": invitation_url(invitation),
        "username": account.get_username(),
        "days": settings.INVITATION_DAYS,
        "site_url": settings.SITE_URL,
    }
    language = mail_language(user=account, page_language=invitation.language)
    rendered = render_mail("accounts/email/invitation", language=language, context=context)
    rendered.message(to=[invitation.email]).send(fail_silently=False)


def accept(*, invitation: Invitation, password: str) -> AbstractBaseUser:
    """Set the password of the invited address's account (made now if it has none) and make
    it a manager of the entry. The invitation is used up; the caller logs the account in."""
    with transaction.atomic():
        # The invitation and the entry are locked, so two submissions of one link cannot both
        # pass the "not used" check, nor two invitations both claim one person's entry.
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if invitation.accepted_at is not None:
            raise UsedLink
        if invitation.is_expired():
            raise ExpiredLink
        if invitation.group_id:
            entry = GroupMember.objects.select_for_update().get(pk=invitation.group_id)
        else:
            entry = IndividualMember.objects.select_for_update().get(pk=invitation.individual_id)
        user = account_for(invitation.email)
        check_can_link(entry=entry, user=user)
        if not user.email:
            user.email = invitation.email
        user.set_password(password)
        user.save()
        if isinstance(entry, GroupMember):
            entry.managers.add(user)
        elif entry.user_id != user.pk:
            entry.user = user
            entry.save(update_fields=["user", "updated_at"])
        invitation.accepted_at = timezone.now()
        invitation.accepted_by = user
        invitation.save(update_fields=["accepted_at", "accepted_by"])
    return user
