"""The public directory's query parameters: an allow-list, and the plain values it yields.

The directory view and the Elasticsearch search both read their parameters through
``DirectoryFilterForm`` and receive a ``DirectoryQuery``. Allowed values come from the
controlled vocabulary in ``members.vocabulary``, not from the database, so this module runs no
query and can be used by any backend. Unknown parameters and invalid values are dropped
silently: a shared or hand-edited URL never produces an error page, and nothing a visitor types
reaches a query except the normalised ``q``.
"""

import copy
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from django import forms
from django.http import QueryDict
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from . import vocabulary
from .text import normalize

MAX_QUERY_LENGTH = 200
# Deep pages of a directory this size are never wanted; the cap keeps offsets small.
MAX_PAGE = 1000

TYPE_GROUP = "group"
TYPE_INDIVIDUAL = "individual"
SORT_RELEVANCE = "relevance"
SORT_KANA = "kana"
SORT_NEWEST = "newest"


@dataclass(frozen=True)
class DirectoryQuery:
    """Cleaned directory parameters. Tuples keep it hashable and safe to share."""

    q: str = ""
    type: str = ""  # "" (both), "group" or "individual"
    region: str = ""  # a 地方 slug
    prefectures: tuple[str, ...] = ()  # JIS codes "01"–"47"
    fields: tuple[str, ...] = ()  # field tag slugs
    languages: tuple[str, ...] = ()  # ISO 639-1 codes
    networks: tuple[str, ...] = ()  # sub-network slugs
    sort: str = SORT_KANA  # "relevance" (only with q), "kana" or "newest"
    page: int = 1

    @property
    def is_filtered(self) -> bool:
        return bool(
            self.q
            or self.type
            or self.region
            or self.prefectures
            or self.fields
            or self.languages
            or self.networks
        )


def _is_english() -> bool:
    return (get_language() or "ja").startswith("en")


def _choices(rows: Iterable[tuple[str, str, str]]) -> list[tuple[str, str]]:
    """(value, 日本語, English) rows → choices labelled in the active language."""
    english = _is_english()
    return [(value, en if english else ja) for value, ja, en in rows]


def _prefecture_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """Prefectures grouped by 地方 (rendered as <optgroup>s)."""
    english = _is_english()
    groups = []
    for slug, ja, en in vocabulary.REGIONS:
        options = [
            (code, p_en if english else p_ja)
            for code, region, p_ja, p_en in vocabulary.PREFECTURES
            if region == slug
        ]
        groups.append((en if english else ja, options))
    return groups


def _flat_choices(choices) -> list[tuple[str, str]]:
    """Choices with <optgroup>s opened up."""
    flat = []
    for value, label in choices:
        if isinstance(label, list | tuple):
            flat.extend(label)
        else:
            flat.append((value, label))
    return flat


def _allowed(choices) -> set[str]:
    return {value for value, _label in _flat_choices(choices)} - {""}


class SingleSelect(forms.SelectMultiple):
    """One visible choice, read as a list: the form stays phone-friendly while a URL may
    still repeat the parameter (``?prefecture=13&prefecture=14``)."""

    allow_multiple_selected = False


class DirectoryFilterForm(forms.Form):
    q = forms.CharField(label=_("Keyword"), required=False, max_length=MAX_QUERY_LENGTH)
    type = forms.ChoiceField(label=_("Type"), required=False)
    region = forms.ChoiceField(label=_("Region"), required=False)
    prefecture = forms.MultipleChoiceField(
        label=_("Prefecture"), required=False, widget=SingleSelect
    )
    field = forms.MultipleChoiceField(
        label=_("Field"), required=False, widget=forms.CheckboxSelectMultiple
    )
    language = forms.MultipleChoiceField(
        label=_("Language"), required=False, widget=forms.CheckboxSelectMultiple
    )
    network = forms.MultipleChoiceField(
        label=_("Sub-network"), required=False, widget=forms.CheckboxSelectMultiple
    )
    sort = forms.ChoiceField(label=_("Sort by"), required=False)
    page = forms.IntegerField(required=False, widget=forms.HiddenInput)

    MULTI = ("prefecture", "field", "language", "network")

    def __init__(self, data: QueryDict | dict | None = None, **kwargs):
        # Labels follow the language active when the form is built (one per request). The
        # fields are built once per language: Form.__init__ deep-copies them for each instance.
        self.base_fields = _fields_for_language(get_language() or "ja")
        super().__init__(self._sanitise(data) if data is not None else None, **kwargs)

    @classmethod
    def _fields_with_choices(cls) -> dict:
        fields = copy.deepcopy(cls.base_fields)
        anything = [("", _("All"))]
        fields["type"].choices = [
            ("", _("Groups and individuals")),
            (TYPE_GROUP, _("Groups")),
            (TYPE_INDIVIDUAL, _("Individuals")),
        ]
        fields["region"].choices = [*anything, *_choices(vocabulary.REGIONS)]
        fields["prefecture"].choices = [*anything, *_prefecture_choices()]
        fields["field"].choices = _choices(vocabulary.FIELDS)
        fields["language"].choices = _choices(vocabulary.LANGUAGES)
        fields["network"].choices = _choices(vocabulary.SUBNETWORKS)
        fields["sort"].choices = [
            (SORT_RELEVANCE, _("Relevance")),
            (SORT_KANA, _("Name (あいうえお order)")),
            (SORT_NEWEST, _("Newest members")),
        ]
        return fields

    def _sanitise(self, data) -> QueryDict:
        """Keep only allow-listed parameters and values; everything else disappears here."""
        clean = QueryDict(mutable=True)

        def values(name: str) -> list[str]:
            if isinstance(data, QueryDict):
                raw = data.getlist(name)
            else:
                raw = data.get(name, [])
                raw = list(raw) if isinstance(raw, list | tuple) else [raw]
            return [normalize(str(v)) for v in raw if v is not None]

        q = values("q")
        if q and q[0]:
            clean["q"] = q[0][:MAX_QUERY_LENGTH]
        for name in ("type", "region", "sort"):
            allowed = _allowed(self.base_fields[name].choices)
            picked = [v for v in values(name) if v in allowed]
            if picked:
                clean[name] = picked[0]
        for name in self.MULTI:
            allowed = _allowed(self.base_fields[name].choices)
            # Keep first-seen order, drop repeats.
            picked = list(dict.fromkeys(v for v in values(name) if v in allowed))
            if picked:
                clean.setlist(name, picked)
        page = values("page")
        if page and page[0].isdigit() and 1 <= int(page[0]) <= MAX_PAGE:
            clean["page"] = page[0]
        # Resolve the default order here so the rendered select shows the order in use.
        sort = clean.get("sort")
        if not sort or (sort == SORT_RELEVANCE and "q" not in clean):
            # Relevance needs words to be relevant to; a keyword makes it the natural default.
            clean["sort"] = SORT_RELEVANCE if "q" in clean else SORT_KANA
        return clean

    def active_filters(self) -> list[tuple[str, str]]:
        """(label, query string without it) for each chosen value, so a visitor can remove
        one filter at a time without JavaScript."""
        if not self.is_bound:
            return []
        data = self.data
        chips = []
        for name in ("q", "type", "region", *self.MULTI):
            field = self.fields[name]
            labels = dict(_flat_choices(getattr(field, "choices", [])))
            for value in data.getlist(name):
                rest = data.copy()
                rest.setlist(name, [v for v in data.getlist(name) if v != value])
                rest.pop("page", None)
                chips.append((f"{field.label}: {labels.get(value, value)}", rest.urlencode()))
        return chips

    def to_query(self) -> DirectoryQuery:
        """The cleaned values as a plain dataclass (an unbound form gives the defaults)."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return DirectoryQuery(
            q=data.get("q") or "",
            type=data.get("type") or "",
            region=data.get("region") or "",
            prefectures=tuple(data.get("prefecture") or ()),
            fields=tuple(data.get("field") or ()),
            languages=tuple(data.get("language") or ()),
            networks=tuple(data.get("network") or ()),
            sort=data.get("sort") or SORT_KANA,
            page=data.get("page") or 1,
        )


@lru_cache(maxsize=8)
def _fields_for_language(language: str) -> dict:
    return DirectoryFilterForm._fields_with_choices()
