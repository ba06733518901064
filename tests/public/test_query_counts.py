"""Every public page runs a bounded number of SQL queries, whatever the
number of tags, entities, positions, authors and articles attached: the same
bound holds for a small and a large newsroom."""

import datetime

import pytest
from django.utils import timezone

from articles.models import Correction
from pages.navigation import menus
from tests.factories import (
    make_article,
    make_author,
    make_enterprise,
    make_official,
    make_position,
    make_regulator,
)

pytestmark = pytest.mark.django_db

# The measured counts (identical on SQLite and PostgreSQL). A lead story's
# "You Might Also Like" top-up costs the article page one extra query.
BOUNDS = {
    "home": 7,
    "home_page2": 3,
    "article": 11,  # + the stored "You Might Also Like" lookup; the issue caps it at 12
    "topic": 4,
    "topics": 1,
    "author": 4,
    "archive_year": 5,
    "archive_month": 4,
    "corrections": 2,
    "official": 5,
    "enterprise": 6,
    "regulator": 7,
    "officials": 3,
    "enterprises": 2,
    "regulators": 2,
    "sitemap_index": 12,  # the pages section adds its size and its newest change
    "sitemap_articles": 2,
    "sitemap_pages": 2,
    "sitemap_officials": 2,
    "sitemap_news": 2,
    "robots": 0,
}


def _world(size: int):
    """A newsroom where everything is attached ``size`` times over."""
    now = timezone.now()
    top = make_regulator(parent=make_regulator())
    regulators = [top] + [make_regulator(parent=top) for _ in range(size // 2)]
    group = make_enterprise(regulator=regulators[0])
    enterprises = [make_enterprise(parent=group, regulator=regulators[0]) for _ in range(max(1, size // 2))]
    officials = []
    for _ in range(size):
        o = make_official()
        for j in range(5 if size > 1 else 1):
            org = {"enterprise": group} if j % 2 else {"regulator": regulators[0]}
            make_position(o, f"Post {j}", start_date=datetime.date(2000 + j * 4, 1, 1),
                          end_date=None if j == 4 else datetime.date(2003 + j * 4, 12, 31), **org)
        officials.append(o)
    authors = [make_author() for _ in range(max(1, size // 4))]
    tags = [f"Topic {i}" for i in range(int(size * 1.5) or 1)]
    articles = []
    for i in range(max(3, size * 2)):
        a = make_article(published_at=now - datetime.timedelta(hours=i + 1), tags=tags, authors=authors,
                         officials=officials, enterprises=[group, *enterprises], regulators=regulators)
        Correction.objects.create(article=a, text=f"Fixed figure {i}.")
        articles.append(a)
    return {"article": articles[0], "tag": tags[0].lower().replace(" ", "-"), "author": authors[0],
            "official": officials[0], "enterprise": group, "regulator": regulators[0], "now": now}


def _urls(w):
    return {
        "home": "/",
        "home_page2": "/?page=2",
        "article": w["article"].get_absolute_url(),
        "topic": f"/topics/{w['tag']}/",
        "topics": "/topics/",
        "author": w["author"].get_absolute_url(),
        "archive_year": f"/archive/{w['now']:%Y}/",
        "archive_month": f"/archive/{w['now']:%Y/%m}/",
        "corrections": "/corrections/",
        "official": w["official"].get_absolute_url(),
        "enterprise": w["enterprise"].get_absolute_url(),
        "regulator": w["regulator"].get_absolute_url(),
        "officials": "/officials/",
        "enterprises": "/enterprises/?ownership=private",
        "regulators": "/regulators/",
        "sitemap_index": "/sitemap.xml",
        "sitemap_articles": "/sitemap-articles.xml",
        "sitemap_pages": "/sitemap-pages.xml",
        "sitemap_officials": "/sitemap-officials.xml",
        "sitemap_news": "/sitemap-news.xml",
        "robots": "/robots.txt",
    }


@pytest.mark.parametrize("size", [1, 20], ids=["small", "large"])
def test_query_count_is_bounded_and_does_not_grow(client, django_assert_max_num_queries, size):
    world = _world(size)
    if size == 20:
        # The acceptance case: one article with 30 tags and 20 officials
        # holding 5 positions each.
        assert world["article"].tags.count() == 30 and world["article"].officials.count() == 20
    # The menus are one cache read once built (pages.navigation); building
    # them after a change is one query, measured in tests/pages.
    menus()
    for name, url in _urls(world).items():
        if name == "home_page2" and size == 1:
            continue
        with django_assert_max_num_queries(BOUNDS[name], info=name):
            r = client.get(url)
        assert r.status_code == 200, (name, url, r.status_code)
