"""The one place that decides who sees what.

A viewer holds grants: a tier (anonymous < network member < secretariat) and the sub-networks
they belong to. A record has an audience: its visibility and, for "members of chosen
sub-networks", the sub-networks chosen. ``Visibility.allowed_for`` turns grants into the audience
terms a viewer may see, ``audience_terms`` turns a record's audience into terms, and a viewer
sees a record when the two meet. The database condition (``audience_q``), the index filter
(terms on the document's ``audiences``) and the Python checks are all derived from those two.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from enum import IntEnum

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

NETWORK_MEMBERS_GROUP = "Network members"
SECRETARIAT_GROUP = "Secretariat"
DIRECTORY_EDITORS_GROUP = "Directory editors"
# Held by the Secretariat group only; the admin hides contact fields from anyone without it.
VIEW_PRIVATE_CONTACTS_PERMISSION = "members.view_private_contacts"
SUBNETWORK_TERM = "subnetwork:"


class Tier(IntEnum):
    ANONYMOUS = 0
    MEMBER = 1
    # No viewer has this tier. It puts a sub-network audience between the network's members and
    # the secretariat in the width order (consent, narrowing), and makes any check that compares
    # tiers alone treat such a record as closed to members: only a grant opens it.
    SUBNETWORK = 2
    SECRETARIAT = 3


@dataclass(frozen=True)
class Grants:
    """What one viewer may see: computed once per request by ``viewer_grants``."""

    tier: Tier
    subnetworks: frozenset[str] = frozenset()  # slugs of the viewer's own sub-networks

    @classmethod
    def of(cls, viewer: "Grants | Tier") -> "Grants":
        """A bare tier (the admin, exports, older callers) holds no sub-network."""
        return viewer if isinstance(viewer, Grants) else cls(tier=Tier(viewer))


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Public")
    MEMBERS = "members", _("Network members")
    SUBNETWORKS = "subnetworks", _("Members of chosen sub-networks")
    SECRETARIAT = "secretariat", _("Secretariat only")

    @property
    def tier(self) -> Tier:
        """The lowest tier that may see this audience, and its place in the width order."""
        return _VISIBILITY_TIER[self]

    @classmethod
    def allowed_for(cls, viewer: "Grants | Tier") -> list[str]:
        """The audience terms a viewer may see: every visibility its tier reaches, and one
        ``subnetwork:<slug>`` per sub-network it belongs to (used by SQL, ES and Python)."""
        grants = Grants.of(viewer)
        values = [
            value.value for value, needed in _VISIBILITY_TIER.items() if needed <= grants.tier
        ]
        return values + [subnetwork_term(slug) for slug in sorted(grants.subnetworks)]


_VISIBILITY_TIER = {
    Visibility.PUBLIC: Tier.ANONYMOUS,
    Visibility.MEMBERS: Tier.MEMBER,
    Visibility.SUBNETWORKS: Tier.SUBNETWORK,
    Visibility.SECRETARIAT: Tier.SECRETARIAT,
}


def subnetwork_term(slug: str) -> str:
    return f"{SUBNETWORK_TERM}{slug}"


def audience_terms(visibility: str, subnetworks: Iterable[str] = ()) -> list[str]:
    """A record's audience as terms (the index's ``audiences``): its visibility, and for a
    sub-network audience each chosen sub-network. The visibility itself is a term too, so the
    secretariat, whose tier reaches it, sees every such record without a list of sub-networks."""
    visibility = Visibility(visibility)
    if visibility is not Visibility.SUBNETWORKS:
        return [visibility.value]
    return [visibility.value, *sorted({subnetwork_term(slug) for slug in subnetworks})]


def may_see(viewer: "Grants | Tier", visibility: str, subnetworks: Iterable[str] = ()) -> bool:
    allowed = Visibility.allowed_for(viewer)
    return any(term in allowed for term in audience_terms(visibility, subnetworks))


def audience_q(viewer: "Grants | Tier", model, *, field: str = "visibility") -> Q:
    """``allowed_for`` as a database condition on ``model``'s ``field`` (``visibility``, or
    another field with the same choices) and its ``audience_subnetworks``; a sub-select, so a
    record in two of the viewer's sub-networks is still one row."""
    allowed = Visibility.allowed_for(viewer)
    slugs = [t.removeprefix(SUBNETWORK_TERM) for t in allowed if t.startswith(SUBNETWORK_TERM)]
    condition = Q(**{f"{field}__in": [t for t in allowed if not t.startswith(SUBNETWORK_TERM)]})
    if slugs:
        chosen = model.objects.filter(audience_subnetworks__slug__in=slugs).values("pk")
        condition |= Q(**{field: Visibility.SUBNETWORKS}) & Q(pk__in=chosen)
    return condition


def narrowest_viewers(visibility: str, subnetworks: Iterable[str] = ()) -> list[Grants]:
    """The least-privileged viewers that may see an audience: whoever sees the record holds at
    least the grants of one of them. A copy of another record's data (a person's group name)
    may go where every one of them may see that record too."""
    visibility = Visibility(visibility)
    if visibility is Visibility.SUBNETWORKS:
        viewers = [Grants(Tier.MEMBER, frozenset({slug})) for slug in sorted(set(subnetworks))]
        return viewers or [Grants(Tier.SECRETARIAT)]
    return [Grants(visibility.tier)]


def audience_widens(*, before: tuple[str, Iterable[str]], after: tuple[str, Iterable[str]]) -> bool:
    """Whether the audience ``after`` (visibility, sub-network slugs) reaches a viewer that
    ``before`` did not: widening waits for approval, narrowing applies at once."""
    after_visibility, after_slugs = after[0], list(after[1])
    before_visibility, before_slugs = before[0], list(before[1])
    return any(
        may_see(viewer, after_visibility, after_slugs)
        and not may_see(viewer, before_visibility, before_slugs)
        for viewer in narrowest_viewers(after_visibility, after_slugs)
    )


def audience_meet(
    first: tuple[str, Iterable[str]], second: tuple[str, Iterable[str]]
) -> tuple[Visibility, frozenset[str]]:
    """The widest audience (visibility, sub-network slugs) inside both: the part of a change
    that narrows, applied at once while the rest waits for approval. Network members include
    every sub-network audience; two choices of sub-networks meet in the ones they share, and
    sharing none leaves the secretariat only."""
    (a, a_slugs), (b, b_slugs) = (
        (Visibility(value), frozenset(slugs)) for value, slugs in (first, second)
    )
    if Visibility.SECRETARIAT in (a, b):
        return Visibility.SECRETARIAT, frozenset()
    if Visibility.SUBNETWORKS not in (a, b):
        return (a if a.tier >= b.tier else b), frozenset()
    if a is Visibility.SUBNETWORKS and b is Visibility.SUBNETWORKS:
        slugs = a_slugs & b_slugs
    else:
        slugs = a_slugs if a is Visibility.SUBNETWORKS else b_slugs
    if not slugs:
        return Visibility.SECRETARIAT, frozenset()
    return Visibility.SUBNETWORKS, slugs


def viewer_tier(user) -> Tier:
    """Map a request's user to a tier. Superusers, the Secretariat group and holders of the
    private-contacts permission are the secretariat; a user linked to a listed individual member
    (active, consented, not withdrawn), managing a listed group, or in "Network members", is a
    member."""
    if user is None or not user.is_authenticated or not user.is_active:
        return Tier.ANONYMOUS
    # Several parts of one request ask (search view, fallback view, template tags): the user
    # object lives for one request, so the answer is kept on it.
    cached = getattr(user, "_viewer_tier", None)
    if cached is None:
        cached = user._viewer_tier = _tier_of(user)
    return cached


def viewer_grants(user) -> Grants:
    """The viewer's grants: the tier, and for a member the sub-networks in which their own
    listed entry, or a listed group they manage, takes part. Kept on the user for the request."""
    tier = viewer_tier(user)
    if tier is not Tier.MEMBER:
        # Anonymous viewers belong to no sub-network; the secretariat's tier reaches every one.
        return Grants(tier)
    cached = getattr(user, "_viewer_grants", None)
    if cached is None:
        cached = user._viewer_grants = Grants(tier, frozenset(_subnetworks_of(user)))
    return cached


def _tier_of(user) -> Tier:
    group_names = set(user.groups.values_list("name", flat=True))
    if (
        user.is_superuser
        or SECRETARIAT_GROUP in group_names
        or _holds_private_contacts_permission(user)
    ):
        return Tier.SECRETARIAT
    if NETWORK_MEMBERS_GROUP in group_names:
        return Tier.MEMBER
    from .members import GroupMember, IndividualMember

    # The account's access ends with the membership: a lapsed person, or one who never
    # consented or withdrew, is no longer in the network and sees what a visitor sees. A
    # group's manager speaks for a member group, as long as that group is listed.
    if (
        IndividualMember.objects.listed().filter(user=user).exists()
        or GroupMember.objects.listed().filter(managers=user).exists()
    ):
        return Tier.MEMBER
    return Tier.ANONYMOUS


def _holds_private_contacts_permission(user) -> bool:
    """``user.has_perm`` for the one permission, in one query: has_perm loads every permission
    of the user and of their groups (two queries) on each request of a logged-in member."""
    from django.contrib.auth.models import Permission

    app_label, codename = VIEW_PRIVATE_CONTACTS_PERMISSION.split(".")
    return (
        Permission.objects.filter(Q(user=user) | Q(group__user=user))
        .filter(content_type__app_label=app_label, codename=codename)
        .exists()
    )


def _subnetworks_of(user) -> list[str]:
    from .members import GroupMember, GroupParticipation, IndividualMember, IndividualParticipation
    from .vocabulary import SubNetwork

    own = IndividualParticipation.objects.filter(
        individual__in=IndividualMember.objects.listed().filter(user=user)
    ).values("subnetwork")
    managed = GroupParticipation.objects.filter(
        group__in=GroupMember.objects.listed().filter(managers=user)
    ).values("subnetwork")
    return list(
        SubNetwork.objects.filter(Q(pk__in=own) | Q(pk__in=managed)).values_list("slug", flat=True)
    )
