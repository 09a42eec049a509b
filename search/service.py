"""Run the built queries through the circuit breaker and shape the answers for views and API.

Everything returned is plain data: HTML views and the JSON API render the same structures.
"""

import math
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import lru_cache

from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from members.models import FieldTag, Language, Prefecture, Region, SubNetwork, Tier
from members.text import normalize

from . import queries
from .client import breaker
from .documents import alias_name
from .queries import FACETS, MAX_PAGE, PAGE_SIZE, DirectoryParams
from .text import fold, highlight, query_words

TYPE_LABELS = {"group": _("Group member"), "individual": _("Individual member")}
KIND_LABELS = {
    **TYPE_LABELS,
    "page": _("Page"),
    "news": _("News"),
    "event": _("Event"),
    "project": _("Project"),
    "qa": _("Q&A"),
    "publication": _("Publication"),
    "fund": _("Fund"),
}


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class SearchResults:
    count: int
    page: int
    num_pages: int
    results: list[dict]
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    did_you_mean: str | None = None
    broader: list[dict] = field(default_factory=list)

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
        }


def _english() -> bool:
    return (get_language() or "ja").startswith("en")


@lru_cache(maxsize=4)
def _labels(language: str) -> dict[str, dict[str, str]]:
    """Vocabulary labels in ``language`` (the active one: ``.label`` follows it)."""
    return {
        "region": {r.slug: r.label for r in Region.objects.all()},
        "prefecture": {p.code: p.label for p in Prefecture.objects.all()},
        "field": {t.slug: t.label for t in FieldTag.objects.all()},
        "language": {lang.code: lang.label for lang in Language.objects.all()},
        "network": {s.slug: s.label for s in SubNetwork.objects.all()},
    }


def facet_labels() -> dict[str, dict[str, str]]:
    return {**_labels(get_language() or "ja"), "type": TYPE_LABELS}


def _labelled(labels: dict[str, str], values: list[str]) -> list[dict]:
    return [{"value": v, "label": labels.get(v, v)} for v in values if v]


def member_result(hit, words: list[str]) -> dict:
    source = hit.to_dict()
    labels = facet_labels()
    summary = (source.get("summary_en") if _english() else None) or source.get("summary") or ""
    # Reversed now, not stored at index time, so the link follows the viewer's language.
    if source["kind"] == "group":
        url = reverse("members:group", kwargs={"slug": source["slug"]})
    else:
        url = reverse("members:person", kwargs={"pk": source["pk"]})
    return {
        "id": hit.meta.id,
        "type": source["kind"],
        "type_label": str(KIND_LABELS.get(source["kind"], source["kind"])),
        "name": source.get("title", ""),
        "name_en": source.get("name_en", ""),
        "kana": source.get("kana", ""),
        "prefecture": (_labelled(labels["prefecture"], [source.get("prefecture")]) or [None])[0],
        "fields": _labelled(labels["field"], source.get("fields", [])),
        "languages": _labelled(labels["language"], source.get("languages", [])),
        "snippet": str(highlight(summary, words)),
        "url": url,
    }


def _num_pages(count: int) -> int:
    return min(MAX_PAGE, max(1, math.ceil(count / PAGE_SIZE)))


def directory(params: DirectoryParams, *, tier: Tier) -> SearchResults:
    index = alias_name("members")
    search = queries.directory_search(params, tier=tier, index=index)
    response = breaker.call(lambda es: search.using(es).execute())
    words = query_words(params.q)
    count = response.hits.total.value
    facets = {}
    for facet in FACETS:
        selected = set(params.selected.get(facet, ()))
        buckets = getattr(response.aggregations, facet).values.buckets
        labels = facet_labels()[facet]
        facets[facet] = [
            FacetValue(
                value=b.key,
                label=str(labels.get(b.key, b.key)),
                count=b.doc_count,
                selected=b.key in selected,
            )
            for b in buckets
        ]
    results = SearchResults(
        count=count,
        page=params.page,
        num_pages=_num_pages(count),
        results=[member_result(hit, words) for hit in response.hits],
        facets=facets,
    )
    if count == 0:
        # Dropping one facet: its filter aggregation already counts the hits without it.
        for facet, values in params.selected.items():
            if values:
                without = getattr(response.aggregations, facet).doc_count
                if without:
                    results.broader.append({"facet": facet, "count": without})
        results.broader.sort(key=lambda item: -item["count"])
        if words:
            results.did_you_mean = did_you_mean(params.q, tier=tier)
    return results


def did_you_mean(q: str, *, tier: Tier) -> str | None:
    """A spelling suggestion drawn only from documents the viewer may see: each typed word is
    replaced by the closest word of the best fuzzy hit."""
    search = queries.did_you_mean_search(q, tier=tier, index=alias_name("members"))
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


def similar_groups(group, *, tier: Tier) -> list[dict]:
    prefecture = group.prefecture
    search = queries.similar_groups_search(
        group_id=f"group-{group.pk}",
        region=prefecture.region.slug if prefecture else None,
        fields=[tag.slug for tag in group.fields.all()],
        tier=tier,
        index=alias_name("members"),
    )
    response = breaker.call(lambda es: search.using(es).execute())
    return [member_result(hit, []) for hit in response.hits]


def suggest(prefix: str, *, tier: Tier, size: int = 8) -> list[dict]:
    """Up to ``size`` completions: matching field tags first, then visible member names."""
    text = fold(prefix)
    if not text:
        return []
    labels = facet_labels()["field"]
    tags = [
        {"text": labels[tag.slug], "type": "field", "value": tag.slug}
        for tag in FieldTag.objects.all()
        if fold(tag.name).startswith(text) or fold(tag.name_en).startswith(text)
    ]
    search = queries.suggest_search(normalize(prefix), tier=tier, index=alias_name("members"))
    response = breaker.call(lambda es: search.using(es).execute())
    # An option matched one of several inputs (kana, romaji…); show the member's name.
    names = [option._source.title for option in response.suggest.names[0].options]
    names += [hit.title for hit in response.hits]
    unique = list(dict.fromkeys(names))
    return (tags + [{"text": n, "type": "name", "value": n} for n in unique])[:size]


def site(q: str, *, tier: Tier, page: int = 1) -> SearchResults:
    language = (get_language() or "ja")[:2]
    search = queries.site_search(
        q,
        tier=tier,
        language=language,
        indices=[alias_name("members"), alias_name("pages")],
        page=page,
    )
    response = breaker.call(lambda es: search.using(es).execute())
    words = query_words(q)
    results = []
    for hit in response.hits:
        if hit.meta.id.startswith("page-"):
            source = hit.to_dict()
            results.append(
                {
                    "id": hit.meta.id,
                    "type": source["kind"],
                    "type_label": str(KIND_LABELS.get(source["kind"], source["kind"])),
                    "name": source.get("title", ""),
                    "snippet": str(highlight(source.get("summary", ""), words)),
                    "url": source.get("url_path", ""),
                }
            )
        else:
            results.append(member_result(hit, words))
    count = response.hits.total.value
    return SearchResults(count=count, page=page, num_pages=_num_pages(count), results=results)
