"""The Redis behind the page cache must evict: a system check warns when it
may not (noeviction) or has no memory limit, and a full noeviction Redis
costs readers nothing but the cache."""

from __future__ import annotations

import pytest
import redis
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from pagecache import resilience
from pagecache.checks import check_eviction_policy
from tests.factories import make_article
from tests.redis_server import own_redis

pytestmark = pytest.mark.django_db


@pytest.fixture
def cache_redis(settings):
    with own_redis("--maxmemory", "64mb", "--maxmemory-policy", "allkeys-lru") as url:
        settings.CACHES = {"default": {"BACKEND": "pagecache.redis.RedisCache", "LOCATION": url,
                                       "OPTIONS": {"socket_timeout": 0.5, "socket_connect_timeout": 0.5}}}
        resilience.reset()
        yield redis.Redis.from_url(url)
        resilience.reset()


def _ids() -> list[str]:
    return [m.id for m in check_eviction_policy()]


def test_an_evicting_redis_with_a_limit_passes(cache_redis):
    assert _ids() == []
    cache_redis.config_set("maxmemory-policy", "volatile-lru")
    assert _ids() == []


def test_noeviction_is_a_warning_that_fails_the_deploy_check(cache_redis):
    cache_redis.config_set("maxmemory-policy", "noeviction")
    assert _ids() == ["pagecache.W001"]
    with pytest.raises(SystemCheckError, match="noeviction"):
        call_command("check", "--fail-level", "WARNING", "--tag", "caches")


def test_no_memory_limit_is_a_warning(cache_redis):
    cache_redis.config_set("maxmemory", "0")
    assert _ids() == ["pagecache.W002"]


def test_an_unreachable_redis_is_reported(settings):
    from tests.redis_server import free_port

    settings.CACHES = {"default": {"BACKEND": "pagecache.redis.RedisCache",
                                   "LOCATION": f"redis://:secret@127.0.0.1:{free_port()}/0"}}
    messages = check_eviction_policy()
    assert [m.id for m in messages] == ["pagecache.W003"]
    assert "secret" not in messages[0].msg


def test_a_full_noeviction_redis_still_serves_pages(cache_redis, client, settings):
    settings.PAGE_CACHE_ENABLED = True
    make_article("Served from a full Redis")
    cache_redis.config_set("maxmemory-policy", "noeviction")
    cache_redis.config_set("maxmemory", "1mb")
    filler = "x" * 10_000
    try:
        for n in range(10_000):
            cache_redis.set(f"filler:{n}", filler)
    except redis.exceptions.OutOfMemoryError:
        pass
    else:
        pytest.fail("Redis never filled up")
    response = client.get("/")
    assert response.status_code == 200 and "Served from a full Redis" in response.content.decode()
