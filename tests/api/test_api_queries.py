"""API lists cost the same few queries for 5 items or 50 with many tags
and entities each."""

import pytest

from tests.factories import make_article, make_author, make_enterprise, make_official, make_position, make_regulator

pytestmark = pytest.mark.django_db

# count, page, bylines, tags, officials, enterprises, regulators
ARTICLE_LIST_QUERIES = 7
# article, bylines, tags, officials, enterprises, regulators, corrections, and
# the related list: stored picks + their visible articles (or, before the
# engine has run, stored picks + the same-tag fallback)
ARTICLE_DETAIL_QUERIES = 9


def build(count):
    authors = [make_author() for _ in range(3)]
    officials = [make_official() for _ in range(4)]
    enterprises = [make_enterprise() for _ in range(3)]
    regulators = [make_regulator() for _ in range(3)]
    for o in officials:
        make_position(o, "Chair", enterprise=enterprises[0])
        make_position(o, "Director", regulator=regulators[0])
    tags = [f"Tag {i}" for i in range(10)]
    return [make_article(tags=tags, authors=authors, officials=officials, enterprises=enterprises, regulators=regulators)
            for _ in range(count)]


@pytest.mark.parametrize("count", [5, 50])
def test_article_list_queries_are_bounded(client, django_assert_max_num_queries, count):
    build(count)
    with django_assert_max_num_queries(ARTICLE_LIST_QUERIES):
        response = client.get("/api/articles/?page_size=100")
    assert len(response.json()["results"]) == count
    with django_assert_max_num_queries(ARTICLE_LIST_QUERIES):
        assert client.get("/api/articles/?tag=tag-3&page_size=50").status_code == 200


@pytest.mark.parametrize("count", [5, 50])
def test_article_detail_and_other_lists_are_bounded(client, django_assert_max_num_queries, count):
    articles = build(count)
    with django_assert_max_num_queries(ARTICLE_DETAIL_QUERIES):
        assert client.get(f"/api/articles/{articles[0].slug}/").status_code == 200
    from recommendations.engine import rebuild_all

    rebuild_all()
    with django_assert_max_num_queries(ARTICLE_DETAIL_QUERIES):
        assert client.get(f"/api/articles/{articles[0].slug}/").json()["related"]  # stored picks now
    for url, bound in (("/api/officials/", 3), ("/api/enterprises/", 2), ("/api/regulators/", 2), ("/api/tags/", 2)):
        with django_assert_max_num_queries(bound):
            assert client.get(url).status_code == 200, url
