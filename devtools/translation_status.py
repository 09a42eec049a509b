"""The share of interface strings translated in each site language's catalogue.

The Japanese catalogue is complete, so its entries are the whole list; a language's share is
how many of those have a translation (every plural form filled in) in its own ``.po`` file.
"""

import re
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils.translation import to_locale

_STRING = re.compile(r'"((?:[^"\\]|\\.)*)"')


@dataclass(frozen=True)
class Share:
    code: str
    translated: int
    total: int

    @property
    def percent(self) -> float:
        return 100 * self.translated / self.total if self.total else 0.0


def entries(path: Path) -> dict[tuple[str, str], bool]:
    """(msgctxt, msgid) → whether every msgstr is filled in and not fuzzy (gettext ignores
    a fuzzy guess, so the reader sees the fallback); the header is left out."""
    found = {}
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        fields: dict[str, str] = {}
        key = None
        fuzzy = any(
            line.startswith("#,") and "fuzzy" in line.split() for line in block.splitlines()
        )
        for line in block.splitlines():
            if line.startswith("#"):
                continue
            keyword = line.split(" ", 1)[0] if not line.startswith('"') else key
            key = keyword
            fields[key] = fields.get(key, "") + "".join(_STRING.findall(line))
        if fields.get("msgid"):
            strings = [value for name, value in fields.items() if name.startswith("msgstr")]
            filled = bool(strings) and all(strings) and not fuzzy
            found[(fields.get("msgctxt", ""), fields["msgid"])] = filled
    return found


def shares(locale_dir: Path | None = None) -> list[Share]:
    """One ``Share`` per language of ``settings.LANGUAGES`` except English (the msgids)."""
    locale_dir = locale_dir or Path(settings.LOCALE_PATHS[0])
    reference = entries(locale_dir / "ja" / "LC_MESSAGES" / "django.po")
    result = []
    for code, _name in settings.LANGUAGES:
        if code == "en":
            continue
        path = locale_dir / to_locale(code) / "LC_MESSAGES" / "django.po"
        own = entries(path) if path.exists() else {}
        translated = sum(1 for key in reference if own.get(key))
        result.append(Share(code, translated, len(reference)))
    return result
