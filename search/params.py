"""Request parameters → validated, allow-listed search parameters: one dataclass, one set of limits.

Unknown parameters and values outside the facet vocabulary are dropped silently (a shared or
hand-edited URL never produces an error page); the only free text that reaches a query is the
normalised, length-capped ``q``.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from django.http import QueryDict

from members.text import normalize

from .facets import FACETS, FACETS_BY_NAME
from .text import MAX_QUERY_CHARS

PAGE_SIZE = 20
MAX_WINDOW = 10_000  # Elasticsearch's index.max_result_window: from + size never exceeds it
MAX_PAGE = MAX_WINDOW // PAGE_SIZE

SORT_RELEVANCE = "relevance"
SORT_NAME = "name"  # kana order in Japanese, alphabetical by English or romaji name in English
SORT_NEWEST = "newest"
SORTS = (SORT_RELEVANCE, SORT_NAME, SORT_NEWEST)
WHERE_OFFICE = "office"


@dataclass(frozen=True)
class DirectoryParams:
    """Validated directory parameters; ``selected`` holds allow-listed facet values only."""

    q: str = ""
    selected: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    sort: str = ""  # "" → relevance when there are words to be relevant to, else by name
    page: int = 1
    # Place facets read the office only (「所在地のみ」, ``where=office``).
    office_only: bool = False
    # (facet, value) pairs that rank results without being required: the place, language and
    # field words of a query that has other words too (search.understanding); never in a URL.
    boost: tuple[tuple[str, str], ...] = ()

    def values(self, facet: str) -> tuple[str, ...]:
        return tuple(self.selected.get(facet, ()))

    @property
    def order(self) -> str:
        ranked = bool(self.q or self.boost)
        if self.sort in SORTS and (self.sort != SORT_RELEVANCE or ranked):
            return self.sort
        return SORT_RELEVANCE if ranked else SORT_NAME

    @property
    def filter_count(self) -> int:
        return sum(len(values) for values in self.selected.values())

    def without(self, facet: str, value: str | None = None) -> "DirectoryParams":
        """These parameters with one value (or the whole facet) removed, back on page 1."""
        kept = {
            name: tuple(v for v in values if value is not None and v != value)
            if name == facet
            else values
            for name, values in self.selected.items()
        }
        return replace(self, selected={k: v for k, v in kept.items() if v}, page=1)

    def without_filters(self) -> "DirectoryParams":
        return replace(self, selected={}, page=1, office_only=False)

    def with_value(self, facet: str, value: str) -> "DirectoryParams":
        current = self.values(facet) if FACETS_BY_NAME[facet].multiple else ()
        selected = {**self.selected, facet: (*current, value)}
        return replace(self, selected=selected, page=1)

    def querystring(self, **overrides) -> str:
        """These parameters as a URL query string (defaults left out)."""
        data = QueryDict(mutable=True)
        q = overrides.get("q", self.q)
        if q:
            data["q"] = q
        for facet in FACETS:
            if self.values(facet.name):
                data.setlist(facet.name, list(self.values(facet.name)))
        if self.office_only:
            data["where"] = WHERE_OFFICE
        sort = overrides.get("sort", self.sort)
        if sort:
            data["sort"] = sort
        page = overrides.get("page", self.page)
        if page > 1:
            data["page"] = str(page)
        return data.urlencode()


def _getlist(data: QueryDict | Mapping, name: str) -> list[str]:
    if isinstance(data, QueryDict):
        raw = data.getlist(name)
    else:
        raw = data.get(name, [])
        raw = list(raw) if isinstance(raw, list | tuple) else [raw]
    return [normalize(str(v)) for v in raw if v is not None]


def parse_q(data: QueryDict | Mapping) -> str:
    values = _getlist(data, "q")
    return values[0][:MAX_QUERY_CHARS].strip() if values else ""


def parse_page(data: QueryDict | Mapping) -> int:
    """A positive page number; anything else is page 1. A page past the end stays past the end
    (the view answers 404), so ``?page=999999`` is not silently the first page."""
    values = _getlist(data, "page")
    raw = values[0] if values else ""
    return int(raw) if raw.isdigit() and 0 < len(raw) <= 9 and int(raw) > 0 else 1


def parse_directory(data: QueryDict | Mapping) -> DirectoryParams:
    selected = {}
    for facet in FACETS:
        # First-seen order, repeats dropped; a single-valued facet keeps its first value.
        picked = list(dict.fromkeys(v for v in _getlist(data, facet.name) if v in facet.allowed))
        if picked:
            selected[facet.name] = tuple(picked if facet.multiple else picked[:1])
    sorts = [s for s in _getlist(data, "sort") if s in SORTS]
    return DirectoryParams(
        q=parse_q(data),
        selected=selected,
        sort=sorts[0] if sorts else "",
        page=parse_page(data),
        office_only=WHERE_OFFICE in _getlist(data, "where"),
    )
