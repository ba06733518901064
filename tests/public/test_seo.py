"""Titles, descriptions, canonical URLs, social cards and JSON-LD."""

import pytest
from django.conf import settings

from articles.models import Correction
from tests.factories import make_article

from .helpers import head, jsonld, text

pytestmark = pytest.mark.django_db


def _urls(n):
    return ["/", "/topics/", "/topics/policy/", "/officials/", "/enterprises/", "/regulators/", "/corrections/",
            "/archive/2020/", "/archive/2020/05/", n.lead.get_absolute_url(), n.old.get_absolute_url(),
            n.wang.get_absolute_url(), n.northern.get_absolute_url(), n.sasac.get_absolute_url(),
            n.author.get_absolute_url()]


def test_every_page_has_a_unique_title_and_description_and_absolute_canonical(client, newsroom):
    titles, descriptions = set(), {}
    for url in _urls(newsroom):
        h = head(text(client.get(url)))
        assert h.title and h.title not in titles, url
        titles.add(h.title)
        assert h.meta["description"], url
        descriptions[url] = h.meta["description"]
        assert h.links["canonical"] == settings.SITE_URL + url.split("?")[0], url
        assert h.meta["og:title"] and h.meta["og:url"].startswith(settings.SITE_URL)
        assert h.meta["twitter:card"] in ("summary", "summary_large_image")
        assert h.h1 == 1, url
    assert descriptions[newsroom.lead.get_absolute_url()] == newsroom.lead.standfirst


def test_paginated_pages_have_their_own_canonical_and_title(client, db):
    for i in range(25):
        make_article(f"Item {i}", tags=["Lithium"])
    h1, h2 = head(text(client.get("/topics/lithium/"))), head(text(client.get("/topics/lithium/?page=2")))
    assert h2.links["canonical"].endswith("/topics/lithium/?page=2")
    assert h1.title != h2.title


def test_article_newsarticle_jsonld(client, newsroom):
    html = text(client.get(newsroom.old.get_absolute_url()))
    (data,) = jsonld(html)
    assert data["@context"] == "https://schema.org" and data["@type"] == "NewsArticle"
    assert data["headline"] == "Quota rules tighten in Baotou"
    assert data["datePublished"].startswith("2020-05-12T09:00:00")
    assert data["dateModified"]
    assert data["url"] == settings.SITE_URL + newsroom.old.get_absolute_url()
    assert data["author"] == [{"@type": "Person", "name": "Li Na", "url": settings.SITE_URL + "/authors/li-na/"}]
    types = {e["url"]: e["@type"] for e in data["about"]}
    assert types == {
        settings.SITE_URL + newsroom.wang.get_absolute_url(): "Person",
        settings.SITE_URL + newsroom.northern.get_absolute_url(): "Organization",
        settings.SITE_URL + newsroom.im_sasac.get_absolute_url(): "GovernmentOrganization",
    }
    assert {m["url"] for m in data["mentions"]} >= set(types)
    (corr,) = data["correction"]
    assert corr["@type"] == "CorrectionComment" and "wrong quota year" in corr["text"]


def test_jsonld_cannot_be_broken_out_of_by_content(client, db):
    a = make_article("Headline </script><script>alert(1)</script> & more", standfirst="<!-- x --> & </SCRIPT>")
    html = text(client.get(a.get_absolute_url()))
    block = html[html.index('<script type="application/ld+json">'):]
    block = block[: block.index("</script>")]
    assert "<script>alert" not in block and "</" not in block[10:] and "<!--" not in block
    (data,) = jsonld(html)
    assert data["headline"].startswith("Headline </script><script>alert(1)</script> & more")
    assert data["description"] == "<!-- x --> & </SCRIPT>"


def test_article_image_in_jsonld(client, db, django_capture_on_commit_callbacks):
    from tests.factories import image_upload

    with django_capture_on_commit_callbacks(execute=True):  # the renditions task
        a = make_article("With picture", featured_image=image_upload(width=1400, height=800), featured_image_alt="A mine")
    (data,) = jsonld(text(client.get(a.get_absolute_url())))
    assert data["image"]["url"].startswith(settings.SITE_URL) and data["image"]["width"] == 1200


def test_article_open_graph_type_and_published_time(client, newsroom):
    Correction.objects.create(article=newsroom.lead, text="Fixed a name.")
    h = head(text(client.get(newsroom.lead.get_absolute_url())))
    assert h.meta["og:type"] == "article"
    assert h.meta["article:published_time"].startswith(newsroom.lead.published_at.isoformat()[:16])


def test_robots_txt(client, db):
    r = client.get("/robots.txt")
    body = r.content.decode()
    assert r["Content-Type"].startswith("text/plain")
    assert "Disallow: /admin/" in body and "Disallow: /preview/" in body
    assert f"Sitemap: {settings.SITE_URL}/sitemap.xml" in body
    assert f"Sitemap: {settings.SITE_URL}/sitemap-news.xml" in body


def test_corrections_page_lists_correction_comments_in_jsonld(client, newsroom):
    (data,) = jsonld(text(client.get("/corrections/")))
    assert data["@type"] == "ItemList"
    (item,) = [e["item"] for e in data["itemListElement"]]
    assert item["@type"] == "CorrectionComment" and "wrong quota year" in item["text"]
    assert item["about"]["url"] == settings.SITE_URL + newsroom.old.get_absolute_url()


def test_headings_never_skip_a_level(client, newsroom):
    import re

    for url in _urls(newsroom) + ["/no-such-page/"]:
        levels = [int(n) for n in re.findall(r"<h([1-6])\b", text(client.get(url)))]
        assert levels[0] == 1, url
        for before, after in zip(levels, levels[1:], strict=False):
            assert after <= before + 1, (url, levels)


def test_home_describes_the_site_and_its_search_box(client, newsroom):
    (data,) = jsonld(text(client.get("/")))
    website, publisher = data["@graph"]
    assert website["@type"] == "WebSite" and website["url"] == settings.SITE_URL + "/"
    assert website["potentialAction"]["target"]["urlTemplate"] == settings.SITE_URL + "/search/?q={search_term_string}"
    assert publisher["@type"] == "NewsMediaOrganization"
    assert publisher["correctionsPolicy"] == settings.SITE_URL + "/corrections/"
