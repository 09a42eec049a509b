"""Pure code: text analysis, query builders and index bodies (no server needed)."""

import json

import pytest

from members.models import Grants, Tier
from search.documents import index_body
from search.params import DirectoryParams
from search.queries import directory_search, site_search, suggest_search
from search.text import bigrams, fold, highlight, query_words, romaji_variants


def test_bigrams_cover_cjk_runs_and_keep_latin_words():
    assert bigrams("技能実習生") == "技能 能実 実習 習生"
    assert bigrams("ＮＰＯ法人") == "npo 法人"
    assert bigrams("ｶﾀｶﾅ") == bigrams("カタカナ") == bigrams("かたかな")
    assert bigrams("県") == "県"


def test_fold_preserves_length_after_normalisation():
    text = "ベトナム語とEnglish"
    assert len(fold(text)) == len(text)


def test_query_words_are_bounded():
    words = query_words("あ" * 10_000 + " " + "word " * 50)
    assert len(words) <= 8 and all(len(w) <= 200 for w in words)
    assert query_words("@@@ !!! ###") == []


def test_highlight_escapes_then_marks():
    snippet = str(highlight("<b>技能実習</b>の相談", ["実習"]))
    assert snippet == "&lt;b&gt;技能<mark>実習</mark>&lt;/b&gt;の相談"


def test_romaji_variants_add_short_vowels():
    assert romaji_variants("satou") == "satou sato"
    assert romaji_variants("tanaka") == "tanaka"


def test_user_text_never_reaches_query_string():
    for q in ["a:b OR c", "*", "title:(x) AND y", "技能実習"]:
        for search in (
            directory_search(
                DirectoryParams(q=q), grants=Grants(Tier.ANONYMOUS), index="i", english=False
            ),
            site_search(q, grants=Grants(Tier.ANONYMOUS), languages=["ja"], indices=["i"]),
            suggest_search(q, grants=Grants(Tier.ANONYMOUS), index="i"),
        ):
            body = json.dumps(search.to_dict(), ensure_ascii=False)
            assert "query_string" not in body


def test_visibility_filter_is_in_the_main_query_not_post_filter():
    params = DirectoryParams(q="x", selected={"field": ("labour",)})
    body = directory_search(
        params, grants=Grants(Tier.ANONYMOUS), index="i", english=False
    ).to_dict()
    assert {"terms": {"audiences": ["public"]}} in body["query"]["bool"]["filter"]
    assert "audiences" not in json.dumps(body["post_filter"])
    member = directory_search(params, grants=Grants(Tier.MEMBER), index="i").to_dict()
    assert {"terms": {"audiences": ["public", "members"]}} in member["query"]["bool"]["filter"]


def test_suggestions_are_filtered_by_tier_context():
    body = suggest_search("たな", grants=Grants(Tier.ANONYMOUS), index="i").to_dict()
    assert body["suggest"]["names"]["completion"]["contexts"] == {"audience": ["public"]}


def test_index_body_uses_kuromoji_only_when_the_server_has_it():
    core = index_body("members", has_kuromoji=False)
    full = index_body("members", has_kuromoji=True)
    assert "analyzer" not in core["settings"]["analysis"]
    assert "ja" not in core["mappings"]["properties"]["body"].get("fields", {})
    assert (
        full["settings"]["analysis"]["analyzer"]["ja_kuromoji"]["tokenizer"] == "kuromoji_tokenizer"
    )
    assert full["mappings"]["properties"]["body"]["fields"]["ja"]["analyzer"] == "ja_kuromoji"
    assert core["mappings"]["properties"]["title_bigram"]["analyzer"] == "whitespace"


def test_contact_fields_are_not_in_the_mapping():
    properties = index_body("members", has_kuromoji=False)["mappings"]["properties"]
    assert not {"contact_email", "contact_phone", "postal_address"} & set(properties)
    assert index_body("members", has_kuromoji=False)["mappings"]["dynamic"] == "strict"


def test_highlight_cuts_latin_text_between_words():
    text = "Toyota Support Centre works on labour. " + "Consultations in Japanese and Chinese " * 6
    snippet = str(highlight(text, ["labour"], length=120))
    body = snippet.rstrip("…")
    assert snippet.endswith("…")
    assert body.split()[-1] in {"Japanese", "and", "Chinese", "in", "Consultations"}
    # Japanese has no spaces: it is cut at the length.
    assert len(str(highlight("あ" * 300, [], length=100)).rstrip("…")) == 100


@pytest.mark.parametrize("value", ['<script>"x"</script>', "a & b", "O'Neil", "技能実習", 7, None])
def test_card_formatter_escapes_exactly_as_format_html(value):
    from django.utils.html import format_html

    from search.templatetags.search_tags import _html

    template = '<a title="{}">{}</a>'
    assert _html(template, value, value) == format_html(template, value, value)


def test_card_formatter_keeps_safe_strings():
    from django.utils.safestring import mark_safe

    from search.templatetags.search_tags import _html

    assert _html("<p>{}</p>", mark_safe("<mark>x</mark>")) == "<p><mark>x</mark></p>"
