"""The per-locale share counts only what gettext would show a reader."""

from devtools.translation_status import entries

CATALOGUE = """msgid ""
msgstr ""
"Language: vi\\n"

msgid "Search"
msgstr "Tìm kiếm"

#, fuzzy
#| msgid "Searches"
msgid "Search again"
msgstr "Tìm kiếm"

msgid "Empty"
msgstr ""

msgctxt "member group"
msgid "group"
msgstr "nhóm"

msgid "%(count)s group"
msgid_plural "%(count)s groups"
msgstr[0] "%(count)s nhóm"
"""


def test_fuzzy_and_empty_entries_are_not_translated(tmp_path):
    path = tmp_path / "django.po"
    path.write_text(CATALOGUE, encoding="utf-8")
    assert entries(path) == {
        ("", "Search"): True,
        ("", "Search again"): False,  # a fuzzy guess: gettext ignores it
        ("", "Empty"): False,
        ("member group", "group"): True,
        ("", "%(count)s group"): True,
    }
