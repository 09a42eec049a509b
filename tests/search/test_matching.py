"""Japanese-aware matching on the core-only server (real Elasticsearch)."""

import pytest

from members.models import Grants, Tier
from search import service
from search.params import DirectoryParams

pytestmark = [pytest.mark.elasticsearch, pytest.mark.django_db]


def names(q: str, tier: Tier = Tier.SECRETARIAT, **selected) -> list[str]:
    params = DirectoryParams(q=q, selected={k: tuple(v) for k, v in selected.items()})
    return [r["name"] for r in service.directory(params, grants=Grants(tier)).results]


@pytest.fixture
def network(es, refresh, make_group, make_person):
    make_group(
        "ＮＰＯ法人 ｶﾀｶﾅ支援センター",
        kana="かたかなしえんせんたー",
        name_en="Katakana Support Center",
    )
    make_group(
        "技能実習生を支える会",
        kana="ぎのうじっしゅうせいをささえるかい",
        name_en="Association Supporting Technical Intern Trainees",
        description_ja="ベトナム語で技能実習生の労働相談を受けています。",
        fields=["technical-intern-training", "labour"],
        languages=["vi"],
    )
    make_group(
        "入管法を考える市民の会",
        kana="にゅうかんほうをかんがえるしみんのかい",
        name_en="Citizens on Immigration Law",
        description_ja="入管収容の問題に取り組みます。",
    )
    make_person("田中 博", "たなか ひろし", occupation="ソフトウェアエンジニア")
    make_person("佐藤 京子", "さとう きょうこ", occupation="弁護士")
    make_group(
        "実の会",
        kana="みのかい",
        description_ja="技能の向上と実習の場づくり、生活の相談",  # scattered 実/習/生
    )
    refresh()


def test_full_width_and_half_width_variants_match(network):
    assert names("NPO") == ["NPO法人 カタカナ支援センター"]
    assert names("ｶﾀｶﾅ") == ["NPO法人 カタカナ支援センター"]
    assert names("ＮＰＯ") == ["NPO法人 カタカナ支援センター"]


def test_kanji_word_inside_a_compound_matches(network):
    assert "技能実習生を支える会" in names("実習生")
    assert "入管法を考える市民の会" in names("入管")


def test_katakana_inside_a_longer_katakana_word_matches(network):
    assert "技能実習生を支える会" in names("ベトナム")
    assert names("エンジニア") == ["田中 博"]


def test_names_are_found_by_kana_and_romaji(network):
    for q in ["たなか", "タナカ", "tanaka", "Tanaka", "TANAKA", "hiroshi tanaka"]:
        assert names(q)[:1] == ["田中 博"], q


def test_romaji_without_long_vowels_finds_the_name(network):
    assert names("sato kyoko")[:1] == ["佐藤 京子"]
    assert names("satou")[:1] == ["佐藤 京子"]


def test_english_is_case_insensitive_and_prefixes_match(network):
    assert names("IMMIGRATION")[:1] == ["入管法を考える市民の会"]
    assert names("immig")[:1] == ["入管法を考える市民の会"]
    assert names("tana")[:1] == ["田中 博"]


def test_phrase_match_ranks_above_scattered_characters(network):
    ranked = names("技能実習")
    assert ranked[0] == "技能実習生を支える会"
    assert "実の会" not in ranked[:1]


def test_exact_title_ranks_first(network):
    assert names("実の会")[0] == "実の会"


def test_all_words_must_match(network):
    assert names("実習生 入管") == []
    assert names("実習生 ベトナム") == ["技能実習生を支える会"]
