import pytest

from members.directory import directory_queryset
from members.factories import GroupMemberFactory, IndividualMemberFactory, PrefectureFactory
from members.forms import DirectoryQuery
from members.models import Tier
from members.pagination import paginate

pytestmark = pytest.mark.django_db


def names(results) -> list[str]:
    return [m.name for m in results]


@pytest.fixture
def places():
    nagoya = GroupMemberFactory(
        name="名古屋ユニオン",
        kana="なごやゆにおん",
        name_en="Nagoya Union",
        prefecture=PrefectureFactory(code="23"),
        fields=["labour", "technical-intern-training"],
        languages=["vi", "pt"],
        subnetworks=[("trainees", "member")],
    )
    hamamatsu = GroupMemberFactory(
        name="浜松多文化共生センター",
        kana="はままつたぶんかきょうせいせんたー",
        prefecture=PrefectureFactory(code="22"),
        fields=["children-education"],
        languages=["pt"],
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
    person = IndividualMemberFactory(
        name="佐藤 花子",
        kana="さとう はなこ",
        prefecture=PrefectureFactory(code="23"),
        fields=["labour"],
        languages=["vi"],
    )
    return {"nagoya": nagoya, "hamamatsu": hamamatsu, "tokyo": tokyo, "person": person}


def test_anonymous_viewers_get_groups_only(places):
    results = directory_queryset(tier=Tier.ANONYMOUS, query=DirectoryQuery())
    assert results.count() == 3
    assert places["person"] not in list(results)


def test_members_get_groups_and_individuals_in_one_order(places):
    results = directory_queryset(tier=Tier.MEMBER, query=DirectoryQuery(sort="kana"))
    assert names(results) == [
        "佐藤 花子",
        "新宿難民支援の会",
        "名古屋ユニオン",
        "浜松多文化共生センター",
    ]


def test_region_includes_its_prefectures_and_service_areas(places):
    results = directory_queryset(tier=Tier.MEMBER, query=DirectoryQuery(region="chubu"))
    assert set(names(results)) == {
        "名古屋ユニオン",
        "浜松多文化共生センター",
        "新宿難民支援の会",
        "佐藤 花子",
    }
    results = directory_queryset(tier=Tier.MEMBER, query=DirectoryQuery(region="kinki"))
    assert names(results) == []


def test_or_within_a_parameter_and_across_parameters(places):
    either = directory_queryset(tier=Tier.ANONYMOUS, query=DirectoryQuery(prefectures=("22", "23")))
    assert set(names(either)) == {"名古屋ユニオン", "浜松多文化共生センター"}
    both = directory_queryset(
        tier=Tier.ANONYMOUS, query=DirectoryQuery(prefectures=("22", "23"), languages=("vi",))
    )
    assert names(both) == ["名古屋ユニオン"]
    fields = directory_queryset(
        tier=Tier.ANONYMOUS, query=DirectoryQuery(fields=("labour", "technical-intern-training"))
    )
    # Two matching tags must not list the group twice.
    assert names(fields) == ["名古屋ユニオン"]
    network = directory_queryset(tier=Tier.ANONYMOUS, query=DirectoryQuery(networks=("trainees",)))
    assert names(network) == ["名古屋ユニオン"]


def test_type_filter(places):
    people = directory_queryset(tier=Tier.MEMBER, query=DirectoryQuery(type="individual"))
    assert names(people) == ["佐藤 花子"]
    nobody = directory_queryset(tier=Tier.ANONYMOUS, query=DirectoryQuery(type="individual"))
    assert nobody.count() == 0


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("名古屋", ["名古屋ユニオン"]),
        ("なごや", ["名古屋ユニオン"]),
        ("ナゴヤ", ["名古屋ユニオン"]),
        ("nagoya", ["名古屋ユニオン"]),
        ("Nagoya Union", ["名古屋ユニオン"]),
        ("中部地方", ["新宿難民支援の会"]),
        ("hanako", ["佐藤 花子"]),
        ("存在しない", []),
    ],
)
def test_keyword_matches_name_reading_romaji_english_and_description(places, q, expected):
    results = directory_queryset(tier=Tier.MEMBER, query=DirectoryQuery(q=q, sort="relevance"))
    assert names(results) == expected


def test_relevance_puts_name_matches_first(places):
    GroupMemberFactory(name="ユニオン東京", kana="ゆにおんとうきょう")
    results = directory_queryset(
        tier=Tier.ANONYMOUS, query=DirectoryQuery(q="ユニオン", sort="relevance")
    )
    # Both contain the word; the one starting with it ranks first although it sorts later.
    assert names(results) == ["ユニオン東京", "名古屋ユニオン"]


def test_newest_sort(places):
    import datetime as dt

    places["hamamatsu"].member_since = dt.date(2025, 4, 1)
    places["hamamatsu"].save()
    places["nagoya"].member_since = dt.date(2001, 4, 1)
    places["nagoya"].save()
    results = directory_queryset(tier=Tier.ANONYMOUS, query=DirectoryQuery(sort="newest"))
    assert names(results)[:2] == ["浜松多文化共生センター", "名古屋ユニオン"]


def test_pagination_past_the_end_is_an_empty_page(places):
    results = directory_queryset(tier=Tier.MEMBER, query=DirectoryQuery())
    first = paginate(results, number=1, per_page=3)
    second = paginate(results, number=2, per_page=3)
    assert len(first.object_list) == 3
    assert len(second.object_list) == 1
    assert sorted(names(first.object_list) + names(second.object_list)) == sorted(names(results))
    beyond = paginate(results, number=9, per_page=3)
    assert list(beyond.object_list) == []
    assert beyond.paginator.count == 4
