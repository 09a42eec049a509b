"""Facets, filters, pagination and hostile input on the directory search (real Elasticsearch)."""

import pytest
from django.utils import translation

from members.models import Grants, Tier
from search import service
from search.params import MAX_PAGE, DirectoryParams

pytestmark = [pytest.mark.elasticsearch, pytest.mark.django_db]


@pytest.fixture
def groups(es, refresh, make_group):
    make_group("名古屋技能実習生支援ネット", kana="なごやぎのうじっしゅうせいしえんねっと", prefecture="23",
               fields=["technical-intern-training"], languages=["vi"], networks=["trainees"])  # fmt: skip
    make_group("浜松外国人労働者の会", kana="はままつがいこくじんろうどうしゃのかい", prefecture="22",
               fields=["technical-intern-training", "labour"], languages=["pt-br"])  # fmt: skip
    make_group("東京医療相談会", kana="とうきょういりょうそうだんかい", prefecture="13",
               fields=["medical-care"], languages=["vi", "en"])  # fmt: skip
    refresh()


def run(q="", **selected):
    params = DirectoryParams(q=q, selected={k: tuple(v) for k, v in selected.items()})
    return service.directory(params, grants=Grants(Tier.ANONYMOUS))


def counts(results, facet):
    return {v.value: v.count for v in results.facets[facet]}


def test_region_filter_and_region_count_includes_its_prefectures(groups):
    results = run(region=["chubu"])
    assert results.count == 2
    assert counts(results, "region") == {"chubu": 2, "kanto": 1}  # own selection ignored
    assert counts(results, "prefecture") == {"22": 1, "23": 1}  # narrowed by region


def test_or_within_a_facet_and_across_facets(groups):
    assert run(language=["vi", "pt-br"]).count == 3
    assert run(language=["vi"], field=["technical-intern-training"]).count == 1


def test_counts_are_disjunctive(groups):
    results = run(language=["pt-br"])
    assert results.count == 1
    assert counts(results, "language") == {"vi": 2, "pt-br": 1, "en": 1}
    assert counts(results, "field") == {"technical-intern-training": 1, "labour": 1}


def test_facet_values_carry_labels_and_selection(groups):
    with translation.override("ja"):
        results = run(region=["chubu"])
    chubu = next(v for v in results.facets["region"] if v.value == "chubu")
    assert chubu.selected and chubu.label == "中部地方"
    with translation.override("en"):
        english = run(region=["chubu"])
    assert next(v.label for v in english.facets["region"] if v.value == "chubu") == "Chubu"


def test_text_and_facets_combine(groups):
    # Both Chubu groups work in 技能実習 (a field tag); the one named for it ranks first.
    results = run("技能実習", region=["chubu"])
    assert [r["name"] for r in results.results] == [
        "名古屋技能実習生支援ネット",
        "浜松外国人労働者の会",
    ]
    assert run("技能実習", region=["kanto"]).count == 0


def test_zero_results_offer_the_nearest_broader_search(groups):
    results = run("医療", region=["chubu"])
    assert results.count == 0
    assert results.broader == [{"facet": "region", "count": 1}]


def test_did_you_mean_for_a_typo(groups, make_group, refresh):
    make_group("カラバオの会", kana="からばおのかい", name_en="Karabao Association")
    refresh()
    results = run("karabo")
    assert results.count == 0
    assert results.did_you_mean == "karabao"


@pytest.mark.parametrize("page", [2, 99, 999999])
def test_page_past_the_end_answers_404_in_html_and_json_alike(groups, client, page):
    html = client.get("/members/", {"page": page})
    assert html.status_code == 404
    assert 'href="?"' in html.content.decode()  # the way back: page 1 with the same filters
    assert 'data-testid="results"' not in html.content.decode()
    api = client.get("/api/v1/members/", {"page": page})
    assert api.status_code == 404
    assert api.json() == {"error": "page_out_of_range", "num_pages": 1}


def test_an_invalid_page_is_the_first_page(groups, client):
    assert client.get("/members/", {"page": "abc"}).status_code == 200
    assert client.get("/api/v1/members/", {"page": "-1"}).json()["page"] == 1


def test_window_never_exceeds_ten_thousand():
    from search.queries import directory_search

    body = directory_search(
        DirectoryParams(page=10**6), grants=Grants(Tier.ANONYMOUS), index="x", english=False
    ).to_dict()
    assert body["from"] + body["size"] <= 10_000
    assert MAX_PAGE * 20 <= 10_000


@pytest.mark.parametrize(
    "q",
    ["x" * 10_000, "技" * 10_000, "@@@ ### !!!", '" OR 1=1 --', "*:*", "<script>alert(1)</script>"],
)
def test_hostile_queries_answer_200(groups, client, q):
    assert client.get("/members/", {"q": q}).status_code == 200
    assert client.get("/api/v1/members/", {"q": q}).status_code == 200
    assert client.get("/search/", {"q": q}).status_code == 200
    assert client.get("/api/v1/search/", {"q": q}).status_code == 200
    assert client.get("/api/v1/suggest/", {"q": q}).status_code == 200


def test_unknown_parameters_and_values_are_ignored(groups, client):
    body = client.get(
        "/api/v1/members/",
        {"region": "atlantis", "language": ["vi", "klingon"], "sort": "drop table", "evil": "1"},
    ).json()
    assert body["count"] == 2
    selected = [v["value"] for v in body["facets"]["language"] if v["selected"]]
    assert selected == ["vi"]


def test_json_shape(groups, client):
    body = client.get("/api/v1/members/", {"q": "技能実習"}).json()
    assert {"count", "page", "num_pages", "results", "facets"} <= set(body)
    assert set(body["facets"]) == {"type", "region", "prefecture", "field", "language", "network"}
    assert {"value", "label", "count", "selected"} == set(body["facets"]["region"][0])
    result = body["results"][0]
    assert {
        "name",
        "name_en",
        "type",
        "prefecture",
        "fields",
        "languages",
        "snippet",
        "url",
    } <= set(result)
    assert "<mark>" in result["snippet"] or result["snippet"] == ""


def test_snippets_escape_html_before_marking(es, refresh, make_group):
    make_group(
        "エスケープの会",
        kana="えすけーぷのかい",
        description_ja="<img src=x onerror=alert(1)>実習の相談",
    )
    refresh()
    snippet = run("実習").results[0]["snippet"]
    assert "<img" not in snippet
    assert "&lt;img" in snippet and "<mark>実習</mark>" in snippet


def test_html_directory_shows_facets_and_results(groups, client):
    # 技能実習 names a field: the page turns it into that filter (search.understanding).
    html = client.get(
        "/members/", {"q": "技能実習", "region": "chubu"}, follow=True
    ).content.decode()
    assert "名古屋技能実習生支援ネット" in html
    assert "中部地方" in html and '<span class="count">2</span>' in html
    english = client.get("/en/members/", {"region": "chubu"}).content.decode()
    assert "Chubu" in english


def test_sort_by_name_kana_in_japanese_and_alphabetical_in_english(groups, make_group, refresh):
    make_group("アジア友好の会", kana="あじあゆうこうのかい", name_en="Zenith Friendship")
    refresh()
    with translation.override("ja"):
        kana = service.directory(DirectoryParams(sort="name"), grants=Grants(Tier.ANONYMOUS))
    assert [r["kana"] for r in kana.results] == sorted(r["kana"] for r in kana.results)
    with translation.override("en"):
        english = service.directory(DirectoryParams(sort="name"), grants=Grants(Tier.ANONYMOUS))
    # The groups without an English name sort by romaji: hamamatsu…, nagoya…, toukyou…
    assert [r["display_name"] for r in english.results] == [
        "浜松外国人労働者の会",
        "名古屋技能実習生支援ネット",
        "東京医療相談会",
        "Zenith Friendship",
    ]


def test_result_links_follow_the_viewer_language_not_the_indexing_one(
    es, refresh, make_group, client
):
    with translation.override("en"):  # e.g. saved by an editor using the English admin
        make_group("言語の会", kana="げんごのかい", slug="gengo")
    refresh()
    with translation.override("ja"):
        assert run("言語の会").results[0]["url"] == "/members/groups/gengo/"
    with translation.override("en"):
        assert run("言語の会").results[0]["url"] == "/en/members/groups/gengo/"
    html = client.get("/members/", {"q": "言語の会"}).content.decode()
    assert 'href="/members/groups/gengo/"' in html
