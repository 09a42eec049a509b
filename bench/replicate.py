"""Copy the seeded demo network N times (bulk inserts) to reach benchmark scale quickly."""

from members.models import (
    GroupMember,
    GroupParticipation,
    IndividualMember,
    IndividualParticipation,
    TaggedGroupField,
    TaggedIndividualField,
)

# (member model, its tag through model, its participation model and member field)
KINDS = [
    (GroupMember, TaggedGroupField, GroupParticipation, "group"),
    (IndividualMember, TaggedIndividualField, IndividualParticipation, "individual"),
]


def _clone(member, n: int):
    model = type(member)
    values = {
        f.attname: getattr(member, f.attname)
        for f in model._meta.concrete_fields
        if f.attname not in {"id", "user_id"}
    }
    clone = model(**values)
    clone.member_number = f"{member.member_number}-{n}"
    if hasattr(clone, "slug"):
        clone.slug = f"{member.slug}-{n}"
    return clone


def replicate(*, copies: int, batch: int = 2000) -> None:
    for model, tagged, participation, member_field in KINDS:
        originals = list(model.objects.prefetch_related("languages", "fields", "participations"))
        language_link = model.languages.through
        language_field = f"{model._meta.model_name}"
        for n in range(1, copies + 1):
            clones = [_clone(member, n) for member in originals]
            model.objects.bulk_create(clones, batch_size=batch)
            pairs = list(zip(originals, clones, strict=True))
            tagged.objects.bulk_create(
                [tagged(content_object=c, tag=t) for m, c in pairs for t in m.fields.all()],
                batch_size=batch,
            )
            language_link.objects.bulk_create(
                [
                    language_link(**{language_field: c}, language=x)
                    for m, c in pairs
                    for x in m.languages.all()
                ],
                batch_size=batch,
            )
            participation.objects.bulk_create(
                [
                    participation(**{member_field: c}, subnetwork_id=p.subnetwork_id, role=p.role)
                    for m, c in pairs
                    for p in m.participations.all()
                ],
                batch_size=batch,
            )
