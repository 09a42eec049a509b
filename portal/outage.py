"""A clear 503 page while the database is unreachable (restart, failover, network blip).

A lost database surfaces as ``OperationalError`` or ``InterfaceError`` from whichever query runs
first. Without this, the visitor gets the generic 500 page and nothing tells a proxy or a
crawler that the outage is temporary. Two entry points share one response:
- ``DatabaseOutageMiddleware`` for errors raised by views (the usual case), so the response
  still passes through the other middleware;
- ``portal.errors.server_error`` (``handler500``) for errors raised by a middleware, e.g. the
  session or the user loaded before the view runs.
Recovery needs nothing from here: ``CONN_HEALTH_CHECKS`` makes each worker drop a dead
persistent connection and reconnect on the next request.
"""

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.utils import translation
from django.utils.cache import add_never_cache_headers

DATABASE_ERRORS = (OperationalError, InterfaceError)
# Seconds a client should wait: a PostgreSQL restart takes a few seconds.
RETRY_AFTER_SECONDS = 10


def is_database_outage(exception: BaseException | None) -> bool:
    return isinstance(exception, DATABASE_ERRORS)


def database_unavailable(request) -> HttpResponse:
    """The 503 page in the visitor's language, rendered without the database or request context."""
    language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
    home = "/" if language == settings.LANGUAGE_CODE else f"/{language}/"
    with translation.override(language):
        html = loader.render_to_string("503.html", {"language": language, "home_url": home})
    response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    # Neither a browser nor the page cache may keep an outage page once the database is back.
    add_never_cache_headers(response)
    return response


class DatabaseOutageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if is_database_outage(exception):
            return database_unavailable(request)
        return None
