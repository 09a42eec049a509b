"""Run the built queries through the circuit breaker and shape the answers for views and API.

Everything returned is plain data: HTML views and the JSON API render the same structures.
"""

import datetime as dt
import math
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import lru_cache

from django.conf import settings
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from members import confirmation
from members.models import FieldTag, Grants, english_names
from members.text import normalize

from . import queries
from .client import breaker
from .documents import alias_name
from .facets import FACETS, FACETS_BY_NAME, Facet
from .params import MAX_PAGE, PAGE_SIZE, DirectoryParams
from .text import fold, has_cjk, highlight, query_words

KIND_LABELS = {
    "group": _("Group member"),
    "individual": _("Individual member"),
    "page": _("Page"),
    "news": _("News"),
    "event": _("Event"),
    "project": _("Sub-network"),
    "qa": _("Q&A"),
    "publication": _("Publication"),
    "fund": _("Fund"),
}


@dataclass
class FacetValue:
    value: str
    label: str
    count: int | None  # None: not counted (the database fallback)
    selected: bool


@dataclass
class FacetPanel:
    facet: Facet
    values: list[FacetValue]
    place_switch: bool = False  # the 「所在地のみ」 switch goes here (after the place facets)

    @property
    def chosen(self) -> bool:
        return any(value.selected for value in self.values)


@dataclass
class SearchResults:
    count: int
    page: int
    num_pages: int
    results: list[dict]
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    did_you_mean: str | None = None
    broader: list[dict] = field(default_factory=list)
    unfiltered_count: int | None = None  # the same words without any facet
    listed: dict[str, int] = field(default_factory=dict)  # kind → members this viewer may see
    # Place facet → nationwide groups in its counts (each value's count includes them once).
    nationwide: dict[str, int] = field(default_factory=dict)
    counted: bool = True  # False when the database answered without facet counts

    @property
    def out_of_range(self) -> bool:
        return self.page > self.num_pages

    def facet_panels(self) -> list[FacetPanel]:
        panels = [FacetPanel(f, self.facets[f.name]) for f in FACETS if f.name in self.facets]
        places = [panel for panel in panels if panel.facet.reach]
        if places:
            places[-1].place_switch = True
        return panels

    def as_json(self) -> dict:
        """The API's JSON body (cheaper than ``dataclasses.asdict``'s deep copies)."""
        return {
            "count": self.count,
            "page": self.page,
            "num_pages": self.num_pages,
            "results": self.results,
            "facets": {name: [vars(v) for v in values] for name, values in self.facets.items()},
            "did_you_mean": self.did_you_mean,
            "broader": self.broader,
            "unfiltered_count": self.unfiltered_count,
            "listed": self.listed,
            "nationwide": self.nationwide,
        }


def is_english() -> bool:
    return english_names()


@lru_cache(maxsize=32)
def _labels(facet: str, language: str) -> dict[str, str]:
    return FACETS_BY_NAME[facet].labels()


def facet_labels(facet: str) -> dict[str, str]:
    """Value → label of ``facet`` in the active language."""
    return _labels(facet, get_language() or "ja")


def _labelled(facet: str, values: list[str]) -> list[dict]:
    """Values with their labels, in the facet's vocabulary order (Japanese first, say)."""
    labels = facet_labels(facet)
    chosen = set(values)
    return [{"value": v, "label": label} for v, label in labels.items() if v in chosen]


def member_result(source: dict, words: list[str]) -> dict:
    """One result card from a member document (an Elasticsearch hit's source, or the same
    document serialised from the database by the fallback): one card for both.

    Its ``id`` is the member's URL key (slug), never the pk: pks count records and leave gaps
    where hidden ones sit."""
    english = is_english()
    summary = (source.get("summary_en") if english else None) or source.get("summary") or ""
    # Reversed now, not stored at index time, so the link follows the viewer's language.
    route = "members:group" if source["kind"] == "group" else "members:person"
    url = reverse(route, kwargs={"slug": source["slug"]})
    name, name_en = source.get("title", ""), source.get("name_en", "")
    display = name_en if english and name_en else name
    place = _labelled("prefecture", [source.get("prefecture")])
    # English pages show English labels only: a municipality is stored in Japanese.
    municipality = "" if english else source.get("municipality", "")
    last_confirmed = _date(source.get("last_confirmed"))
    return {
        "id": source["slug"],
        "type": source["kind"],
        "type_label": str(KIND_LABELS.get(source["kind"], source["kind"])),
        "name": name,
        "name_en": name_en,
        "kana": source.get("kana", ""),
        "display_name": display,
        # English pages mark Japanese text so screen readers and fonts treat it as Japanese.
        "display_lang": "ja" if english and has_cjk(display) else "",
        "prefecture": place[0] if place else None,
        "location": " ".join(p for p in [place[0]["label"] if place else "", municipality] if p),
        "fields": _labelled("field", source.get("fields", [])),
        "languages": _labelled("language", source.get("languages", [])),
        "snippet": str(highlight(summary, words)),
        "url": url,
        # 最終確認日, and whether it is old enough to be marked (never hidden).
        "last_confirmed": last_confirmed.isoformat() if last_confirmed else None,
        "stale": confirmation.is_stale(_date(source.get("confirmed_on"))),
    }


def _date(value) -> dt.date | None:
    """A document's date: a string from Elasticsearch, a date from the database fallback."""
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(value[:10])


def num_pages(count: int) -> int:
    return min(MAX_PAGE, max(1, math.ceil(count / PAGE_SIZE)))


def _ordered(
    facet: Facet, buckets: dict[str, int], selected: tuple[str, ...], *, everywhere: int = 0
) -> list[FacetValue]:
    """Values with results (and every chosen one, so it can be unticked), in the facet's order.
    ``everywhere`` groups (nationwide) match every value, so each count includes them."""
    labels = facet_labels(facet.name)
    counts = {v: buckets.get(v, 0) + everywhere for v in labels}
    values = [v for v in labels if counts[v] or v in selected]
    if facet.order == "count":
        values.sort(key=lambda v: -counts[v])  # stable: vocabulary order breaks ties
    return [
        FacetValue(value=v, label=labels[v], count=counts[v], selected=v in selected)
        for v in values
    ]


def _facet_counts(aggs: dict, params: DirectoryParams) -> tuple[dict, dict[str, int]]:
    """Each facet's values, and the nationwide groups counted in its place facets."""
    facets, nationwide = {}, {}
    for facet in FACETS:
        agg = aggs[facet.name]
        if facet.serves(office_only=params.office_only):  # "located in or serves" (search.queries)
            nationwide[facet.name] = agg["nationwide"]["doc_count"]
            agg = agg["local"]
        buckets = {b["key"]: b["doc_count"] for b in agg["values"]["buckets"]}
        facets[facet.name] = _ordered(
            facet, buckets, params.values(facet.name), everywhere=nationwide.get(facet.name, 0)
        )
    return facets, nationwide


def directory(params: DirectoryParams, *, grants: Grants) -> SearchResults:
    search = queries.directory_search(
        params,
        grants=grants,
        index=alias_name("members"),
        english=is_english(),
        stale_before=confirmation.stale_before(),
    )
    # The plain response body: reading ~100 buckets and 20 hits through elasticsearch.dsl's
    # attribute wrappers cost about as much as the search itself.
    body = breaker.call(lambda es: search.using(es).execute()).to_dict()
    words = query_words(params.q)
    aggs = body["aggregations"]
    count = body["hits"]["total"]["value"]
    facets, nationwide = _facet_counts(aggs, params)
    results = SearchResults(
        count=count,
        page=params.page,
        num_pages=num_pages(count),
        results=[],
        facets=facets,
        nationwide=nationwide,
        unfiltered_count=aggs["unfiltered"]["doc_count"],
        listed={b["key"]: b["doc_count"] for b in aggs["listed"]["visible"]["kinds"]["buckets"]},
    )
    if not results.out_of_range:
        results.results = [member_result(hit["_source"], words) for hit in body["hits"]["hits"]]
    if count == 0:
        # Dropping one facet: its filter aggregation already counts the hits without it.
        for name, values in params.selected.items():
            without = aggs[name]["doc_count"]
            if values and without:
                results.broader.append({"facet": name, "count": without})
        results.broader.sort(key=lambda item: -item["count"])
        if words:
            results.did_you_mean = did_you_mean(params.q, grants=grants)
    return results


def did_you_mean(q: str, *, grants: Grants) -> str | None:
    """A spelling suggestion drawn only from documents the viewer may see: each typed word is
    replaced by the closest word of the best fuzzy hit."""
    search = queries.did_you_mean_search(q, grants=grants, index=alias_name("members"))
    response = breaker.call(lambda es: search.using(es).execute())
    if not response.hits:
        return None
    hit = response.hits[0]
    candidates = f"{getattr(hit, 'romaji', '')} {getattr(hit, 'name_en', '')}".lower().split()
    if not candidates:
        return None
    words = [fold(word) for word in query_words(q)]
    return " ".join(
        max(candidates, key=lambda c, w=word: SequenceMatcher(None, w, c).ratio()) for word in words
    )


def similar_groups(group, *, grants: Grants) -> list[dict]:
    prefecture = group.prefecture
    search = queries.similar_groups_search(
        group_id=f"group-{group.pk}",
        region=prefecture.region.slug if prefecture else None,
        fields=[tag.slug for tag in group.fields.all()],
        grants=grants,
        index=alias_name("members"),
    )
    response = breaker.call(lambda es: search.using(es).execute())
    return [member_result(hit.to_dict(), []) for hit in response.hits]


def suggest(prefix: str, *, grants: Grants, size: int = 8) -> list[dict]:
    """Up to ``size`` completions: matching field tags first, then visible member names."""
    text = fold(prefix)
    if not text:
        return []
    labels = facet_labels("field")
    tags = [
        {"text": labels[tag.slug], "type": "field", "value": tag.slug}
        for tag in FieldTag.objects.all()
        if fold(tag.name).startswith(text) or fold(tag.name_en).startswith(text)
    ]
    search = queries.suggest_search(normalize(prefix), grants=grants, index=alias_name("members"))
    response = breaker.call(lambda es: search.using(es).execute())
    # An option matched one of several inputs (kana, romaji…); show the member's name.
    names = [option._source.title for option in response.suggest.names[0].options]
    names += [hit.title for hit in response.hits]
    unique = list(dict.fromkeys(names))
    return (tags + [{"text": n, "type": "name", "value": n} for n in unique])[:size]


def page_languages(code: str) -> list[str]:
    """The locales whose pages a reader of ``code`` is offered: their own first, then its
    fallback (やさしい日本語 → Japanese) or, for the other languages, Japanese and English
    pages with a label. Japanese and English readers get their own locale, which holds all."""
    if code in {"ja", "en"}:
        return [code]
    fallback = settings.LANGUAGE_FALLBACKS.get(code)
    return [code, fallback] if fallback else [code, "ja", "en"]


def site(q: str, *, grants: Grants, page: int = 1) -> SearchResults:
    language = get_language() or settings.LANGUAGE_CODE
    languages = page_languages(language)
    names = dict(settings.LANGUAGES)
    search = queries.site_search(
        q,
        grants=grants,
        languages=languages,
        indices=[alias_name("members"), alias_name("pages")],
        page=page,
    )
    response = breaker.call(lambda es: search.using(es).execute())
    words = query_words(q)
    page_hits = [hit.to_dict() for hit in response.hits if hit.meta.id.startswith("page-")]
    own = {hit["translation_key"] for hit in page_hits if hit.get("locale") == language}
    # A fallback hit whose page the reader has in their own language links to that instead
    # (asked only when some hit is another language's, so most searches pay no query).
    fallback_keys = [
        hit.get("translation_key") for hit in page_hits if hit.get("locale") != language
    ]
    translated = {
        str(page.translation_key): page
        for page in (
            Page.objects.live()
            .public()
            .filter(locale__language_code=language, translation_key__in=fallback_keys)
            if fallback_keys
            else []
        )
    }
    results = []
    for hit in response.hits:
        if hit.meta.id.startswith("page-"):
            source = hit.to_dict()
            locale = source.get("locale", language)
            key = source.get("translation_key")
            if locale != language and key in own:
                continue  # the reader's own translation of this page is listed
            if locale != language and key in translated:
                mine = translated.pop(key)
                own.add(key)
                source = {**source, "title": mine.title, "summary": "", "url_path": mine.url}
                locale = language
            label = str(KIND_LABELS.get(source["kind"], source["kind"]))
            if locale != language:
                language_name = names.get(locale, locale)
                label += " · " + str(_("Language: %(language)s") % {"language": language_name})
            results.append(
                {
                    # A page's public id is its path, like a member's slug (no pk).
                    "id": source.get("url_path", ""),
                    "type": source["kind"],
                    "type_label": label,
                    "name": source.get("title", ""),
                    "display_name": source.get("title", ""),
                    "display_lang": locale if locale != language else "",
                    "snippet": str(highlight(source.get("summary", ""), words)),
                    "url": source.get("url_path", ""),
                }
            )
        else:
            results.append(member_result(hit.to_dict(), words))
    count = response.hits.total.value
    return SearchResults(count=count, page=page, num_pages=num_pages(count), results=results)
