"""Consent to be listed: the only writes that change whether a member appears at all.

Both functions save through ``Model.save`` so that signal receivers (the search index sync of
the search app) see the change and can drop a withdrawn member from the index on commit.
"""

import datetime as dt

from django.utils import timezone

from .models import GroupMember, IndividualMember, Visibility

Member = GroupMember | IndividualMember


def member_give_consent(
    *, member: Member, tier: Visibility, at: dt.datetime | None = None
) -> Member:
    """Record that ``member`` agreed to be listed for ``tier`` (and no wider).

    A visibility wider than the consent is narrowed to it, so the record is never shown to an
    audience the member did not agree to.
    """
    tier = Visibility(tier)
    member.consent_given_at = at or timezone.now()
    member.consent_tier = tier
    member.consent_withdrawn_at = None
    if Visibility(member.visibility).tier < tier.tier:
        member.visibility = tier
    member.full_clean(exclude=["logo", "user"], validate_unique=False)
    member.save()
    return member


def member_withdraw_consent(*, member: Member, at: dt.datetime | None = None) -> Member:
    """Withdraw consent: the member disappears from every listing at once (``listed()``)."""
    member.consent_withdrawn_at = at or timezone.now()
    member.save(update_fields=["consent_withdrawn_at", "updated_at"])
    return member
