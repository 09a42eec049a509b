"""The one Elasticsearch client, with a short timeout and a circuit breaker.

A slow or dead server must never hold a web request for long: requests time out after one
second, and after a failure every caller fails fast for ``BREAKER_SECONDS`` instead of waiting.
Writes that narrow what a viewer can find (a hide, a lapse, a withdrawal) are the exception:
``insist`` tries them past an open breaker, a few times, because one slow search must not
leave a hidden member findable.
"""

import math
import threading
import time
from collections.abc import Callable
from functools import lru_cache
from typing import TypeVar

from django.conf import settings
from elasticsearch import ApiError, Elasticsearch, NotFoundError, TransportError

REQUEST_TIMEOUT = 1.0
BULK_TIMEOUT = 120.0
BREAKER_SECONDS = 5.0
# A narrowing write is tried this many times, waiting between tries: bounded, because it runs
# in the request that saved the change (at worst about 3 × 1 s timeouts plus 0.6 s of waiting).
NARROWING_ATTEMPTS = 3
NARROWING_PAUSE = 0.2

T = TypeVar("T")


class SearchUnavailable(Exception):
    """Elasticsearch refused, timed out or failed; callers degrade instead of erroring."""


@lru_cache(maxsize=4)
def _client(url: str) -> Elasticsearch:
    # ELASTICSEARCH_URL may name several nodes of one cluster. A refused connection then moves
    # on to the next node (one try per other node); a timeout is never retried.
    nodes = [node.strip() for node in url.split(",") if node.strip()]
    return Elasticsearch(
        nodes, request_timeout=REQUEST_TIMEOUT, max_retries=len(nodes) - 1, retry_on_timeout=False
    )


def get_client() -> Elasticsearch:
    return _client(settings.ELASTICSEARCH_URL)


class CircuitBreaker:
    def __init__(self, seconds: float):
        self.seconds = seconds
        self._open_until = 0.0
        self._lock = threading.Lock()

    @property
    def is_open(self) -> bool:
        return time.monotonic() < self._open_until

    def reset(self) -> None:
        with self._lock:
            self._open_until = 0.0

    def call(self, operation: Callable[[Elasticsearch], T]) -> T:
        if self.is_open:
            raise SearchUnavailable("Elasticsearch is unavailable (circuit open)")
        return self._attempt(operation)

    def insist(self, operation: Callable[[Elasticsearch], T]) -> T:
        """Run ``operation`` even while the breaker is open, retrying a few times; raises
        SearchUnavailable when every try failed (the caller then queues it for repair)."""
        attempt = 1
        while True:
            try:
                return self._attempt(operation)
            except SearchUnavailable as error:
                # A missing index is not a passing outage: waiting would not help.
                if attempt >= NARROWING_ATTEMPTS or isinstance(error.__cause__, NotFoundError):
                    raise
            time.sleep(NARROWING_PAUSE * attempt)
            attempt += 1

    def _attempt(self, operation: Callable[[Elasticsearch], T]) -> T:
        try:
            return operation(get_client())
        except TransportError as error:  # refused, timed out, connection reset
            with self._lock:
                self._open_until = time.monotonic() + self.seconds
            raise SearchUnavailable(f"Elasticsearch is unavailable: {error}") from error
        except NotFoundError as error:  # an index not built yet: degrade, the server is fine
            raise SearchUnavailable(f"search index missing: {error}") from error
        except ApiError as error:
            if error.meta.status >= 500:
                raise SearchUnavailable(f"Elasticsearch failed: {error}") from error
            raise


breaker = CircuitBreaker(BREAKER_SECONDS)


def retry_after() -> str:
    """The Retry-After of a search 503: the breaker answers at once until it closes again."""
    return str(math.ceil(breaker.seconds))
