"""The directory from the database, for when Elasticsearch is down.

It answers the same ``DirectoryParams`` with the same rules as the search: the facets of
``search.facets`` (OR within a facet, AND across), the viewer's grants through
``MemberQuerySet.visible_to``, only what the index would hold, and the same result cards (each
member serialised by the indexer's own ``member_document``). It has no facet counts and only a
coarse relevance.

Groups and individuals are two tables; the result pages through both in one order with a SQL
``UNION`` of (kind, id, sort keys) rows and then loads only the members of the requested slice.
"""

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from django.db.models import (
    Case,
    CharField,
    F,
    IntegerField,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Lower, NullIf

from members import confirmation
from members.models import Grants, GroupMember, IndividualMember, Prefecture
from members.text import to_hiragana

from . import service
from .client import SearchUnavailable
from .facets import ALL, FACETS, Facet
from .params import PAGE_SIZE, SORT_NEWEST, SORT_RELEVANCE, DirectoryParams
from .serializers import indexable, member_document
from .service import (
    FacetValue,
    SearchResults,
    facet_labels,
    is_english,
    member_result,
    num_pages,
)
from .text import query_words

MODELS = {"group": GroupMember, "individual": IndividualMember}


@dataclass
class Rows:
    """Both kinds of member, filtered and visible; a sequence Django's paginator accepts.

    Slicing yields model instances in the requested order, groups and people interleaved.
    """

    querysets: dict[str, QuerySet]
    order: str
    english: bool
    stale_before: dt.date | None = None  # confirmed before it: after equal relevance

    def _rows(self) -> QuerySet:
        sides = [
            _sort_columns(qs, kind, stale_before=self.stale_before)
            for kind, qs in self.querysets.items()
        ]
        rows = sides[0].union(*sides[1:], all=True)
        name = "name_en_sort" if self.english else "kana"
        if self.order == SORT_NEWEST:
            return rows.order_by(F("member_since").desc(nulls_last=True), name, "kind", "pk")
        if self.order == SORT_RELEVANCE:
            # As the index ranks them: a stale entry loses ties on relevance, nothing more.
            return rows.order_by("-rank", "stale", name, "kind", "pk")
        return rows.order_by(name, "kind", "pk")

    def count(self) -> int:
        return sum(qs.count() for qs in self.querysets.values())

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        rows = [(kind, pk) for kind, pk, *_ in self._rows()[index]]
        loaded = {
            kind: _load(qs, [pk for k, pk in rows if k == kind])
            for kind, qs in self.querysets.items()
        }
        return [loaded[kind][pk] for kind, pk in rows if pk in loaded[kind]]

    def __iter__(self) -> Iterator:
        return iter(self[:])


def directory_rows(params: DirectoryParams, *, grants: Grants) -> Rows:
    """Members a viewer with ``grants`` may see, filtered by ``params``, in its order (the English
    order on English pages)."""
    kinds = params.values("type") or tuple(MODELS)
    querysets = {
        kind: _filtered(listed_members(model, grants=grants), params)
        for kind, model in MODELS.items()
        if kind in kinds
    }
    return Rows(
        querysets=querysets,
        order=params.order,
        english=is_english(),
        stale_before=confirmation.stale_before(),
    )


def listed_members(model, *, grants: Grants) -> QuerySet:
    """What the index would hold for this viewer: listed, visible, never secretariat-only."""
    return indexable(model.objects.visible_to(grants))


def answer(params: DirectoryParams, *, grants: Grants) -> SearchResults:
    """The directory's answer (page and API alike): Elasticsearch's, or the database's while
    it is down (the same rules and cards, no counts)."""
    try:
        return service.directory(params, grants=grants)
    except SearchUnavailable:
        return directory(params, grants=grants)


def directory(params: DirectoryParams, *, grants: Grants) -> SearchResults:
    """The directory page's answer from the database: the shape of ``service.directory``."""
    rows = directory_rows(params, grants=grants)
    count = rows.count()
    kinds = [kind for kind, model in MODELS.items() if grants.tier >= model.minimum_viewer_tier]
    facets = {facet.name: _uncounted(facet, params) for facet in FACETS}
    # Without counts every value is offered, but not a kind this viewer may not see: an
    # anonymous "individuals" would only ever find nothing (the search leaves it out too).
    facets["type"] = [value for value in facets["type"] if value.value in kinds]
    results = SearchResults(
        count=count,
        page=params.page,
        num_pages=num_pages(count),
        results=[],
        facets=facets,
        listed={kind: listed_members(MODELS[kind], grants=grants).count() for kind in kinds},
        counted=False,
    )
    if not results.out_of_range:
        start = (params.page - 1) * PAGE_SIZE
        words = query_words(params.q)
        results.results = [
            member_result(member_document(m), words) for m in rows[start : start + PAGE_SIZE]
        ]
    return results


def _uncounted(facet: Facet, params: DirectoryParams) -> list[FacetValue]:
    chosen = params.values(facet.name)
    return [
        FacetValue(value=value, label=label, count=None, selected=value in chosen)
        for value, label in facet_labels(facet.name).items()
    ]


def _filtered(qs: QuerySet, params: DirectoryParams) -> QuerySet:
    model = qs.model
    for facet in FACETS:
        values = params.values(facet.name)
        if not values or facet.orm_path is None:
            continue
        # Sub-selects rather than joins: a member tagged twice must still appear once, and a
        # UNION of DISTINCT selects is not portable.
        groups = [[v] for v in values] if facet.combine == ALL else [values]
        for group in groups:
            place = Q(**{f"{facet.orm_path}__in": group})
            if facet.serves(office_only=params.office_only) and model.has_service_area:
                # "Located in or serves", as the index's area fields and nationwide flag say.
                place |= Q(**{f"{facet.reach.orm_path}__in": group}) | Q(serves_nationwide=True)
            qs = qs.filter(pk__in=model.objects.filter(place).values("pk"))
    if params.q:
        qs = qs.filter(pk__in=model.objects.matching(params.q).values("pk"))
    return qs.annotate(rank=_rank(params.q))


def _rank(q: str):
    """A coarse relevance: the name itself beats its reading, which beats the description."""
    if not q:
        return Value(0, output_field=IntegerField())
    return Case(
        When(name__iexact=q, then=Value(4)),
        When(name__istartswith=q, then=Value(3)),
        When(name__icontains=q, then=Value(2)),
        When(Q(kana__icontains=to_hiragana(q)) | Q(romaji__icontains=q.lower()), then=Value(1)),
        default=Value(0),
        output_field=IntegerField(),
    )


def _sort_columns(qs: QuerySet, kind: str, *, stale_before: dt.date | None) -> QuerySet:
    # Both sides of the UNION need the same columns in the same order and no ORDER BY. The
    # English order is the index's ``name_sort_en``: English name, else the romaji reading.
    english = NullIf("name_en", Value("")) if qs.model is GroupMember else Value(None)
    return (
        qs.order_by()
        .annotate(
            kind=Value(kind, output_field=CharField()),
            name_en_sort=Lower(Coalesce(english, "romaji", "name", output_field=CharField())),
            confirmed_on=confirmation.confirmed_on_expression(),
        )
        .annotate(
            stale=confirmation.stale_rank(stale_before)
            if stale_before
            else Value(0, output_field=IntegerField())
        )
        .values_list(
            "kind", "pk", "kana", "name_en_sort", "member_since", "created_at", "rank", "stale"
        )
    )


def _load(qs: QuerySet, pks: list[int]) -> dict:
    if not pks:
        return {}
    related = ["prefecture__region"]
    if qs.model is IndividualMember:
        related.append("affiliation")
    members = (
        qs.model.objects.filter(pk__in=pks)
        .select_related(*related)
        .prefetch_related(
            "fields",
            "languages",
            "participations__subnetwork",
            "audience_subnetworks",
            *(
                [Prefetch("service_prefectures", Prefecture.objects.select_related("region"))]
                if qs.model.has_service_area
                else []
            ),
        )
    )
    return {m.pk: m for m in members}
