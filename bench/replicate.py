"""Copy the seeded demo network N times (bulk inserts) to reach benchmark scale quickly."""

from members.models import (
    GroupMember,
    GroupParticipation,
    IndividualMember,
    IndividualParticipation,
    TaggedGroupField,
    TaggedIndividualField,
)

RELATED = ("languages", "fields", "participations")


def _copy(instance, *, skip: set[str]) -> dict:
    return {
        f.attname: getattr(instance, f.attname)
        for f in type(instance)._meta.concrete_fields
        if f.attname not in {"id", *skip}
    }


def replicate(*, copies: int, batch: int = 2000) -> None:
    groups = list(GroupMember.objects.prefetch_related(*RELATED))
    people = list(IndividualMember.objects.prefetch_related(*RELATED))
    group_language = GroupMember.languages.through
    person_language = IndividualMember.languages.through
    for n in range(1, copies + 1):
        clones = []
        for group in groups:
            clone = GroupMember(**_copy(group, skip=set()))
            clone.member_number, clone.slug = f"{group.member_number}-{n}", f"{group.slug}-{n}"
            clones.append(clone)
        GroupMember.objects.bulk_create(clones, batch_size=batch)
        pairs = list(zip(groups, clones, strict=True))
        TaggedGroupField.objects.bulk_create(
            [TaggedGroupField(content_object=c, tag=t) for g, c in pairs for t in g.fields.all()],
            batch_size=batch,
        )  # fmt: skip
        group_language.objects.bulk_create(
            [group_language(groupmember=c, language=x) for g, c in pairs for x in g.languages.all()],
            batch_size=batch,
        )  # fmt: skip
        GroupParticipation.objects.bulk_create(
            [GroupParticipation(group=c, subnetwork_id=p.subnetwork_id, role=p.role) for g, c in pairs for p in g.participations.all()],
            batch_size=batch,
        )  # fmt: skip

        clones = []
        for person in people:
            clone = IndividualMember(**_copy(person, skip={"user_id"}))
            clone.member_number = f"{person.member_number}-{n}"
            clones.append(clone)
        IndividualMember.objects.bulk_create(clones, batch_size=batch)
        pairs = list(zip(people, clones, strict=True))
        TaggedIndividualField.objects.bulk_create(
            [TaggedIndividualField(content_object=c, tag=t) for p, c in pairs for t in p.fields.all()],
            batch_size=batch,
        )  # fmt: skip
        person_language.objects.bulk_create(
            [person_language(individualmember=c, language=x) for p, c in pairs for x in p.languages.all()],
            batch_size=batch,
        )  # fmt: skip
        IndividualParticipation.objects.bulk_create(
            [IndividualParticipation(individual=c, subnetwork_id=x.subnetwork_id, role=x.role) for p, c in pairs for x in p.participations.all()],
            batch_size=batch,
        )  # fmt: skip
