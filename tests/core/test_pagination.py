"""Pagination: every page holds the right articles in the right order,
whichever end it is read from, and the count is not recounted each time."""

import datetime

import pytest
from django.test import TestCase
from django.utils import timezone

from articles.events import public_content_changed
from articles.models import Article
from pagecache.pagination import CachedCountPaginator
from tests.factories import make_article

pytestmark = pytest.mark.django_db

def committed_change(**kwargs) -> None:
    """``public_content_changed`` as after a commit: its task is enqueued and
    runs (the tests' immediate backend)."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        public_content_changed(**kwargs)



@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.PAGE_CACHE_ENABLED = True


@pytest.fixture
def articles():
    base = timezone.now() - datetime.timedelta(days=1)
    same_time = base - datetime.timedelta(hours=5)
    made = [make_article(f"Story {i}", published_at=base - datetime.timedelta(minutes=i)) for i in range(23)]
    # Ties on published_at are broken by id, from both ends alike.
    made += [make_article(f"Tied {i}", published_at=same_time) for i in range(4)]
    return made


def test_every_page_matches_plain_offsets_from_both_ends(articles):
    qs = Article.objects.published().for_listing()
    expected = [a.pk for a in qs]
    for per_page in (2, 5, 7):
        paginator = CachedCountPaginator(qs, per_page)
        seen = []
        for number in paginator.page_range:
            seen += [a.pk for a in paginator.page(number).object_list]
        assert seen == expected


def test_count_is_cached_until_the_lists_change(articles, django_assert_num_queries):
    qs = Article.objects.published().for_listing()
    assert CachedCountPaginator(qs, 5).count == 27
    with django_assert_num_queries(0):
        assert CachedCountPaginator(Article.objects.published().for_listing(), 5).count == 27
    new = make_article("One more")
    committed_change(article_ids=[new.pk])
    assert CachedCountPaginator(Article.objects.published().for_listing(), 5).count == 28


def test_out_of_range_page_is_404(client, articles):
    assert client.get("/?page=2").status_code == 200
    assert client.get("/?page=99").status_code == 404
    assert client.get("/?page=x").status_code == 404


def test_counts_of_different_date_ranges_are_not_shared(articles):
    now = timezone.now()
    recent = Article.objects.published().filter(published_at__gte=now - datetime.timedelta(days=1, minutes=10))
    older = Article.objects.published().filter(published_at__gte=now - datetime.timedelta(days=1, minutes=3))
    assert recent.count() != older.count()
    assert CachedCountPaginator(recent.for_listing(), 5).count == recent.count()
    assert CachedCountPaginator(older.for_listing(), 5).count == older.count()
