"""``manage.py invalidate_page_cache`` (run by bin/restore) makes every
cached page stale: list pages, article pages and cached counts."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from articles.models import Article
from tests.factories import make_article

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.PAGE_CACHE_ENABLED = True


def test_every_cached_page_is_rendered_afresh_after_the_command(client, capsys):
    article = make_article("Before the restore", tags=["yttrium"])
    urls = ["/", article.get_absolute_url(), "/topics/yttrium/"]
    for url in urls:
        client.get(url)
        assert client.get(url)["X-Page-Cache"] == "hit", url
    # What a restore does: the rows change under the site, no signal fires.
    Article.objects.filter(pk=article.pk).update(title="As the backup had it")
    call_command("invalidate_page_cache")
    assert "every cached page invalidated" in capsys.readouterr().out
    for url in urls:
        response = client.get(url)
        assert response["X-Page-Cache"] == "miss, stored", url
        assert "As the backup had it" in response.content.decode(), url


def test_the_cdn_is_told_to_drop_every_page(client, settings, monkeypatch):
    from pagecache import invalidation

    sent = []
    monkeypatch.setattr(invalidation, "cdn_purge", lambda keys: sent.append(sorted(keys)))
    settings.PAGE_CACHE_CDN_PURGE_URL = "http://cdn.invalid/purge"
    call_command("invalidate_page_cache")
    assert sent == [["lists", "site"]]
    assert "site" in client.get("/")["Surrogate-Key"].split()


def test_an_unreachable_cache_is_an_error_not_a_silent_success(settings):
    import socket

    from pagecache import resilience

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    settings.CACHES = {"default": {"BACKEND": "pagecache.redis.RedisCache", "LOCATION": f"redis://127.0.0.1:{port}/0",
                                   "OPTIONS": {"socket_timeout": 0.25, "socket_connect_timeout": 0.25}}}
    resilience.reset()
    try:
        with pytest.raises(CommandError, match="could not be reached"):
            call_command("invalidate_page_cache")
    finally:
        resilience.reset()
        from pagecache import invalidation

        invalidation._pending.clear()
