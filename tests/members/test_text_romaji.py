"""The romaji converter: Hepburn with loanword digraphs, and names read word by word."""

import pytest

from members.text import kana_to_romaji, name_words, reading_of, romaji, romaji_words
from search.text import romaji_variants, short_vowels


@pytest.mark.parametrize(
    ("kana", "expected"),
    [
        # loanword digraphs (pykakasi spells these kana by kana: "shierutaa", "komyunitei")
        ("シェルター", "sherutaa"),
        ("コミュニティ", "komyuniti"),
        ("フィリピン", "firipin"),
        ("ヴァン", "van"),
        ("ヴ", "vu"),
        ("ディスコ", "disuko"),
        ("ファミリー", "famirii"),
        ("ウィン", "win"),
        ("ウェブ", "webu"),
        ("チェック", "chekku"),
        ("ジェンダー", "jendaa"),
        ("トゥ", "tu"),
        ("フォーラム", "fooramu"),
        ("イェ", "ye"),
        ("クァ", "kwa"),
        ("ツァ", "tsa"),
        # ordinary Hepburn: yōon, sokuon, the long-vowel mark
        ("きょうと", "kyouto"),
        ("しゃ ちゅ じょ", "sha chu jo"),
        ("にゃ ひゅ りょ", "nya hyu ryo"),
        ("まっち", "matchi"),
        ("ざっし", "zasshi"),
        ("ネパール", "nepaaru"),
        ("しんいち", "shinichi"),
        ("を", "o"),
    ],
)
def test_kana_to_romaji(kana, expected):
    assert romaji(kana) == expected


def test_kana_to_romaji_leaves_other_characters():
    assert kana_to_romaji("abc123") == "abc123"
    assert romaji("グエン・ティ・ラン") == "guen ti ran"


@pytest.mark.parametrize(
    ("name", "reading", "expected"),
    [
        ("仙台移住女性シェルター", "せんだいいじゅうじょせいしぇるたー", "sendai ijuu josei sherutaa"),
        ("江戸川ブラジル人コミュニティ", "えどがわぶらじるじんこみゅにてぃ", "edogawa burajirujin komyuniti"),
        ("金沢移民・難民くらし支援の会", "かなざわいみん・なんみんくらししえんのかい", "kanazawa imin nanmin kurashi shien no kai"),
        ("大泉ベトナム人技能実習生を支える会", "", "ooizumi betonamujin ginou jisshuusei o sasaeru sasae ru kai"),
        ("田中 花子", "たなか はなこ", "tanaka hanako"),
    ],
)  # fmt: skip
def test_romaji_words_start_with_the_name_read_word_by_word(name, reading, expected):
    assert romaji_words(name, reading).startswith(expected)


def test_the_editors_reading_wins_and_the_dictionary_reading_is_added():
    # pykakasi reads 郡山 こうりやま; the editor wrote こおりやま. Both are searchable, the editor's first.
    assert romaji_words("郡山ユニオン", "こおりやまゆにおん").split() == [
        "kooriyama",
        "yunion",
        "kouriyama",
    ]


def test_compounds_and_kanji_runs_are_also_words():
    words = romaji_words("名古屋外国人労働者支援センター", "").split()
    assert {"gaikokujinroudousha", "gaikokujin", "roudousha", "shien", "sentaa"} <= set(words)
    # 多 + 文化 + 共生 written together: "tabunka" is a prefix of a word
    assert "tabunkakyousei" in romaji_words("岡崎多文化共生センター", "").split()


def test_a_reading_that_does_not_fit_the_name_still_counts():
    assert romaji_words("金 成民", "きむ そんみん").startswith("kimu sonmin ")


def test_name_words_read_the_nationality_suffix():
    words = name_words("江戸川ブラジル人コミュニティ")
    assert words == [
        [("江戸川", "えどがわ")],
        [("ブラジル人", "ぶらじるじん")],
        [("コミュニティ", "こみゅにてぃ")],
    ]


def test_reading_of_a_name_keeps_its_separators():
    assert reading_of("仙台移住女性シェルター") == "せんだいいじゅうじょせいしぇるたー"
    assert reading_of("山田 花子") == "やまだ はなこ"
    assert reading_of("移民・難民") == "いみん・なんみん"
    assert reading_of("") == ""


def test_long_vowel_variants():
    assert short_vowels("sherutaa") == "sheruta"
    assert short_vowels("kyouto") == "kyoto"
    assert short_vowels("kyōto") == "kyoto"
    assert short_vowels("oosaka") == "osaka"
    assert short_vowels("nii") == "ni"
    assert romaji_variants("satou kyouko") == "satou kyouko sato kyoko"
    assert romaji_variants("sendai ijuu") == "sendai ijuu iju"
    assert romaji_variants("tanaka") == "tanaka"
