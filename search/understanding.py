"""Words of the search box that name a place, a language or a field.

People search the way they speak: 「名古屋」, "Vietnam Aichi", 「中部 技能実習」. Each vocabulary
row (region, prefecture, field, language) is known by its names, those names with 地方/県/語…
left off, their kana reading and romaji, and the synonyms editors keep on the row in the
admin. ``read`` splits a query into recognised words and the rest; ``interpret`` turns that into
the directory's parameters, one rule for Elasticsearch and the database fallback alike:

- a query made only of recognised words *is* a set of filters (AND across facets, OR within);
- in a query with other words too, the other words must match as before, and the recognised
  ones only rank (``boost``) and are offered as one-click filters.

Reading is pure (``read`` takes the lexicon); the lexicon comes from the database, cached and
dropped whenever a vocabulary row is saved (``search.sync``).
"""

import re
import time
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache

from members.models import FieldTag, Language, Prefecture, Region
from members.text import reading_of, romaji

from .facets import FACETS_BY_NAME
from .params import DirectoryParams
from .text import fold, has_cjk, query_words, short_vowels

MAX_PHRASE_WORDS = 4  # "women & domestic violence"
PLACES = {"region", "prefecture"}
LEXICON_SECONDS = 300  # other processes see an editor's change within this time
# Suffixes a name is also known without: 中部地方 → 中部, 愛知県 → 愛知, ベトナム語 → ベトナム.
_SUFFIX = re.compile(r"(地方|都|府|県|語)$")


@dataclass(frozen=True)
class Recognised:
    words: str  # as typed
    facet: str
    value: str


@dataclass(frozen=True)
class Reading:
    recognised: tuple[Recognised, ...] = ()
    rest: str = ""  # the words that name nothing, in their order

    @property
    def only_filters(self) -> bool:
        return bool(self.recognised) and not self.rest


def _key(text: str) -> str:
    """How a phrase is compared: folded (NFKC, hiragana, lower case) and without accents, so
    "Tiếng Việt" and "tieng viet", ベトナム and べとなむ are one key."""
    plain = unicodedata.normalize("NFKD", " ".join(query_words(fold(text))))
    return "".join(c for c in plain if not unicodedata.combining(c))


def _names(*names: str) -> set[str]:
    """A row's names as typed, without their suffix, and (for Japanese) read in kana and
    romaji, with long vowels and without (toukyou, tokyo)."""
    keys = set()
    for name in filter(None, (n.strip() for n in names)):
        for form in {name, _SUFFIX.sub("", name) or name}:
            keys.add(_key(form))
            if has_cjk(form):
                reading = reading_of(form)
                keys.update({_key(reading), romaji(reading), short_vowels(romaji(reading))})
    return {key for key in keys if key}


def build_lexicon(rows) -> dict[str, tuple[str, str]]:
    """(facet, value, names) rows → phrase key → (facet, value). A phrase that names two
    different things (中国: the region or the language) is left out: better unrecognised than
    wrong. A region and a prefecture of one name (北海道) are one place: the prefecture."""
    seen: dict[str, set[tuple[str, str]]] = {}
    for facet, value, names in rows:
        for key in _names(*names):
            seen.setdefault(key, set()).add((facet, value))
    lexicon = {}
    for key, meanings in seen.items():
        if len(meanings) == 2 and {facet for facet, _value in meanings} == PLACES:
            meanings = {m for m in meanings if m[0] == "prefecture"}
        if len(meanings) == 1:
            lexicon[key] = next(iter(meanings))
    return lexicon


def _rows():
    for facet, model, key in (
        ("region", Region, "slug"),
        ("prefecture", Prefecture, "code"),
        ("field", FieldTag, "slug"),
        ("language", Language, "code"),
    ):
        allowed = FACETS_BY_NAME[facet].allowed
        for row in model.objects.all():
            value = getattr(row, key)
            if value in allowed:
                names = [row.name_ja, row.name_en, *row.synonyms.split(",")]
                yield facet, value, names


@lru_cache(maxsize=1)
def _cached(stamp: int) -> dict[str, tuple[str, str]]:
    return build_lexicon(_rows())


def lexicon() -> dict[str, tuple[str, str]]:
    return _cached(int(time.monotonic() // LEXICON_SECONDS))


def forget_lexicon() -> None:
    """A vocabulary row changed: the next query reads the database again."""
    _cached.cache_clear()


def read(q: str, words: dict[str, tuple[str, str]]) -> Reading:
    """Longest phrases first, left to right."""
    tokens = query_words(q)
    recognised, rest, i = [], [], 0
    while i < len(tokens):
        for n in range(min(MAX_PHRASE_WORDS, len(tokens) - i), 0, -1):
            phrase = " ".join(tokens[i : i + n])
            meaning = words.get(_key(phrase))
            if meaning:
                recognised.append(Recognised(phrase, *meaning))
                i += n
                break
        else:
            rest.append(tokens[i])
            i += 1
    return Reading(tuple(recognised), " ".join(rest))


def interpret(params: DirectoryParams, reading: Reading) -> DirectoryParams:
    """The parameters the directory runs for ``params`` read as ``reading``."""
    if not reading.recognised:
        return params
    if reading.only_filters:
        selected = {name: list(values) for name, values in params.selected.items()}
        for item in reading.recognised:
            chosen = selected.setdefault(item.facet, [])
            if item.value not in chosen:
                chosen.append(item.value)
        return replace(
            params, q="", selected={name: tuple(values) for name, values in selected.items()}
        )
    return replace(
        params, q=reading.rest, boost=tuple((r.facet, r.value) for r in reading.recognised)
    )


def as_filter(params: DirectoryParams, item: Recognised) -> DirectoryParams:
    """``params`` with a recognised word turned into its filter (the one-click chip)."""
    rest = [w for w in query_words(params.q) if w != item.words]
    if " " in item.words:  # a phrase: drop it from the text as a whole
        rest = query_words(params.q.replace(item.words, " "))
    return replace(params.with_value(item.facet, item.value), q=" ".join(rest))


def offers(params: DirectoryParams, reading: Reading) -> list[dict]:
    """One-click filters for the recognised words of a query that has other words too."""
    if reading.only_filters:
        return []
    return [
        {
            "words": item.words,
            "facet": item.facet,
            "value": item.value,
            "label": FACETS_BY_NAME[item.facet].labels()[item.value],
            "query": as_filter(params, item).querystring(),
        }
        for item in reading.recognised
    ]
