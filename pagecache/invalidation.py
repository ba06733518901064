"""Dependency versions and their invalidation, here and at a CDN.

Each dependency key has a random version in the cache; a stored page keeps
the versions it was rendered with, and is valid while they all still match.
:func:`invalidate` gives keys new versions (here: the shared cache);
:func:`purge` does that and asks the CDN in front, if any, to drop every
response tagged with those keys (``Surrogate-Key`` / ``Cache-Tag``).
"""

from __future__ import annotations

import datetime
import json
import logging
import secrets
import time
import urllib.request
import uuid
from collections.abc import Iterable

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from . import resilience

logger = logging.getLogger(__name__)

VERSION_PREFIX = "pc:v:"
EPOCH_KEY = "pc:epoch"
HORIZON_KEY = "pc:horizon"


def page_cache_timeout() -> int:
    return int(getattr(settings, "PAGE_CACHE_TIMEOUT", 900))


class CDNPurgeError(Exception):
    """The CDN did not accept a purge (the local invalidation happened)."""


def vkey(dep: str) -> str:
    return VERSION_PREFIX + dep


def new_version() -> int:
    # Random, not a counter: no read-modify-write, and a key recreated after
    # eviction can never repeat a version an old entry recorded.
    return secrets.randbits(62)


def current_versions(deps: Iterable[str]) -> dict[str, int]:
    """Version of each dependency; missing ones get a fresh version (never a
    default), so an evicted version key can only cause a miss, never a stale
    hit."""
    deps = sorted(set(deps))
    found = cache.get_many([vkey(d) for d in deps])
    versions = {d: found.get(vkey(d)) for d in deps}
    missing = [d for d, v in versions.items() if v is None]
    for dep in missing:
        cache.add(vkey(dep), new_version(), timeout=None)
    if missing:
        again = cache.get_many([vkey(d) for d in missing])
        versions.update({d: again.get(vkey(d)) for d in missing})
    return versions


def versions_match(recorded: dict[str, int]) -> bool:
    if not recorded:
        return True
    found = cache.get_many([vkey(d) for d in recorded])
    return all(found.get(vkey(d)) == v for d, v in recorded.items())


# Keys whose invalidation could not reach the cache (it was down): sent
# again by this process as soon as the cache answers, so pages stored before
# an outage do not outlive an edit made during it.
_pending: set[str] = set()


def invalidate(keys: Iterable[str], *, retry_until: float | None = None) -> None:
    """Give each dependency key a new version: every cached page that
    recorded the old one is stale from now on. Also moves the epoch (renders
    in flight will not store what they read before this change) and forgets
    the visibility horizon. With the cache down, the keys wait in
    ``_pending`` for it to come back (``retry_pending``, this process), and
    a task retries them (:func:`invalidate_later_task`, any process): pages
    stored before the outage must not be served after it."""
    keys = set(keys) | _pending
    if not keys:
        return
    if not resilience.available():
        _pending.update(keys)
        _retry_later(keys, retry_until)
        return
    fresh = {vkey(k): new_version() for k in keys}
    fresh[EPOCH_KEY] = f"{time.time():.3f}:{uuid.uuid4().hex}"
    failed: list | None = None
    with resilience.guard():
        failed = cache.set_many(fresh, timeout=None)
        cache.delete(HORIZON_KEY)
    if failed is None or failed or not resilience.available():
        _pending.update(keys)
        _retry_later(keys, retry_until)
    else:
        _pending.difference_update(keys)


def _retry_later(keys: set[str], retry_until: float | None) -> None:
    """Queue the invalidation again for when the breaker has closed, until
    every entry stored before it has expired by itself (after that nothing
    stale is left to drop). The queue is the database, up when Redis is not."""
    now = time.time()
    until = now + page_cache_timeout() if retry_until is None else retry_until
    if now >= until:
        return
    if not invalidate_later_task.get_backend().supports_defer:
        return  # the tests' immediate backend: _pending covers it
    run_after = timezone.now() + datetime.timedelta(seconds=resilience.breaker_seconds())
    try:
        invalidate_later_task.using(run_after=run_after).enqueue(keys=sorted(keys), until=until)
    except Exception:  # the queue unreachable too: _pending is all there is
        logger.exception("Could not queue the retry of a page-cache invalidation")


@task()
def invalidate_later_task(*, keys: list[str], until: float) -> int:
    """An invalidation the cache missed (it was down), tried again; queues
    itself once more while the cache stays down."""
    invalidate(keys, retry_until=until)
    return len(keys)


def retry_pending() -> None:
    """Send invalidations the cache missed while it was down."""
    if _pending and resilience.available():
        invalidate(())


def cdn_purge(keys: Iterable[str]) -> None:
    """Ask the CDN to drop responses tagged with ``keys``: a POST of
    ``{"tags": [...], "surrogate_keys": [...]}`` with the keys also in a
    ``Surrogate-Key`` header, to ``PAGE_CACHE_CDN_PURGE_URL`` (a Varnish
    xkey endpoint, Fastly's or Cloudflare's purge API, or a small relay).
    Raises :class:`CDNPurgeError` when the CDN refuses, so a task can retry."""
    url = getattr(settings, "PAGE_CACHE_CDN_PURGE_URL", "")
    keys = sorted(set(keys))
    if not url or not keys:
        return
    headers = {"Content-Type": "application/json", "Surrogate-Key": " ".join(keys)}
    token = getattr(settings, "PAGE_CACHE_CDN_PURGE_TOKEN", "")
    if token:
        headers["Authorization"] = f"Bearer {token}"
    body = json.dumps({"tags": keys, "surrogate_keys": keys}).encode()
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")  # noqa: S310 (URL from settings)
    try:
        with urllib.request.urlopen(request, timeout=getattr(settings, "PAGE_CACHE_CDN_PURGE_TIMEOUT", 5)) as r:  # noqa: S310
            status = r.status
    except OSError as exc:
        raise CDNPurgeError(f"CDN purge of {len(keys)} keys failed: {exc}") from exc
    if not 200 <= status < 300:
        raise CDNPurgeError(f"CDN purge of {len(keys)} keys answered {status}")


def purge(*, keys: Iterable[str]) -> None:
    """Invalidate ``keys`` in the page cache, then at the CDN when
    ``PAGE_CACHE_CDN_PURGE_URL`` is set. Meant to run in a background task:
    the CDN call is a network request; a failed one raises CDNPurgeError
    after the local invalidation is done."""
    keys = set(keys)
    invalidate(keys)
    cdn_purge(keys)


def invalidate_everything(*, keys: Iterable[str]) -> bool:
    """Make every cached page stale, here and at the CDN (``keys`` are the
    ones every page and every cached count depends on: ``SITE`` and
    ``LISTS``). For a restore or a bulk change no signal heard. Returns
    False when the cache could not be reached (nothing was invalidated
    there); raises CDNPurgeError when the CDN refused."""
    keys = set(keys)
    invalidate(keys)
    reached = resilience.available() and not (_pending & keys)
    cdn_purge(keys)
    return reached


@task()
def cdn_purge_task(*, keys: list[str]) -> int:
    """The CDN's half of an invalidation, in the task worker: a network call
    that must not hold up an editor's save. A refused purge fails the task,
    which the task admin shows and can retry."""
    cdn_purge(keys)
    return len(keys)


def invalidate_on_commit(keys: Iterable[str]) -> None:
    """On commit: the local invalidation at once (a few cache writes, so the
    next reader gets a fresh page); the CDN's purge in a background task."""
    keys = set(keys)

    def run() -> None:
        invalidate(keys)
        if getattr(settings, "PAGE_CACHE_CDN_PURGE_URL", ""):
            cdn_purge_task.enqueue(keys=sorted(keys))

    transaction.on_commit(run, robust=True)
