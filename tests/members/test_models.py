import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import ValidationError

from members.consent import member_give_consent, member_withdraw_consent
from members.factories import GroupMemberFactory, IndividualMemberFactory
from members.models import GroupMember, IndividualMember, Status, Tier, Visibility, viewer_tier
from members.text import normalize, romaji

pytestmark = pytest.mark.django_db


def test_names_are_nfkc_normalised_and_readings_hiragana():
    group = GroupMemberFactory(
        name="ＡＢＣ　ﾕﾆｵﾝ", kana="エービーシー ユニオン", name_en="ＡＢＣ Union"
    )
    group.refresh_from_db()
    assert group.name == "ABC ユニオン"
    assert group.name_en == "ABC Union"
    assert group.kana == "えーびーしー ゆにおん"


def test_romaji_is_derived_from_the_reading():
    person = IndividualMemberFactory(name="田中 宏", kana="タナカ ヒロシ")
    assert person.romaji == "tanaka hiroshi"
    assert romaji("グエン・ミン") == "guen min"
    assert normalize("  ｶﾀｶﾅ  ｔｅｘｔ ") == "カタカナ text"


def test_visibility_may_not_be_wider_than_consent():
    group = GroupMemberFactory.build(visibility=Visibility.PUBLIC, consent_tier=Visibility.MEMBERS)
    with pytest.raises(ValidationError) as excinfo:
        group.clean()
    assert "visibility" in excinfo.value.message_dict
    group.visibility = Visibility.MEMBERS
    group.clean()


def test_individuals_cannot_be_public():
    person = IndividualMemberFactory.build(visibility=Visibility.PUBLIC)
    with pytest.raises(ValidationError) as excinfo:
        person.full_clean(exclude=["prefecture"], validate_unique=False)
    assert "visibility" in excinfo.value.message_dict


@pytest.mark.parametrize(
    ("tier", "expected"),
    [
        (Tier.ANONYMOUS, {"public-group"}),
        (Tier.MEMBER, {"public-group", "members-group"}),
        (
            Tier.SECRETARIAT,
            {"public-group", "members-group", "secret-group", "withdrawn-group"},
        ),
    ],
)
def test_groups_visible_to_each_tier(directory, tier, expected):
    assert set(GroupMember.objects.visible_to(tier).values_list("slug", flat=True)) == expected
    for group in GroupMember.objects.all():
        assert group.visible_to(tier) == (group.slug in expected)


def test_individuals_are_never_visible_to_anonymous_viewers(directory):
    assert not IndividualMember.objects.visible_to(Tier.ANONYMOUS).exists()
    assert not directory["person"].visible_to(Tier.ANONYMOUS)
    assert list(IndividualMember.objects.visible_to(Tier.MEMBER)) == [directory["person"]]
    assert IndividualMember.objects.visible_to(Tier.SECRETARIAT).count() == 2


def test_lapsed_or_unconsented_members_are_not_listed(directory):
    lapsed = GroupMemberFactory(status=Status.LAPSED)
    unconsented = GroupMemberFactory(consent_given_at=None)
    visible = GroupMember.objects.visible_to(Tier.MEMBER)
    assert lapsed not in visible
    assert unconsented not in visible
    assert directory["public_group"] in visible


def test_withdrawing_consent_hides_the_member_at_once(directory):
    group = directory["public_group"]
    member_withdraw_consent(member=group, at=dt.datetime(2026, 5, 1, tzinfo=dt.UTC))
    assert not GroupMember.objects.visible_to(Tier.MEMBER).filter(pk=group.pk).exists()
    assert GroupMember.objects.visible_to(Tier.SECRETARIAT).filter(pk=group.pk).exists()


def test_giving_consent_narrows_a_wider_visibility(directory):
    group = directory["withdrawn_group"]
    member_give_consent(member=group, tier=Visibility.MEMBERS)
    group.refresh_from_db()
    assert group.consent_withdrawn_at is None
    assert group.visibility == Visibility.MEMBERS
    assert group.visible_to(Tier.MEMBER)
    assert not group.visible_to(Tier.ANONYMOUS)


def test_contacts_are_for_the_granted_tier_only(directory):
    group = directory["public_group"]
    assert group.contact_visibility == Visibility.SECRETARIAT
    assert not group.contacts_visible_to(Tier.MEMBER)
    assert group.contacts_visible_to(Tier.SECRETARIAT)
    group.contact_visibility = Visibility.MEMBERS
    assert group.contacts_visible_to(Tier.MEMBER)
    assert not group.contacts_visible_to(Tier.ANONYMOUS)


def test_viewer_tier(member_user, secretariat_user, editor_user):
    assert viewer_tier(AnonymousUser()) == Tier.ANONYMOUS
    assert viewer_tier(None) == Tier.ANONYMOUS
    assert viewer_tier(member_user) == Tier.MEMBER
    assert viewer_tier(secretariat_user) == Tier.SECRETARIAT
    # Directory editors maintain records in the admin but are not the secretariat.
    assert viewer_tier(editor_user) == Tier.ANONYMOUS
    linked = User.objects.create_user("linked")
    IndividualMemberFactory(user=linked)
    assert viewer_tier(linked) == Tier.MEMBER
    superuser = User.objects.create_superuser("root", password="x")
    assert viewer_tier(superuser) == Tier.SECRETARIAT
    member_user.is_active = False
    assert viewer_tier(member_user) == Tier.ANONYMOUS
