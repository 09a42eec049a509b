"""Where cached pages live: Django's cache (alias ``pages``), under a generation token.

Every key carries the current generation. Invalidation replaces the generation with a fresh
random token, which orphans every stored page at once (they expire by their TTL); a lost token
(evicted, Redis restarted) is replaced the same way, so an old page can never come back.
"""

import hashlib
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse

ALIAS = "pages"
_GENERATION = "page-cache:generation"
# Response headers a stored page keeps; the rest (cookies above all) are never stored.
_KEPT_HEADERS = {
    "content-type",
    "content-language",
    "vary",
    "x-frame-options",
    "x-content-type-options",
    "referrer-policy",
    "cross-origin-opener-policy",
    "strict-transport-security",
    "last-modified",
    "etag",
}


@dataclass(frozen=True)
class StoredPage:
    status: int
    headers: tuple[tuple[str, str], ...]
    content: bytes


def _cache():
    return caches[ALIAS]


def generation() -> str:
    cache = _cache()
    token = cache.get(_GENERATION)
    if token is None:
        cache.add(_GENERATION, uuid.uuid4().hex, timeout=None)
        token = cache.get(_GENERATION)
    return token


def invalidate() -> None:
    """Drop every cached page: the next request of each URL renders afresh."""
    _cache().set(_GENERATION, uuid.uuid4().hex, timeout=None)


def key_for(*, url: str, language: str) -> str:
    digest = hashlib.sha256(f"{language}|{url}".encode()).hexdigest()
    return f"page-cache:{generation()}:{digest}"


def load(key: str) -> HttpResponse | None:
    stored = _cache().get(key)
    if not isinstance(stored, StoredPage):
        return None
    response = HttpResponse(stored.content, status=stored.status)
    for name, value in stored.headers:
        response.headers[name] = value
    return response


def save(key: str, response: HttpResponse, *, seconds: int) -> None:
    headers = tuple(
        (name, value) for name, value in response.headers.items() if name.lower() in _KEPT_HEADERS
    )
    page = StoredPage(status=response.status_code, headers=headers, content=response.content)
    _cache().set(key, page, timeout=seconds)


def ttl_setting() -> int:
    return settings.PAGE_CACHE_SECONDS
