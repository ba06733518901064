import pytest
from django.urls import reverse

from core.absolute_urls import absolute_html, absolute_url, slug_url

BASE = "http://localhost:8000/articles/quota-story/"


@pytest.mark.parametrize(("given", "expected"), [
    ('<a href="/topics/quotas/">t</a>', '<a href="http://localhost:8000/topics/quotas/">t</a>'),
    ('<a href="../other/">o</a>', '<a href="http://localhost:8000/articles/other/">o</a>'),
    ('<a href="#notes">n</a>', f'<a href="{BASE}#notes">n</a>'),
    ('<img src="/media/a.png" alt="A">', '<img src="http://localhost:8000/media/a.png" alt="A">'),
    ('<a href="https://example.com/x">e</a>', '<a href="https://example.com/x">e</a>'),
    ('<a href="mailto:desk@example.com">m</a>', '<a href="mailto:desk@example.com">m</a>'),
    # The editor writes no cite attribute, so the allow-list (core/richtext.py) drops it.
    ('<blockquote cite="/sources/1/">q</blockquote>', "<blockquote>q</blockquote>"),
])
def test_relative_links_and_images_become_absolute(given, expected):
    assert absolute_html(given, "/articles/quota-story/") == expected


def test_html_is_sanitized_again_on_the_way_out():
    html = absolute_html('<p onclick="x()">Hi<script>alert(1)</script><a href="javascript:alert(1)">j</a></p>', "/a/")
    assert html == "<p>Hi<a>j</a></p>"


def test_absolute_url():
    assert absolute_url("/feeds/rss/") == "http://localhost:8000/feeds/rss/"
    assert absolute_url("https://cdn.example.com/a.webp") == "https://cdn.example.com/a.webp"
    assert absolute_url("media/a.webp") == "http://localhost:8000/media/a.webp"
    assert absolute_url("") == ""


@pytest.mark.parametrize("slug", ["quotas", "稀土", "a-b_c"])
def test_slug_url_matches_reverse(slug):
    assert slug_url("api:tag-detail", slug) == "http://localhost:8000" + reverse("api:tag-detail", kwargs={"slug": slug})
