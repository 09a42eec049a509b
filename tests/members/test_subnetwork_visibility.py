"""Sub-network audiences in the members app: the rule (``Visibility.allowed_for`` and the
record's ``audience_terms``), the viewer's grants, ``visible_to`` in the database and in Python,
contacts, consent's width order and the home page's counts."""

import pytest
from django.contrib.auth.models import Group, User
from django.core.exceptions import ValidationError

from members.factories import GroupMemberFactory, IndividualMemberFactory
from members.models import (
    Grants,
    GroupMember,
    IndividualMember,
    Status,
    SubNetwork,
    Tier,
    Visibility,
    viewer_grants,
    viewer_tier,
)
from members.models.privacy import (
    NETWORK_MEMBERS_GROUP,
    SECRETARIAT_GROUP,
    audience_terms,
    audience_widens,
    may_see,
)

A, B = "trainees", "women"
MEMBER_OF_A = Grants(Tier.MEMBER, frozenset({A}))
MEMBER_OF_B = Grants(Tier.MEMBER, frozenset({B}))


def test_allowed_for_adds_the_viewers_sub_networks_to_its_tier():
    assert Visibility.allowed_for(Grants(Tier.ANONYMOUS)) == ["public"]
    assert Visibility.allowed_for(MEMBER_OF_A) == ["public", "members", "subnetwork:trainees"]
    assert "subnetworks" in Visibility.allowed_for(Grants(Tier.SECRETARIAT))
    # A bare tier (older callers, the admin) holds no sub-network: closed, never wider.
    assert Visibility.allowed_for(Tier.MEMBER) == ["public", "members"]


@pytest.mark.parametrize(
    ("viewer", "sees"),
    [
        (Grants(Tier.ANONYMOUS), False),
        (Grants(Tier.MEMBER), False),
        (MEMBER_OF_B, False),
        (MEMBER_OF_A, True),
        (Grants(Tier.SECRETARIAT), True),
    ],
    ids=["anonymous", "member", "member-of-b", "member-of-a", "secretariat"],
)
def test_an_audience_of_sub_network_a(viewer, sees):
    assert audience_terms("subnetworks", [A]) == ["subnetworks", "subnetwork:trainees"]
    assert may_see(viewer, "subnetworks", [A]) is sees
    # No sub-network chosen: the secretariat only.
    assert may_see(viewer, "subnetworks", []) is (viewer.tier is Tier.SECRETARIAT)


def test_the_width_order_puts_sub_networks_between_members_and_the_secretariat():
    order = [Visibility(v).tier for v in ("public", "members", "subnetworks", "secretariat")]
    assert order == sorted(order) and len(set(order)) == 4
    assert audience_widens(before=("members", []), after=("public", []))
    assert not audience_widens(before=("members", []), after=("subnetworks", [A, B]))
    assert audience_widens(before=("subnetworks", [A]), after=("subnetworks", [A, B]))
    assert not audience_widens(before=("subnetworks", [A, B]), after=("subnetworks", [A]))
    assert audience_widens(before=("subnetworks", [A]), after=("members", []))
    assert audience_widens(before=("secretariat", []), after=("subnetworks", [B]))
    assert not audience_widens(before=("subnetworks", [A]), after=("secretariat", []))


@pytest.mark.django_db
def test_consent_to_a_sub_network_audience_refuses_a_wider_visibility():
    group = GroupMemberFactory(consent_tier=Visibility.SUBNETWORKS, visibility=Visibility.MEMBERS)
    with pytest.raises(ValidationError):
        group.clean()
    group.visibility = Visibility.SUBNETWORKS
    group.clean()


def _account(name, *, group=None):
    user = User.objects.create_user(name)
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


def _fresh(user):
    return User.objects.get(pk=user.pk)  # grants are kept on the user object for one request


@pytest.mark.django_db
def test_grants_come_from_the_own_entry_and_managed_groups_while_listed():
    anonymous = viewer_grants(None)
    assert anonymous == Grants(Tier.ANONYMOUS)
    person_user, manager, plain = (
        _account("p"),
        _account("m"),
        _account("n", group=NETWORK_MEMBERS_GROUP),
    )
    IndividualMemberFactory(user=person_user, subnetworks=[(A, "member")])
    group = GroupMemberFactory(subnetworks=[(B, "coordinator")])
    group.managers.add(manager)
    assert viewer_grants(_fresh(person_user)) == MEMBER_OF_A
    assert viewer_grants(_fresh(manager)) == MEMBER_OF_B
    assert viewer_tier(_fresh(manager)) is Tier.MEMBER
    assert viewer_grants(_fresh(plain)) == Grants(Tier.MEMBER)
    secretariat = _account("s", group=SECRETARIAT_GROUP)
    assert viewer_grants(_fresh(secretariat)) == Grants(Tier.SECRETARIAT)
    # A lapsed group gives its managers nothing.
    GroupMember.objects.filter(pk=group.pk).update(status=Status.LAPSED)
    assert viewer_grants(_fresh(manager)) == Grants(Tier.ANONYMOUS)


@pytest.mark.django_db
def test_grants_are_computed_once_per_request(django_assert_num_queries):
    user = _account("once")
    IndividualMemberFactory(user=user, subnetworks=[(A, "member")])
    user = _fresh(user)
    viewer_grants(user)
    with django_assert_num_queries(0):
        assert viewer_grants(user) == MEMBER_OF_A


@pytest.fixture
def limited(db):
    trainees = SubNetwork.objects.get(slug=A)
    group = GroupMemberFactory(
        visibility=Visibility.SUBNETWORKS,
        contact_email="limited@example.org",
        contact_visibility=Visibility.SUBNETWORKS,
    )
    person = IndividualMemberFactory(visibility=Visibility.SUBNETWORKS)
    for member in (group, person):
        member.audience_subnetworks.set([trainees])
    open_group = GroupMemberFactory(
        contact_visibility=Visibility.SUBNETWORKS, contact_email="open@example.org"
    )
    open_group.audience_subnetworks.set([trainees])
    return {"group": group, "person": person, "open": open_group}


@pytest.mark.parametrize(
    ("viewer", "sees"),
    [
        (Grants(Tier.ANONYMOUS), False),
        (Grants(Tier.MEMBER), False),
        (MEMBER_OF_B, False),
        (MEMBER_OF_A, True),
        (Grants(Tier.SECRETARIAT), True),
    ],
    ids=["anonymous", "member", "member-of-b", "member-of-a", "secretariat"],
)
def test_visible_to_in_the_database_and_in_python_agree(limited, viewer, sees):
    for model, record in ((GroupMember, limited["group"]), (IndividualMember, limited["person"])):
        assert model.objects.visible_to(viewer).filter(pk=record.pk).exists() is sees
        assert model.objects.get(pk=record.pk).visible_to(viewer) is sees
    # Contacts limited to the sub-network, on an entry everyone sees.
    assert GroupMember.objects.visible_to(viewer).filter(pk=limited["open"].pk).exists()
    assert limited["open"].contacts_visible_to(viewer) is sees


@pytest.mark.django_db
def test_the_pages_follow_the_viewers_grants(client, limited):
    user = _account("trainee")
    IndividualMemberFactory(user=user, subnetworks=[(A, "member")])
    group_url = limited["group"].get_absolute_url()
    assert client.get(group_url).status_code == 404
    assert "open@example.org" not in client.get(limited["open"].get_absolute_url()).content.decode()
    client.force_login(user)
    assert client.get(group_url).status_code == 200
    assert client.get(limited["person"].get_absolute_url()).status_code == 200
    assert "open@example.org" in client.get(limited["open"].get_absolute_url()).content.decode()
    other = _account("other")
    IndividualMemberFactory(user=other, subnetworks=[(B, "member")])
    client.force_login(other)
    assert client.get(group_url).status_code == 404
    assert client.get(limited["person"].get_absolute_url()).status_code == 404
