"""Feed readers poll: an unchanged feed answers 304 with no body."""

import datetime
from unittest import mock

import pytest
from django.utils import timezone

from articles.models import Article, Correction
from tests.factories import make_article, make_official

pytestmark = pytest.mark.django_db

URLS = ["/feeds/rss/", "/feeds/atom/", "/feeds/json/", "/corrections/feed/"]


@pytest.fixture
def article():
    a = make_article("Quota story", tags=["Quotas"])
    Correction.objects.create(article=a, text="A figure was wrong.")
    return a


@pytest.mark.parametrize("url", URLS)
def test_etag_round_trip_answers_304_without_a_body(client, article, url):
    first = client.get(url)
    assert first.status_code == 200
    assert first["Cache-Control"] == "public, max-age=300"
    second = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert second.status_code == 304
    assert second.content == b""
    assert second["ETag"] == first["ETag"]
    assert "max-age=300" in second["Cache-Control"]


@pytest.mark.parametrize("url", URLS)
def test_if_modified_since_answers_304(client, article, url):
    first = client.get(url)
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304
    assert client.get(url, HTTP_IF_MODIFIED_SINCE="Mon, 01 Jan 2001 00:00:00 GMT").status_code == 200


def test_each_format_has_its_own_etag(client, article):
    etags = {client.get(u)["ETag"] for u in ("/feeds/rss/", "/feeds/atom/", "/feeds/json/")}
    assert len(etags) == 3


def test_an_edit_changes_the_etag(client, article):
    etag = client.get("/feeds/rss/")["ETag"]
    with mock.patch("django.utils.timezone.now", return_value=timezone.now() + datetime.timedelta(seconds=5)):
        article.title = "Quota story, revised"
        article.save()
        assert client.get("/feeds/rss/", HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_a_scheduled_article_coming_due_changes_both_validators(client, article):
    due = timezone.now() + datetime.timedelta(hours=1)
    make_article("Scheduled story", status=Article.Status.SCHEDULED, published_at=due)
    first = client.get("/feeds/rss/")
    with mock.patch("django.utils.timezone.now", return_value=due + datetime.timedelta(seconds=1)):
        assert client.get("/feeds/rss/", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200
        assert client.get("/feeds/rss/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 200


def test_an_expiry_passing_changes_the_etag(client, article):
    ends = timezone.now() + datetime.timedelta(hours=1)
    make_article("Short-lived story", expires_at=ends)
    first = client.get("/feeds/rss/")
    with mock.patch("django.utils.timezone.now", return_value=ends + datetime.timedelta(seconds=1)):
        assert client.get("/feeds/rss/", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200


def test_a_deleted_article_changes_the_etag(client, article):
    make_article("Another story")
    first = client.get("/feeds/rss/")
    article.delete()
    assert client.get("/feeds/rss/", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200


def test_a_new_correction_changes_the_corrections_etag(client, article):
    first = client.get("/corrections/feed/")
    Correction.objects.create(article=article, text="Another fix.")
    assert client.get("/corrections/feed/", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200


def test_entity_rename_changes_its_feed_etag(client):
    official = make_official("Wang Min")
    make_article("A story", officials=[official])
    url = f"/officials/{official.slug}/feed/"
    etag = client.get(url)["ETag"]
    official.name = "Wang Min (Party Secretary)"
    official.save()
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_head_answers_with_the_validators_and_honours_them(client, article):
    head = client.head("/feeds/atom/")
    assert head.status_code == 200 and head["ETag"] and head["Last-Modified"]
    assert client.head("/feeds/atom/", HTTP_IF_NONE_MATCH=head["ETag"]).status_code == 304


def later(seconds: float):
    return mock.patch("django.utils.timezone.now", return_value=timezone.now() + datetime.timedelta(seconds=seconds))


def test_an_unpublished_item_moves_last_modified(client, article):
    # Readers that send only If-Modified-Since must refetch too: the item that
    # left the feed still counts towards Last-Modified.
    make_article("Older story", published_at=timezone.now() - datetime.timedelta(days=1))
    first = client.get("/feeds/rss/")
    with later(5):
        article.status = Article.Status.ARCHIVED
        article.save()
        second = client.get("/feeds/rss/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert second.status_code == 200
    assert b"Quota story" not in second.content and b"Older story" in second.content


def test_an_expiry_passing_moves_last_modified(client, article):
    ends = timezone.now() + datetime.timedelta(hours=1)
    make_article("Short-lived story", expires_at=ends)
    first = client.get("/feeds/rss/")
    with mock.patch("django.utils.timezone.now", return_value=ends + datetime.timedelta(seconds=1)):
        second = client.get("/feeds/rss/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert second.status_code == 200 and b"Short-lived story" not in second.content


def test_only_articles_in_the_feed_change_its_validators(client, settings):
    settings.FEED_ITEMS = 2
    old = make_article("Old story", published_at=timezone.now() - datetime.timedelta(days=3))
    make_article("Newer story", published_at=timezone.now() - datetime.timedelta(days=2))
    newest = make_article("Newest story", published_at=timezone.now() - datetime.timedelta(days=1))
    first = client.get("/feeds/rss/")
    assert b"Old story" not in first.content
    with later(5):
        old.title = "Old story, revised"
        old.save()  # not in the feed: nothing a reader gets changed
        assert client.get("/feeds/rss/", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
        newest.delete()  # the old story moves up into the feed
        third = client.get("/feeds/rss/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert third.status_code == 200 and b"Old story, revised" in third.content
