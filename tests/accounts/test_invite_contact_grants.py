"""The invitation form guesses the entry's private address only for a viewer the contacts'
audience includes: by the viewer's grants, so a sub-network-only address shows to a member of
that sub-network and to nobody else."""

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.urls import reverse
from django.utils import timezone

from members.factories import GroupMemberFactory
from members.models import IndividualMember, IndividualParticipation, SubNetwork, Visibility
from members.models.privacy import NETWORK_MEMBERS_GROUP

pytestmark = pytest.mark.django_db

ADDRESS = "trainees-only@example.org"


def _inviter(username: str) -> User:
    """Not the secretariat: may open the admin and invite, nothing more."""
    user = User.objects.create_user(username)
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="add_invitation"),
    )
    user.groups.add(Group.objects.get(name=NETWORK_MEMBERS_GROUP))
    return user


def test_a_sub_network_only_address_is_guessed_only_for_that_sub_network(client):
    group = GroupMemberFactory(contact_email=ADDRESS, contact_visibility=Visibility.SUBNETWORKS)
    group.audience_subnetworks.set(SubNetwork.objects.filter(slug="trainees"))
    url = reverse("accounts_invite", kwargs={"kind": "group", "pk": group.pk})

    outsider = _inviter("outsider")
    client.force_login(outsider)
    response = client.get(url)
    assert response.status_code == 200
    assert ADDRESS not in response.content.decode()

    trainee = _inviter("trainee")
    person = IndividualMember.objects.create(
        name="実習 太郎",
        member_number="P-TRAINEE",
        consent_given_at=timezone.now(),
        user=trainee,
    )
    IndividualParticipation.objects.create(
        individual=person, subnetwork=SubNetwork.objects.get(slug="trainees")
    )
    client.force_login(trainee)
    response = client.get(url)
    assert response.status_code == 200
    assert ADDRESS in response.content.decode()
