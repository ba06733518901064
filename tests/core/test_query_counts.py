"""SQL per page stays bounded whatever hangs off the content: counted on a
cold page cache (the first anonymous request), then zero on the next."""

import pytest

from articles.models import Correction
from tests.factories import (
    make_article,
    make_author,
    make_enterprise,
    make_official,
    make_position,
    make_regulator,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.PAGE_CACHE_ENABLED = True


@pytest.fixture
def newsroom():
    regulators = [make_regulator(f"Regulator {i}") for i in range(4)]
    enterprises = [make_enterprise(f"Enterprise {i}", regulator=regulators[0]) for i in range(6)]
    officials = [make_official(f"Official {i}") for i in range(10)]
    for i, o in enumerate(officials):
        make_position(o, "Chairman", enterprise=enterprises[i % 6])
        make_position(o, "Party Secretary", regulator=regulators[i % 4])
    authors = [make_author(f"Writer {i}") for i in range(3)]
    tags = [f"topic {i}" for i in range(8)]
    articles = [
        make_article(f"Story {i}", tags=tags, authors=authors, officials=officials, enterprises=enterprises,
                     regulators=regulators)
        for i in range(30)
    ]
    for a in articles[:3]:
        Correction.objects.create(article=a, text="A figure was wrong.")
    return {"article": articles[0], "uncorrected": articles[5], "official": officials[0], "enterprise": enterprises[0],
            "regulator": regulators[0], "author": authors[0], "tag": articles[0].tags.first()}


# The story, its byline, topics, people (with their posts), companies,
# regulators and corrections, its related list and the fallback list (no
# list is stored here); and, this first request, the menus and the next
# visibility change, which later pages read from the cache.
ARTICLE_QUERIES = 12

PAGES = {
    "home": (lambda n: "/", 9),
    "article": (lambda n: n["article"].get_absolute_url(), ARTICLE_QUERIES),
    # Most stories have no correction: their page does not ask for any.
    "article without corrections": (lambda n: n["uncorrected"].get_absolute_url(), ARTICLE_QUERIES - 1),
    "topic": (lambda n: f"/topics/{n['tag'].slug}/", 6),
    "official": (lambda n: n["official"].get_absolute_url(), 8),
    "enterprise": (lambda n: n["enterprise"].get_absolute_url(), 8),
    "regulator": (lambda n: n["regulator"].get_absolute_url(), 9),
    "author": (lambda n: n["author"].get_absolute_url(), 6),
}


@pytest.mark.parametrize("page", PAGES)
def test_page_queries_are_bounded_cold_and_zero_warm(client, newsroom, page, django_assert_max_num_queries,
                                                     django_assert_num_queries):
    url_for, limit = PAGES[page]
    url = url_for(newsroom)
    with django_assert_max_num_queries(limit):
        assert client.get(url).status_code == 200
    with django_assert_num_queries(0):
        assert client.get(url)["X-Page-Cache"] == "hit"


def test_loading_articles_with_deferred_status_costs_no_extra_queries(django_assert_num_queries):
    from articles.models import Article

    for i in range(5):
        make_article(f"Deferred {i}")
    with django_assert_num_queries(1):
        titles = [a.title for a in Article.objects.only("id", "title")]
    assert len(titles) == 5
