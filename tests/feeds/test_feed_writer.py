"""The feed formats' own XML writer (feed_formats.FastXMLGenerator) writes
exactly what Django's SimplerXMLGenerator writes, and refuses what it refuses."""

import datetime
import io

import pytest
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed
from django.utils.xmlutils import UnserializableContentError

from articles.feed_formats import AtomFeed, RssFeed

FORMATS = [(RssFeed, Rss201rev2Feed), (AtomFeed, Atom1Feed)]


def _feed(cls, title: str = "Quotas & prices <2026>"):
    feed = cls(title=title, link="https://ree.example/", description='Rare earths, "tight" supply',
               language="en", feed_url="https://ree.example/feeds/rss/", author_name="REE Exchange")
    feed.add_item(
        title="稀土 quota: Baotou & Ganzhou > 2025", link="https://ree.example/articles/quota/",
        description="<p>Summary &amp; more</p>", unique_id="tag:ree.example,2026:1",
        pubdate=datetime.datetime(2026, 3, 1, 8, 30, tzinfo=datetime.UTC),
        updateddate=datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC),
        categories=["Policy", "Ganzhou & Baotou"],
        enclosures=[Enclosure("https://ree.example/media/a.webp", "1234", "image/webp")],
        content_html='<p>Body with <a href="https://ree.example/x?a=1&amp;b=2">a link</a> — 北方稀土</p>',
        authors=[{"name": "Li Wei", "url": "https://ree.example/authors/li/"}, {"name": "O'Neill", "url": ""}],
        image={"url": "https://ree.example/media/a.webp", "type": "image/webp", "bytes": 1234, "width": 800,
               "height": 450, "description": 'A "mine"', "credit": "Photo & co"},
    )
    feed.add_item(title="Second", link="https://ree.example/articles/second/", description="",
                  pubdate=datetime.datetime(2026, 2, 1, tzinfo=datetime.UTC))
    return feed


@pytest.mark.parametrize(("ours", "django_class"), FORMATS)
@pytest.mark.parametrize("encoding", ["utf-8", "ascii"])
def test_the_same_bytes_as_djangos_writer(ours, django_class, encoding):
    feed = _feed(ours)
    fast, plain = io.BytesIO(), io.BytesIO()
    feed.write(fast, encoding)
    django_class.write(feed, plain, encoding)  # our elements, Django's generator
    assert fast.getvalue() == plain.getvalue()
    assert b"&amp;" in fast.getvalue() and b"&lt;2026&gt;" in fast.getvalue()


@pytest.mark.parametrize(("ours", "django_class"), FORMATS)
def test_control_characters_are_refused_as_django_refuses_them(ours, django_class):
    with pytest.raises(UnserializableContentError):
        django_class.write(_feed(ours, title="bell\x07"), io.BytesIO(), "utf-8")
    with pytest.raises(UnserializableContentError):
        _feed(ours, title="bell\x07").write(io.BytesIO(), "utf-8")
