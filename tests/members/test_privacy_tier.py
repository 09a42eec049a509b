"""Finding 3 of issue 11: an account linked to an individual member reaches the members tier
only while that member is listed (active, consented, not withdrawn)."""

import pytest
from django.contrib.auth.models import User

from members.factories import IndividualMemberFactory
from members.models import Status, Tier, viewer_tier

pytestmark = pytest.mark.django_db


def linked_user(**member_fields) -> User:
    user = User.objects.create_user(f"linked-{User.objects.count()}")
    IndividualMemberFactory(user=user, **member_fields)
    return User.objects.get(pk=user.pk)  # a fresh object: viewer_tier keeps its answer on it


def test_an_active_consented_individual_is_a_member():
    assert viewer_tier(linked_user()) == Tier.MEMBER


@pytest.mark.parametrize(
    "state",
    [
        {"status": Status.LAPSED},
        {"consent_given_at": None},
        {"consent_withdrawn_at": "2026-01-01T00:00Z"},
        {"status": Status.LAPSED, "consent_given_at": None},
    ],
    ids=["lapsed", "never-consented", "withdrawn", "lapsed-and-never-consented"],
)
def test_a_lapsed_withdrawn_or_never_consented_individual_gets_no_member_access(state):
    assert viewer_tier(linked_user(**state)) == Tier.ANONYMOUS


def test_member_pages_refuse_a_lapsed_individual(client, directory):
    """The tier is what every surface asks: a members-only group answers 404 to the lapsed."""
    user = linked_user(status=Status.LAPSED)
    client.force_login(user)
    assert client.get(directory["members_group"].get_absolute_url()).status_code == 404
    user = linked_user()
    client.force_login(user)
    assert client.get(directory["members_group"].get_absolute_url()).status_code == 200
