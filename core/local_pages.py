"""A per-process copy of page-cache hits, kept exact by Redis pub/sub.

Why: on Redis a page-cache hit costs a network round trip, a Lua script and
unpickling a 20 KB entry, which is most of the CPU of serving a popular
page. A worker that keeps the pages it has just served in its own memory
answers the next request for them with no I/O at all.

How it stays exact: every invalidation (``core.cache.invalidate``) also
publishes the changed dependency keys on a channel. Each worker runs one
listener thread subscribed to it, which drops the local pages that depend
on any of those keys. The process that invalidates drops its own at once,
so it never serves its own stale copy; other workers drop theirs when the
message arrives (well under a millisecond on one host).

What can go wrong, and what happens then:
* The listener is not subscribed yet (a new worker) or lost its
  connection: the local copy is emptied and unused until it has
  re-subscribed, so a missed message can never leave a stale page behind.
* The connection goes silent without closing (a half-open TCP connection
  behind a firewall or a stalled Redis): the listener pings Redis every
  ``PAGE_CACHE_LOCAL_HEARTBEAT`` seconds, and the copy is not used while
  nothing has been heard for three of those; the listener then reconnects
  as above. TCP alone could take minutes to notice.
* A message arrives while a request is copying a page from Redis: every
  message moves a counter, and a page is kept only if the counter did not
  move since the request started reading it.
* Each local page also expires with its Redis entry (the visibility
  horizon of scheduled and expiring articles) and after
  ``PAGE_CACHE_LOCAL_SECONDS`` at most.
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
import time
from collections import OrderedDict
from collections.abc import Iterable

from django.conf import settings
from django.utils.connection import ConnectionProxy

logger = logging.getLogger(__name__)

CHANNEL = "pc:invalidated"
# Sent instead of a key list when everything is stale (the cache was cleared).
EVERYTHING = "*"
LISTENER_NAME = "page-cache-listener"


def local_entries_limit() -> int:
    return int(getattr(settings, "PAGE_CACHE_LOCAL_ENTRIES", 500))


def local_max_age() -> float:
    return float(getattr(settings, "PAGE_CACHE_LOCAL_SECONDS", 60))


def heartbeat_seconds() -> float:
    return float(getattr(settings, "PAGE_CACHE_LOCAL_HEARTBEAT", 1.0))


# Silence longer than this many heartbeats means the connection is not to
# be trusted: a ping went unanswered at least twice.
SILENCE_HEARTBEATS = 3


class LocalPages:
    """The pages one process has recently served from the shared cache.

    ``backend`` is a Redis cache backend (it publishes and subscribes); one
    instance per Redis server and key prefix, made by :func:`for_backend`
    and shared by the process's threads."""

    def __init__(self, backend) -> None:
        self._backend = backend
        self._lock = threading.Lock()
        # key -> (entry, its dependency names, monotonic expiry)
        self._pages: OrderedDict[str, tuple[dict, frozenset[str], float]] = OrderedDict()
        self._seq = 0
        self._listening = False
        # monotonic time after which the listener counts as deaf: moved on
        # by every message and pong from Redis.
        self._trusted_until = 0.0
        self._pid = 0
        self._thread: threading.Thread | None = None

    # -- the request path ---------------------------------------------------------

    def get(self, key: str) -> dict | None:
        if self._pid != os.getpid():
            self._start()
            return None
        now = time.monotonic()
        if not self._listening or now > self._trusted_until:
            return None
        with self._lock:
            found = self._pages.get(key)
            if found is None:
                return None
            if found[2] <= now:
                del self._pages[key]
                return None
            self._pages.move_to_end(key)
            return found[0]

    def marker(self) -> int:
        """Taken before reading a page from the shared cache; pass it to
        :meth:`put`, which refuses the page if an invalidation came since."""
        return self._seq

    def put(self, key: str, entry: dict, marker: int) -> bool:
        limit = local_entries_limit()
        expires_at = entry.get("expires_at")
        if not limit or expires_at is None or self._pid != os.getpid():
            return False
        ttl = min(expires_at - time.time(), local_max_age())
        if ttl <= 0:
            return False
        deps = frozenset(entry.get("deps", ()))
        with self._lock:
            if not self._listening or self._seq != marker:
                return False
            self._pages[key] = (entry, deps, time.monotonic() + ttl)
            self._pages.move_to_end(key)
            while len(self._pages) > limit:
                self._pages.popitem(last=False)
        return True

    # -- invalidation -------------------------------------------------------------------

    def drop(self, keys: Iterable[str]) -> None:
        """Forget the pages that depend on any of ``keys`` (all pages for
        :data:`EVERYTHING`)."""
        keys = set(keys)
        with self._lock:
            self._seq += 1
            if EVERYTHING in keys:
                self._pages.clear()
                return
            stale = [k for k, (_, deps, _) in self._pages.items() if not deps.isdisjoint(keys)]
            for k in stale:
                del self._pages[k]

    def _set_listening(self, listening: bool) -> None:
        with self._lock:
            self._seq += 1
            self._pages.clear()
            self._listening = listening

    def _heard(self, now: float, silence: float) -> None:
        self._trusted_until = now + silence

    def __len__(self) -> int:
        return len(self._pages)

    @property
    def listening(self) -> bool:
        return self._listening

    # -- the listener thread ------------------------------------------------------------

    def _start(self) -> None:
        with self._lock:
            if self._pid == os.getpid():
                return
            # A new process (a forked worker): nothing inherited is trusted.
            self._pid = os.getpid()
            self._pages.clear()
            self._listening = False
            self._seq += 1
            self._thread = threading.Thread(
                target=_listen, args=(self,), name="page-cache-listener", daemon=True
            )
            self._thread.start()

    def wait_until_listening(self, timeout: float = 5.0) -> bool:
        """For tests and warm-up: start the listener and wait for it."""
        if self._pid != os.getpid():
            self._start()
        deadline = time.monotonic() + timeout
        while not self._listening and time.monotonic() < deadline:
            time.sleep(0.01)
        return self._listening


def _listen(store: LocalPages) -> None:
    """Subscribe, and drop pages as messages come, for the life of the
    process. Reconnects after a failure, with the store unused meanwhile."""
    pause = 0.1
    while True:
        pubsub = None
        try:
            beat = heartbeat_seconds()
            silence = beat * SILENCE_HEARTBEATS
            pubsub = store._backend.subscriber()
            pubsub.subscribe(store._backend.make_key(CHANNEL))
            pinged = time.monotonic()
            while True:
                message = pubsub.get_message(timeout=beat)
                now = time.monotonic()
                if message is not None:
                    if message["type"] == "message":
                        store.drop(message["data"].decode().split("\n"))
                    store._heard(now, silence)  # any answer: a message, a pong
                    if message["type"] == "subscribe":
                        store._set_listening(True)
                        pause = 0.1
                if now - pinged >= beat:
                    # Answered in order after any message already sent, so a
                    # pong also says nothing published before it was missed.
                    pubsub.ping()
                    pinged = now
                if store._listening and now > store._trusted_until:
                    raise ConnectionError(f"no word from Redis for {silence:g} s")
        except Exception:  # noqa: BLE001 - any failure: stop using the local copy, retry
            store._set_listening(False)
            logger.warning("page cache listener lost its Redis connection; retrying", exc_info=True)
            time.sleep(pause)
            pause = min(pause * 2, 5.0)
        finally:
            if pubsub is not None:
                with contextlib.suppress(Exception):
                    pubsub.close()


_stores: dict[tuple, LocalPages] = {}
_stores_lock = threading.Lock()


def for_backend(backend) -> LocalPages | None:
    """The local page store for a cache backend that can publish
    invalidations (Redis), or None (local-memory cache, or turned off)."""
    if isinstance(backend, ConnectionProxy):
        # django.core.cache.cache: the thread's own backend object.
        backend = backend._connections[backend._alias]
    if not hasattr(backend, "subscriber") or not local_entries_limit() or not local_max_age():
        return None
    ident = (tuple(backend._servers), backend.key_prefix)
    store = _stores.get(ident)
    if store is None:
        with _stores_lock:
            store = _stores.setdefault(ident, LocalPages(backend))
    return store
