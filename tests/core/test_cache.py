"""The anonymous page cache: hits cost no SQL, changes show at once on the
pages they touch and only there, editors always see fresh pages."""

from __future__ import annotations

import datetime
import os
import time

import pytest
from django.conf import settings
from django.test import TestCase
from django.utils import timezone

from articles.events import public_content_changed
from articles.models import Article
from core import cache as page_cache
from tests.factories import make_article, make_official, make_position, make_user

pytestmark = pytest.mark.django_db

def committed_change(**kwargs) -> None:
    """``public_content_changed`` as after a commit: its task is enqueued and
    runs (the tests' immediate backend)."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        public_content_changed(**kwargs)



@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.PAGE_CACHE_ENABLED = True


def _hit(response) -> bool:
    return response.get("X-Page-Cache", "").startswith("hit")


def test_second_anonymous_request_is_served_from_cache_without_sql(client, django_assert_num_queries):
    article = make_article("Lanthanum quotas rise", tags=["quotas"])
    first = client.get(article.get_absolute_url())
    assert first.status_code == 200 and first["X-Page-Cache"] == "miss, stored"
    with django_assert_num_queries(0):
        second = client.get(article.get_absolute_url())
    assert _hit(second)
    assert second.content == first.content
    assert "public" in second["Cache-Control"] and "max-age=" in second["Cache-Control"]
    assert second["ETag"] == first["ETag"]


def test_if_none_match_answers_304_from_cache(client):
    article = make_article()
    etag = client.get(article.get_absolute_url())["ETag"]
    response = client.get(article.get_absolute_url(), HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response.content == b""
    stale = client.get(article.get_absolute_url(), HTTP_IF_NONE_MATCH='"something-else"')
    assert stale.status_code == 200


def test_if_modified_since_answers_304(client):
    article = make_article()
    last_modified = client.get(article.get_absolute_url())["Last-Modified"]
    assert client.get(article.get_absolute_url(), HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304


def test_publishing_shows_on_home_and_topic_but_unrelated_profile_stays_cached(client):
    minister = make_official("Wang Unrelated")
    make_article("Old story", tags=["magnets"], officials=[minister])
    client.get("/")
    client.get("/topics/magnets/")
    client.get(minister.get_absolute_url())

    fresh = make_article("Fresh magnet story", status=Article.Status.DRAFT, tags=["magnets"])
    assert "Fresh magnet story" not in client.get("/").content.decode()  # still cached, still right
    fresh.status = Article.Status.PUBLISHED
    fresh.published_at = timezone.now()
    fresh.save()
    committed_change(article_ids=[fresh.pk], reason="publish")

    home = client.get("/")
    assert not _hit(home) and "Fresh magnet story" in home.content.decode()
    assert "Fresh magnet story" in client.get("/topics/magnets/").content.decode()
    assert _hit(client.get(minister.get_absolute_url()))


def test_a_new_story_in_an_articles_related_list_refreshes_that_page(client):
    """Publishing lands the new story in older articles' "You Might Also
    Like" lists; their cached pages must show it, not wait for the TTL."""
    older = make_article("Samarium magnets from Baotou", body="<p>Samarium cobalt magnets made in Baotou.</p>",
                         tags=["samarium"])
    make_article("Unrelated shipping note", body="<p>Container rates fell.</p>", tags=["shipping"])
    committed_change(article_ids=[older.pk], reason="publish")
    client.get(older.get_absolute_url())
    assert _hit(client.get(older.get_absolute_url()))

    fresh = make_article("Samarium magnet exports", body="<p>Samarium cobalt magnet exports from Baotou.</p>",
                         tags=["samarium"])
    committed_change(article_ids=[fresh.pk], reason="publish")
    page = client.get(older.get_absolute_url())
    assert not _hit(page) and "Samarium magnet exports" in page.content.decode()


def test_editing_an_article_refreshes_its_page_and_lists(client):
    article = make_article("First headline", tags=["cerium"])
    make_article("Another story entirely", tags=["yttrium"])
    client.get(article.get_absolute_url())
    client.get("/topics/yttrium/")

    Article.objects.filter(pk=article.pk).update(title="Corrected headline")
    committed_change(article_ids=[article.pk], reason="live edit")

    page = client.get(article.get_absolute_url()).content.decode()
    assert "Corrected headline" in page
    assert "Corrected headline" in client.get("/").content.decode()
    # A page that does not show the edited story keeps its cached copy (an
    # article page may show it among its related stories, so a topic here).
    assert _hit(client.get("/topics/yttrium/"))


def test_unpublishing_removes_the_article_everywhere_it_was_cached(client):
    article = make_article("Soon withdrawn", tags=["dysprosium"])
    for url in (article.get_absolute_url(), "/", "/topics/dysprosium/"):
        assert "Soon withdrawn" in client.get(url).content.decode()

    Article.objects.filter(pk=article.pk).update(status=Article.Status.ARCHIVED)
    committed_change(article_ids=[article.pk], reason="unpublish")

    assert client.get(article.get_absolute_url()).status_code == 404
    assert "Soon withdrawn" not in client.get("/").content.decode()
    assert "Soon withdrawn" not in client.get("/topics/dysprosium/").content.decode()


def test_saving_an_article_outside_the_workflow_still_invalidates_pages_showing_it(
    client, django_capture_on_commit_callbacks
):
    article = make_article("Quiet title")
    client.get("/")
    with django_capture_on_commit_callbacks(execute=True):
        article.status = Article.Status.ARCHIVED
        article.save()
    assert "Quiet title" not in client.get("/").content.decode()


def test_entity_edit_refreshes_pages_that_show_the_entity(client, django_capture_on_commit_callbacks):
    official = make_official("Li Before")
    article = make_article("Story naming an official", officials=[official])
    client.get(article.get_absolute_url())
    client.get(official.get_absolute_url())
    with django_capture_on_commit_callbacks(execute=True):
        official.name = "Li After"
        official.save()
    assert "Li After" in client.get(article.get_absolute_url()).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        make_position(official, "Party Secretary", organisation_name="Baotou Committee")
    assert "Party Secretary" in client.get(official.get_absolute_url()).content.decode()


def test_tag_rename_refreshes_article_pages_showing_it(client, django_capture_on_commit_callbacks):
    article = make_article("Tagged story", tags=["old name"])
    client.get(article.get_absolute_url())
    tag = article.tags.get()
    with django_capture_on_commit_callbacks(execute=True):
        tag.name = "Renamed topic"
        tag.save()
    assert "Renamed topic" in client.get(article.get_absolute_url()).content.decode()


def test_editor_sees_fresh_pages_and_their_pages_are_never_served_to_anonymous(client, django_assert_num_queries):
    article = make_article("Shared headline")
    anonymous = client.get(article.get_absolute_url())
    assert anonymous["X-Page-Cache"] == "miss, stored"

    from django.test import Client

    editor = Client()
    editor.force_login(make_user(superuser=True))
    Article.objects.filter(pk=article.pk).update(title="Editor-only fresh headline")  # no invalidation on purpose
    seen = editor.get(article.get_absolute_url())
    assert "Editor-only fresh headline" in seen.content.decode()
    assert "private" in seen["Cache-Control"] and "no-cache" in seen["Cache-Control"]
    assert "X-Page-Cache" not in seen

    # The editor's render was not stored: anonymous still gets the stored page.
    again = client.get(article.get_absolute_url())
    assert _hit(again) and "Shared headline" in again.content.decode()


def test_editor_first_visit_stores_nothing(client):
    from django.test import Client

    article = make_article("Visited by an editor first")
    editor = Client()
    editor.force_login(make_user(superuser=True))
    editor.get(article.get_absolute_url())
    assert client.get(article.get_absolute_url())["X-Page-Cache"] == "miss, stored"


def test_admin_and_responses_setting_cookies_are_never_cached(client):
    assert "X-Page-Cache" not in client.get("/admin/login/")
    assert "X-Page-Cache" not in client.get("/admin/login/")


def test_404_is_not_cached_so_a_later_publish_shows(client):
    assert client.get("/articles/not-yet/").status_code == 404
    make_article("Not yet", slug="not-yet")
    assert client.get("/articles/not-yet/").status_code == 200


def test_scheduled_article_appears_at_its_time_without_invalidation(client):
    make_article("Already out")
    make_article(
        "Embargoed story", status=Article.Status.SCHEDULED, published_at=timezone.now() + datetime.timedelta(seconds=2)
    )
    assert "Embargoed story" not in client.get("/").content.decode()
    assert page_cache.seconds_until_horizon() <= 2
    time.sleep(2.2)
    assert "Embargoed story" in client.get("/").content.decode()


def test_render_racing_an_invalidation_is_not_stored(client, monkeypatch):
    article = make_article("Racing story")
    real = page_cache.start_collecting

    def change_during_render():
        token = real()
        page_cache.invalidate(["lists"])
        return token

    monkeypatch.setattr(page_cache, "start_collecting", change_during_render)
    assert client.get(article.get_absolute_url())["X-Page-Cache"] == "miss"


def test_evicted_version_key_causes_a_miss_not_a_stale_hit(client):
    from django.core.cache import cache

    article = make_article("Eviction story")
    client.get(article.get_absolute_url())
    cache.delete(page_cache.VERSION_PREFIX + f"article:{article.pk}")
    assert not _hit(client.get(article.get_absolute_url()))


def _redis_reachable(url: str) -> bool:
    try:
        import redis

        redis.Redis.from_url(url, socket_connect_timeout=0.5).ping()
        return True
    except Exception:
        return False


# A database of its own: not the benchmark's (4), whose cache a FLUSHDB
# would empty mid-run.
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/13")


def _forget_own_keys(prefix: str) -> None:
    """Delete this process's keys only: pytest-xdist workers share the
    database, and a FLUSHDB (``cache.clear()``) would empty the others'
    entries in the middle of their tests."""
    import redis

    raw = redis.Redis.from_url(REDIS_URL)
    for chunk in _chunks(raw.scan_iter(match=f"{prefix}:*", count=1000), 500):
        raw.delete(*chunk)


def _chunks(items, size):
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


@pytest.fixture
def redis_cache(settings):
    if not _redis_reachable(REDIS_URL):
        if os.environ.get("CI") == "true":
            pytest.fail(f"Redis is not reachable at {REDIS_URL}")
        pytest.skip(f"Redis is not reachable at {REDIS_URL}")
    from django.core.cache import caches

    prefix = f"ree-test-{os.getpid()}"
    settings.CACHES = {
        "default": {
            "BACKEND": "core.redis_cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": prefix,
        }
    }
    # These tests are about the shared entries; the workers' own copies
    # (core/local_pages.py) have tests of their own below.
    settings.PAGE_CACHE_LOCAL_ENTRIES = 0
    _forget_own_keys(prefix)
    yield caches["default"]
    _forget_own_keys(prefix)


def test_cache_works_on_redis(client, redis_cache, django_assert_num_queries):
    from django.core.cache import caches

    assert "Redis" in type(caches["default"]).__name__
    article = make_article("Stored in Redis", tags=["scandium"])
    assert client.get(article.get_absolute_url())["X-Page-Cache"] == "miss, stored"
    with django_assert_num_queries(0):
        assert _hit(client.get(article.get_absolute_url()))
    Article.objects.filter(pk=article.pk).update(title="Changed in Redis")
    committed_change(article_ids=[article.pk])
    assert "Changed in Redis" in client.get(article.get_absolute_url()).content.decode()
    assert _hit(client.get(article.get_absolute_url()))
    # The server-side version check: an evicted version key is a miss.
    from django.core.cache import caches

    caches["default"].delete(page_cache.VERSION_PREFIX + f"article:{article.pk}")
    assert not _hit(client.get(article.get_absolute_url()))
    assert _hit(client.get(article.get_absolute_url()))


def test_settings_put_the_page_cache_before_sessions():
    mw = settings.MIDDLEWARE
    assert mw.index("core.middleware.PageCacheMiddleware") < mw.index(
        "django.contrib.sessions.middleware.SessionMiddleware"
    )


def test_head_is_served_from_the_same_entry(client):
    article = make_article("Headed story")
    client.get(article.get_absolute_url())
    head = client.head(article.get_absolute_url())
    assert head.status_code == 200 and _hit(head)


def test_pages_varying_on_other_headers_are_not_stored(rf):
    from django.http import HttpResponse

    from core.middleware import PageCacheMiddleware

    def api_view(request):
        response = HttpResponse("{}", content_type="application/json")
        response["Vary"] = "Accept"
        return response

    middleware = PageCacheMiddleware(api_view)
    request = rf.get("/api/articles/")
    assert middleware(request)["X-Page-Cache"] == "bypass"
    assert middleware(rf.get("/api/articles/"))["X-Page-Cache"] == "bypass"


def test_anonymous_request_with_other_cookies_is_still_served(client):
    article = make_article("Cookie story")
    client.get(article.get_absolute_url())
    client.cookies["analytics"] = "1"
    assert _hit(client.get(article.get_absolute_url()))
    client.cookies[settings.SESSION_COOKIE_NAME] = "whatever"
    assert "X-Page-Cache" not in client.get(article.get_absolute_url())


def test_saving_a_draft_leaves_list_pages_cached(client, django_capture_on_commit_callbacks):
    make_article("Live story")
    client.get("/")
    with django_capture_on_commit_callbacks(execute=True):
        draft = make_article("Work in progress", status=Article.Status.DRAFT)
        draft.title = "Still in progress"
        draft.save()
    assert _hit(client.get("/"))


def test_unpublishing_with_a_plain_save_refreshes_list_pages(client, django_capture_on_commit_callbacks):
    article = make_article("Pulled story")
    assert "Pulled story" in client.get("/").content.decode()
    article = Article.objects.get(pk=article.pk)  # as the admin loads it
    with django_capture_on_commit_callbacks(execute=True):
        article.status = Article.Status.DRAFT
        article.save()
    assert "Pulled story" not in client.get("/").content.decode()


def test_author_rename_refreshes_list_pages(client, django_capture_on_commit_callbacks):
    from tests.factories import make_author

    author = make_author("Old Byline")
    make_article("Bylined story", authors=[author])
    assert "Old Byline" in client.get("/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        author.display_name = "New Byline"
        author.save()
    assert "New Byline" in client.get("/").content.decode()


def test_list_pages_are_validated_by_one_key_subject_pages_by_what_they_show(client):
    from django.core.cache import cache

    article = make_article("Keyed story", tags=["holmium"])
    client.get("/")
    client.get(article.get_absolute_url())
    from django.test import RequestFactory

    home = cache.get(page_cache.entry_key(RequestFactory().get("/")))
    detail = cache.get(page_cache.entry_key(RequestFactory().get(article.get_absolute_url())))
    assert set(home["deps"]) == {"lists"}
    assert {f"article:{article.pk}", f"members:article:{article.slug}"} <= set(detail["deps"])
    assert "lists" not in detail["deps"]


def test_redis_entries_carry_their_dependency_list(client, redis_cache, django_capture_on_commit_callbacks):
    """A topic page depends on every story and byline it lists; on Redis
    that list is stored beside the page and checked there."""
    from tests.factories import make_author

    author = make_author("First Name")
    make_article("Listed story", tags=["yttrium"], authors=[author])
    url = "/topics/yttrium/"
    assert client.get(url)["X-Page-Cache"] == "miss, stored"
    assert _hit(client.get(url))
    with django_capture_on_commit_callbacks(execute=True):
        author.display_name = "Second Name"
        author.save()
    response = client.get(url)
    assert not _hit(response) and "Second Name" in response.content.decode()
    assert _hit(client.get(url))


# -- each worker's own copy of the pages it serves (core/local_pages.py) -------------------

@pytest.fixture
def local_pages(redis_cache, settings):
    """Redis page cache with the per-process copy on and its listener
    subscribed."""
    from django.core.cache import caches

    from core import local_pages as module

    settings.PAGE_CACHE_LOCAL_ENTRIES = 100
    store = module.for_backend(caches["default"])
    assert store.wait_until_listening(), "the invalidation listener did not subscribe"
    store.drop([module.EVERYTHING])
    return store


def _local_hit(response) -> bool:
    return response.get("X-Page-Cache") == "hit, local"


def _wait_for(condition, seconds: float = 3.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.01)
    return condition()


def test_repeat_hits_are_served_from_the_workers_own_copy(client, local_pages, monkeypatch,
                                                        django_assert_num_queries):
    from django.core.cache import caches

    article = make_article("Held in the worker", tags=["erbium"])
    first = client.get(article.get_absolute_url())
    assert first["X-Page-Cache"] == "miss, stored"

    def no_redis(*args, **kwargs):
        raise AssertionError("a local hit must not ask Redis")

    monkeypatch.setattr(caches["default"], "get_page", no_redis)
    with django_assert_num_queries(0):
        second = client.get(article.get_absolute_url())
    assert _local_hit(second) and second.content == first.content and second["ETag"] == first["ETag"]
    assert client.get(article.get_absolute_url(), HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


def test_an_edit_in_this_worker_drops_its_copy_at_once(client, local_pages, django_capture_on_commit_callbacks):
    article = make_article("Before the edit", tags=["erbium"])
    client.get(article.get_absolute_url())
    assert _local_hit(client.get(article.get_absolute_url()))
    with django_capture_on_commit_callbacks(execute=True):
        article.title = "After the edit"
        article.save()
    response = client.get(article.get_absolute_url())
    assert not _local_hit(response) and "After the edit" in response.content.decode()


def test_an_edit_in_another_worker_reaches_this_one_by_message(client, local_pages, monkeypatch):
    """Another worker's invalidation: the versions change in Redis and a
    message arrives; this worker's copy must go without any local call."""
    from core import local_pages as module

    article = make_article("Another worker's story", tags=["erbium"])
    other = make_official("Zhou Unconnected")  # a page that does not show the story
    for url in (article.get_absolute_url(), other.get_absolute_url()):
        client.get(url)
        assert _local_hit(client.get(url))
    Article.objects.filter(pk=article.pk).update(title="Edited elsewhere")
    # As in another process: nothing is dropped here except by the message.
    with monkeypatch.context() as patch:
        patch.setattr(module, "for_backend", lambda backend: None)
        page_cache.invalidate_articles([article.pk])
    assert _wait_for(lambda: not _local_hit(client.get(article.get_absolute_url())))
    assert "Edited elsewhere" in client.get(article.get_absolute_url()).content.decode()
    # A page the message did not concern is still served locally.
    assert _local_hit(client.get(other.get_absolute_url()))


def test_a_page_read_while_an_invalidation_arrives_is_not_kept(local_pages):
    marker = local_pages.marker()
    local_pages.drop(["article:1"])  # the message came while the page was read
    entry = {"content": b"old", "deps": {"article:1": 1}, "expires_at": time.time() + 60}
    assert not local_pages.put("/some/page", entry, marker)
    assert local_pages.put("/some/page", entry, local_pages.marker())
    assert local_pages.get("/some/page") is entry


def test_a_copy_never_outlives_its_shared_entry(local_pages):
    entry = {"content": b"soon gone", "deps": {}, "expires_at": time.time() + 0.05}
    assert local_pages.put("/scheduled/horizon", entry, local_pages.marker())
    assert local_pages.get("/scheduled/horizon") is entry
    time.sleep(0.1)
    assert local_pages.get("/scheduled/horizon") is None


def test_a_lost_listener_connection_empties_the_copy_until_resubscribed(client, local_pages):
    """Messages sent while the listener is away would be missed, so the
    copy is emptied and unused until it has subscribed again."""
    import redis

    from core import local_pages as module

    article = make_article("Through a reconnect", tags=["erbium"])
    client.get(article.get_absolute_url())
    assert _local_hit(client.get(article.get_absolute_url()))
    raw = redis.Redis.from_url(REDIS_URL)
    name = f"{module.LISTENER_NAME}-{os.getpid()}"
    ids = [c["id"] for c in raw.client_list() if c.get("name") == name]
    assert ids, "the listener's connection is not named in CLIENT LIST"
    for client_id in ids:
        raw.client_kill_filter(_id=client_id)
    assert _wait_for(lambda: len(local_pages) == 0 and not _local_hit(client.get(article.get_absolute_url())))
    assert local_pages.wait_until_listening()
    client.get(article.get_absolute_url())
    assert _wait_for(lambda: _local_hit(client.get(article.get_absolute_url())))


def test_clearing_the_cache_clears_every_copy(client, local_pages, settings):
    from django.core.cache import caches

    from core import local_pages as module

    # FLUSHDB empties a whole database: use one no other test process uses.
    own_db = REDIS_URL.rsplit("/", 1)[0] + "/12"
    settings.CACHES = {"default": {**settings.CACHES["default"], "LOCATION": own_db,
                                   "KEY_PREFIX": f"ree-clear-{os.getpid()}"}}
    store = module.for_backend(caches["default"])
    assert store.wait_until_listening()
    article = make_article("Cleared story")
    client.get(article.get_absolute_url())
    assert _local_hit(client.get(article.get_absolute_url()))
    caches["default"].clear()
    assert len(store) == 0


def test_the_copy_is_bounded_and_keeps_the_most_recently_used(local_pages, settings):
    settings.PAGE_CACHE_LOCAL_ENTRIES = 2
    entry = {"content": b"page", "deps": {}, "expires_at": time.time() + 60}
    for key in ("/a", "/b"):
        assert local_pages.put(key, entry, local_pages.marker())
    assert local_pages.get("/a") is entry  # /a is now the most recently used
    assert local_pages.put("/c", entry, local_pages.marker())
    assert len(local_pages) == 2
    assert local_pages.get("/b") is None and local_pages.get("/a") is entry and local_pages.get("/c") is entry


class _Relay:
    """A TCP relay to Redis on loopback that can go silent without closing
    its connections: a half-open connection, as a firewall that drops
    idle state leaves one. New connections still pass."""

    def __init__(self, target: tuple[str, int]) -> None:
        import socket
        import threading

        self._target = target
        self._server = socket.create_server(("127.0.0.1", 0))
        self.port = self._server.getsockname()[1]
        self._silenced: list = []
        self._live: list = []
        self._lock = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        import socket
        import threading

        while True:
            try:
                near, _ = self._server.accept()
            except OSError:
                return
            far = socket.create_connection(self._target)
            gate = threading.Event()
            gate.set()
            with self._lock:
                self._live.append(gate)
            for src, dst in ((near, far), (far, near)):
                threading.Thread(target=self._pump, args=(src, dst, gate), daemon=True).start()

    @staticmethod
    def _pump(src, dst, gate) -> None:
        while True:
            try:
                data = src.recv(65536)
            except OSError:
                return
            if not data:
                return
            gate.wait()  # held, never delivered, while silenced
            try:
                dst.sendall(data)
            except OSError:
                return

    def silence_existing(self) -> None:
        with self._lock:
            for gate in self._live:
                gate.clear()
            self._live = []

    def close(self) -> None:
        self._server.close()


def test_a_silent_listener_connection_stops_the_copy_within_seconds(settings):
    """A half-open connection raises no error: without a heartbeat the
    worker would go on serving its copy, missing every invalidation, until
    the entry's 60 s ran out. Pings bound that to a few heartbeats, and the
    listener then reconnects."""
    from urllib.parse import urlsplit

    from django.core.cache import caches

    from core import local_pages as module

    if not _redis_reachable(REDIS_URL):
        pytest.skip(f"Redis is not reachable at {REDIS_URL}")
    parts = urlsplit(REDIS_URL)
    relay = _Relay((parts.hostname, parts.port or 6379))
    prefix = f"ree-relay-{os.getpid()}-{relay.port}"
    settings.CACHES = {"default": {"BACKEND": "core.redis_cache.RedisCache",
                                   "LOCATION": f"redis://127.0.0.1:{relay.port}{parts.path}",
                                   "KEY_PREFIX": prefix}}
    settings.PAGE_CACHE_LOCAL_ENTRIES = 10
    settings.PAGE_CACHE_LOCAL_HEARTBEAT = 0.1
    try:
        store = module.for_backend(caches["default"])
        assert store.wait_until_listening()
        entry = {"content": b"page", "deps": {"article:1": 1}, "expires_at": time.time() + 60}
        assert store.put("/kept", entry, store.marker())
        time.sleep(0.5)  # several heartbeats: a live connection keeps the copy in use
        assert store.get("/kept") is entry

        relay.silence_existing()
        silenced_at = time.monotonic()
        assert _wait_for(lambda: store.get("/kept") is None, seconds=5)
        assert time.monotonic() - silenced_at < 1.5
        # It reconnects on a new connection, with the copy emptied meanwhile.
        assert _wait_for(lambda: store.listening and len(store) == 0, seconds=5)
        assert store.put("/again", entry, store.marker())
        assert store.get("/again") is entry and store.get("/kept") is None
    finally:
        relay.close()
