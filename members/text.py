"""Normalisation of Japanese and Latin user text, shared by the directory and search.

Whatever runs at index time must run identically at query time, so both import from here.
"""

import re
import unicodedata
from functools import lru_cache

import jaconv

_SPACES = re.compile(r"\s+")


def normalize(text: str | None) -> str:
    """NFKC (full-width Latin → ASCII, half-width kana → full-width) and collapsed spaces."""
    if not text:
        return ""
    return _SPACES.sub(" ", unicodedata.normalize("NFKC", text)).strip()


def to_hiragana(text: str) -> str:
    """Katakana readings and hiragana readings compare equal once both are hiragana."""
    return jaconv.kata2hira(normalize(text))


@lru_cache(maxsize=1)
def _kakasi():
    import pykakasi

    return pykakasi.kakasi()


def romaji(reading: str | None) -> str:
    """Hepburn romaji of a kana reading, lower-case, words kept apart: 'たなか ひろし' → 'tanaka hiroshi'."""
    reading = to_hiragana(reading or "")
    if not reading:
        return ""
    parts = [item["hepburn"] for item in _kakasi().convert(reading)]
    # The katakana middle dot separates the parts of foreign names: グエン・ミン → 'guen min'.
    return _SPACES.sub(" ", "".join(parts).replace("・", " ")).strip().lower()
