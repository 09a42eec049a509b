"""A place means "located in or serves" by default, 「所在地のみ」 narrows it to the office; the
same rule from the same specification with Elasticsearch and the database fallback."""

import pytest
from django.utils import translation

from members.models import Grants, Prefecture, Tier
from search import fallback, service
from search.params import DirectoryParams

pytestmark = [pytest.mark.elasticsearch, pytest.mark.django_db]

TOKYO, NARA, OSAKA = "13", "29", "27"


@pytest.fixture
def groups(es, refresh, make_group, django_capture_on_commit_callbacks):
    serving = make_group(
        "東京から奈良へ通う会", kana="とうきょうからならへかようかい", prefecture=TOKYO
    )
    with django_capture_on_commit_callbacks(execute=True):
        serving.service_prefectures.add(Prefecture.objects.get(code=NARA))
        serving.save()  # a parental relation, written by the save; synced on commit
    make_group("奈良の会", kana="ならのかい", prefecture=NARA)
    make_group("全国の会", kana="ぜんこくのかい", prefecture=OSAKA, serves_nationwide=True)
    make_group("会員だけの奈良の会", kana="かいいんだけのならのかい", prefecture=NARA,
               visibility="members")  # fmt: skip
    refresh()


def names(backend, **params):
    results = backend.directory(DirectoryParams(**params), grants=Grants(Tier.ANONYMOUS))
    return {card["name"] for card in results.results}


@pytest.mark.parametrize("backend", [service, fallback], ids=["elasticsearch", "database"])
def test_a_prefecture_means_located_in_or_serves_and_nationwide(groups, backend):
    nara = {"東京から奈良へ通う会", "奈良の会", "全国の会"}
    assert names(backend, selected={"prefecture": (NARA,)}) == nara
    assert names(backend, selected={"region": ("kinki",)}) == nara
    assert names(backend, selected={"prefecture": (NARA,)}, office_only=True) == {"奈良の会"}
    assert names(backend, selected={"region": ("kinki",)}, office_only=True) == {
        "奈良の会",
        "全国の会",
    }
    # A nationwide group matches every prefecture, even one nobody has an office in.
    assert names(backend, selected={"prefecture": ("47",)}) == {"全国の会"}
    assert names(backend, selected={"prefecture": ("47",)}, office_only=True) == set()


def test_facet_counts_in_both_modes(groups):
    area = service.directory(DirectoryParams(), grants=Grants(Tier.ANONYMOUS))
    counts = {v.value: v.count for v in area.facets["prefecture"]}
    assert counts[NARA] == 3  # the office, the serving group and the nationwide one
    assert counts[TOKYO] == 2  # its office and the nationwide group
    assert counts[OSAKA] == 1  # the nationwide group, counted once
    assert counts["47"] == 1
    assert area.nationwide == {"region": 1, "prefecture": 1}
    office = service.directory(DirectoryParams(office_only=True), grants=Grants(Tier.ANONYMOUS))
    counts = {v.value: v.count for v in office.facets["prefecture"]}
    assert counts == {TOKYO: 1, NARA: 1, OSAKA: 1}
    assert office.nationwide == {}
    # Each count is the number of results that ticking the value gives.
    for value in area.facets["prefecture"]:
        ticked = service.directory(
            DirectoryParams(selected={"prefecture": (value.value,)}), grants=Grants(Tier.ANONYMOUS)
        )
        assert ticked.count == value.count, value.value


def test_the_map_shows_nationwide_groups_once_beside_it(groups, client):
    html = client.get("/en/members/").content.decode()
    assert "Working nationwide, not on the map: 1 group" in html
    assert 'aria-label="Nara: 2 members"' in html  # the office and the serving group
    office = client.get("/en/members/", {"where": "office"}).content.decode()
    assert "Working nationwide" not in office
    assert 'aria-label="Nara: 1 member"' in office


def test_the_switch_shows_as_a_chip_and_survives_the_links(groups, client):
    with translation.override("ja"):
        html = client.get("/members/", {"prefecture": NARA, "where": "office"}).content.decode()
    assert 'name="where" value="office" checked' in html
    assert "所在地のみ" in html
    assert f"?prefecture={NARA}" in html  # the chip that drops the switch keeps the place
    assert "where=office" in html  # and the other links keep the switch


def test_no_members_only_group_in_the_counts(groups):
    anonymous = service.directory(
        DirectoryParams(selected={"prefecture": (NARA,)}), grants=Grants(Tier.ANONYMOUS)
    )
    member = service.directory(
        DirectoryParams(selected={"prefecture": (NARA,)}), grants=Grants(Tier.MEMBER)
    )
    assert anonymous.count == 3
    assert member.count == 4  # so the test can fail
    assert {v.value: v.count for v in anonymous.facets["prefecture"]}[NARA] == 3
