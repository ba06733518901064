"""Cached pages: their keys, lookup, storage and the visibility horizon.

Visibility is decided from the clock (scheduled articles appear, expiring
ones vanish, with no job running), so an entry never outlives the next
moment something becomes or stops being visible (the "horizon"), which the
content app tells us through :func:`set_horizon_source`.
"""

from __future__ import annotations

import datetime
import hashlib
import time
from collections.abc import Callable
from typing import NamedTuple

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.utils import timezone
from django.utils.http import urlencode

from .invalidation import EPOCH_KEY, HORIZON_KEY, current_versions, new_version, versions_match, vkey

ENTRY_PREFIX = "pc:e:"

_UNREAD = object()
_horizon_source: Callable[[datetime.datetime], datetime.datetime | None] | None = None


def page_cache_enabled() -> bool:
    return getattr(settings, "PAGE_CACHE_ENABLED", True)


def page_cache_timeout() -> int:
    return int(getattr(settings, "PAGE_CACHE_TIMEOUT", 900))


def set_horizon_source(source: Callable[[datetime.datetime], datetime.datetime | None]) -> None:
    """``source(now)``: the next moment after ``now`` when what readers may
    see changes by the clock alone (a scheduled publish, an expiry)."""
    global _horizon_source
    _horizon_source = source


def visibility_horizon(now: datetime.datetime | None = None, stamp: object = _UNREAD) -> datetime.datetime | None:
    """The next clock-driven visibility change; cached until then or until
    the next invalidation. ``stamp`` is the cached value when the caller has
    read it already."""
    now = now or timezone.now()
    if stamp is _UNREAD:
        stamp = cache.get(HORIZON_KEY)
    if stamp is not None:
        return None if stamp == "none" else datetime.datetime.fromtimestamp(stamp, tz=datetime.UTC)
    horizon = _horizon_source(now) if _horizon_source is not None else None
    if horizon is None:
        cache.set(HORIZON_KEY, "none", timeout=page_cache_timeout())
    else:
        ttl = max(1, min(int((horizon - now).total_seconds()), page_cache_timeout()))
        cache.set(HORIZON_KEY, horizon.timestamp(), timeout=ttl)
    return horizon


def seconds_until_horizon(now: datetime.datetime | None = None, state: CacheState | None = None) -> int:
    now = now or timezone.now()
    horizon = visibility_horizon(now, _UNREAD if state is None else state.horizon)
    if horizon is None:
        return page_cache_timeout()
    return max(0, min(page_cache_timeout(), int((horizon - now).total_seconds())))


def clock_bounded(timeout: int) -> int:
    """``timeout`` cut at the next clock-driven visibility change: what a
    cached count or list says must not outlive that moment (0: do not
    cache, the moment is now)."""
    return min(int(timeout), seconds_until_horizon())


def entry_key(request: HttpRequest) -> str:
    raw = f"{request.scheme}://{request.get_host()}{request.path}?{_canonical_query(request)}"
    return ENTRY_PREFIX + hashlib.sha256(raw.encode()).hexdigest()


def _canonical_query(request: HttpRequest) -> str:
    """The query string as far as pages read it: known parameters only
    (``PAGE_CACHE_QUERY_PARAMS``), sorted, so ``?utm_source=x`` or a random
    ``?x=`` shares the plain page's entry instead of forcing a render and
    filling the cache. A page that reads a parameter not listed would be
    served the wrong copy, hence the list is in settings next to the views."""
    full = request.path.startswith(tuple(getattr(settings, "PAGE_CACHE_FULL_QUERY_PREFIXES", ())))
    allowed = set(getattr(settings, "PAGE_CACHE_QUERY_PARAMS", ()))
    pairs = sorted((k, v) for k, values in request.GET.lists() if full or k in allowed for v in values)
    return urlencode(pairs)


# Caches other than Redis (which checks versions itself, see redis.py):
# entry key -> the dependency versions its entry recorded when this process
# last saw it. Lets a hit read the entry and check its versions in ONE round
# trip. Only a hint: a wrong or missing one costs a second round trip, never
# a stale page (the entry's own record is always compared).
_deps_hint: dict[str, dict[str, int]] = {}
_HINT_LIMIT = 20_000


def _remember(key: str, versions: dict[str, int]) -> None:
    if len(_deps_hint) >= _HINT_LIMIT:
        _deps_hint.clear()
    _deps_hint[key] = versions


class CacheState(NamedTuple):
    """What a lookup read besides the page: the epoch (to refuse storing a
    render that an invalidation overtook), on Redis the epoch exactly as
    stored and the visibility horizon (read in the same round trip)."""

    epoch: str | None
    raw_epoch: bytes | None = None
    horizon: object = _UNREAD


def lookup(key: str) -> tuple[CacheState, dict | None]:
    """(state, entry) where ``entry`` is a still-valid cached page or None."""
    if hasattr(cache, "get_page"):
        # Redis: the entry carries its dependency list, checked on the server.
        entry, epoch, raw_epoch, horizon, matched = cache.get_page(key, EPOCH_KEY, HORIZON_KEY)
        return CacheState(epoch, raw_epoch, horizon), entry if matched else None
    hint = _deps_hint.get(key, {})
    found = cache.get_many([key, EPOCH_KEY, *(vkey(d) for d in hint)])
    entry, state = found.get(key), CacheState(found.get(EPOCH_KEY))
    if entry is None:
        return state, None
    if entry["deps"] == hint and all(found.get(vkey(d)) == v for d, v in hint.items()):
        return state, entry
    valid = versions_match(entry["deps"])
    if valid:
        _remember(key, entry["deps"])
    return state, entry if valid else None


def store_entry(key: str, entry: dict, deps: set[str], state: CacheState, timeout: int) -> bool:
    """Store ``entry`` with the versions of ``deps``, unless an invalidation
    happened while the page rendered (the epoch moved)."""
    if timeout <= 0:
        return False
    timeout = min(timeout, _replica_lag_timeout(state.epoch))
    entry["expires_at"] = time.time() + timeout
    if hasattr(cache, "store_page"):
        # Redis reads the versions, compares the epoch and writes in one
        # script; the versions are kept beside the page, not in it.
        names = sorted(set(deps))
        entry["deps"] = names
        return cache.store_page(key, entry, [vkey(d) for d in names], new_version(),
                                EPOCH_KEY, state.raw_epoch, timeout)
    versions = current_versions(deps)
    if cache.get(EPOCH_KEY) != state.epoch:
        return False
    entry["deps"] = versions
    cache.set(key, entry, timeout=timeout)
    _remember(key, versions)
    return True


def _replica_lag_timeout(epoch: str | None) -> int:
    """Right after a change, a render may have read a replica that has not
    replayed it yet: keep such pages only for the lag allowance."""
    lag = int(getattr(settings, "PAGE_CACHE_REPLICA_LAG", 5))
    replicas = [alias for alias in settings.DATABASES if alias.startswith("replica")]
    if not epoch or not lag or not replicas:
        return page_cache_timeout()
    changed_at = float(epoch.split(":", 1)[0])
    return lag if time.time() - changed_at < lag else page_cache_timeout()
