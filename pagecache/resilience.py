"""The page cache keeps the site up when its cache server is not.

A failed cache call (connection refused, timeout) opens the breaker: for
``PAGE_CACHE_BREAKER_SECONDS`` the page cache is not asked at all, so a dead
Redis costs no per-request wait, and pages are rendered as on a miss. After
that one request tries again; success closes the breaker.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import OutOfMemoryError as RedisOutOfMemoryError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

# What a cache that is down or unreachable raises; and a full Redis that
# may not evict ("OOM command not allowed"), which refuses writes.
CACHE_ERRORS: tuple[type[BaseException], ...] = (
    RedisConnectionError, RedisTimeoutError, RedisOutOfMemoryError, OSError,
)

_lock = threading.Lock()
_open_until = 0.0


def breaker_seconds() -> float:
    return float(getattr(settings, "PAGE_CACHE_BREAKER_SECONDS", 10))


def available() -> bool:
    """False while the breaker is open (the cache failed recently)."""
    return time.monotonic() >= _open_until


def trip(exc: BaseException) -> None:
    global _open_until
    with _lock:
        first = time.monotonic() >= _open_until
        _open_until = time.monotonic() + breaker_seconds()
    if first:
        logger.warning("Page cache unavailable, serving without it for %ss: %s", breaker_seconds(), exc)


def reset() -> None:
    global _open_until
    with _lock:
        _open_until = 0.0


@contextmanager
def guard() -> Iterator[None]:
    """Run a cache call; a cache that is down opens the breaker instead of
    failing the request."""
    try:
        yield
    except CACHE_ERRORS as exc:
        trip(exc)
