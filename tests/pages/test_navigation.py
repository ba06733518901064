"""The main menu and the footer, edited in the admin: on every page, from
one cache read, and a change shows on every cached page at once."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from taggit.models import Tag

from pages.models import Menu, MenuItem, Page
from pages.navigation import menus
from pages.services import page_save, page_transition
from tests.factories import make_article, make_official, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.PAGE_CACHE_ENABLED = True
    cache.clear()
    yield
    cache.clear()


def nav(html: str, label: str) -> list[str]:
    block = re.search(rf'<nav[^>]*aria-label="{label}">(.*?)</nav>', html, re.S).group(1)
    return re.findall(r"<a [^>]*>([^<]+)</a>", block)


def published_page(title: str, slug: str) -> Page:
    editor = make_user(group="Editors")
    return page_transition(page=page_save(page=Page(title=title, slug=slug), user=editor), user=editor,
                           name="publish")


def test_menus_show_on_every_page_in_the_editors_order(client, django_capture_on_commit_callbacks):
    about = published_page("About us", "about")
    draft = page_save(page=Page(title="Not yet", slug="not-yet"), user=None)
    article = make_article("A story", tags=["Magnets"])
    wang = make_official("Wang Lei")
    with django_capture_on_commit_callbacks(execute=True):
        main = Menu.objects.create(place="main")
        footer = Menu.objects.create(place="footer")
        MenuItem.objects.create(menu=main, order=2, tag=Tag.objects.get(name="Magnets"))
        MenuItem.objects.create(menu=main, order=1, url="/archive/2026/", label="Archive")
        MenuItem.objects.create(menu=main, order=3, official=wang, label="Wang")
        MenuItem.objects.create(menu=footer, order=1, page=about)
        MenuItem.objects.create(menu=footer, order=2, page=draft)
        MenuItem.objects.create(menu=footer, order=3, url="https://example.org/", label="Our parent")
    for url in ("/", article.get_absolute_url(), "/about/", "/officials/"):
        html = client.get(url).content.decode()
        assert nav(html, "Main") == ["Archive", "Magnets", "Wang"], url
        assert nav(html, "Site")[:2] == ["About us", "Our parent"] and "Not yet" not in html, url
        assert '<a href="/about/"' in html


def test_a_menu_change_shows_on_cached_pages_at_once(client, django_capture_on_commit_callbacks):
    make_article("A story")
    about = published_page("About us", "about")
    first = client.get("/")
    assert first["X-Page-Cache"] == "miss, stored" and "About us" not in first.content.decode()
    assert client.get("/")["X-Page-Cache"].startswith("hit")
    with django_capture_on_commit_callbacks(execute=True):
        footer = Menu.objects.create(place="footer")
        item = MenuItem.objects.create(menu=footer, order=1, page=about)
    assert "About us" in nav(client.get("/").content.decode(), "Site")
    with django_capture_on_commit_callbacks(execute=True):
        about.title = "Who we are"
        page_save(page=about, user=None, changed=["title"])
    assert "Who we are" in nav(client.get("/").content.decode(), "Site")
    with django_capture_on_commit_callbacks(execute=True):
        item.delete()
    assert "Who we are" not in client.get("/").content.decode()


def test_a_page_cache_miss_reads_the_menus_from_the_cache_without_a_query(client, settings):
    settings.PAGE_CACHE_ENABLED = False  # every request renders
    about = published_page("About us", "about")
    MenuItem.objects.create(menu=Menu.objects.create(place="footer"), page=about)
    menus()
    with CaptureQueriesContext(connection) as queries:
        html = client.get("/").content.decode()
    assert "About us" in nav(html, "Site")
    assert not [q for q in queries.captured_queries if "pages_" in q["sql"]]


def test_a_menu_item_has_exactly_one_target():
    menu = Menu.objects.create(place="main")
    with pytest.raises(ValidationError):
        MenuItem(menu=menu, label="Nothing").full_clean()
    with pytest.raises(ValidationError):
        MenuItem(menu=menu, label="Two", url="/x/", official=make_official("A B")).full_clean()
    with pytest.raises(ValidationError):
        MenuItem(menu=menu, label="Bad", url="javascript:alert(1)").full_clean()
    MenuItem(menu=menu, label="Fine", url="/archive/").full_clean()


def test_only_a_change_to_something_a_menu_links_to_rebuilds_the_menus(django_capture_on_commit_callbacks):
    linked = Tag.objects.create(name="Magnets")
    with django_capture_on_commit_callbacks(execute=True):
        MenuItem.objects.create(menu=Menu.objects.create(place="main"), tag=linked)
    menus()
    with django_capture_on_commit_callbacks(execute=True):
        Tag.objects.create(name="Some new tag")  # articles get tagged all day
    assert cache.get("pages:navigation:v3") is not None
    with django_capture_on_commit_callbacks(execute=True):
        linked.name = "Permanent magnets"
        linked.save()
    assert cache.get("pages:navigation:v3") is None
    assert menus()["main"][0]["label"] == "Permanent magnets"

