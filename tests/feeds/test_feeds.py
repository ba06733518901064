"""Feeds as a feed reader sees them: parsed by feedparser."""

import datetime
import json
from unittest import mock

import feedparser
import pytest
from django.utils import timezone

from articles.models import Article, Correction
from images.models import LibraryImage
from tests.factories import (
    image_upload,
    make_article,
    make_author,
    make_enterprise,
    make_official,
    make_regulator,
)

pytestmark = pytest.mark.django_db

FORMATS = ["feed/", "feed/atom/", "feed/json/"]


def fetch(client, url, **headers):
    response = client.get(url, **headers)
    assert response.status_code == 200, (url, response.status_code)
    return response


def parse(client, url):
    response = fetch(client, url)
    if "json" in response["Content-Type"]:
        return response, json.loads(response.content)
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    return response, feed


@pytest.fixture
def world(django_capture_on_commit_callbacks):
    author = make_author("Li Wen")
    second = make_author("Maria Costa")
    official = make_official("Zhang Wei")
    enterprise = make_enterprise("Northern Rare Earth Group")
    regulator = make_regulator("SASAC", acronym="SASAC")
    now = timezone.now()
    older = make_article(
        "Quota rises for light rare earths", published_at=now - datetime.timedelta(days=2), tags=["Quotas"],
        authors=[author], officials=[official], enterprises=[enterprise], regulators=[regulator],
    )
    with django_capture_on_commit_callbacks(execute=True):  # its renditions are made by a task
        newer = make_article(
            "Magnet exports slow in October", published_at=now - datetime.timedelta(days=1), tags=["Quotas", "Magnets"],
            authors=[second, author], officials=[official], enterprises=[enterprise], regulators=[regulator],
            body='<p>See <a href="/articles/quota/">the quota story</a>.</p><p><img src="/media/chart.png" alt="Chart"></p>',
            featured_image=image_upload(width=1600, height=900), featured_image_alt="A magnet factory",
            featured_image_caption="Assembly line", featured_image_credit="Staff photo",
        )
    newer.refresh_from_db()
    draft = make_article("Secret draft on quotas", status=Article.Status.DRAFT, tags=["Quotas"], authors=[author],
                         officials=[official], enterprises=[enterprise], regulators=[regulator])
    return {"author": author, "official": official, "enterprise": enterprise, "regulator": regulator,
            "older": older, "newer": newer, "draft": draft}


def page_urls(w):
    return [
        "/feeds/rss/", "/feeds/atom/", "/feeds/json/",
        *(f"/topics/quotas/{f}" for f in FORMATS),
        *(f"/officials/{w['official'].slug}/{f}" for f in FORMATS),
        *(f"/enterprises/{w['enterprise'].slug}/{f}" for f in FORMATS),
        *(f"/regulators/{w['regulator'].slug}/{f}" for f in FORMATS),
        *(f"/authors/{w['author'].slug}/{f}" for f in FORMATS),
    ]


def entries(doc):
    return doc["items"] if isinstance(doc, dict) and "items" in doc else doc.entries


def titles(doc):
    return [e["title"] for e in entries(doc)]


def test_every_feed_parses_and_lists_published_articles_newest_first_without_drafts(client, world):
    for url in page_urls(world):
        _, doc = parse(client, url)
        assert titles(doc) == ["Magnet exports slow in October", "Quota rises for light rare earths"], url


def test_rss_item_carries_full_content_guid_authors_categories_and_enclosure(client, world, site_url):
    _, feed = parse(client, "/feeds/rss/")
    assert feed.version == "rss20"
    entry = feed.entries[0]
    newer = world["newer"]
    assert entry.link == f"{site_url}/articles/{newer.slug}/"
    assert entry.id == f"tag:localhost,{newer.created_at:%Y-%m-%d}:article:{newer.pk}"
    assert entry.guidislink is False
    assert {t.term for t in entry.tags} == {"Quotas", "Magnets"}
    # Full content, with links and images made absolute for the reader.
    content = entry.content[0].value
    assert f'<a href="{site_url}/articles/quota/">the quota story</a>' in content
    assert f'src="{site_url}/media/chart.png"' in content
    assert "First point" in content  # highlights
    # Summary: standfirst and highlights.
    assert newer.standfirst in entry.summary and "<li>" in entry.summary
    # Both bylines, in byline order.
    assert [a["name"] for a in entry.authors] == ["Maria Costa", "Li Wen"]
    enclosure = entry.enclosures[0]
    rendition = newer.featured_image_renditions["large"]
    assert enclosure.type == "image/webp"
    assert int(enclosure.length) == rendition["bytes"] > 0
    assert enclosure.href.startswith(site_url) and enclosure.href.endswith(".webp")
    assert entry.media_content[0]["url"] == enclosure.href
    assert entry.published_parsed[:6] == newer.published_at.utctimetuple()[:6]


def test_atom_entry_has_content_authors_and_enclosure(client, world, site_url):
    _, feed = parse(client, "/feeds/atom/")
    assert feed.version == "atom10"
    entry = feed.entries[0]
    assert entry.id.startswith("tag:localhost,") and entry.id.endswith(f":article:{world['newer'].pk}")
    assert entry.content[0].type == "text/html"
    assert f'href="{site_url}/articles/quota/"' in entry.content[0].value
    assert [a["name"] for a in entry.authors] == ["Maria Costa", "Li Wen"]
    assert entry.enclosures[0].type == "image/webp" and int(entry.enclosures[0].length) > 0


def test_json_feed_has_the_version_1_1_structure(client, world, site_url):
    response, doc = parse(client, "/feeds/json/")
    assert response["Content-Type"].startswith("application/feed+json")
    assert doc["version"] == "https://jsonfeed.org/version/1.1"
    assert doc["title"] and doc["home_page_url"] == f"{site_url}/"
    assert doc["feed_url"] == f"{site_url}/feeds/json/"
    item = doc["items"][0]
    assert isinstance(item["id"], str) and item["id"].endswith(f":article:{world['newer'].pk}")
    assert item["url"] == f"{site_url}/articles/{world['newer'].slug}/"
    assert "the quota story" in item["content_html"]
    assert item["summary"] == world["newer"].standfirst
    assert datetime.datetime.fromisoformat(item["date_published"]) == world["newer"].published_at
    assert [a["name"] for a in item["authors"]] == ["Maria Costa", "Li Wen"]
    assert sorted(item["tags"]) == ["Magnets", "Quotas"]
    assert item["attachments"][0]["mime_type"] == "image/webp"
    assert item["attachments"][0]["size_in_bytes"] == world["newer"].featured_image_renditions["large"]["bytes"]
    assert item["image"] == item["attachments"][0]["url"]
    assert "attachments" not in doc["items"][1]  # the older story has no image


def test_guid_survives_a_slug_change(client, world):
    _, before = parse(client, "/feeds/rss/")
    article = world["newer"]
    article.slug = "magnet-exports-renamed"
    article.title = "Magnet exports slow sharply"
    article.save()
    _, after = parse(client, "/feeds/rss/")
    assert after.entries[0].link.endswith("/articles/magnet-exports-renamed/")
    assert after.entries[0].id == before.entries[0].id


def test_scheduled_article_appears_only_once_its_time_has_come(client, world):
    due = timezone.now() + datetime.timedelta(hours=2)
    make_article("Tomorrow's quota decision", status=Article.Status.SCHEDULED, published_at=due, tags=["Quotas"])
    for url in ("/feeds/rss/", "/topics/quotas/feed/atom/", "/feeds/json/"):
        assert "Tomorrow's quota decision" not in titles(parse(client, url)[1])
    with mock.patch("django.utils.timezone.now", return_value=due + datetime.timedelta(minutes=1)):
        for url in ("/feeds/rss/", "/topics/quotas/feed/atom/", "/feeds/json/"):
            assert titles(parse(client, url)[1])[0] == "Tomorrow's quota decision"


def test_expired_and_archived_articles_leave_the_feed(client, world):
    make_article("Expired note", published_at=timezone.now() - datetime.timedelta(hours=1),
                 expires_at=timezone.now() - datetime.timedelta(minutes=1))
    make_article("Archived piece", status=Article.Status.ARCHIVED)
    got = titles(parse(client, "/feeds/rss/")[1])
    assert "Expired note" not in got and "Archived piece" not in got


@pytest.mark.parametrize("url", [
    "/topics/no-such-topic/feed/", "/topics/no-such-topic/feed/json/",
    "/officials/nobody/feed/", "/enterprises/nothing/feed/atom/", "/regulators/none/feed/json/",
    "/authors/no-one/feed/",
])
def test_feed_for_an_unknown_slug_is_404(client, world, url):
    assert client.get(url).status_code == 404


def test_topic_used_only_by_drafts_has_no_feed(client, world):
    make_article("Draft on a merger", status=Article.Status.DRAFT, tags=["Secret merger"])
    assert client.get("/topics/secret-merger/feed/").status_code == 404


def test_feed_holds_the_newest_50(client, settings):
    now = timezone.now()
    for i in range(53):
        make_article(f"Story {i:02d}", published_at=now - datetime.timedelta(minutes=i))
    got = titles(parse(client, "/feeds/rss/")[1])
    assert len(got) == 50 and got[0] == "Story 00" and got[-1] == "Story 49"


def test_corrections_feed_lists_corrections_on_public_articles_only(client, world, site_url):
    Correction.objects.create(article=world["older"], text="The quota is 140,000 tonnes, not 14,000.")
    Correction.objects.create(article=world["draft"], text="Not public yet.")
    for url in ("/corrections/feed/", "/corrections/feed/atom/", "/corrections/feed/json/"):
        _, doc = parse(client, url)
        items = entries(doc)
        assert [e["title"] for e in items] == ["Correction: Quota rises for light rare earths"], url
    _, feed = parse(client, "/corrections/feed/")
    assert "140,000 tonnes" in feed.entries[0].content[0].value
    assert feed.entries[0].link.startswith(f"{site_url}/articles/{world['older'].slug}/")


def test_html_in_titles_and_bodies_cannot_break_the_feed(client):
    make_article('Rare earths & "magnets" <b>rise</b>', body="<p>A<script>alert(1)</script> &amp; B</p>",
                 standfirst="Prices < costs & more")
    for url in ("/feeds/rss/", "/feeds/atom/"):
        _, feed = parse(client, url)
        assert feed.entries[0].title == 'Rare earths & "magnets" <b>rise</b>'
        assert "<script" not in feed.entries[0].content[0].value
    assert parse(client, "/feeds/json/")[1]["items"][0]["title"] == 'Rare earths & "magnets" <b>rise</b>'


def test_enclosure_length_of_an_older_rendition_is_asked_of_storage_once(client, site_url,
                                                                        django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        article = make_article("Old image", featured_image=image_upload())
    article.refresh_from_db()
    renditions = article.featured_image_renditions
    expected = renditions["large"].pop("bytes")
    LibraryImage.objects.filter(pk=article.featured_image_id).update(renditions=renditions)
    from django.core.files.storage import default_storage

    with mock.patch.object(type(default_storage._wrapped), "size", autospec=True, return_value=expected) as size:
        for _ in range(2):
            _, feed = parse(client, "/feeds/rss/")
            assert int(feed.entries[0].enclosures[0].length) == expected
    assert size.call_count == 1


def test_a_correction_dated_in_the_future_waits(client, world):
    Correction.objects.create(article=world["older"], text="Later.", created_at=timezone.now() + datetime.timedelta(hours=1))
    assert parse(client, "/corrections/feed/json/")[1]["items"] == []


def test_a_revised_article_says_when_it_was_updated(client):
    published = timezone.now() - datetime.timedelta(days=1)
    revised = published + datetime.timedelta(hours=3)
    make_article("Revised story", published_at=published, content_updated_at=revised)
    entry = parse(client, "/feeds/atom/")[1].entries[0]
    assert entry.updated_parsed[:5] == revised.utctimetuple()[:5]
    assert entry.published_parsed[:5] == published.utctimetuple()[:5]
    item = parse(client, "/feeds/json/")[1]["items"][0]
    assert datetime.datetime.fromisoformat(item["date_modified"]) == revised


def test_a_correction_in_the_feed_carries_the_date_the_article_page_shows(client, world, settings):
    # 20:30 UTC on 8 May is already 9 May in Beijing, the newsroom's zone here:
    # a reader comparing the feed with the page must see one date.
    settings.TIME_ZONE = "Asia/Shanghai"
    Correction.objects.create(
        article=world["older"], text="The quota is 140,000 tonnes.",
        created_at=datetime.datetime(2025, 5, 8, 20, 30, tzinfo=datetime.UTC),
    )
    page = client.get(world["older"].get_absolute_url()).content.decode()
    assert "9 May 2025" in page
    content = next(e for e in parse(client, "/feeds/rss/")[1].entries if e.title == world["older"].title).content[0].value
    assert "9 May 2025" in content and "08 May" not in content and "09 May" not in content
