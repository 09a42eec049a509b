"""Normalisation of Japanese and Latin user text, shared by the directory and search.

Whatever runs at index time must run identically at query time, so both import from here.

Romaji is Hepburn as people who cannot type Japanese write it, word by word: the name is cut
into dictionary words by pykakasi (its kanji dictionary reads 江戸川 as one word, where the
UniDic-based SudachiPy and cutlet read 江戸 + 川), and the editor's kana reading supplies how
each word is read. Kana become Latin through our own table, because pykakasi spells loanwords
kana by kana (シェルター → "shierutaa", コミュニティ → "komyunitei").
"""

import difflib
import itertools
import re
import unicodedata
from functools import lru_cache

import jaconv

_SPACES = re.compile(r"\s+")
# Word separators inside names and readings: spaces, the katakana middle dot, slashes.
_SEPARATORS = re.compile(r"[\s・/／]+")
_KEPT_SEPARATORS = re.compile(r"([\s・/／]+)")
_KANJI = re.compile(r"[\u3005\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_KANA_ONLY = re.compile(r"[\u3041-\u309f\u30a0-\u30ffー]+")
# 人 right after a katakana word is the nationality suffix じん (ブラジル人, ベトナム人). pykakasi
# reads a lone 人 as にん and even glues it to the next kanji (ベトナム人技能 → 人技 "jingi").
_NATIONALITY = re.compile(r"(?<=[\u30a1-\u30fa\u30fc])人")
MAX_ROMAJI_CHARS = 500

# Hiragana → Hepburn, row by row. Katakana arrive as hiragana (``to_hiragana``); ゔ is ヴ.
_ROWS = (
    ("あいうえお", "a i u e o"),
    ("かきくけこがぎぐげご", "ka ki ku ke ko ga gi gu ge go"),
    ("さしすせそざじずぜぞ", "sa shi su se so za ji zu ze zo"),
    ("たちつてとだぢづでど", "ta chi tsu te to da ji zu de do"),
    ("なにぬねの", "na ni nu ne no"),
    ("はひふへほばびぶべぼぱぴぷぺぽ", "ha hi fu he ho ba bi bu be bo pa pi pu pe po"),
    ("まみむめもやゆよらりるれろ", "ma mi mu me mo ya yu yo ra ri ru re ro"),
    ("わゐゑをんゔ", "wa i e o n vu"),
    ("ぁぃぅぇぉゃゅょゎゕゖ", "a i u e o ya yu yo wa ka ke"),
)
_KANA = {
    kana: latin for row, latins in _ROWS for kana, latin in zip(row, latins.split(), strict=True)
}
_SMALL_VOWELS = "ぁぃぅぇぉ"
_SMALL_Y = "ゃゅょ"
# Pairs where "consonant of the first + small vowel" gives the wrong letters (う has none).
_PAIRS = {"うぃ": "wi", "うぇ": "we", "うぉ": "wo", "いぇ": "ye", "くぁ": "kwa", "ぐぁ": "gwa"}
_VOWELS = "aeiou"
# Particles stand alone; other short hiragana after a verb stem are its ending (支え + る).
_PARTICLES = {"の", "を", "に", "が", "で", "と", "へ", "は", "も", "や"}
_HIRAGANA = re.compile(r"[\u3041-\u309f]+")


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


def _stem(syllable: str) -> str:
    """The consonant part of a syllable: 'shi' → 'sh', 'fu' → 'f', 'a' → ''."""
    return syllable.rstrip(_VOWELS)


def kana_to_romaji(kana: str) -> str:
    """Hepburn of hiragana, with the loanword digraphs: しぇ she, てぃ ti, ふぃ fi, ゔぁ va,
    うぃ wi, ちぇ che, じぇ je, でぃ di, ふぁ fa; っ doubles the next consonant (っち → tch);
    ー repeats the vowel before it (しぇるたー → sherutaa). Anything else passes through."""
    out: list[str] = []
    double = False
    i = 0
    while i < len(kana):
        char, following = kana[i], kana[i + 1 : i + 2]
        if char == "っ":
            double = True
            i += 1
            continue
        if char == "ー":
            previous = "".join(out)
            if previous and previous[-1] in _VOWELS:
                out.append(previous[-1])
            i += 1
            continue
        if char + following in _PAIRS:
            syllable, i = _PAIRS[char + following], i + 2
        elif char in _KANA and following and following in _SMALL_Y and char not in _SMALL_Y:
            stem, vowel = _stem(_KANA[char]), _KANA[following][-1]
            joined = stem in ("sh", "ch", "j") or not stem
            syllable, i = stem + ("" if joined else "y") + vowel, i + 2
        elif char in _KANA and following and following in _SMALL_VOWELS:
            syllable, i = _stem(_KANA[char]) + _KANA[following], i + 2
        else:
            syllable, i = _KANA.get(char, char), i + 1
        if double and syllable[:1] not in ("", *_VOWELS) and syllable[0].isalpha():
            syllable = ("t" if syllable.startswith("ch") else syllable[0]) + syllable
        double = False
        out.append(syllable)
    return "".join(out)


def _kanji_to_hiragana(text: str) -> str:
    if not _KANJI.search(text):
        return text
    return "".join(item["hira"] for item in _kakasi().convert(text))


def romaji(reading: str | None) -> str:
    """Hepburn romaji of a kana reading, lower-case, words kept apart: 'たなか ひろし' → 'tanaka hiroshi'."""
    reading = _kanji_to_hiragana(to_hiragana(reading or ""))
    if not reading:
        return ""
    # The katakana middle dot separates the parts of foreign names: グエン・ミン → 'guen min'.
    return _SPACES.sub(" ", _SEPARATORS.sub(" ", kana_to_romaji(reading))).strip().lower()


# ----------------------------------------------------------------------------- words of a name


def _one_word(text: str) -> str | None:
    """pykakasi's reading of ``text`` when its dictionary holds ``text`` as one word."""
    items = _kakasi().convert(text)
    return items[0]["hira"] if len(items) == 1 and items[0]["orig"] == text else None


def _split_compound(surface: str, hira: str) -> list[tuple[str, str]]:
    """外国人労働者 → 外国人 + 労働者: pykakasi keeps the longest dictionary entry, so a compound
    of several words becomes one word; split it where both halves are dictionary words of at
    least two characters that read the same as the whole."""
    if len(surface) >= 4 and all(_KANJI.match(c) for c in surface):
        for cut in range(2, len(surface) - 1):
            left, right = _one_word(surface[:cut]), _one_word(surface[cut:])
            if left and right and left + right == hira:
                return _split_compound(surface[:cut], left) + _split_compound(surface[cut:], right)
    return [(surface, hira)]


def _words_and_breaks(name: str | None) -> list[list[tuple[str, str]]]:
    """``name_words`` with an empty word where the name has a space or a middle dot."""
    words: list[list[tuple[str, str]]] = []
    for chunk in _SEPARATORS.split(normalize(name)):
        pieces = _NATIONALITY.split(chunk)
        for number, piece in enumerate(pieces):
            items = _kakasi().convert(piece) if piece else []
            for item in items:
                surface = item["orig"].strip()
                if not surface or not (_KANA_ONLY.search(surface) or _KANJI.search(surface)):
                    if surface:
                        words.append([(surface, surface.lower())])
                    continue
                hira = to_hiragana(item["hira"])
                last = words[-1][-1][0] if words and words[-1] else ""
                if (
                    _HIRAGANA.fullmatch(surface)
                    and surface not in _PARTICLES
                    and len(last) > 1
                    and _KANJI.match(last[-2])
                    and _HIRAGANA.fullmatch(last[-1])
                ):
                    words[-1].append((surface, hira))  # one word of two parts
                    continue
                words.append(_split_compound(surface, hira))
            if number < len(pieces) - 1:  # the 人 cut away after this piece's katakana word
                if words and _KANA_ONLY.fullmatch(words[-1][-1][0]):
                    surface, hira = words[-1][-1]
                    words[-1][-1] = (surface + "人", hira + "じん")
                else:
                    words.append([("人", "じん")])
        words.append([])  # a separator: never align a word across it
    return words


def name_words(name: str | None) -> list[list[tuple[str, str]]]:
    """The words of a name, each a list of (surface, hiragana) parts: one part, or the parts
    of a compound. '江戸川ブラジル人コミュニティ' → [[江戸川 えどがわ], [ブラジル人 ぶらじるじん],
    [コミュニティ こみゅにてぃ]]."""
    return [word for word in _words_and_breaks(name) if word]


def reading_of(name: str | None) -> str:
    """A kana reading derived from the name (for a member entered without one): words glued
    as a group's reading is written, spaces kept where the name has them ('山田 花子')."""
    pieces = _KEPT_SEPARATORS.split(normalize(name))
    for number in range(0, len(pieces), 2):
        pieces[number] = "".join(hira for word in name_words(pieces[number]) for _s, hira in word)
    return "".join(pieces).strip()


def _aligned(parts: list[str], reading: str) -> list[str] | None:
    """Cut ``reading`` where the name's parts meet (their own readings being ``parts``), so
    the editor's reading decides how each word sounds. None when the two differ too much."""
    spoken = "".join(parts)
    matcher = difflib.SequenceMatcher(None, spoken, reading, autojunk=False)
    if not reading or matcher.ratio() < 0.6:
        return None
    blocks = matcher.get_matching_blocks()

    def mapped(position: int) -> int | None:
        for a, b, size in blocks:
            if a <= position <= a + size and size:
                return b + position - a
        return None

    cuts: list[int | None] = [0]
    position = 0
    for part in parts[:-1]:
        position += len(part)
        cut = mapped(position)
        previous = next((c for c in reversed(cuts) if c is not None), 0)
        # A boundary that falls inside a difference cannot be placed.
        cuts.append(cut if cut is not None and previous < cut < len(reading) else None)
    cuts.append(len(reading))
    if None in cuts:
        return None
    return [reading[start:end] for start, end in itertools.pairwise(cuts)]


def _glued(run: list[str]) -> list[str]:
    """Kanji written together are typed together too: 多 + 文化 + 共生 → 'tabunkakyousei',
    'bunkakyousei', so that "tabunka" and "minokamo" are prefixes of a word."""
    return [romaji("".join(run[start:])) for start in range(len(run) - 1)]


def romaji_words(name: str | None, reading: str | None = "") -> str:
    """Word-segmented romaji of a member's name: the editor's reading cut into the name's
    words, then any word the name's own dictionary reading adds (a compound's parts, a word
    read differently). 仙台移住女性シェルター + せんだいいじゅうじょせいしぇるたー →
    'sendai ijuu josei sherutaa'."""
    words = name_words(name)
    given = _kanji_to_hiragana(to_hiragana(reading or ""))
    parts = [hira for word in words for _surface, hira in word]
    readings = _aligned(parts, _SEPARATORS.sub("", given)) if parts else None
    result: list[str] = []
    if readings is None:
        # The reading cannot be cut the name's way (another script, a reading the dictionary
        # does not know): it still counts, as the editor spaced it; the name's words follow.
        result.extend(romaji(given).split())
        readings = parts
    index = 0
    own: list[str] = []
    run: list[str] = []  # the readings of a run of kanji words, e.g. 多 + 文化 + 共生
    for word in _words_and_breaks(name):
        if not word:  # a space or a middle dot ends a run of kanji
            own.extend(_glued(run))
            run = []
            continue
        spoken = readings[index : index + len(word)]
        index += len(word)
        if len(word) > 1:
            result.append(romaji("".join(spoken)))  # the compound as written
        result.extend(romaji(part) for part in spoken)
        own.extend(romaji(hira) for _surface, hira in word)
        surface = "".join(part for part, _hira in word)
        if all(_KANJI.match(char) for char in surface):
            run.extend(spoken)
            continue
        own.extend(_glued(run))
        run = []
    own.extend(_glued(run))
    result.extend(own)
    unique = list(dict.fromkeys(w for w in " ".join(result).split() if w))
    text = " ".join(unique)
    if len(text) > MAX_ROMAJI_CHARS:
        text = text[:MAX_ROMAJI_CHARS].rsplit(" ", 1)[0]
    return text
