"""The directory page over the demo network: one facet specification for Elasticsearch and the
database fallback, the page's chips, ways out of an empty result and honest counts, in Japanese
and English (real Elasticsearch)."""

import re

import pytest
from django.contrib.auth.models import Group, User
from django.utils import translation

from members.models import Grants, GroupMember, IndividualMember, Status, Tier, Visibility
from members.models.privacy import NETWORK_MEMBERS_GROUP
from search import fallback, service
from search.facets import FACETS
from search.params import DirectoryParams

pytestmark = [pytest.mark.elasticsearch, pytest.mark.django_db]

FILTERS = [
    {},
    {"region": ("chubu",)},
    {"region": ("chubu", "kanto")},
    {"prefecture": ("23", "13")},
    {"field": ("technical-intern-training",)},
    {"language": ("vi", "tl")},
    {"network": ("trainees",)},
    {"type": ("individual",)},
    {"region": ("kinki",), "language": ("pt-br", "es"), "field": ("labour", "legal-aid")},
    {"prefecture": ("29",), "field": ("refugees",)},
]


def everything(backend, selected, tier, sort="name", office_only=False):
    """Every result card's id, all pages, from ``backend`` (service or fallback)."""
    ids, page = [], 1
    while True:
        params = DirectoryParams(selected=selected, sort=sort, page=page, office_only=office_only)
        results = backend.directory(params, grants=Grants(tier))
        ids += [card["id"] for card in results.results]
        if page >= results.num_pages:
            return results.count, ids
        page += 1


@pytest.mark.parametrize("tier", [Tier.ANONYMOUS, Tier.MEMBER])
def test_elasticsearch_and_the_fallback_give_the_same_answer(demo_index, tier):
    for selected in FILTERS:
        for language, office_only in (("ja", False), ("en", False), ("ja", True)):
            with translation.override(language):
                es_count, es_ids = everything(service, selected, tier, office_only=office_only)
                db_count, db_ids = everything(fallback, selected, tier, office_only=office_only)
            assert es_count == db_count, (selected, language, office_only)
            assert set(es_ids) == set(db_ids), (selected, language, office_only)


def test_nara_finds_the_groups_that_serve_it(demo_index):
    # The example: six public groups of the demo network serve Nara.
    nara = service.directory(
        DirectoryParams(selected={"prefecture": ("29",)}), grants=Grants(Tier.ANONYMOUS)
    )
    office = service.directory(
        DirectoryParams(selected={"prefecture": ("29",)}, office_only=True),
        grants=Grants(Tier.ANONYMOUS),
    )
    assert nara.count >= 6
    assert nara.count > office.count


def test_english_pages_list_members_alphabetically(demo_index):
    with translation.override("en"):
        results = service.directory(DirectoryParams(sort="name"), grants=Grants(Tier.ANONYMOUS))
    names = [card["display_name"].lower() for card in results.results]
    assert names == sorted(names)
    assert all(not re.search(r"[ぁ-ん]", card["location"]) for card in results.results)
    assert all(re.fullmatch(r"[A-Za-z ]+", card["location"]) for card in results.results)


def test_facet_counts_are_disjunctive_and_listed_counts_follow_the_tier(demo_index):
    params = DirectoryParams(selected={"language": ("vi",), "prefecture": ("23",)})
    results = service.directory(params, grants=Grants(Tier.ANONYMOUS))
    languages = {v.value: v for v in results.facets["language"]}
    # Counting Tagalog ignores the Vietnamese choice but keeps Aichi.
    tagalog = service.directory(
        DirectoryParams(selected={"language": ("tl",), "prefecture": ("23",)}),
        grants=Grants(Tier.ANONYMOUS),
    )
    assert languages["tl"].count == tagalog.count
    assert languages["vi"].selected and languages["vi"].count == results.count
    listed_groups = (
        GroupMember.objects.listed().filter(visibility=Visibility.PUBLIC, status=Status.ACTIVE)
    ).count()
    assert results.listed == {"group": listed_groups}
    member = service.directory(params, grants=Grants(Tier.MEMBER))
    assert member.listed["individual"] == IndividualMember.objects.visible_to(Tier.MEMBER).count()


def test_page_shows_chips_the_filter_rule_and_honest_counts(demo_index, client):
    page = client.get("/members/", {"prefecture": "23", "language": ["vi", "tl"]})
    html = page.content.decode()
    assert page.status_code == 200
    assert 'data-testid="active-filters"' in html
    chips = re.findall(r'<ul class="chips" data-testid="active-filters".*?</ul>', html, re.S)[0]
    assert chips.count("<li>") == 3
    assert "language=tl" in chips and "language=vi" in chips  # each chip keeps the others
    assert "絞り込み" in html and "(3)" in html
    assert "いずれか" in html  # the rule within a facet is shown
    groups = GroupMember.objects.filter(status=Status.ACTIVE).count()
    assert f"会員団体は {groups} 団体" in html


def test_zero_results_offer_ways_out(demo_index, client):
    # Okinawa's offices only: nationwide groups would otherwise match every prefecture.
    html = client.get(
        "/members/", {"q": "シェルター", "prefecture": "47", "where": "office"}
    ).content.decode()
    assert 'data-testid="no-results"' in html
    without = service.directory(
        DirectoryParams(q="シェルター"), grants=Grants(Tier.ANONYMOUS)
    ).count
    assert "絞り込みなし" in html and f"{without}" in html
    words = "q=%E3%82%B7%E3%82%A7%E3%83%AB%E3%82%BF%E3%83%BC"
    assert f'href="?{words}"' in html  # the same words alone
    assert "の条件を外すと" not in html  # with one filter, the same link as the line above
    # Prefectures that would give results, added to the chosen one.
    assert f'href="?{words}&amp;prefecture=47&amp;prefecture=' in html


def test_english_page_marks_japanese_names_and_has_english_labels(demo_index, client):
    html = client.get("/en/members/", {"prefecture": "13"}).content.decode()
    assert "Tokyo" in html and "東京都" not in html
    assert "あいうえお" not in html
    japanese_only = GroupMember.objects.filter(prefecture__code="13", name_en="").first()
    if japanese_only is not None:
        assert f'lang="ja">{japanese_only.name}<' in html
    assert re.search(r'<p class="result-alt" lang="ja">', html)


@pytest.mark.parametrize(
    ("prefix", "groups", "individuals"),
    [("", "団体", "個人"), ("/en", "Groups", "Individuals"), ("/vi", "Nhóm", "Cá nhân")],
)
def test_the_type_filter_speaks_the_readers_language(
    demo_index, client, prefix, groups, individuals
):
    # The filter is offered to network members, who may see individuals too.
    user = User.objects.create_user("member", password="pw-123456789")
    user.groups.add(Group.objects.get_or_create(name=NETWORK_MEMBERS_GROUP)[0])
    client.force_login(user)
    html = client.get(f"{prefix}/members/").content.decode()
    assert f'value="group"> <span class="facet-label">{groups}</span>' in html
    assert f'value="individual"> <span class="facet-label">{individuals}</span>' in html


def test_no_surface_of_the_page_leaks_a_members_only_group(demo_index, client):
    hidden = GroupMember.objects.listed().filter(visibility=Visibility.MEMBERS).first()
    assert hidden is not None, "the demo network has members-only groups"
    field = hidden.fields.first()
    for query in (
        {"q": hidden.name},
        {"q": hidden.kana, "prefecture": "47"},  # the zero-result ways out
        {"field": field.slug} if field else {},
        {},
    ):
        for prefix in ("", "/en"):
            html = client.get(f"{prefix}/members/", query).content.decode()
            # The visitor's own words come back in the box and the chip; nothing else may.
            for typed in (hidden.name, hidden.kana):
                html = html.replace(typed, "")
            assert hidden.name not in html, query
            assert f"/members/groups/{hidden.slug}/" not in html, query
            if hidden.name_en:
                assert hidden.name_en not in html, query
    body = client.get("/api/v1/members/", {"q": hidden.name}).json()
    assert all(card["name"] != hidden.name for card in body["results"])
    member_view = service.directory(DirectoryParams(q=hidden.name), grants=Grants(Tier.MEMBER))
    assert hidden.name in [card["name"] for card in member_view.results]  # the test can fail


def test_every_facet_is_in_the_api_and_the_page(demo_index, client):
    body = client.get("/api/v1/members/").json()
    assert set(body["facets"]) == {facet.name for facet in FACETS}
    assert body["listed"]["group"] == body["count"]
    html = client.get("/members/").content.decode()
    for facet in FACETS:
        if facet.name != "type":  # one kind only for an anonymous visitor: nothing to choose
            assert f'name="{facet.name}"' in html, facet.name
