"""Feed discovery: <link rel="alternate"> on pages, and the feed index."""

import re

import pytest

from articles.models import Article
from tests.factories import make_article, make_author, make_enterprise, make_official, make_regulator

pytestmark = pytest.mark.django_db

LINK = re.compile(r'<link rel="alternate" type="([^"]+)" title="([^"]*)" href="([^"]+)">')


def alternates(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    head = response.content.decode().split("</head>")[0]
    return [(t, h) for t, _, h in LINK.findall(head)]


SITE = [
    ("application/rss+xml", "http://localhost:8000/feeds/rss/"),
    ("application/atom+xml", "http://localhost:8000/feeds/atom/"),
    ("application/feed+json", "http://localhost:8000/feeds/json/"),
]


def test_home_and_article_pages_offer_the_site_wide_feeds(client):
    article = make_article("Quota story")
    assert alternates(client, "/") == SITE
    assert alternates(client, article.get_absolute_url()) == SITE


@pytest.mark.parametrize("kind", ["topic", "official", "enterprise", "regulator", "author"])
def test_profile_pages_offer_their_own_feed_first_then_the_site_wide_ones(client, kind):
    author, official = make_author("Li Wen"), make_official("Zhang Wei")
    enterprise, regulator = make_enterprise("China Rare Earth Group"), make_regulator("SASAC")
    make_article("Quota story", tags=["Quotas"], authors=[author], officials=[official],
                 enterprises=[enterprise], regulators=[regulator])
    page = {
        "topic": "/topics/quotas/", "official": official.get_absolute_url(),
        "enterprise": enterprise.get_absolute_url(), "regulator": regulator.get_absolute_url(),
        "author": author.get_absolute_url(),
    }[kind]
    links = alternates(client, page)
    base = f"http://localhost:8000{page}feed/"
    assert links[:3] == [
        ("application/rss+xml", base), ("application/atom+xml", base + "atom/"), ("application/feed+json", base + "json/"),
    ]
    assert links[3:] == SITE
    # Each advertised feed exists.
    for _, href in links:
        assert client.get(href.removeprefix("http://localhost:8000")).status_code == 200


def test_feed_index_lists_every_feed_but_nothing_only_drafts_use(client):
    official = make_official("Zhang Wei")
    make_article("Quota story", tags=["Quotas"], officials=[official], authors=[make_author("Li Wen")])
    make_article("Draft", status=Article.Status.DRAFT, tags=["Secret merger"], officials=[make_official("Hidden Person")])
    response = client.get("/feeds/")
    html = response.content.decode()
    assert response.status_code == 200
    for href in ("/feeds/rss/", "/feeds/atom/", "/feeds/json/", "/corrections/feed/", "/topics/quotas/feed/",
                 f"/officials/{official.slug}/feed/json/", "/authors/li-wen/feed/atom/"):
        assert f'href="{href}"' in html, href
    assert "Secret merger" not in html and "Hidden Person" not in html
    assert 'href="/feeds/"' in html  # the footer link to this page
