"""A dead cache server costs readers nothing but speed: pages render
without the cache, a breaker stops asking it, /healthz says "degraded"."""

from __future__ import annotations

import socket
import time

import pytest

from pagecache import resilience
from tests.factories import make_article

pytestmark = pytest.mark.django_db


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def dead_redis(settings):
    settings.PAGE_CACHE_ENABLED = True
    settings.CACHES = {"default": {
        "BACKEND": "pagecache.redis.RedisCache",
        "LOCATION": f"redis://127.0.0.1:{_closed_port()}/0",
        "OPTIONS": {"socket_timeout": 0.25, "socket_connect_timeout": 0.25},
    }}
    resilience.reset()
    yield
    resilience.reset()


def test_pages_are_served_when_redis_is_down(client, dead_redis):
    article = make_article("Served anyway", tags=["lanthanum"])
    for url in ("/", article.get_absolute_url(), "/topics/lanthanum/", "/feeds/", "/search/?q=served"):
        response = client.get(url)
        assert response.status_code == 200, url
    assert "Served anyway" in client.get("/").content.decode()


def test_the_breaker_stops_asking_a_dead_redis(client, dead_redis, monkeypatch):
    make_article("Breaker story")
    client.get("/")
    assert not resilience.available()
    import redis.connection

    def refuse(*args, **kwargs):
        raise AssertionError("Redis was asked while the breaker is open")

    monkeypatch.setattr(redis.connection.AbstractConnection, "connect", refuse)
    response = client.get("/")
    assert response.status_code == 200 and response["X-Page-Cache"] == "unavailable"


def test_the_cache_is_used_again_after_the_breaker_closes(client, dead_redis, settings):
    settings.PAGE_CACHE_BREAKER_SECONDS = 0.2
    make_article("Back again")
    client.get("/")
    assert not resilience.available()
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                                   "LOCATION": "outage-recovery"}}
    time.sleep(0.3)
    client.get("/")
    assert client.get("/")["X-Page-Cache"] == "hit"


def test_an_edit_while_redis_is_down_still_saves(client, dead_redis, django_capture_on_commit_callbacks):
    article = make_article("Edited in an outage")
    with django_capture_on_commit_callbacks(execute=True):
        article.title = "Edited while the cache was down"
        article.save()
    article.refresh_from_db()
    assert article.title == "Edited while the cache was down"


def test_healthz_reports_the_cache_as_degraded(client, dead_redis):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "degraded", "database": "ok", "cache": "unavailable"}


@pytest.fixture
def live_redis(settings):
    import os

    import redis

    url = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/13")
    try:
        redis.Redis.from_url(url, socket_connect_timeout=0.5).ping()
    except redis.exceptions.ConnectionError:
        pytest.skip(f"Redis is not reachable at {url}")
    settings.PAGE_CACHE_ENABLED = True
    settings.CACHES = {"default": {"BACKEND": "pagecache.redis.RedisCache", "LOCATION": url,
                                   "KEY_PREFIX": f"ree-outage-{os.getpid()}-{time.monotonic_ns()}"}}
    resilience.reset()
    yield
    resilience.reset()


def test_an_edit_made_during_an_outage_reaches_the_cache_when_it_is_back(client, live_redis,
                                                                         django_capture_on_commit_callbacks):
    article = make_article("Before the outage")
    url = article.get_absolute_url()
    client.get(url)
    assert client.get(url)["X-Page-Cache"] == "hit"
    resilience.trip(ConnectionError("Redis went away"))  # the cache is down while the editor saves
    try:
        with django_capture_on_commit_callbacks(execute=True):
            article.title = "Edited during the outage"
            article.save()
    finally:
        resilience.reset()  # and back
    response = client.get(url)
    assert response["X-Page-Cache"] != "hit" and "Edited during the outage" in response.content.decode()


def test_editors_can_sign_in_and_work_while_redis_is_down(client, dead_redis, settings):
    from tests.factories import PASSWORD, make_user

    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    make_user("desk", superuser=True)
    response = client.post("/admin/login/", {"username": "desk", "password": PASSWORD, "next": "/admin/"})
    assert response.status_code == 302, response.content[:500]
    assert client.get("/admin/").status_code == 200


def test_an_invalidation_the_cache_missed_is_retried_from_the_queue(dead_redis, settings):
    """A worker that purged during the outage is not the process that will
    see the cache come back: the retry goes to the (database) task queue."""
    from django.core.cache import caches
    from django_tasks_db.models import DBTaskResult

    from pagecache import invalidation

    settings.TASKS = settings.TASKS_QUEUE
    invalidation.invalidate({"article:1", "lists"})
    invalidation._pending.clear()  # as if the worker that tried had exited
    retry = DBTaskResult.objects.get(task_path="pagecache.invalidation.invalidate_later_task")
    assert retry.status == "READY" and set(retry.args_kwargs["kwargs"]["keys"]) == {"article:1", "lists"}

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "back"}}
    resilience.reset()
    before = caches["default"].get(invalidation.vkey("lists"))
    retry.task.call(**retry.args_kwargs["kwargs"])
    assert caches["default"].get(invalidation.vkey("lists")) not in (None, before)
    assert DBTaskResult.objects.count() == 1  # it reached the cache: not queued again


def test_retries_stop_once_every_entry_from_before_has_expired(dead_redis, settings):
    import time as clock

    from django_tasks_db.models import DBTaskResult

    from pagecache import invalidation

    settings.TASKS = settings.TASKS_QUEUE
    invalidation.invalidate({"lists"}, retry_until=clock.time() - 1)
    invalidation._pending.clear()
    assert not DBTaskResult.objects.exists()
