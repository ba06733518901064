"""A feed costs the same few queries for 5 items or 50, however many tags,
bylines, entities and corrections each item carries."""

import pytest

from articles.models import Correction
from pages.navigation import menus
from tests.factories import image_upload, make_article, make_author, make_enterprise, make_official, make_regulator

pytestmark = pytest.mark.django_db

# object, validators (the Nth newest item's time, then the rows from it on:
# two small reads instead of a scan of the whole scope), items, bylines,
# tags, corrections
FEED_QUERIES = 7


def build(count):
    authors = [make_author() for _ in range(3)]
    officials = [make_official() for _ in range(4)]
    enterprises = [make_enterprise() for _ in range(3)]
    regulators = [make_regulator() for _ in range(3)]
    tags = [f"Tag {i}" for i in range(10)]
    image = image_upload()
    for i in range(count):
        a = make_article(tags=tags, authors=authors, officials=officials, enterprises=enterprises,
                         regulators=regulators, featured_image=image if i == 0 else "")
        Correction.objects.create(article=a, text="Fixed a figure.")
    return officials[0]


@pytest.mark.parametrize("count", [5, 50])
@pytest.mark.parametrize("fmt", ["", "atom/", "json/"])
def test_feed_queries_are_bounded(client, django_assert_max_num_queries, count, fmt):
    official = build(count)
    for url in (f"/feeds/{fmt or 'rss/'}", f"/topics/tag-3/feed/{fmt}", f"/officials/{official.slug}/feed/{fmt}"):
        with django_assert_max_num_queries(FEED_QUERIES):
            response = client.get(url)
        assert response.status_code == 200
        assert response.content.count(b"Fixed a figure") >= count


def test_corrections_feed_queries_are_bounded(client, django_assert_max_num_queries):
    build(50)
    with django_assert_max_num_queries(2):
        assert client.get("/corrections/feed/").status_code == 200


@pytest.mark.parametrize(("url", "queries"), [("/topics/tag-3/feed/", 3), ("/feeds/rss/", 2)])
def test_a_304_answer_costs_at_most_the_validator_queries(client, django_assert_max_num_queries, url, queries):
    build(5)
    etag = client.get(url)["ETag"]
    # The topic, then the validators; no item is loaded.
    with django_assert_max_num_queries(queries):
        assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_feed_index_queries_are_bounded(client, django_assert_max_num_queries):
    build(5)
    menus()  # the menus: one cache read once built (tests/pages measures the build)
    with django_assert_max_num_queries(5):
        assert client.get("/feeds/").status_code == 200
