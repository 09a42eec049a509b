"""factory_boy factories for members, shared by the tests and the demo seed (``members.seed``).

Vocabulary rows (prefectures, fields, languages, sub-networks) are loaded by a migration, so
factories look them up by code or slug instead of creating them.

    GroupMemberFactory(fields=["labour"], languages=["vi"], subnetworks=[("trainees", "coordinator")])
    IndividualMemberFactory(visibility=Visibility.SECRETARIAT, prefecture__code="23")
"""

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from .models import (
    FieldTag,
    GroupMember,
    GroupParticipation,
    IndividualMember,
    IndividualParticipation,
    Language,
    Prefecture,
    SubNetwork,
    Visibility,
)


def japanese_faker():
    # factory_boy's shared Faker: seeded by factory.random.reseed_random, so tests can pin it.
    return factory.Faker._get_faker(locale="ja_JP")


class PrefectureFactory(DjangoModelFactory):
    """Fetches one of the 47 migrated prefectures; ``code`` picks which."""

    code = "13"

    class Meta:
        model = Prefecture
        django_get_or_create = ("code",)


# The participation table of each kind of member and its foreign key to the member.
PARTICIPATION = {
    GroupMember: (GroupParticipation, "group"),
    IndividualMember: (IndividualParticipation, "individual"),
}


def _add_vocabulary(member, create, fields, languages, subnetworks):
    if not create:
        return
    if fields:
        member.fields.set(list(FieldTag.objects.filter(slug__in=fields)))
    if languages:
        member.languages.set(Language.objects.filter(code__in=languages))
    if fields or languages:
        member.save()  # parental relations (drafts carry them) are written by ``save``
    model, owner = PARTICIPATION[type(member)]
    for slug, role in subnetworks or ():
        model.objects.update_or_create(
            **{owner: member}, subnetwork=SubNetwork.objects.get(slug=slug), defaults={"role": role}
        )


class MemberFactoryBase(DjangoModelFactory):
    prefecture = factory.SubFactory(PrefectureFactory)
    consent_given_at = factory.LazyFunction(timezone.now)
    consent_tier = factory.SelfAttribute("visibility")
    contact_email = factory.Sequence(lambda n: f"private{n}@example.org")
    contact_phone = factory.Sequence(lambda n: f"03-5555-{n:04d}")
    postal_address = factory.Faker("address", locale="ja_JP")

    class Meta:
        abstract = True

    @factory.post_generation
    def fields(self, create, extracted, **kwargs):
        """Field tag slugs, e.g. ``fields=["labour", "refugees"]``."""
        self._factory_fields = extracted

    @factory.post_generation
    def languages(self, create, extracted, **kwargs):
        """ISO codes, e.g. ``languages=["vi", "tl"]``."""
        self._factory_languages = extracted

    @factory.post_generation
    def subnetworks(self, create, extracted, **kwargs):
        """(slug, role) pairs, e.g. ``subnetworks=[("women", "coordinator")]``."""
        _add_vocabulary(
            self,
            create,
            self._factory_fields,
            self._factory_languages,
            extracted,
        )


class GroupMemberFactory(MemberFactoryBase):
    name = factory.Sequence(lambda n: f"移住者支援の会{n}")
    kana = factory.Sequence(lambda n: f"いじゅうしゃしえんのかい{n}")
    name_en = factory.Sequence(lambda n: f"Migrant Support Association {n}")
    slug = factory.Sequence(lambda n: f"test-group-{n}")
    member_number = factory.Sequence(lambda n: f"TG{n:05d}")
    municipality = "新宿区"
    description_ja = "外国人労働者の労働相談を行っています。"
    description_en = "We offer labour consultations to foreign workers."
    visibility = Visibility.PUBLIC

    class Meta:
        model = GroupMember
        # ``_add_vocabulary`` saves when it set fields or languages; nothing else needs it.
        skip_postgeneration_save = True


class IndividualMemberFactory(MemberFactoryBase):
    member_number = factory.Sequence(lambda n: f"TI{n:05d}")
    occupation = "日本語教師"
    bio = "地域の日本語教室で教えています。"
    visibility = Visibility.MEMBERS

    class Meta:
        model = IndividualMember
        # ``_add_vocabulary`` saves when it set fields or languages; nothing else needs it.
        skip_postgeneration_save = True

    class Params:
        # Faker ja_JP gives (漢字, カタカナ, romaji) pairs, so the reading matches the name.
        family = factory.LazyFunction(lambda: japanese_faker().last_name_pair())
        given = factory.LazyFunction(lambda: japanese_faker().first_name_pair())

    name = factory.LazyAttribute(lambda o: f"{o.family[0]} {o.given[0]}")
    kana = factory.LazyAttribute(lambda o: f"{o.family[1]} {o.given[1]}")
