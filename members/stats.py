"""Live membership figures for the home page and elsewhere.

Counts include members of every visibility tier: a number reveals no one, and the network's
public figure ("about 500 individuals and 105 groups") counts all active members.
"""

from caching import shared

from .models import GroupMember, IndividualMember, Status


def membership_counts() -> dict[str, int]:
    # The same for every visitor; any member change (one record or a bulk one) drops it.
    return shared.remember(shared.MEMBERS, "membership-counts", _count)


def _count() -> dict[str, int]:
    return {
        "groups": GroupMember.objects.filter(status=Status.ACTIVE).count(),
        "individuals": IndividualMember.objects.filter(status=Status.ACTIVE).count(),
    }
