"""The member directory's data. One module per concept; ``__all__`` is the public surface."""

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
from .privacy import Tier, Visibility, viewer_tier
from .regions import Prefecture, Region, english_names
from .vocabulary import FieldTag, Language, SubNetwork, TaggedGroupField, TaggedIndividualField

__all__ = [
    "ContactFields",
    "FieldTag",
    "GroupMember",
    "GroupParticipation",
    "IndividualMember",
    "IndividualParticipation",
    "Language",
    "MemberQuerySet",
    "Participation",
    "ParticipationRole",
    "Prefecture",
    "Region",
    "Status",
    "SubNetwork",
    "TaggedGroupField",
    "TaggedIndividualField",
    "Tier",
    "Visibility",
    "english_names",
    "new_person_slug",
    "viewer_tier",
]
