"""The article's story cached by its content (pagecache.fragments): a page
re-rendered because something around the story moved reuses it, without
reading the story's people, companies and topics again; any edit to the
story or to what it shows is on the page at once; nothing unpublished is
served from it. On the memory cache and on Redis."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

from articles.models import Article
from pagecache.dependencies import CLOCK
from pagecache.invalidation import invalidate
from tests.factories import make_article, make_enterprise, make_official, make_position

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("cache_backend")]

# What only the story reads: the people, companies and regulators it names,
# their posts and its topics.
STORY_TABLES = ("entities_official", "entities_position", "entities_enterprise", "entities_regulator",
                "taggit_tag")


@pytest.fixture
def story():
    official = make_official("Liu Fragment", native_name="刘片段")
    make_position(official, "Party Secretary", organisation_name="Baotou Municipal Committee",
                  start_date=datetime.date(2020, 1, 1))
    return make_article("Quota story with a cast", tags=["quotas", "baotou"], officials=[official],
                        enterprises=[make_enterprise("Northern Fragment Rare Earth")])


def page(client, article: Article):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    story_reads = [q["sql"] for q in queries.captured_queries if any(t in q["sql"] for t in STORY_TABLES)]
    return response, story_reads


def saved(obj, **fields) -> None:
    """An edit as the admin makes it: saved, and its invalidation run on commit."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        for name, value in fields.items():
            setattr(obj, name, value)
        obj.save()


def test_a_page_gone_stale_around_the_story_reuses_it(client, story):
    first, reads = page(client, story)
    assert first["X-Page-Cache"] == "miss, stored" and reads
    invalidate({CLOCK})  # a story scheduled anywhere: every page renders once more
    again, reads = page(client, story)
    assert again["X-Page-Cache"] == "miss, stored"
    assert reads == []
    assert again.content == first.content
    html = again.content.decode()
    assert "Liu Fragment" in html and "Party Secretary, Baotou Municipal Committee" in html
    assert "Northern Fragment Rare Earth" in html and "/topics/quotas/" in html


def test_the_story_is_the_same_with_fragments_off(client, story, settings):
    cached = client.get(story.get_absolute_url()).content
    settings.PAGE_FRAGMENT_CACHE = False
    invalidate({CLOCK})
    response, reads = page(client, story)
    assert reads and response.content == cached


def test_an_edit_to_someone_the_story_names_shows_at_once(client, story):
    page(client, story)
    official = story.officials.get()
    saved(official, name="Liu Renamed")
    response, reads = page(client, story)
    assert reads
    assert "Liu Renamed" in response.content.decode() and "Liu Fragment" not in response.content.decode()
    saved(official.positions.get(), title="Mayor")
    assert "Mayor, Baotou Municipal Committee" in client.get(story.get_absolute_url()).content.decode()


def test_an_edit_to_the_story_shows_at_once(client, story):
    page(client, story)
    saved(story, title="Quota story, corrected headline", body="<p>A rewritten body about dysprosium.</p>")
    html = client.get(story.get_absolute_url()).content.decode()
    assert "Quota story, corrected headline" in html and "rewritten body about dysprosium" in html


def test_an_unpublished_story_is_not_served_from_its_fragment(client, story):
    page(client, story)
    saved(story, status=Article.Status.DRAFT)
    assert client.get(story.get_absolute_url()).status_code == 404
    saved(story, status=Article.Status.PUBLISHED, deleted_at=None)
    invalidate({CLOCK})
    saved(story, expires_at=story.published_at)  # expired at once
    assert client.get(story.get_absolute_url()).status_code == 404
