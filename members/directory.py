"""The directory listing over the database: one pure builder, no request, no rendering.

``directory_queryset`` is the listing of ``/members/`` and the fallback of the Elasticsearch
search when the search server is down, so it takes only a viewer tier and a ``DirectoryQuery``.
Who may see what is decided by ``MemberQuerySet.visible_to`` alone.

Groups and individuals are two tables; the result pages through both in one order with a SQL
``UNION`` of (kind, id, sort keys) rows and then loads only the members of the requested slice.
"""

from collections.abc import Iterator
from dataclasses import dataclass

from django.db.models import Case, CharField, F, IntegerField, Q, QuerySet, Value, When

from .forms import SORT_NEWEST, SORT_RELEVANCE, TYPE_GROUP, TYPE_INDIVIDUAL, DirectoryQuery
from .models import GroupMember, IndividualMember, Tier
from .text import to_hiragana

KIND_GROUP = "group"
KIND_INDIVIDUAL = "individual"


@dataclass
class DirectoryResults:
    """Both kinds of member, filtered and visible; a sequence Django's paginator accepts.

    ``groups`` and ``individuals`` stay available as querysets (for counts and facets);
    slicing yields model instances in the requested order, groups and people interleaved.
    """

    groups: QuerySet
    individuals: QuerySet
    sort: str

    def _rows(self) -> QuerySet:
        groups = _sort_columns(self.groups, KIND_GROUP)
        individuals = _sort_columns(self.individuals, KIND_INDIVIDUAL)
        rows = groups.union(individuals, all=True)
        if self.sort == SORT_NEWEST:
            return rows.order_by(
                F("member_since").desc(nulls_last=True), "-created_at", "kind", "-pk"
            )
        if self.sort == SORT_RELEVANCE:
            return rows.order_by("-rank", "kana", "name", "kind", "pk")
        return rows.order_by("kana", "name", "kind", "pk")

    def count(self) -> int:
        return self.groups.count() + self.individuals.count()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        rows = [(row[0], row[1]) for row in self._rows()[index]]
        groups = _load(self.groups, [pk for kind, pk in rows if kind == KIND_GROUP])
        people = _load(self.individuals, [pk for kind, pk in rows if kind == KIND_INDIVIDUAL])
        return [
            (groups if kind == KIND_GROUP else people)[pk]
            for kind, pk in rows
            if pk in (groups if kind == KIND_GROUP else people)
        ]

    def __iter__(self) -> Iterator:
        return iter(self[:])


def directory_queryset(*, tier: Tier, query: DirectoryQuery) -> DirectoryResults:
    """Members a viewer of ``tier`` may see, filtered by ``query`` (OR within a parameter,
    AND across parameters) and ordered by ``query.sort``."""
    # visible_to() already returns no individuals to viewers below the members tier.
    groups = GroupMember.objects.visible_to(tier)
    individuals = IndividualMember.objects.visible_to(tier)
    if query.type == TYPE_INDIVIDUAL:
        groups = groups.none()
    if query.type == TYPE_GROUP:
        individuals = individuals.none()
    return DirectoryResults(
        groups=_filter(groups, query, group=True),
        individuals=_filter(individuals, query, group=False),
        sort=query.sort,
    )


def _filter(qs: QuerySet, query: DirectoryQuery, *, group: bool) -> QuerySet:
    model = qs.model
    # Sub-selects rather than joins: a member tagged twice must still appear once, and a
    # UNION of DISTINCT selects is not portable.
    # A group is "in" a place through its office or its service area; a person by residence.
    if query.region:
        place = Q(prefecture__region__slug=query.region)
        if group:
            place |= Q(service_prefectures__region__slug=query.region)
        qs = qs.filter(pk__in=model.objects.filter(place).values("pk"))
    if query.prefectures:
        place = Q(prefecture__code__in=query.prefectures)
        if group:
            place |= Q(service_prefectures__code__in=query.prefectures)
        qs = qs.filter(pk__in=model.objects.filter(place).values("pk"))
    if query.fields:
        qs = qs.filter(pk__in=model.objects.filter(fields__slug__in=query.fields).values("pk"))
    if query.languages:
        qs = qs.filter(
            pk__in=model.objects.filter(languages__code__in=query.languages).values("pk")
        )
    if query.networks:
        qs = qs.filter(
            pk__in=model.objects.filter(subnetworks__slug__in=query.networks).values("pk")
        )
    if query.q:
        qs = qs.filter(text_match(query.q, group=group))
    return qs.annotate(rank=_rank(query.q))


def text_match(q: str, *, group: bool) -> Q:
    """Keyword match over names, reading, romaji and descriptions (never contacts); ``q`` must
    be normalised already. Shared with the admin search so both find the same members."""
    reading = to_hiragana(q)
    match = (
        Q(name__icontains=q)
        | Q(kana__icontains=reading)
        | Q(romaji__icontains=q.lower())
        | Q(romaji__icontains=q.lower().replace(" ", ""))
    )
    if group:
        match |= (
            Q(name_en__icontains=q)
            | Q(description_ja__icontains=q)
            | Q(description_en__icontains=q)
        )
    else:
        match |= Q(occupation__icontains=q) | Q(bio__icontains=q)
    return match


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


def _sort_columns(qs: QuerySet, kind: str) -> QuerySet:
    # Both sides of the UNION need the same columns in the same order and no ORDER BY.
    return (
        qs.order_by()
        .annotate(kind=Value(kind, output_field=CharField()))
        .values_list("kind", "pk", "kana", "name", "member_since", "created_at", "rank")
    )


def _load(qs: QuerySet, pks: list[int]) -> dict:
    if not pks:
        return {}
    related = ["prefecture"] + (["prefecture__region"] if qs.model is GroupMember else [])
    if qs.model is IndividualMember:
        related.append("affiliation")
    members = (
        qs.model.objects.filter(pk__in=pks)
        .select_related(*related)
        .prefetch_related("fields", "languages")
    )
    return {m.pk: m for m in members}
