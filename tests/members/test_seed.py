import io
import time
from collections import Counter

import pytest
from django.core.management import call_command

from members import vocabulary
from members.models import (
    GroupMember,
    GroupParticipation,
    IndividualMember,
    ParticipationRole,
    Status,
    Tier,
)
from members.seed import seed_network
from members.transfer import members_export

pytestmark = pytest.mark.django_db


def test_seed_creates_the_network_once():
    started = time.monotonic()
    out = io.StringIO()
    call_command("seed_network", stdout=out)
    assert time.monotonic() - started < 30  # bulk writes: a few seconds, generous for CI
    assert "105 groups and 500 individuals created" in out.getvalue()
    assert GroupMember.objects.count() == 105
    assert IndividualMember.objects.count() == 500
    snapshot = members_export(fmt="json")
    result = seed_network()
    assert (result.groups_created, result.individuals_created) == (0, 0)
    assert members_export(fmt="json") == snapshot


def test_seed_is_deterministic():
    seed_network()
    first = members_export(fmt="json")
    GroupMember.objects.all().delete()
    IndividualMember.objects.all().delete()
    seed_network()
    assert members_export(fmt="json") == first
    GroupMember.objects.all().delete()
    IndividualMember.objects.all().delete()
    seed_network(seed=7)
    assert members_export(fmt="json") != first


def test_seeded_network_is_realistic():
    seed_network()
    groups = GroupMember.objects.all()
    people = IndividualMember.objects.all()
    # Every 地方 has a group, and the big foreign-resident prefectures lead.
    regions = Counter(groups.values_list("prefecture__region__slug", flat=True))
    assert set(regions) == {slug for slug, _ja, _en in vocabulary.REGIONS}
    top = [
        code
        for code, _n in Counter(people.values_list("prefecture__code", flat=True)).most_common(3)
    ]
    assert "13" in top
    # All three visibility tiers, lapsed and withdrawn members, and some not yet consented.
    assert set(groups.values_list("visibility", flat=True)) == {"public", "members", "secretariat"}
    assert set(people.values_list("visibility", flat=True)) == {"members", "secretariat"}
    lapsed = (
        people.filter(status=Status.LAPSED).count() + groups.filter(status=Status.LAPSED).count()
    )
    assert 10 <= lapsed <= 60
    assert people.filter(consent_withdrawn_at__isnull=False).exists()
    assert groups.filter(consent_withdrawn_at__isnull=False).exists()
    listed = people.listed()
    assert not listed.filter(consent_given_at__isnull=True).exists()
    # Each sub-network has one or two coordinator groups.
    coordinators = Counter(
        GroupParticipation.objects.filter(role=ParticipationRole.COORDINATOR).values_list(
            "subnetwork__slug", flat=True
        )
    )
    assert set(coordinators) == {slug for slug, _ja, _en in vocabulary.SUBNETWORKS}
    assert all(1 <= n <= 2 for n in coordinators.values())
    # Names have readings that match (romaji comes from the reading), and English names.
    assert not groups.filter(kana="").exists()
    assert not groups.filter(name_en="").exists()
    assert people.filter(name__contains="・").exists()  # non-Japanese names in katakana
    assert not people.filter(romaji="").exists()
    # Visible to anonymous visitors: most groups, no individual.
    assert 70 <= GroupMember.objects.visible_to(Tier.ANONYMOUS).count() < 105
    assert not IndividualMember.objects.visible_to(Tier.ANONYMOUS).exists()
    # Descriptions mention fields and languages in both languages.
    group = groups.get(member_number="G0001")
    assert group.fields.first().name in group.description_ja
    assert group.fields.first().name_en.lower() in group.description_en
