"""Japanese-aware text analysis computed in Python, identically at index and query time.

The CI server has no analysis plugins (no ngram, no cjk_bigram, no kuromoji), and its
``standard`` tokenizer splits kanji and hiragana into single characters while keeping katakana
runs whole, so neither "実習生" inside "技能実習生" nor "エンジニア" inside "ソフトウェアエンジニア"
would match reliably. Instead every CJK run becomes overlapping character bigrams here and is
indexed with the ``whitespace`` analyzer; a query's bigrams are matched as a phrase, which means
"this substring occurs", and ranks exact and phrase matches above scattered characters.
"""

import html
import re
import unicodedata

from django.utils.safestring import SafeString, mark_safe

from members.text import normalize, to_hiragana

MAX_QUERY_CHARS = 200
MAX_QUERY_WORDS = 8

# Han, hiragana, katakana (incl. the prolonged sound mark) and the iteration mark.
_CJK = r"\u3005\u3041-\u309f\u30a0-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# Thai and Burmese write words without spaces, like Japanese: cut into bigrams too. Their
# vowel signs are combining marks, which ``\w`` does not match, so whole blocks are listed.
_THAI_BURMESE = r"\u0e00-\u0e7f\u1000-\u109f\ua9e0-\ua9ff\uaa60-\uaa7f"
_NGRAM = _CJK + _THAI_BURMESE
# Scripts with spaces whose letters carry combining signs (Devanagari for Nepali): kept whole.
_SIGNED = r"\u0900-\u097f"
_RUN = re.compile(rf"[{_NGRAM}]+|(?:[^\W_{_NGRAM}]|[{_SIGNED}])+")
_IS_CJK = re.compile(rf"[{_CJK}]")
_IS_NGRAM = re.compile(rf"[{_NGRAM}]")
# Latin letters with diacritics (Latin-1 Supplement to Latin Extended Additional, where
# Vietnamese lives): folded to their base letter so "tro cap" finds "trợ cấp".
_LATIN = re.compile(r"[\u00c0-\u024f\u1e00-\u1eff]")
_NO_DECOMPOSITION = {"đ": "d", "Đ": "D", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "ħ": "h"}


def _base_letter(match: re.Match) -> str:
    char = match.group(0)
    if char in _NO_DECOMPOSITION:
        return _NO_DECOMPOSITION[char]
    base = "".join(c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c))
    # One letter for one letter (ß, æ stay): offsets in folded text stay offsets in the text.
    return base if len(base) == 1 else char


def fold_latin(text: str) -> str:
    """Latin letters without their diacritics: 'Trợ cấp São Paulo' → 'Tro cap Sao Paulo'.
    Kana are left alone (NFD would strip their voicing marks: が → か)."""
    return _LATIN.sub(_base_letter, text)


def fold(text: str | None) -> str:
    """NFKC, katakana → hiragana, Latin diacritics dropped, lower case. Length-preserving after
    NFKC, so offsets in the folded text are offsets in ``normalize(text)`` (``highlight``)."""
    return fold_latin(to_hiragana(normalize(text))).lower()


def bigrams(text: str | None) -> str:
    """Space-separated index terms: CJK, Thai and Burmese runs as overlapping bigrams, other
    words whole and without diacritics.

    '技能実習生 Tanaka' → '技能 能実 実習 習生 tanaka'; 'trợ cấp' → 'tro cap'. A one-character
    run stays a unigram.
    """
    terms: list[str] = []
    for run in _RUN.findall(fold(text)):
        if _IS_NGRAM.match(run) and len(run) > 1:
            terms.extend(run[i : i + 2] for i in range(len(run) - 1))
        else:
            terms.append(run)
    return " ".join(terms)


def has_cjk(text: str) -> bool:
    """Whether ``text`` holds Japanese script (then it is matched only through bigrams)."""
    return _IS_CJK.search(text) is not None


def needs_ngrams(text: str) -> bool:
    """Whether ``text`` holds a script written without spaces (Japanese, Chinese, Thai,
    Burmese): then it is matched only through bigrams, never by the standard analyzer."""
    return _IS_NGRAM.search(text) is not None


_LONG_VOWELS = re.compile(r"ou|oo|uu|aa|ii|ee")
_MARKED = re.compile(r"[\u0302\u0304]")  # combining circumflex and macron: ō, ô → o


def short_vowels(word: str) -> str:
    """'sherutaa' → 'sheruta', 'kyouto' → 'kyoto', 'kyōto' → 'kyoto': the spelling of people
    who drop long vowels or write them with a macron."""
    plain = _MARKED.sub("", unicodedata.normalize("NFD", word))
    return _LONG_VOWELS.sub(lambda m: m.group(0)[0], plain)


def romaji_variants(romaji: str) -> str:
    """'satou kyouko' → 'satou kyouko sato kyoko': each word, then its short-vowel spelling
    where that differs (newcomers rarely type the long vowels)."""
    words = romaji.split()
    return " ".join(dict.fromkeys([*words, *(short_vowels(w) for w in words)]))


def query_words(q: str | None) -> list[str]:
    """The search box's words: normalised, bounded in length and count, symbols dropped."""
    text = normalize(q)[:MAX_QUERY_CHARS]
    words = [w for w in text.split(" ") if _RUN.search(w)]
    return words[:MAX_QUERY_WORDS]


def highlight(text: str | None, words: list[str], *, length: int = 160) -> SafeString:
    """An HTML snippet of ``text`` around the first match of any word, escaped before <mark>."""
    source = normalize(text)
    folded = fold(source)
    spans = []
    for word in words:
        needle = fold(word)
        if not needle:
            continue
        start = folded.find(needle)
        while start != -1:
            spans.append((start, start + len(needle)))
            start = folded.find(needle, start + len(needle))
    spans.sort()
    window_start = max(0, spans[0][0] - length // 3) if spans else 0
    window_end = min(len(source), window_start + length)
    # Latin text is cut between words, never inside one ("Indonesian", not "Ind…"); Japanese
    # has no spaces and may be cut anywhere.
    if 0 < window_start < len(source) and source[window_start - 1 : window_start + 1].isalnum():
        space = source.find(" ", window_start, window_start + length // 3)
        window_start = space + 1 if space != -1 else window_start
    if window_end < len(source) and source[window_end - 1 : window_end + 1].isalnum():
        space = source.rfind(" ", window_end - length // 3, window_end)
        window_end = space if space != -1 else window_end
    parts, cursor = [], window_start
    for start, end in spans:
        if start < cursor or end > window_end:
            continue
        parts.append(html.escape(source[cursor:start]))
        parts.append(f"<mark>{html.escape(source[start:end])}</mark>")
        cursor = end
    parts.append(html.escape(source[cursor:window_end]))
    prefix = "…" if window_start > 0 else ""
    suffix = "…" if window_end < len(source) else ""
    return mark_safe(prefix + "".join(parts) + suffix)  # every part was escaped above
