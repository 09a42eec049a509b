"""The directory's facets, each declared once.

A ``Facet`` says everything the directory needs to know about one filter: its URL parameter,
its label, the keyword field of the members index, the ORM lookup of the database fallback,
whether it takes one value or several, how chosen values combine, and the order its values are
shown in. The request parser (``search.params``), the Elasticsearch query and aggregations
(``search.queries``), the database fallback (``search.fallback``), the labels of the template
and the JSON API (``search.service``) and the benchmark's mix all read ``FACETS``.

Adding a plain facet means: one ``Facet`` here, the field in the document serializer and
mapping, and a migration if the models need a new relation. Place facets also carry a ``Reach``:
by default they mean "located in or serves" (nationwide groups match every place).

The values come from the controlled vocabulary (``members.vocabulary``), not the database, so
parsing a request runs no query and an unknown value can never reach a query.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Literal

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from members import vocabulary
from members.models import english_names

# Within one facet, a member matches ANY chosen value (OR) or ALL of them (AND); across
# facets every facet must match (AND). Every facet today is ANY: "Vietnamese or Tagalog".
ANY: Literal["any"] = "any"
ALL: Literal["all"] = "all"

Rows = Sequence[tuple[str, str, str]]  # (value, 日本語, English), in display order

# Interface words, unlike the vocabulary's data: translated into every site language.
_GROUPS = pgettext_lazy("directory filter", "Groups")
_INDIVIDUALS = pgettext_lazy("directory filter", "Individuals")
KINDS = [("group", _GROUPS, _GROUPS), ("individual", _INDIVIDUALS, _INDIVIDUALS)]


@dataclass(frozen=True)
class Reach:
    """A place facet's default meaning, "located in or serves": the office's place or a served
    one, and nationwide groups everywhere. ``where=office`` (「所在地のみ」) narrows the facet to
    the office's place, its plain ``index_field`` and ``orm_path``."""

    index_field: str  # keyword field: the office's place and every served one
    orm_path: str  # lookup of a served place (groups only: individuals have an office alone)


@dataclass(frozen=True)
class Facet:
    name: str  # URL parameter, API key and aggregation name
    label: Promise
    index_field: str  # keyword field of the members index
    # Lookup ending in a value on both member models; None: the facet picks the member's kind
    # (groups and individuals are two tables, so the fallback chooses which to read).
    orm_path: str | None
    rows: Callable[[], Rows]
    multiple: bool = True
    combine: Literal["any", "all"] = ANY
    order: Literal["vocabulary", "count"] = "vocabulary"
    reach: Reach | None = None

    def serves(self, *, office_only: bool) -> bool:
        """Whether this facet reads "located in or serves" (its ``Reach``) for these params."""
        return self.reach is not None and not office_only

    @cached_property
    def allowed(self) -> frozenset[str]:
        return frozenset(value for value, _ja, _en in self.rows())

    def labels(self) -> dict[str, str]:
        """Value → label in the active language, in display order of the vocabulary."""
        english = english_names()
        return {value: str(en if english else ja) for value, ja, en in self.rows()}


def _prefectures() -> Rows:
    return [(code, ja, en) for code, _region, ja, en in vocabulary.PREFECTURES]


FACETS: tuple[Facet, ...] = (
    Facet("type", _("Type"), "kind", None, lambda: KINDS, multiple=False),
    Facet(
        "region",
        _("Region"),
        "region",
        "prefecture__region__slug",
        lambda: vocabulary.REGIONS,
        reach=Reach("area_regions", "service_prefectures__region__slug"),
    ),
    Facet(
        "prefecture",
        _("Prefecture"),
        "prefecture",
        "prefecture__code",
        _prefectures,
        reach=Reach("area_prefectures", "service_prefectures__code"),
    ),
    Facet("field", _("Field"), "fields", "fields__slug", lambda: vocabulary.FIELDS, order="count"),
    Facet(
        "language",
        _("Language"),
        "languages",
        "languages__code",
        lambda: vocabulary.LANGUAGES,
        order="count",
    ),
    Facet(
        "network", _("Sub-network"), "networks", "subnetworks__slug", lambda: vocabulary.SUBNETWORKS
    ),
)
FACETS_BY_NAME = {facet.name: facet for facet in FACETS}
