"""Which requests may be answered from the page cache, and which responses may be stored.

The rule is one-sided on purpose: anything that could make a page differ between visitors
(a user, a session, a message, a CSRF token, a CSP nonce, a cookie being set) keeps the
response out of the cache, and such a request never reads from it either.
"""

from django.conf import settings
from django.utils.cache import cc_delim_re

# The views whose anonymous answer is the same for every visitor: Wagtail pages (with their
# feeds and .ics files), the directory, group and person pages, site search and the sitemap.
CACHEABLE_VIEWS = {
    "wagtail_serve",
    "directory",
    "members:group",
    "members:person",
    "search:site",
    "sitemap",
    "robots",
}
# A Vary on these is covered by the rule and the key: no session (so Cookie makes no
# difference to what is rendered) and the language in the key (Accept-Language).
_COVERED_VARY = {"cookie", "accept-language"}


def _harmless_cookies() -> set[str]:
    # Neither changes what a page shows: the CSRF cookie only matters to a view that asks for
    # the token (and such a response sets the cookie, so it is never stored); the language is
    # part of the key.
    return {settings.CSRF_COOKIE_NAME, settings.LANGUAGE_COOKIE_NAME}


def is_cacheable_view(request) -> bool:
    match = getattr(request, "resolver_match", None)
    return match is not None and match.view_name in CACHEABLE_VIEWS


def may_use_cache(request) -> bool:
    """True for an anonymous GET without any per-visitor cookie, outside previews."""
    if request.method != "GET" or "preview" in request.GET:
        return False
    if set(request.COOKIES) - _harmless_cookies():
        return False
    user = getattr(request, "user", None)
    return user is None or not user.is_authenticated


def may_store(response) -> bool:
    if response.status_code != 200 or response.streaming:
        return False
    if response.cookies or response.has_header("Set-Cookie"):
        return False
    cache_control = {
        part.split("=")[0].strip().lower()
        for part in cc_delim_re.split(response.get("Cache-Control", ""))
    }
    if cache_control & {"private", "no-store", "no-cache"}:
        return False
    vary = {v.strip().lower() for v in cc_delim_re.split(response.get("Vary", "")) if v.strip()}
    if vary - _COVERED_VARY:
        return False
    csp = response.get("Content-Security-Policy", "") + response.get(
        "Content-Security-Policy-Report-Only", ""
    )
    return "nonce-" not in csp
