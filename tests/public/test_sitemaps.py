"""sitemap.xml, its sections and the Google News sitemap, parsed as XML."""
# ruff: noqa: S314  (parses our own server output, not untrusted XML)

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.conf import settings
from django.utils import timezone

from tests.factories import make_article

pytestmark = pytest.mark.django_db

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "news": "http://www.google.com/schemas/sitemap-news/0.9"}


def _locs(client, url):
    r = client.get(url)
    assert r.status_code == 200 and "xml" in r["Content-Type"]
    return [e.text for e in ET.fromstring(r.content).iterfind(".//s:loc", NS)]


def test_index_points_at_every_section_on_the_public_site(client, newsroom):
    locs = _locs(client, "/sitemap.xml")
    assert locs == [f"{settings.SITE_URL}/sitemap-{s}.xml" for s in
                    ("articles", "topics", "authors", "officials", "enterprises", "regulators", "pages")]


def test_sections_list_published_content_only(client, newsroom):
    site = settings.SITE_URL
    articles = _locs(client, "/sitemap-articles.xml")
    assert site + newsroom.lead.get_absolute_url() in articles and site + newsroom.old.get_absolute_url() in articles
    assert len(articles) == 6
    for hidden in (newsroom.draft, newsroom.review, newsroom.scheduled, newsroom.archived, newsroom.expired):
        assert site + hidden.get_absolute_url() not in articles
    topics = _locs(client, "/sitemap-topics.xml")
    assert site + "/topics/policy/" in topics and site + "/topics/secret-tag/" not in topics
    officials = _locs(client, "/sitemap-officials.xml")
    assert officials == [site + newsroom.chen.get_absolute_url(), site + newsroom.wang.get_absolute_url()]
    enterprises = _locs(client, "/sitemap-enterprises.xml")
    assert site + newsroom.group.get_absolute_url() in enterprises
    assert site + "/authors/li-na/" in _locs(client, "/sitemap-authors.xml")


def test_entities_without_published_coverage_are_left_out(client, newsroom):
    from tests.factories import make_enterprise

    lonely = make_enterprise("Unreported Mining Co")
    assert settings.SITE_URL + lonely.get_absolute_url() not in _locs(client, "/sitemap-enterprises.xml")
    assert settings.SITE_URL + newsroom.hidden_only.get_absolute_url() not in _locs(client, "/sitemap-officials.xml")


def test_unknown_section_and_page_are_404(client, db):
    assert client.get("/sitemap-nothing.xml").status_code == 404
    assert client.get("/sitemap-articles.xml?p=99").status_code == 404


def test_news_sitemap_has_the_last_48_hours_in_the_news_namespace(client, newsroom):
    now = timezone.now()
    make_article("Two days and more ago", published_at=now - datetime.timedelta(hours=49))
    root = ET.fromstring(client.get("/sitemap-news.xml").content)
    urls = root.findall("s:url", NS)
    titles = [u.find("news:news/news:title", NS).text for u in urls]
    assert titles == [newsroom.lead.title, "Market note 0"]
    first = urls[0]
    assert first.find("s:loc", NS).text == settings.SITE_URL + newsroom.lead.get_absolute_url()
    assert first.find("news:news/news:publication/news:name", NS).text == settings.SITE_NAME
    assert first.find("news:news/news:publication/news:language", NS).text == "en"
    published = datetime.datetime.fromisoformat(first.find("news:news/news:publication_date", NS).text)
    assert abs(published - newsroom.lead.published_at) < datetime.timedelta(seconds=1)


def test_news_sitemap_escapes_titles(client, db):
    make_article("Prices & <quotas>", published_at=timezone.now() - datetime.timedelta(hours=1))
    root = ET.fromstring(client.get("/sitemap-news.xml").content)
    assert root.find("s:url/news:news/news:title", NS).text == "Prices & <quotas>"
