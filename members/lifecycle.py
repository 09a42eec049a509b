"""Bulk changes to who may see members: status, visibility and consent.

``QuerySet.update()`` sends no ``post_save``, so a bulk lapse written with it would never reach
the search index. These functions write in one query and then send ``members_changed`` with the
changed records, which ``search.sync`` turns into index syncs (members never import search).
Each change is written to the consent ledger, one row per record and value.
"""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.dispatch import Signal
from django.utils import timezone

from .consent import privacy_snapshot, record_privacy_changes
from .models import ConsentSource, GroupMember, IndividualMember, PrivacyRequest, Status, Visibility

# Sent after a bulk write, with ``model`` and ``pks`` (a list of primary keys).
members_changed = Signal()

Members = models.QuerySet[GroupMember] | models.QuerySet[IndividualMember]


def set_status(
    *, members: Members, status: Status, by=None, how: ConsentSource = ConsentSource.SECRETARIAT
) -> int:
    """Set ``status`` (e.g. lapse a year's non-payers); returns how many records changed."""
    return _update(members, by=by, how=how, status=Status(status))


def set_visibility(
    *,
    members: Members,
    visibility: Visibility,
    by=None,
    how: ConsentSource = ConsentSource.SECRETARIAT,
) -> int:
    """Set ``visibility``; refuses to widen any record beyond the tier it consented to."""
    visibility = Visibility(visibility)
    narrower_consent = [value for value in Visibility if value.tier > visibility.tier]
    refused = members.filter(consent_tier__in=narrower_consent)
    if refused.exists():
        raise ValidationError(
            f"{refused.count()} member(s) consented to a narrower audience than {visibility}"
        )
    return _update(members, by=by, how=how, visibility=visibility)


def withdraw_consent(
    *,
    members: Members,
    at: datetime | None = None,
    by=None,
    how: ConsentSource = ConsentSource.SECRETARIAT,
) -> int:
    """Record a withdrawal of consent; records already withdrawn keep their first date.
    Their waiting widening requests are cancelled, so approving one cannot re-list them."""
    return _update(
        members.filter(consent_withdrawn_at__isnull=True),
        by=by,
        how=how,
        consent_withdrawn_at=at or timezone.now(),
    )


def _update(members: Members, *, by, how: ConsentSource, **values) -> int:
    # The primary keys first: the filter that chose the records may not match them once updated.
    pks = list(members.exclude(**values).values_list("pk", flat=True))
    if not pks:
        return 0
    model = members.model
    with transaction.atomic():
        before = {m.pk: privacy_snapshot(m) for m in model.objects.filter(pk__in=pks)}
        now = timezone.now()
        changed = model.objects.filter(pk__in=pks).update(**values, updated_at=now)
        for member in model.objects.filter(pk__in=pks):
            record_privacy_changes(member=member, before=before[member.pk], by=by, how=how, at=now)
        if "consent_withdrawn_at" in values:
            key = "group" if model is GroupMember else "individual"
            PrivacyRequest.objects.filter(
                **{f"{key}__in": pks}, state=PrivacyRequest.State.PENDING
            ).update(state=PrivacyRequest.State.CANCELLED, decided_at=now)
        members_changed.send(sender=model, model=model, pks=pks)
    return changed
