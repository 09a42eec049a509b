"""Furigana for やさしい日本語: editors write a reading after the kanji it belongs to in the
notation Japanese editors already know (青空文庫's 《》, with ｜ to mark where the base starts):
「在留資格《ざいりゅうしかく》」 or 「｜日本語教室《にほんごきょうしつ》」. Pages render it as <ruby>,
which readers can switch off and on (static/js/ruby.js)."""

import html
import re

from django.utils.safestring import SafeString, mark_safe

_KANJI = r"[\u3005\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"
_READING = r"[\u3041-\u309f\u30a0-\u30ff]+"
# ｜base《reading》 (any base up to the bar), or kanji《reading》 (the kanji run before it).
_MARKED = re.compile(rf"｜([^｜《》<>]+)《({_READING})》|({_KANJI}+)《({_READING})》")


def _ruby(match: re.Match) -> str:
    base = match.group(1) or match.group(3)
    reading = match.group(2) or match.group(4)
    return f"<ruby>{base}<rp>(</rp><rt>{reading}</rt><rp>)</rp></ruby>"


def with_ruby(text, *, is_html: bool) -> SafeString:
    """``text`` with its 《》 readings as <ruby>. Plain text is escaped first; HTML (rich text
    rendered by Wagtail) is already safe, and only kana and kanji enter the markup."""
    source = str(text) if is_html else html.escape(str(text))
    return mark_safe(_MARKED.sub(_ruby, source))  # base and reading hold no markup
