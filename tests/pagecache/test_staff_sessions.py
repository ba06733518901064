"""Only a real staff session skips the page cache; a made-up session
cookie is served the cached page with no SQL."""

from __future__ import annotations

import secrets

import pytest
from django.conf import settings
from django.test import Client

from articles.models import Article
from pagecache.staff import marker_cookie_name
from tests.factories import PASSWORD, make_article, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.PAGE_CACHE_ENABLED = True


def _signed_in(user) -> Client:
    """A member of staff signed in through the sign-in form, as in real life."""
    staff = Client()
    response = staff.post("/admin/login/?next=/admin/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302, response.content[:500]
    return staff


def test_a_made_up_session_cookie_is_served_from_the_cache_without_sql(client, django_assert_num_queries):
    article = make_article("Cached for everyone")
    assert client.get(article.get_absolute_url())["X-Page-Cache"] == "miss, stored"
    forger = Client()
    forger.cookies[settings.SESSION_COOKIE_NAME] = secrets.token_hex(16)
    forger.cookies[marker_cookie_name()] = secrets.token_hex(32)
    with django_assert_num_queries(0):
        response = forger.get(article.get_absolute_url())
    assert response.status_code == 200 and response["X-Page-Cache"] == "hit"


def test_a_signed_in_editor_skips_the_cache_and_sees_fresh_content(client):
    article = make_article("Old headline")
    client.get(article.get_absolute_url())
    editor = _signed_in(make_user(group="Editors"))
    assert marker_cookie_name() in editor.cookies
    Article.objects.filter(pk=article.pk).update(title="Fresh headline")  # no invalidation on purpose
    seen = editor.get(article.get_absolute_url())
    assert "X-Page-Cache" not in seen and "Fresh headline" in seen.content.decode()
    assert "private" in seen["Cache-Control"]
    assert "Old headline" in client.get(article.get_absolute_url()).content.decode()


def test_a_stolen_marker_does_not_work_with_another_session_cookie(client):
    article = make_article("Marker bound to its session")
    client.get(article.get_absolute_url())
    editor = _signed_in(make_user(group="Editors"))
    forger = Client()
    forger.cookies[settings.SESSION_COOKIE_NAME] = secrets.token_hex(16)
    forger.cookies[marker_cookie_name()] = editor.cookies[marker_cookie_name()].value
    assert forger.get(article.get_absolute_url())["X-Page-Cache"] == "hit"


def test_signing_out_ends_the_bypass(client):
    article = make_article("After sign-out")
    client.get(article.get_absolute_url())
    editor = _signed_in(make_user(group="Editors"))
    editor.post("/admin/logout/")
    assert editor.get(article.get_absolute_url())["X-Page-Cache"] == "hit"


def test_a_non_staff_session_gets_no_marker():
    reader = make_user("reader")  # not staff: the admin refuses the sign-in
    visitor = Client()
    visitor.force_login(reader)
    visitor.get("/admin/")
    assert marker_cookie_name() not in visitor.cookies or not visitor.cookies[marker_cookie_name()].value
