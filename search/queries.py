"""Pure query builders: parameters in, ``elasticsearch.dsl.Search`` out (test with ``to_dict()``).

Nothing here talks to the server. User text only ever reaches ``match``/``match_phrase``
queries on listed fields (never ``query_string``), and facet values are matched against the
allow-list of ``search.facets`` by ``search.params`` before they get here.
"""

import datetime as dt
from collections.abc import Sequence

from elasticsearch.dsl import Q, Search
from elasticsearch.dsl.query import Query

from members.models import Grants, Visibility
from members.text import normalize

from .facets import ALL, FACETS, FACETS_BY_NAME, Facet
from .params import (
    MAX_PAGE,
    PAGE_SIZE,
    SORT_NAME,
    SORT_NEWEST,
    SORT_RELEVANCE,
    DirectoryParams,
)
from .text import bigrams, fold, needs_ngrams, query_words, short_vowels

# Each order ends in the document id so that equal names still page deterministically.
ORDERS = {
    SORT_RELEVANCE: ["_score", "kana", "pk"],
    SORT_NAME: ["kana", "pk"],
    SORT_NEWEST: [{"member_since": {"order": "desc", "missing": "_last"}}, "kana", "pk"],
}
ENGLISH_NAME_ORDER = ["name_sort_en", "pk"]


# Just below 1: an entry unconfirmed for CONFIRMATION_STALE_MONTHS loses a tie on relevance and
# nothing more. Its score shrinks by a millionth, far below any difference that a better match
# makes (each clause's boost moves scores by whole units), so a search by its own name still
# finds it first. Scripts would allow a true second sort key, but the core-only server has none.
STALE_FACTOR = 1 - 2**-20


def stale_last(query: Query, stale_before: dt.date | None) -> Query:
    """``query`` with entries confirmed before ``stale_before`` ranked after equal matches."""
    if stale_before is None:
        return query
    return Q(
        "function_score",
        query=query,
        functions=[
            {
                "filter": Q("range", confirmed_on={"lt": stale_before.isoformat()}),
                "weight": STALE_FACTOR,
            }
        ],
        score_mode="multiply",
        boost_mode="multiply",
    )


def visibility_filter(grants: Grants) -> Query:
    """The viewer's grants against the document's audiences (``members.models.privacy``)."""
    return Q("terms", audiences=Visibility.allowed_for(grants))


def word_query(word: str) -> Query:
    """Where one word of the search box may match, best evidence boosted highest."""
    grams = bigrams(word)
    clauses = [
        Q("match", **{"title.exact": {"query": normalize(word), "boost": 12}}),
        Q("match_phrase", title_bigram={"query": grams, "boost": 6}),
        Q("match_phrase", kana_bigram={"query": grams, "boost": 5}),
        Q("match_phrase", body_bigram={"query": grams, "boost": 1}),
    ]
    if len(word) == 1:  # a lone kanji has no bigram: the standard field indexes single ones
        clauses.append(Q("match", title={"query": word, "boost": 0.5}))
    latin = fold(word)
    if not needs_ngrams(latin):
        # The standard analyzer splits CJK into single characters; only Latin words go to the
        # standard-analyzed fields, so Japanese never matches as scattered characters.
        # Each word of the box is a prefix of some romaji word of the name ("sendai sheruta");
        # a macron spelling (kyōto) is matched as the short-vowel variant the index holds.
        spelled = (
            short_vowels(latin) if latin != latin.encode("ascii", "ignore").decode() else latin
        )
        clauses += [
            Q("match", romaji={"query": spelled, "boost": 5}),
            Q("match_bool_prefix", romaji={"query": spelled, "boost": 2}),
            Q("match", title_en={"query": latin, "boost": 3}),
            Q("match_bool_prefix", name_en={"query": latin, "boost": 2}),
            Q("match", body={"query": latin, "boost": 0.5}),
        ]
    return Q("bool", should=clauses, minimum_should_match=1)


def text_query(q: str) -> Query:
    """Every word must match somewhere; a title equal to the whole query ranks first."""
    words = query_words(q)
    if not words:
        return Q("match_all")
    whole = normalize(q)[:200]
    return Q(
        "bool",
        must=[word_query(word) for word in words],
        should=[Q("match", **{"title.exact": {"query": whole, "boost": 20}})],
    )


NATIONWIDE = Q("term", nationwide=True)


def facet_field(facet: Facet, *, office_only: bool) -> str:
    return facet.reach.index_field if facet.serves(office_only=office_only) else facet.index_field


def facet_filter(facet: Facet, values: Sequence[str], *, office_only: bool = False) -> Query:
    field = facet_field(facet, office_only=office_only)
    if facet.combine == ALL:
        match = Q("bool", filter=[Q("term", **{field: v}) for v in values])
    else:
        match = Q("terms", **{field: list(values)})
    if facet.serves(office_only=office_only):  # a nationwide group serves every place
        return Q("bool", should=[match, NATIONWIDE], minimum_should_match=1)
    return match


def directory_search(
    params: DirectoryParams,
    *,
    grants: Grants,
    index: str,
    english: bool = False,
    stale_before: dt.date | None = None,
) -> Search:
    """The directory query: text and visibility in the main query (so totals, facets and
    suggestions never count a hidden member); facet selections in ``post_filter`` with
    disjunctive counts (each facet's counts ignore its own selection).

    Two more aggregations feed the page: ``unfiltered`` counts the same words without any facet
    (the way out of an empty result) and ``listed`` counts, per kind, every member this viewer
    may see at all (the directory's "listed N of M members"). Entries confirmed before
    ``stale_before`` lose ties on relevance (``stale_last``)."""
    office_only = params.office_only
    chosen = {
        f: facet_filter(f, params.values(f.name), office_only=office_only)
        for f in FACETS
        if params.values(f.name)
    }
    # Recognised place, language and field words rank what matches them; they are not required.
    ranked = [
        Q(
            "constant_score",
            filter=facet_filter(FACETS_BY_NAME[name], [value], office_only=office_only),
            boost=3,
        )
        for name, value in params.boost
    ]
    search = Search(index=index).query(
        stale_last(
            Q(
                "bool",
                must=[text_query(params.q)],
                should=ranked,
                filter=[visibility_filter(grants)],
            ),
            stale_before,
        )
    )
    if chosen:
        search = search.post_filter(Q("bool", filter=list(chosen.values())))
    for facet in FACETS:
        others = [query for f, query in chosen.items() if f is not facet]
        agg = search.aggs.bucket(facet.name, "filter", filter=Q("bool", filter=others))
        field = facet_field(facet, office_only=office_only)
        if facet.serves(office_only=office_only):
            # Nationwide groups are counted once (``nationwide``), not once per place; the
            # service adds them to every value's count, the map shows them beside itself.
            local = agg.bucket("local", "filter", filter=Q("bool", must_not=[NATIONWIDE]))
            local.bucket("values", "terms", field=field, size=100)
            agg.bucket("nationwide", "filter", filter=NATIONWIDE)
        else:
            agg.bucket("values", "terms", field=field, size=100)
    search.aggs.bucket("unfiltered", "filter", filter=Q("match_all"))
    listed = search.aggs.bucket("listed", "global").bucket(
        "visible", "filter", filter=visibility_filter(grants)
    )
    listed.bucket("kinds", "terms", field="kind", size=2)
    order = params.order
    keys = ENGLISH_NAME_ORDER if english and order == SORT_NAME else ORDERS[order]
    start = (min(params.page, MAX_PAGE) - 1) * PAGE_SIZE
    return (
        search.sort(*keys)
        .extra(from_=start, size=PAGE_SIZE, track_total_hits=True)
        .source(excludes=["suggest", "*_bigram", "body"])
    )


def did_you_mean_search(q: str, *, grants: Grants, index: str) -> Search:
    """A fuzzy look-up for a zero-result query, limited to what the viewer may see."""
    latin = fold(q)[:100]
    return (
        Search(index=index)
        .query(
            Q(
                "bool",
                should=[
                    Q("match", romaji={"query": latin, "fuzziness": "AUTO"}),
                    Q("match", title_en={"query": latin, "fuzziness": "AUTO"}),
                    Q("match", name_en={"query": latin, "fuzziness": "AUTO"}),
                ],
                minimum_should_match=1,
                filter=[visibility_filter(grants)],
            )
        )
        .extra(size=1)
        .source(["title", "romaji", "name_en"])
    )


def similar_groups_search(
    *, group_id: str, region: str | None, fields: Sequence[str], grants: Grants, index: str
) -> Search:
    """Groups in the same region sharing fields, most shared fields first."""
    must = [Q("term", kind="group"), visibility_filter(grants)]
    if region:
        must.append(Q("term", region=region))
    return (
        Search(index=index)
        .query(
            Q(
                "bool",
                filter=must,
                must_not=[Q("ids", values=[group_id])],
                should=[Q("term", fields=f) for f in fields],
                minimum_should_match=1 if fields else 0,
            )
        )
        .extra(size=5)
        .source(excludes=["suggest", "*_bigram", "body"])
    )


def suggest_search(prefix: str, *, grants: Grants, index: str, size: int = 8) -> Search:
    """Name completions for the search box, in one request: names that start with the typed
    text (completion suggester, filtered by its audience context) and names that contain it
    (bigram phrase, or a Latin prefix on romaji and English names), filtered in the query."""
    text = normalize(prefix)[:50]
    words = query_words(text)
    grams = bigrams(text)
    latin = fold(text)
    infix = [Q("match_phrase", title_bigram=grams), Q("match_phrase", kana_bigram=grams)]
    if not needs_ngrams(latin):
        infix += [Q("match_bool_prefix", romaji=latin), Q("match_bool_prefix", name_en=latin)]
    query = (
        Q("bool", should=infix, minimum_should_match=1, filter=[visibility_filter(grants)])
        if words
        else Q("match_none")
    )
    return (
        Search(index=index)
        .query(query)
        .suggest(
            "names",
            text,
            completion={
                "field": "suggest",
                "size": size,
                "skip_duplicates": True,
                "contexts": {"audience": Visibility.allowed_for(grants)},
            },
        )
        .extra(size=size)
        .source(["title"])
    )


# A page past its ``expire_at`` already answers 404; Wagtail unpublishes it only when the
# ``publish_scheduled`` cron runs, so search drops it by the clock. Members have no such field.
NOT_EXPIRED = Q(
    "bool",
    should=[
        Q("bool", must_not=[Q("exists", field="expire_at")]),
        Q("range", expire_at={"gt": "now"}),
    ],
    minimum_should_match=1,
)


def site_search(
    q: str, *, grants: Grants, languages: Sequence[str], indices: Sequence[str], page: int = 1
):
    """Pages (in the viewer's language first, then in ``languages[1:]``) and members in one
    ranked list."""
    page = min(max(page, 1), MAX_PAGE)
    scope = Q(
        "bool",
        should=[
            Q("terms", locale=list(languages)),
            Q("bool", must_not=[Q("exists", field="locale")]),
        ],
        minimum_should_match=1,
    )
    own = [Q("term", locale={"value": languages[0], "boost": 3})] if len(languages) > 1 else []
    return (
        Search(index=list(indices))
        .query(
            Q(
                "bool",
                must=[text_query(q)],
                should=own,
                filter=[visibility_filter(grants), scope, NOT_EXPIRED],
            )
        )
        .extra(from_=(page - 1) * PAGE_SIZE, size=PAGE_SIZE, track_total_hits=True)
        .source(excludes=["suggest", "*_bigram", "body"])
    )
