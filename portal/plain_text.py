"""Plain text of page content, for the ``search_text()`` protocol that search serializers read.

Pages expose ``search_kind`` (a short string) and ``search_text() -> str`` so the search app
never has to know how each page type stores its words.
"""

from wagtail.rich_text import get_text_for_indexing


def rich_text(html: str) -> str:
    return get_text_for_indexing(html or "")


def stream_text(value) -> str:
    """Every searchable string of a StreamField value, rich text stripped of markup."""
    if not value:
        return ""
    parts = value.stream_block.get_searchable_content(value)
    return " ".join(rich_text(part) for part in parts if part)


def join_text(*parts: str) -> str:
    return "\n".join(part.strip() for part in parts if part and part.strip())
