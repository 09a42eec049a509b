"""The one place that decides who sees what.

A viewer has a tier (anonymous < network member < secretariat); a record has a visibility.
A viewer sees a record when the viewer's tier reaches the record's visibility. Views, the API,
exports, feeds and search all go through ``viewer_tier`` and ``Visibility.allowed_for``.
"""

from enum import IntEnum

from django.db import models
from django.utils.translation import gettext_lazy as _

NETWORK_MEMBERS_GROUP = "Network members"
SECRETARIAT_GROUP = "Secretariat"
DIRECTORY_EDITORS_GROUP = "Directory editors"
# Held by the Secretariat group only; the admin hides contact fields from anyone without it.
VIEW_PRIVATE_CONTACTS_PERMISSION = "members.view_private_contacts"


class Tier(IntEnum):
    ANONYMOUS = 0
    MEMBER = 1
    SECRETARIAT = 2


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Public")
    MEMBERS = "members", _("Network members")
    SECRETARIAT = "secretariat", _("Secretariat only")

    @property
    def tier(self) -> Tier:
        return _VISIBILITY_TIER[self]

    @classmethod
    def allowed_for(cls, tier: Tier) -> list[str]:
        """The visibility values a viewer of ``tier`` may see (used by SQL and ES filters)."""
        return [value for value, needed in _VISIBILITY_TIER.items() if needed <= tier]


_VISIBILITY_TIER = {
    Visibility.PUBLIC: Tier.ANONYMOUS,
    Visibility.MEMBERS: Tier.MEMBER,
    Visibility.SECRETARIAT: Tier.SECRETARIAT,
}


def viewer_tier(user) -> Tier:
    """Map a request's user to a tier. Superusers, the Secretariat group and holders of the
    private-contacts permission are the secretariat;
    a user linked to a listed individual member (active, consented, not withdrawn), or in
    "Network members", is a member."""
    if user is None or not user.is_authenticated or not user.is_active:
        return Tier.ANONYMOUS
    # Several parts of one request ask (search view, fallback view, template tags): the user
    # object lives for one request, so the answer is kept on it.
    cached = getattr(user, "_viewer_tier", None)
    if cached is None:
        cached = user._viewer_tier = _tier_of(user)
    return cached


def _tier_of(user) -> Tier:
    group_names = set(user.groups.values_list("name", flat=True))
    if (
        user.is_superuser
        or SECRETARIAT_GROUP in group_names
        or user.has_perm(VIEW_PRIVATE_CONTACTS_PERMISSION)
    ):
        return Tier.SECRETARIAT
    if NETWORK_MEMBERS_GROUP in group_names:
        return Tier.MEMBER
    from .members import IndividualMember

    # The account's access ends with the membership: a lapsed person, or one who never
    # consented or withdrew, is no longer in the network and sees what a visitor sees.
    if IndividualMember.objects.listed().filter(user=user).exists():
        return Tier.MEMBER
    return Tier.ANONYMOUS
