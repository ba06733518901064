"""Every public page type passes the W3C Nu HTML checker with no errors
(vnu.jar run locally, tests/nu_checker.py)."""

from __future__ import annotations

import os

import pytest

from pages.models import MastheadEntry, Menu, MenuItem, Page
from pages.previews import create_preview_link, link_path
from pages.services import page_save, page_transition
from recommendations.models import RelatedArticle
from tests.factories import make_user
from tests.nu_checker import java, nu_errors
from tests.public.conftest import build_newsroom

# Without Java the checks skip locally; CI sets REQUIRE_NU_CHECKER=1 and fails.
pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(java() is None and os.environ.get("REQUIRE_NU_CHECKER") != "1",
                       reason="the Nu checker needs Java 17 (apt-get install openjdk-17-jre-headless)"),
]


def page_urls(newsroom) -> dict[str, str]:
    return {
        "home": "/",
        "article": newsroom.lead.get_absolute_url(),
        "article with a correction": newsroom.old.get_absolute_url(),
        "topic": "/topics/policy/",
        "topics": "/topics/",
        "official": newsroom.wang.get_absolute_url(),
        "enterprise": newsroom.northern.get_absolute_url(),
        "regulator": newsroom.im_sasac.get_absolute_url(),
        "author": newsroom.author.get_absolute_url(),
        "directory": "/officials/",
        "archive month": "/archive/2020/05/",
        "archive year": "/archive/2020/",
        "search": "/search/?q=rare+earth",
        "empty search": "/search/?q=zzzzqqq",
        "corrections": "/corrections/",
        "feeds": "/feeds/",
        "not found": "/no-such-page/",
    }


def test_the_checker_does_report_an_error():
    assert nu_errors("<!doctype html><html lang=en><title>x</title><p><div></p></html>")


def test_every_public_page_type_has_no_errors(client, newsroom):
    failures = {}
    for name, url in page_urls(newsroom).items():
        response = client.get(url)
        assert response.status_code in (200, 404), (name, url, response.status_code)
        errors = nu_errors(response.content.decode())
        if errors:
            failures[f"{name} {url}"] = errors
    assert failures == {}


def test_pages_with_pictures_and_related_lists_have_no_errors(client, db):
    newsroom = build_newsroom(images=True)
    for i, other in enumerate(newsroom.recent):
        RelatedArticle.objects.create(article=newsroom.lead, related=other, rank=i, reason="More on prices")
    failures = {}
    for name in ("home", "article", "official", "topic"):
        url = page_urls(newsroom)[name]
        errors = nu_errors(client.get(url).content.decode())
        if errors:
            failures[f"{name} {url}"] = errors
    assert failures == {}


def test_a_page_and_the_masthead_have_no_errors(client, newsroom):
    editor = make_user(group="Editors")
    about = page_save(page=Page(title="About us", slug="about", standfirst="Who we are.",
                                body='<p>We report on <a href="https://example.org/">rare earths</a>.</p>'
                                     "<table><caption>Staff</caption><tr><th scope=\"col\">Desk</th></tr>"
                                     "<tr><td>Beijing</td></tr></table>"), user=editor)
    page_transition(page=about, user=editor, name="publish")
    masthead = page_save(page=Page(title="Masthead", slug="masthead", parent=about, lists_staff=True), user=editor)
    page_transition(page=masthead, user=editor, name="publish")
    newsroom.author.role, newsroom.author.bio, newsroom.author.email_public = "Editor", "Covers SOEs.", "li@example.com"
    newsroom.author.save()
    MastheadEntry.objects.create(author=newsroom.author, order=1)
    MastheadEntry.objects.create(author=newsroom.author2, order=2, role="Markets reporter")
    footer = MenuItem.objects.create(menu=Menu.objects.create(place="footer"), page=about)
    MenuItem.objects.create(menu=footer.menu, page=masthead, parent=footer)
    main = MenuItem.objects.create(menu=Menu.objects.create(place="main"), page=about)
    MenuItem.objects.create(menu=main.menu, page=masthead, parent=main)
    MenuItem.objects.create(menu=main.menu, url="/archive/", label="Archive")
    share = link_path(create_preview_link(page=about, user=editor))
    failures = {}
    # The page, the masthead, a nested menu on the home page, a search that
    # lists the page, and the page's share link.
    for url in ("/about/", "/about/masthead/", "/", "/search/?q=rare+earths", share):
        response = client.get(url)
        assert response.status_code == 200, url
        errors = nu_errors(response.content.decode())
        if errors:
            failures[url] = errors
    assert failures == {}
