"""Stored and reflected XSS: every payload in every field a person can type,
rendered on every page that shows it, public and admin."""

import pytest
from django.utils.html import escape

from articles.models import Correction
from tests.factories import image_upload, make_article, make_author, make_official, make_user
from tests.security.html_check import script_problems
from tests.security.payloads import PAYLOADS

pytestmark = pytest.mark.django_db


def _pages_for(payload, client, editor_client):
    official = make_official(f"Official {payload}"[:200], bio=payload, native_name=payload[:200],
                             aliases=[payload[:200]])
    author = make_author(f"Writer {payload}"[:150])
    article = make_article(
        payload[:255], standfirst=payload, highlights=[payload, "plain point"], body=payload,
        featured_image=image_upload(), featured_image_alt=payload[:250], featured_image_caption=payload[:400], featured_image_credit=payload[:200],
        tags=[payload[:100]], officials=[official], authors=[author],
    )
    Correction.objects.create(article=article, text=payload)
    tag = article.tags.get()
    public = {
        "article": client.get(article.get_absolute_url()),
        "home": client.get("/"),
        "topic": client.get(f"/topics/{tag.slug}/"),
        "official": client.get(official.get_absolute_url()),
        "author": client.get(author.get_absolute_url()),
        "search": client.get("/search/", {"q": payload}),
        "corrections": client.get("/corrections/"),
        "feed": client.get("/feeds/rss/"),
    }
    admin = {
        "changelist": editor_client.get("/admin/articles/article/", {"q": payload[:50]}),
        "changelist-all": editor_client.get("/admin/articles/article/"),
        "change": editor_client.get(f"/admin/articles/article/{article.pk}/change/"),
        "officials": editor_client.get("/admin/entities/official/"),
        "tags": editor_client.get("/admin/taggit/tag/"),
    }
    return article, public, admin


@pytest.fixture
def editor_client(client, django_user_model):
    from django.test import Client

    c = Client()
    c.force_login(make_user("xss-editor", group="Editors"))
    return c


@pytest.mark.parametrize("payload", PAYLOADS, ids=range(len(PAYLOADS)))
def test_payload_never_becomes_markup_on_any_page(payload, client, editor_client):
    article, public, admin = _pages_for(payload, client, editor_client)
    assert public["article"].status_code == 200
    # The text is there, escaped: the test would see it if it were dropped.
    assert escape(article.title) in public["article"].text
    for name, response in {**public, **admin}.items():
        if response.status_code != 200 or "html" not in response.headers.get("Content-Type", ""):
            continue
        problems = script_problems(response.text)
        assert problems == [], f"{name}: {problems}"


def test_payload_in_a_feed_is_escaped_xml(client):
    make_article("<script>alert(1)</script> title", body="<p>ok</p><script>alert(2)</script>")
    response = client.get("/feeds/rss/")
    if response.status_code == 404:
        pytest.skip("feeds are not built")
    assert "<script>alert(1)" not in response.text and "alert(2)" not in response.text
