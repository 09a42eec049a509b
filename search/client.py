"""The one Elasticsearch client, with a short timeout and a circuit breaker.

A slow or dead server must never hold a web request for long: requests time out after one
second, and after a failure every caller fails fast for ``BREAKER_SECONDS`` instead of waiting.
"""

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
