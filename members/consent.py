"""Consent and visibility of one entry: the only writes that change who may see it.

Every function saves through ``Model.save`` so that signal receivers (the search index sync of
the search app) see the change and drop a withdrawn or narrowed member from the index on
commit, and every change is written to the consent ledger (``ConsentRecord``).

A member's own choice (``member_choose_privacy``) takes effect at once when it narrows (or
withdraws) and becomes a ``PrivacyRequest`` when it widens; the secretariat approves or rejects
the request (``privacy_request_approve`` / ``privacy_request_reject``). None of this goes
through a draft: ``MemberBase.PRIVACY_FIELDS`` keep their live values when a revision is
published.
"""

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from .models import (
    ConsentRecord,
    ConsentSource,
    GroupMember,
    IndividualMember,
    LedgerField,
    PrivacyRequest,
    Visibility,
)

Member = GroupMember | IndividualMember

WITHDRAWN = "withdrawn"


def privacy_snapshot(member: Member) -> dict[str, str]:
    """The ledger's view of an entry: one short value per ``LedgerField``."""
    if member.consent_withdrawn_at is not None:
        consent = WITHDRAWN
    elif member.consent_given_at is not None:
        consent = member.consent_tier or ""
    else:
        consent = ""
    return {
        LedgerField.VISIBILITY: member.visibility,
        LedgerField.CONSENT: consent,
        LedgerField.CONTACT_VISIBILITY: member.contact_visibility,
        LedgerField.STATUS: member.status,
    }


def record_privacy_changes(
    *,
    member: Member,
    before: dict[str, str],
    by=None,
    how: ConsentSource,
    request: PrivacyRequest | None = None,
    at: dt.datetime | None = None,
) -> list[ConsentRecord]:
    """One ledger row per value that differs between ``before`` and the entry now."""
    after = privacy_snapshot(member)
    records = [
        ConsentRecord(
            **ConsentRecord.link(member),
            member_number=member.member_number,
            at=at or timezone.now(),
            by=by if by is not None and by.is_authenticated else None,
            how=ConsentSource(how),
            field=field,
            from_value=before.get(field, ""),
            to_value=value,
            request=request,
        )
        for field, value in after.items()
        if before.get(field, "") != value
    ]
    return ConsentRecord.objects.bulk_create(records)


@transaction.atomic
def member_give_consent(
    *,
    member: Member,
    tier: Visibility,
    at: dt.datetime | None = None,
    by=None,
    how: ConsentSource = ConsentSource.SECRETARIAT,
    request: PrivacyRequest | None = None,
) -> Member:
    """Record that ``member`` agreed to be listed for ``tier`` (and no wider).

    A visibility wider than the consent is narrowed to it, so the record is never shown to an
    audience the member did not agree to.
    """
    tier = Visibility(tier)
    before = privacy_snapshot(member)
    member.consent_given_at = at or timezone.now()
    member.consent_tier = tier
    member.consent_withdrawn_at = None
    if Visibility(member.visibility).tier < tier.tier:
        member.visibility = tier
    member.full_clean(exclude=["logo", "user"], validate_unique=False)
    member.save(update_fields=_privacy_update_fields(member))
    record_privacy_changes(member=member, before=before, by=by, how=how, request=request)
    return member


@transaction.atomic
def member_withdraw_consent(
    *,
    member: Member,
    at: dt.datetime | None = None,
    by=None,
    how: ConsentSource = ConsentSource.SECRETARIAT,
) -> Member:
    """Withdraw consent: the member disappears from every listing at once (``listed()``).
    A pending widening request is cancelled, so approving it later cannot re-list them."""
    before = privacy_snapshot(member)
    member.consent_withdrawn_at = at or timezone.now()
    member.save(update_fields=["consent_withdrawn_at", "updated_at"])
    _cancel_pending(member)
    record_privacy_changes(member=member, before=before, by=by, how=how)
    return member


@transaction.atomic
def member_narrow_visibility(
    *, member: Member, visibility: Visibility, by=None, how: ConsentSource
) -> Member:
    """Show the entry to a narrower audience at once. The consent narrows with it: the member
    no longer agrees to the wider audience, so nobody may widen it again without asking."""
    visibility = Visibility(visibility)
    if visibility.tier < Visibility(member.visibility).tier:
        raise ValueError(f"{visibility} is wider than {member.visibility}: request it instead")
    before = privacy_snapshot(member)
    member.visibility = visibility
    if member.consent_tier and Visibility(member.consent_tier).tier < visibility.tier:
        member.consent_tier = visibility
    member.save(update_fields=_privacy_update_fields(member))
    _cancel_pending(member)
    record_privacy_changes(member=member, before=before, by=by, how=how)
    return member


@dataclass(frozen=True)
class PrivacyOutcome:
    applied: bool  # something narrowed (or was withdrawn) at once
    request: PrivacyRequest | None  # a widening waiting for the secretariat


@transaction.atomic
def member_choose_privacy(
    *, member: Member, visibility: Visibility, listed: bool, by
) -> PrivacyOutcome:
    """A manager's choice on the member pages: narrowing and withdrawal now, widening asked."""
    visibility = Visibility(visibility)
    member = type(member).objects.select_for_update().get(pk=member.pk)
    is_listed_now = member.consent_given_at is not None and member.consent_withdrawn_at is None
    current = Visibility(member.visibility)
    if not listed:
        if not is_listed_now:
            _cancel_pending(member)  # a waiting request to be listed again is taken back
            return PrivacyOutcome(applied=False, request=None)
        if visibility.tier > current.tier:
            member_narrow_visibility(
                member=member, visibility=visibility, by=by, how=ConsentSource.MEMBER
            )
        member_withdraw_consent(member=member, by=by, how=ConsentSource.MEMBER)
        return PrivacyOutcome(applied=True, request=None)
    if not is_listed_now:
        return PrivacyOutcome(
            applied=False,
            request=_request(member=member, visibility=visibility, give_consent=True, by=by),
        )
    if visibility.tier > current.tier:
        member_narrow_visibility(
            member=member, visibility=visibility, by=by, how=ConsentSource.MEMBER
        )
        return PrivacyOutcome(applied=True, request=None)
    if visibility.tier < current.tier:
        return PrivacyOutcome(
            applied=False,
            request=_request(member=member, visibility=visibility, give_consent=False, by=by),
        )
    # The same audience again: a waiting widening is no longer wanted.
    _cancel_pending(member)
    return PrivacyOutcome(applied=False, request=None)


@transaction.atomic
def secretariat_set_live_fields(
    *, member: Member, values: dict, by, how: ConsentSource = ConsentSource.SECRETARIAT
) -> Member:
    """The admin's edit of ``LIVE_FIELDS`` (visibility, consent, status, last confirmed...):
    written to the live record at once, never into a draft. A withdrawal cancels a waiting
    widening request."""
    unknown = set(values) - set(member.LIVE_FIELDS)
    if unknown:
        raise ValueError(f"not live fields: {sorted(unknown)}")
    member = type(member).objects.select_for_update().get(pk=member.pk)
    before = privacy_snapshot(member)
    was_withdrawn = member.consent_withdrawn_at is not None
    for name, value in values.items():
        setattr(member, name, value)
    member.save(update_fields=[*values, "updated_at"])
    if member.consent_withdrawn_at is not None and not was_withdrawn:
        _cancel_pending(member)
    record_privacy_changes(member=member, before=before, by=by, how=how)
    return member


def pending_request(member: Member) -> PrivacyRequest | None:
    return (
        PrivacyRequest.objects.filter(
            **PrivacyRequest.link(member), state=PrivacyRequest.State.PENDING
        )
        .order_by("-requested_at")
        .first()
    )


@transaction.atomic
def privacy_request_approve(*, request: PrivacyRequest, by) -> Member:
    """The secretariat agrees: the entry is shown as the member asked (and listed again)."""
    request = PrivacyRequest.objects.select_for_update().get(pk=request.pk)
    if request.state != PrivacyRequest.State.PENDING:
        raise ValueError(f"request {request.pk} is {request.state}, not pending")
    member = request.member
    wanted = Visibility(request.visibility)
    if request.give_consent or not member.consent_tier:
        member_give_consent(
            member=member, tier=wanted, by=by, how=ConsentSource.SECRETARIAT, request=request
        )
    before = privacy_snapshot(member)
    member.visibility = wanted
    if Visibility(member.consent_tier).tier > wanted.tier:
        member.consent_tier = wanted
    member.save(update_fields=_privacy_update_fields(member))
    record_privacy_changes(
        member=member, before=before, by=by, how=ConsentSource.SECRETARIAT, request=request
    )
    _decide(request, PrivacyRequest.State.APPROVED, by)
    return member


@transaction.atomic
def privacy_request_reject(*, request: PrivacyRequest, by) -> PrivacyRequest:
    request = PrivacyRequest.objects.select_for_update().get(pk=request.pk)
    if request.state != PrivacyRequest.State.PENDING:
        raise ValueError(f"request {request.pk} is {request.state}, not pending")
    return _decide(request, PrivacyRequest.State.REJECTED, by)


def _request(*, member: Member, visibility: Visibility, give_consent: bool, by) -> PrivacyRequest:
    # One waiting request per entry: the newest choice replaces an older one.
    _cancel_pending(member)
    return PrivacyRequest.objects.create(
        **PrivacyRequest.link(member),
        visibility=visibility,
        give_consent=give_consent,
        requested_by=by,
    )


def _cancel_pending(member: Member) -> None:
    PrivacyRequest.objects.filter(
        **PrivacyRequest.link(member), state=PrivacyRequest.State.PENDING
    ).update(state=PrivacyRequest.State.CANCELLED, decided_at=timezone.now())


def _decide(request: PrivacyRequest, state, by) -> PrivacyRequest:
    request.state = state
    request.decided_by = by
    request.decided_at = timezone.now()
    request.save(update_fields=["state", "decided_by", "decided_at"])
    return request


def _privacy_update_fields(member: Member) -> list[str]:
    # Only the privacy values and the timestamp: the instance may carry unsaved draft content.
    return [*type(member).PRIVACY_FIELDS, "updated_at"]
