import pytest
from django.core.paginator import Paginator
from django.utils import translation

from members.factories import GroupMemberFactory, IndividualMemberFactory, PrefectureFactory
from members.models import Grants, Tier
from search import fallback
from search.params import DirectoryParams

pytestmark = pytest.mark.django_db


def names(results) -> list[str]:
    return [m.name for m in results]


def rows(tier=Tier.MEMBER, q="", sort="", office_only=False, **selected):
    params = DirectoryParams(
        q=q,
        sort=sort,
        office_only=office_only,
        selected={k: tuple(v) for k, v in selected.items()},
    )
    return fallback.directory_rows(params, grants=Grants(tier))


@pytest.fixture
def places():
    nagoya = GroupMemberFactory(
        name="名古屋ユニオン",
        kana="なごやゆにおん",
        name_en="Nagoya Union",
        prefecture=PrefectureFactory(code="23"),
        fields=["labour", "technical-intern-training"],
        languages=["vi", "pt-br"],
        subnetworks=[("trainees", "member")],
    )
    hamamatsu = GroupMemberFactory(
        name="浜松多文化共生センター",
        kana="はままつたぶんかきょうせいせんたー",
        prefecture=PrefectureFactory(code="22"),
        fields=["children-education"],
        languages=["pt-br"],
    )
    tokyo = GroupMemberFactory(
        name="新宿難民支援の会",
        kana="しんじゅくなんみんしえんのかい",
        prefecture=PrefectureFactory(code="13"),
        fields=["refugees"],
        languages=["my"],
        description_ja="中部地方にも出張相談に行きます。",
    )
    tokyo.service_prefectures.add(PrefectureFactory(code="21"))  # serves Gifu, in Chubu
    tokyo.save()  # a parental relation: written by the save
    person = IndividualMemberFactory(
        name="佐藤 花子",
        kana="さとう はなこ",
        prefecture=PrefectureFactory(code="23"),
        fields=["labour"],
        languages=["vi"],
    )
    return {"nagoya": nagoya, "hamamatsu": hamamatsu, "tokyo": tokyo, "person": person}


def test_anonymous_viewers_get_groups_only(places):
    results = rows(Tier.ANONYMOUS)
    assert results.count() == 3
    assert places["person"] not in list(results)


def test_members_get_groups_and_individuals_in_one_order(places):
    results = rows(sort="name")
    assert names(results) == [
        "佐藤 花子",
        "新宿難民支援の会",
        "名古屋ユニオン",
        "浜松多文化共生センター",
    ]


def test_region_includes_its_prefectures_and_service_areas(places):
    # Located in or serves, as in the index (search.facets): one rule for both backends.
    assert set(names(rows(region=["chubu"]))) == {
        "名古屋ユニオン",
        "浜松多文化共生センター",
        "新宿難民支援の会",  # serves Gifu
        "佐藤 花子",
    }
    assert set(names(rows(region=["chubu"], office_only=True))) == {
        "名古屋ユニオン",
        "浜松多文化共生センター",
        "佐藤 花子",
    }
    assert set(names(rows(region=["chubu", "kanto"]))) == {
        "名古屋ユニオン",
        "浜松多文化共生センター",
        "新宿難民支援の会",
        "佐藤 花子",
    }
    assert names(rows(region=["kinki"])) == []


def test_or_within_a_parameter_and_across_parameters(places):
    either = rows(Tier.ANONYMOUS, prefecture=["22", "23"])
    assert set(names(either)) == {"名古屋ユニオン", "浜松多文化共生センター"}
    both = rows(Tier.ANONYMOUS, prefecture=["22", "23"], language=["vi"])
    assert names(both) == ["名古屋ユニオン"]
    fields = rows(Tier.ANONYMOUS, field=["labour", "technical-intern-training"])
    # Two matching tags must not list the group twice.
    assert names(fields) == ["名古屋ユニオン"]
    network = rows(Tier.ANONYMOUS, network=["trainees"])
    assert names(network) == ["名古屋ユニオン"]


def test_type_filter(places):
    people = rows(type=["individual"])
    assert names(people) == ["佐藤 花子"]
    nobody = rows(Tier.ANONYMOUS, type=["individual"])
    assert nobody.count() == 0


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("名古屋", ["名古屋ユニオン"]),
        ("なごや", ["名古屋ユニオン"]),
        ("ナゴヤ", ["名古屋ユニオン"]),
        ("nagoya", ["名古屋ユニオン"]),
        ("Nagoya Union", ["名古屋ユニオン"]),
        ("中部地方", ["新宿難民支援の会"]),  # its description
        ("hanako", ["佐藤 花子"]),
        ("存在しない", []),
    ],
)
def test_keyword_matches_name_reading_romaji_english_and_description(places, q, expected):
    results = rows(q=q)
    assert names(results) == expected


def test_relevance_puts_name_matches_first(places):
    GroupMemberFactory(name="ユニオン東京", kana="ゆにおんとうきょう")
    results = rows(Tier.ANONYMOUS, q="ユニオン")
    # Both contain the word; the one starting with it ranks first although it sorts later.
    assert names(results) == ["ユニオン東京", "名古屋ユニオン"]


def test_newest_sort(places):
    import datetime as dt

    places["hamamatsu"].member_since = dt.date(2025, 4, 1)
    places["hamamatsu"].save()
    places["nagoya"].member_since = dt.date(2001, 4, 1)
    places["nagoya"].save()
    results = rows(Tier.ANONYMOUS, sort="newest")
    assert names(results)[:2] == ["浜松多文化共生センター", "名古屋ユニオン"]


def test_pages_through_both_kinds_in_one_order(places):
    results = rows()
    first = Paginator(results, 3).page(1)
    second = Paginator(results, 3).page(2)
    assert len(first.object_list) == 3
    assert len(second.object_list) == 1
    assert sorted(names(first.object_list) + names(second.object_list)) == sorted(names(results))


def test_english_pages_order_by_english_name_then_romaji(places):
    # English names first where there is one, else the romaji reading.
    places["hamamatsu"].name_en = ""
    places["hamamatsu"].save()
    places["tokyo"].name_en = "Zama Refugee Support"
    places["tokyo"].save()
    with translation.override("en"):
        results = rows(sort="name")
        # hamamatsu… (romaji), Nagoya Union, satou hanako (romaji), Zama Refugee Support.
        assert names(results) == [
            "浜松多文化共生センター",
            "名古屋ユニオン",
            "佐藤 花子",
            "新宿難民支援の会",
        ]


def test_directory_answers_with_cards_past_the_end_and_listed_counts(places):
    hidden = GroupMemberFactory(name="非公開の会", kana="ひこうかいのかい", visibility="members")
    with translation.override("en"):
        page = fallback.directory(DirectoryParams(), grants=Grants(Tier.ANONYMOUS))
    assert page.count == 3
    assert page.counted is False
    assert page.listed == {"group": 3}  # the members-only group is not listed to anonymous
    assert hidden.name not in [card["name"] for card in page.results]
    nagoya = next(card for card in page.results if card["name"] == "名古屋ユニオン")
    assert nagoya["display_name"] == "Nagoya Union"
    assert nagoya["location"] == "Aichi"
    assert [value["label"] for value in nagoya["languages"]] == ["Vietnamese", "Portuguese"]
    beyond = fallback.directory(DirectoryParams(page=2), grants=Grants(Tier.ANONYMOUS))
    assert beyond.out_of_range and beyond.results == []
    member_view = fallback.directory(DirectoryParams(), grants=Grants(Tier.MEMBER))
    assert member_view.listed == {"group": 4, "individual": 1}
    # The type filter offers only the kinds the viewer may see.
    assert [value.value for value in page.facets["type"]] == ["group"]
    assert [value.value for value in member_view.facets["type"]] == ["group", "individual"]
