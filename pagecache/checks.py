"""System check: the Redis behind the page cache must be allowed to evict.

The page cache stores an entry per URL a reader (or a crawler, or an
attacker) asks for, each with a lifetime; Redis must drop the least recently
used ones when it is full (``maxmemory`` set, ``maxmemory-policy`` one of the
``allkeys-*`` or ``volatile-*`` policies: every entry has a timeout).
``noeviction`` makes a full Redis refuse every write (docs/operations.md).
Runs with every management command, and ``manage.py check --deploy
--fail-level WARNING`` (the production start-up) fails on it.
"""

from __future__ import annotations

import redis
from django.conf import settings
from django.core import checks

REDIS_BACKENDS = ("pagecache.redis.RedisCache", "django.core.cache.backends.redis.RedisCache")


def _redis_locations() -> list[str]:
    config = settings.CACHES.get("default", {})
    if config.get("BACKEND") not in REDIS_BACKENDS:
        return []
    location = config.get("LOCATION", "")
    return location if isinstance(location, list) else [u for u in str(location).split(",") if u]


def memory_settings(url: str) -> dict[str, object]:
    """``maxmemory`` and ``maxmemory_policy`` from INFO (allowed where CONFIG
    is not, as on managed Redis services)."""
    client = redis.Redis.from_url(url, socket_timeout=1, socket_connect_timeout=1)
    try:
        return client.info("memory")
    finally:
        client.close()


@checks.register(checks.Tags.caches)
def check_eviction_policy(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    messages: list[checks.CheckMessage] = []
    for url in _redis_locations():
        where = url.rsplit("@", 1)[-1]  # no password in the message
        try:
            info = memory_settings(url)
        except redis.RedisError as exc:
            messages.append(checks.Warning(
                f"Could not read the eviction policy of the cache Redis at {where}: {exc}",
                hint="The page cache needs maxmemory and an evicting maxmemory-policy (docs/operations.md).",
                id="pagecache.W003",
            ))
            continue
        policy = str(info.get("maxmemory_policy", ""))
        if policy == "noeviction":
            messages.append(checks.Warning(
                f"The cache Redis at {where} has maxmemory-policy noeviction: once full it refuses every write.",
                hint="Set maxmemory-policy allkeys-lru (or volatile-lru) and a maxmemory (docs/operations.md).",
                id="pagecache.W001",
            ))
        elif not int(info.get("maxmemory", 0) or 0):
            messages.append(checks.Warning(
                f"The cache Redis at {where} has no maxmemory: cached pages grow until the machine runs out of memory.",
                hint="Set maxmemory (e.g. 1gb) with maxmemory-policy allkeys-lru (docs/operations.md).",
                id="pagecache.W002",
            ))
    return messages
