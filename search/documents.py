"""Index shapes: ``elasticsearch.dsl`` Document classes plus the settings each index is created with.

Both indices share the text fields (``title``, ``title_bigram``, ``body``, ``body_bigram``,
``kind``, ``visibility``, ``audiences``), so one query builder serves the directory and the site search.
``*_bigram`` fields hold the Python-computed terms of ``search.text.bigrams`` and use the
``whitespace`` analyzer; the plain fields use ``standard`` for Latin text.
"""

import copy

from django.conf import settings
from elasticsearch.dsl import Boolean, Completion, Date, Document, Integer, Keyword, Text

BIGRAM = "whitespace"
LATIN = "standard"
# Where analysis-kuromoji exists (the full distribution in production) the prose fields gain a
# morphological sub-field; the core-only analysis keeps working either way.
KUROMOJI_ANALYZER = {
    "ja_kuromoji": {
        "type": "custom",
        "tokenizer": "kuromoji_tokenizer",
        "filter": ["kuromoji_baseform", "cjk_width", "lowercase", "kuromoji_stemmer"],
    }
}


class SharedText(Document):
    kind = Keyword()
    visibility = Keyword()
    # The viewer filter: ``members.models.privacy.audience_terms``, met by the terms of
    # ``Visibility.allowed_for(grants)``; a member's completion context holds the same terms.
    audiences = Keyword()
    title = Text(analyzer=LATIN, fields={"exact": Keyword(normalizer="folded")})
    title_bigram = Text(analyzer=BIGRAM)
    title_en = Text(analyzer=LATIN)
    body = Text(analyzer=LATIN)
    body_bigram = Text(analyzer=BIGRAM)
    url_path = Keyword(index=False)


class MemberDocument(SharedText):
    """One listed group or individual. Contact data is never part of this document."""

    pk = Integer()
    slug = Keyword()
    kana = Keyword(normalizer="folded")
    name_sort_en = Keyword(normalizer="folded")  # the order of English pages
    kana_bigram = Text(analyzer=BIGRAM)
    romaji = Text(analyzer=LATIN, index_prefixes={"min_chars": 1, "max_chars": 10})
    name_en = Text(analyzer=LATIN, index_prefixes={"min_chars": 1, "max_chars": 10})
    summary = Text(index=False)
    summary_en = Text(index=False)
    prefecture = Keyword()  # the office's
    region = Keyword()
    area_prefectures = Keyword()  # the office's and every served prefecture
    area_regions = Keyword()
    nationwide = Boolean()  # serves every prefecture
    municipality = Keyword(index=False)
    fields = Keyword()
    languages = Keyword()
    networks = Keyword()
    member_since = Date()
    last_confirmed = Date(index=False)  # shown on the card (最終確認日)
    confirmed_on = Date()  # last confirmed, joined or recorded: what staleness counts from
    suggest = Completion(
        analyzer="simple",
        contexts=[{"name": "audience", "type": "category"}],
    )


class PageDocument(SharedText):
    """One live, public Wagtail page in one locale."""

    pk = Integer()
    locale = Keyword()
    # Shared by a page and its translations: a reader's own-language hit hides the fallbacks'.
    translation_key = Keyword()
    tags = Keyword()
    date = Date()
    expire_at = Date()
    summary = Text(index=False)


DOCUMENTS = {"members": MemberDocument, "pages": PageDocument}


def alias_name(kind: str) -> str:
    return f"{settings.SEARCH_INDEX_PREFIX}-{kind}"


def index_body(kind: str, *, has_kuromoji: bool, data_nodes: int = 1) -> dict:
    """Settings and mappings for a new concrete index of ``kind`` ("members" or "pages").

    Shards come from ``SEARCH_SHARDS``; replicas from ``SEARCH_REPLICAS``, else one copy more
    when the server has more than one data node, so losing a node loses no document."""
    mappings = copy.deepcopy(DOCUMENTS[kind]._doc_type.mapping.to_dict())
    analysis: dict = {
        "normalizer": {"folded": {"type": "custom", "filter": ["lowercase"]}},
    }
    if has_kuromoji:
        analysis["analyzer"] = copy.deepcopy(KUROMOJI_ANALYZER)
        for field in ("title", "body"):
            mappings["properties"][field].setdefault("fields", {})["ja"] = {
                "type": "text",
                "analyzer": "ja_kuromoji",
            }
    return {
        "settings": {
            "number_of_shards": settings.SEARCH_SHARDS,
            "number_of_replicas": replicas(data_nodes),
            "analysis": analysis,
        },
        "mappings": {"dynamic": "strict", **mappings},
    }


def replicas(data_nodes: int) -> int:
    if settings.SEARCH_REPLICAS is not None:
        return settings.SEARCH_REPLICAS
    return 1 if data_nodes > 1 else 0
