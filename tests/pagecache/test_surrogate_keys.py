"""A CDN in front can purge by surrogate key: anonymous cacheable pages say
what they depend on, and purge() drops those keys here and at the CDN."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from pagecache.invalidation import CDNPurgeError, purge
from tests.factories import make_article, make_user, staff_login

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.PAGE_CACHE_ENABLED = True


def test_article_page_carries_its_dependency_keys_on_miss_and_hit(client):
    article = make_article("Tagged story", tags=["cerium"])
    miss = client.get(article.get_absolute_url())
    keys = set(miss["Surrogate-Key"].split())
    assert {f"members:article:{article.slug}", f"article:{article.pk}"} <= keys
    assert any(k.startswith("tag:") for k in keys)
    assert set(miss["Cache-Tag"].split(",")) == keys
    hit = client.get(article.get_absolute_url())
    assert hit["X-Page-Cache"] == "hit" and set(hit["Surrogate-Key"].split()) == keys


def test_list_pages_are_tagged_with_the_lists_key(client):
    make_article("Listed story")
    # "clock": bumped when a story is scheduled; "site": by a restore
    # (pagecache/dependencies.py); "navigation": every page shows the menus.
    assert client.get("/")["Surrogate-Key"] == "clock lists navigation site"


def test_editors_pages_carry_no_surrogate_keys(client):
    article = make_article("Private view")
    staff_login(client, make_user("editor", superuser=True))
    response = client.get(article.get_absolute_url())
    assert "Surrogate-Key" not in response and "Cache-Tag" not in response


class _CDN(BaseHTTPRequestHandler):
    received: list[dict] = []
    status = 200

    def do_POST(self):  # noqa: N802 (http.server's naming)
        body = self.rfile.read(int(self.headers["Content-Length"]))
        type(self).received.append({"headers": dict(self.headers), "body": json.loads(body)})
        self.send_response(type(self).status)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def cdn(settings):
    _CDN.received, _CDN.status = [], 200
    server = HTTPServer(("127.0.0.1", 0), _CDN)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.PAGE_CACHE_CDN_PURGE_URL = f"http://127.0.0.1:{server.server_port}/purge"
    settings.PAGE_CACHE_CDN_PURGE_TOKEN = "secret"
    yield _CDN
    server.shutdown()


def test_purge_drops_the_local_copy_and_asks_the_cdn(client, cdn):
    article = make_article("Purged story")
    url = article.get_absolute_url()
    client.get(url)
    assert client.get(url)["X-Page-Cache"] == "hit"
    purge(keys=[f"article:{article.pk}"])
    assert client.get(url)["X-Page-Cache"] != "hit"
    (call,) = cdn.received
    assert call["body"]["tags"] == [f"article:{article.pk}"]
    assert call["headers"]["Surrogate-Key"] == f"article:{article.pk}"
    assert call["headers"]["Authorization"] == "Bearer secret"


def test_a_refused_cdn_purge_raises_after_the_local_one(client, cdn):
    article = make_article("Refused purge")
    url = article.get_absolute_url()
    client.get(url)
    cdn.status = 500
    with pytest.raises(CDNPurgeError):
        purge(keys=[f"article:{article.pk}"])
    assert client.get(url)["X-Page-Cache"] != "hit"


def test_purge_without_a_cdn_is_local_only(client, settings):
    settings.PAGE_CACHE_CDN_PURGE_URL = ""
    article = make_article("Local purge")
    client.get(article.get_absolute_url())
    purge(keys={"lists", f"members:article:{article.slug}"})
    assert client.get(article.get_absolute_url())["X-Page-Cache"] != "hit"


def test_an_edit_purges_the_cdn_through_the_task_queue_after_commit(cdn, django_capture_on_commit_callbacks):
    article = make_article("Edited story")
    cdn.received.clear()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        article.title = "Edited story, corrected"
        article.save()
    assert cdn.received == []  # nothing leaves before the change is committed
    for callback in callbacks:
        callback()
    tags = {tag for call in cdn.received for tag in call["body"]["tags"]}
    assert f"article:{article.pk}" in tags
