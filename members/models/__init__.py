"""The member directory's data. One module per concept; ``__all__`` is the public surface."""

from .ledger import ConsentRecord, ConsentSource, LedgerField, PrivacyRequest
from .members import (
    ContactFields,
    GroupMember,
    GroupParticipation,
    IndividualMember,
    IndividualParticipation,
    MemberQuerySet,
    Participation,
    ParticipationRole,
    Status,
    new_person_slug,
)
from .privacy import Grants, Tier, Visibility, viewer_grants, viewer_tier
from .regions import Prefecture, Region, english_names
from .vocabulary import FieldTag, Language, SubNetwork, TaggedGroupField, TaggedIndividualField

__all__ = [
    "ConsentRecord",
    "ConsentSource",
    "ContactFields",
    "FieldTag",
    "Grants",
    "GroupMember",
    "GroupParticipation",
    "IndividualMember",
    "IndividualParticipation",
    "Language",
    "LedgerField",
    "MemberQuerySet",
    "Participation",
    "ParticipationRole",
    "Prefecture",
    "PrivacyRequest",
    "Region",
    "Status",
    "SubNetwork",
    "TaggedGroupField",
    "TaggedIndividualField",
    "Tier",
    "Visibility",
    "english_names",
    "new_person_slug",
    "viewer_grants",
    "viewer_tier",
]
