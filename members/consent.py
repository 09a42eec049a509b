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
from collections.abc import Iterable
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
    SubNetwork,
    Visibility,
)
from .models.privacy import audience_meet, audience_widens

Member = GroupMember | IndividualMember
Audience = tuple[Visibility, frozenset[str]]

WITHDRAWN = "withdrawn"


def _ledger_audience(member: Member, field: str) -> str:
    # The chosen sub-networks are part of the audience: "subnetworks:trainees,women".
    value, slugs = member.audience_of(field)
    return f"{value}:{','.join(slugs)}" if slugs else value


def privacy_snapshot(member: Member) -> dict[str, str]:
    """The ledger's view of an entry: one short value per ``LedgerField``."""
    if member.consent_withdrawn_at is not None:
        consent = WITHDRAWN
    elif member.consent_given_at is not None:
        consent = member.consent_tier or ""
    else:
        consent = ""
    return {
        LedgerField.VISIBILITY: _ledger_audience(member, "visibility"),
        LedgerField.CONSENT: consent,
        LedgerField.CONTACT_VISIBILITY: _ledger_audience(member, "contact_visibility"),
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
    *,
    member: Member,
    visibility: Visibility,
    subnetworks: Iterable[str] = (),
    by=None,
    how: ConsentSource,
) -> Member:
    """Show the entry to a narrower audience at once (``subnetworks``: the slugs of a
    "members of chosen sub-networks" audience). The consent narrows with it: the member no
    longer agrees to the wider audience, so nobody may widen it again without asking. A waiting
    widening is cancelled, so approving it later cannot undo this."""
    visibility = Visibility(visibility)
    slugs = frozenset(subnetworks) if visibility is Visibility.SUBNETWORKS else frozenset()
    if visibility is Visibility.SUBNETWORKS and not slugs:
        raise ValueError("an audience of chosen sub-networks needs at least one")
    if visibility.tier < Visibility(member.visibility).tier:
        raise ValueError(f"{visibility} is wider than {member.visibility}: request it instead")
    chosen = _audience_set_after(member, visibility, slugs)
    if audience_widens(before=member.audience_of(), after=(visibility, slugs)) or (
        member.contact_visibility == Visibility.SUBNETWORKS
        and audience_widens(
            before=member.audience_of("contact_visibility"),
            after=(Visibility.SUBNETWORKS, chosen),
        )
    ):
        raise ValueError(f"{visibility} {sorted(slugs)} widens the audience: request it instead")
    before = privacy_snapshot(member)
    member.visibility = visibility
    if member.consent_tier and Visibility(member.consent_tier).tier < visibility.tier:
        member.consent_tier = visibility
    member.save(update_fields=_privacy_update_fields(member))
    _set_audience_subnetworks(member, chosen)
    _cancel_pending(member)
    record_privacy_changes(member=member, before=before, by=by, how=how)
    return member


@dataclass(frozen=True)
class PrivacyOutcome:
    applied: bool  # something narrowed (or was withdrawn) at once
    request: PrivacyRequest | None  # a widening waiting for the secretariat


@transaction.atomic
def member_choose_privacy(
    *,
    member: Member,
    visibility: Visibility,
    listed: bool,
    by,
    subnetworks: Iterable[str] = (),
) -> PrivacyOutcome:
    """A manager's choice on the member pages: what of it narrows applies now (and withdrawal),
    what widens is asked. ``subnetworks`` are the slugs of a "members of chosen sub-networks"
    audience; a member may add only sub-networks their entry takes part in."""
    visibility = Visibility(visibility)
    wanted: Audience = (
        visibility,
        frozenset(subnetworks) if visibility is Visibility.SUBNETWORKS else frozenset(),
    )
    if visibility is Visibility.SUBNETWORKS and not wanted[1]:
        raise ValueError("an audience of chosen sub-networks needs at least one")
    member = type(member).objects.select_for_update().get(pk=member.pk)
    chosen_now = set(member.audience_subnetworks.values_list("slug", flat=True))
    not_own = wanted[1] - chosen_now - set(member.subnetworks.values_list("slug", flat=True))
    if not_own:
        raise ValueError(f"not sub-networks of this entry: {sorted(not_own)}")
    is_listed_now = member.consent_given_at is not None and member.consent_withdrawn_at is None
    current = _audience(member)
    now = _narrowed_now(member, current, wanted, chosen_now)
    if not listed:
        if not is_listed_now:
            _cancel_pending(member)  # a waiting request to be listed again is taken back
            return PrivacyOutcome(applied=False, request=None)
        if now != current:
            _narrow_to(member, now, by=by)
        member_withdraw_consent(member=member, by=by, how=ConsentSource.MEMBER)
        return PrivacyOutcome(applied=True, request=None)
    if not is_listed_now:
        return PrivacyOutcome(
            applied=False,
            request=_request(member=member, audience=wanted, give_consent=True, by=by),
        )
    applied = now != current
    if applied:
        _narrow_to(member, now, by=by)
    if wanted != now:
        # What is left of the choice widens: it waits for the secretariat.
        return PrivacyOutcome(
            applied=applied,
            request=_request(member=member, audience=wanted, give_consent=False, by=by),
        )
    if not applied:
        # The same audience again: a waiting widening is no longer wanted.
        _cancel_pending(member)
    return PrivacyOutcome(applied=applied, request=None)


def _audience(member: Member) -> Audience:
    value, slugs = member.audience_of()
    return Visibility(value), frozenset(slugs)


def _narrowed_now(
    member: Member, current: Audience, wanted: Audience, chosen: set[str]
) -> Audience:
    """The part of ``wanted`` that narrows ``current``. The contacts' sub-network audience is
    the entry's own list, so while it is in use the list may only shrink here."""
    visibility, slugs = audience_meet(current, wanted)
    if visibility is Visibility.SUBNETWORKS and member.contact_visibility == Visibility.SUBNETWORKS:
        slugs &= chosen
        if not slugs:
            return Visibility.SECRETARIAT, frozenset()
    return visibility, slugs


def _narrow_to(member: Member, audience: Audience, *, by) -> None:
    member_narrow_visibility(
        member=member,
        visibility=audience[0],
        subnetworks=audience[1],
        by=by,
        how=ConsentSource.MEMBER,
    )


@transaction.atomic
def secretariat_set_live_fields(
    *,
    member: Member,
    values: dict,
    by,
    how: ConsentSource = ConsentSource.SECRETARIAT,
    subnetworks: Iterable[str] | None = None,
) -> Member:
    """The admin's edit of ``LIVE_FIELDS`` (visibility, consent, status, last confirmed...) and
    of the chosen sub-networks (``subnetworks``, slugs; None leaves them): written to the live
    record at once, never into a draft, and recorded in one go. A withdrawal cancels a waiting
    widening request."""
    unknown = set(values) - set(member.LIVE_FIELDS)
    if unknown:
        raise ValueError(f"not live fields: {sorted(unknown)}")
    member = type(member).objects.select_for_update().get(pk=member.pk)
    before = privacy_snapshot(member)
    was_withdrawn = member.consent_withdrawn_at is not None
    for name, value in values.items():
        setattr(member, name, value)
    if values:
        member.save(update_fields=[*values, "updated_at"])
    if subnetworks is not None:
        _set_audience_subnetworks(member, frozenset(subnetworks))
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
    """The secretariat agrees: the entry is shown as the member asked (and listed again), to
    exactly the sub-networks of the request. A narrowing since then cancelled the request, so
    approving can never re-widen past it."""
    request = PrivacyRequest.objects.select_for_update().get(pk=request.pk)
    if request.state != PrivacyRequest.State.PENDING:
        raise ValueError(f"request {request.pk} is {request.state}, not pending")
    member = request.member
    wanted = Visibility(request.visibility)
    slugs = frozenset(request.subnetworks.values_list("slug", flat=True))
    if request.give_consent or not member.consent_tier:
        member_give_consent(
            member=member, tier=wanted, by=by, how=ConsentSource.SECRETARIAT, request=request
        )
    before = privacy_snapshot(member)
    member.visibility = wanted
    if Visibility(member.consent_tier).tier > wanted.tier:
        member.consent_tier = wanted
    member.save(update_fields=_privacy_update_fields(member))
    _set_audience_subnetworks(member, _audience_set_after(member, wanted, slugs))
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


def _request(*, member: Member, audience: Audience, give_consent: bool, by) -> PrivacyRequest:
    # One waiting request per entry: the newest choice replaces an older one.
    _cancel_pending(member)
    visibility, slugs = audience
    request = PrivacyRequest.objects.create(
        **PrivacyRequest.link(member),
        visibility=visibility,
        give_consent=give_consent,
        requested_by=by,
    )
    if slugs:
        request.subnetworks.set(SubNetwork.objects.filter(slug__in=slugs))
    return request


def _audience_set_after(member: Member, visibility: Visibility, slugs: frozenset[str]) -> frozenset:
    """The entry's ``audience_subnetworks`` once its visibility is ``visibility``: the chosen
    ones for a sub-network audience; otherwise what the contacts still use, or none."""
    if visibility is Visibility.SUBNETWORKS:
        return slugs
    if member.contact_visibility == Visibility.SUBNETWORKS:
        return frozenset(member.audience_subnetworks.values_list("slug", flat=True))
    return frozenset()


def _set_audience_subnetworks(member: Member, slugs: frozenset[str]) -> None:
    # Only when it changes: each change is a sync of the entry in the search index.
    if set(member.audience_subnetworks.values_list("slug", flat=True)) != set(slugs):
        member.audience_subnetworks.set(SubNetwork.objects.filter(slug__in=slugs))


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
