from django.http import QueryDict
from django.utils import translation

from search.facets import FACETS, FACETS_BY_NAME
from search.params import MAX_QUERY_CHARS, DirectoryParams, parse_directory


def parse(string: str) -> DirectoryParams:
    return parse_directory(QueryDict(string))


def test_no_parameters_give_the_defaults():
    assert parse("") == DirectoryParams()
    assert parse("").order == "name"


def test_known_parameters_are_kept():
    params = parse(
        "q=tanaka&type=group&region=chubu&region=kanto&prefecture=23&prefecture=22&field=labour"
        "&field=refugees&language=vi&network=trainees&sort=newest&page=3"
    )
    assert params == DirectoryParams(
        q="tanaka",
        selected={
            "type": ("group",),
            "region": ("chubu", "kanto"),  # 地方 takes several values now
            "prefecture": ("23", "22"),
            "field": ("labour", "refugees"),
            "language": ("vi",),
            "network": ("trainees",),
        },
        sort="newest",
        page=3,
    )
    assert params.filter_count == 9


def test_unknown_parameters_and_values_are_dropped_silently():
    params = parse(
        "type=admin&region=atlantis&prefecture=48&prefecture=13&prefecture=13"
        "&field=../etc&field=labour&language=xx&network=__all__&sort=-id&page=-2"
        "&visibility=secretariat&status=lapsed"
    )
    assert params.selected == {"prefecture": ("13",), "field": ("labour",)}
    assert params.sort == ""
    assert params.order == "name"
    assert params.page == 1
    assert "visibility" not in params.querystring()


def test_a_single_valued_facet_keeps_its_first_value():
    assert parse("type=individual&type=group").selected == {"type": ("individual",)}


def test_keyword_is_normalised_and_truncated():
    assert parse("q=%EF%BC%B4%EF%BD%81%EF%BD%8E%EF%BD%81%EF%BD%8B%EF%BD%81").q == "Tanaka"
    assert len(parse("q=" + "あ" * 10_000).q) == MAX_QUERY_CHARS


def test_relevance_is_the_default_with_a_keyword_only():
    assert parse("q=nagoya").order == "relevance"
    assert parse("sort=relevance").order == "name"
    assert parse("q=nagoya&sort=name").order == "name"


def test_page_must_be_a_positive_number_and_stays_past_the_end():
    assert parse("page=abc").page == 1
    assert parse("page=0").page == 1
    assert parse("page=2").page == 2
    # Not silently page 1: the view answers a page past the end with 404.
    assert parse("page=999999").page == 999999
    assert parse("page=99999999999999999999").page == 1


def test_labels_follow_the_active_language():
    language = FACETS_BY_NAME["language"]
    with translation.override("en"):
        assert language.labels()["vi"] == "Vietnamese"
        assert str(language.label) == "Language"
    with translation.override("ja"):
        assert language.labels()["vi"] == "ベトナム語"


def test_querystring_round_trips_and_removes_one_value():
    params = parse("q=x&field=labour&field=refugees&prefecture=23&page=3&bogus=1")
    assert parse(params.querystring()) == params
    without = params.without("field", "labour")
    assert QueryDict(without.querystring()).getlist("field") == ["refugees"]
    assert without.page == 1
    assert "prefecture" not in params.without("prefecture").querystring()
    assert params.with_value("field", "medical-care").values("field") == (
        "labour",
        "refugees",
        "medical-care",
    )


def test_every_facet_is_declared_once_with_its_parts():
    names = [facet.name for facet in FACETS]
    assert names == ["type", "region", "prefecture", "field", "language", "network"]
    for facet in FACETS:
        assert facet.allowed, facet.name
        assert facet.combine in ("any", "all")
        with translation.override("en"):
            assert set(facet.labels()) == facet.allowed
