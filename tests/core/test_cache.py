"""The anonymous page cache: hits cost no SQL, changes show at once on the
pages they touch and only there, editors always see fresh pages."""

from __future__ import annotations

import datetime
import json
import os
import time

import pytest
from django.conf import settings
from django.test import TestCase
from django.utils import timezone

from articles.events import public_content_changed
from articles.models import Article
from pagecache import dependencies, invalidation, store
from tests.factories import make_article, make_official, make_position, make_user, staff_login

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
    staff_login(editor, make_user(superuser=True))
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
    staff_login(editor, make_user(superuser=True))
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
    assert store.seconds_until_horizon() <= 2
    time.sleep(2.2)
    assert "Embargoed story" in client.get("/").content.decode()


def test_render_racing_an_invalidation_is_not_stored(client, monkeypatch):
    article = make_article("Racing story")
    real = dependencies.start_collecting

    def change_during_render():
        token = real()
        invalidation.invalidate(["lists"])
        return token

    monkeypatch.setattr(dependencies, "start_collecting", change_during_render)
    assert client.get(article.get_absolute_url())["X-Page-Cache"] == "miss"


def test_evicted_version_key_causes_a_miss_not_a_stale_hit(client):
    from django.core.cache import cache

    article = make_article("Eviction story")
    client.get(article.get_absolute_url())
    cache.delete(invalidation.VERSION_PREFIX + f"article:{article.pk}")
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
            "BACKEND": "pagecache.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": prefix,
        }
    }
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

    caches["default"].delete(invalidation.VERSION_PREFIX + f"article:{article.pk}")
    assert not _hit(client.get(article.get_absolute_url()))
    assert _hit(client.get(article.get_absolute_url()))


def test_a_redis_that_forgot_the_page_script_still_serves_hits(client, redis_cache):
    """Redis restarted or its scripts flushed: the hit loads the check
    script again instead of failing over to rendering."""
    import redis

    url = make_article("Script flushed").get_absolute_url()
    assert client.get(url)["X-Page-Cache"] == "miss, stored"
    assert _hit(client.get(url))
    redis.Redis.from_url(REDIS_URL).script_flush()
    assert _hit(client.get(url))
    assert _hit(client.get(url))


def test_a_hit_on_redis_is_one_round_trip_and_no_sql(client, redis_cache, django_assert_num_queries, monkeypatch):
    """An article page depends on dozens of keys (its tags, the people and
    organisations it names, its byline, its related cards); a hit still
    asks Redis once, and any one of those keys having moved is a miss."""
    import redis

    from tests.factories import make_author, make_enterprise, make_regulator

    tags = [f"hit topic {i}" for i in range(8)]
    article = make_article("Many dependencies", tags=tags, authors=[make_author("Hit Writer")],
                           officials=[make_official(f"Hit Official {i}") for i in range(4)],
                           enterprises=[make_enterprise("Hit Enterprise")], regulators=[make_regulator("Hit Regulator")])
    for i in range(4):
        make_article(f"Related {i}", tags=tags[:2])
    url = article.get_absolute_url()
    assert client.get(url)["X-Page-Cache"] == "miss, stored"
    round_trips = []
    real, real_pipeline = redis.Redis.execute_command, redis.client.Pipeline.execute

    def counted(self, *args, **kwargs):
        round_trips.append(args[0])
        return real(self, *args, **kwargs)

    def counted_pipeline(self, *args, **kwargs):
        round_trips.append([c[0][0] for c in self.command_stack])
        return real_pipeline(self, *args, **kwargs)

    monkeypatch.setattr(redis.Redis, "execute_command", counted)
    monkeypatch.setattr(redis.client.Pipeline, "execute", counted_pipeline)
    with django_assert_num_queries(0):
        assert _hit(client.get(url))
    assert len(round_trips) == 1, round_trips
    monkeypatch.setattr(redis.Redis, "execute_command", real)
    monkeypatch.setattr(redis.client.Pipeline, "execute", real_pipeline)
    deps = json.loads(redis.Redis.from_url(REDIS_URL).hget(redis_cache.make_key("h2:" + store.entry_key(
        client.get(url).wsgi_request)), "deps"))
    entry_deps = deps[: len(deps) // 2]
    assert len(entry_deps) > 15
    # The version of a dependency in the middle of the list, gone: a miss.
    tag_key = next(k for k in entry_deps if ":tag:" in k)
    redis.Redis.from_url(REDIS_URL).delete(tag_key)
    assert not _hit(client.get(url))
    assert _hit(client.get(url))


def test_settings_put_the_page_cache_before_sessions():
    mw = settings.MIDDLEWARE
    assert mw.index("pagecache.middleware.PageCacheMiddleware") < mw.index(
        "django.contrib.sessions.middleware.SessionMiddleware"
    )


def test_head_is_served_from_the_same_entry(client):
    article = make_article("Headed story")
    client.get(article.get_absolute_url())
    head = client.head(article.get_absolute_url())
    assert head.status_code == 200 and _hit(head)


def test_pages_varying_on_other_headers_are_not_stored(rf):
    from django.http import HttpResponse

    from pagecache.middleware import PageCacheMiddleware

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
    # A made-up session cookie is no staff session: still the cached page.
    client.cookies[settings.SESSION_COOKIE_NAME] = "whatever"
    assert _hit(client.get(article.get_absolute_url()))


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


def test_list_pages_are_validated_by_two_keys_subject_pages_by_what_they_show(client):
    from django.core.cache import cache

    article = make_article("Keyed story", tags=["holmium"])
    client.get("/")
    client.get(article.get_absolute_url())
    from django.test import RequestFactory

    home = cache.get(store.entry_key(RequestFactory().get("/")))
    detail = cache.get(store.entry_key(RequestFactory().get(article.get_absolute_url())))
    # "site" is on every page (only a restore bumps it), "clock" (a new
    # scheduled moment) and "navigation" (the menus) too.
    every_page = {"site", "clock", "navigation"}
    assert set(home["deps"]) == {"lists", *every_page}
    assert {f"article:{article.pk}", f"members:article:{article.slug}", *every_page} <= set(detail["deps"])
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


def test_a_slow_derived_data_refresh_does_not_hold_back_the_topic_page(client):
    """The purge comes before search and related lists are refreshed: while a
    receiver of content_changed is still working, readers already get the
    topic page with the new story."""
    from articles.signals import content_changed

    make_article("Older quota story", tags=["quotas"])
    topic = "/topics/quotas/"
    client.get(topic)
    assert _hit(client.get(topic))
    story = make_article("Fresh quota story", tags=["quotas"], status=Article.Status.DRAFT)
    Article.objects.filter(pk=story.pk).update(status=Article.Status.PUBLISHED, published_at=timezone.now())
    seen_during_refresh = []

    def slow_refresh(sender, article_ids, **kwargs):
        seen_during_refresh.append("Fresh quota story" in client.get(topic).content.decode())

    content_changed.connect(slow_refresh, dispatch_uid="test_slow_refresh")
    try:
        committed_change(article_ids=[story.pk], reason="published")
    finally:
        content_changed.disconnect(dispatch_uid="test_slow_refresh")
    assert seen_during_refresh == [True]
