"""Published pages in the sitemap index, the search results and the API;
a draft, a page in review or a withdrawn page in none of them."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from pages.models import Page
from pages.services import page_save, page_transition
from tests.factories import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(db):
    return make_user("eddie", group="Editors")


@pytest.fixture
def site(editor):
    about = page_save(page=Page(title="About us", slug="about", standfirst="Who runs the outlet.",
                                body="<p>An independent newsroom covering <a href='/x/'>samarium</a> supply.</p>"),
                      user=editor)
    page_transition(page=about, user=editor, name="publish")
    ethics = page_save(page=Page(title="Ethics policy", slug="ethics", parent=about,
                                 body="<p>How we handle samarium sources.</p>"), user=editor)
    page_transition(page=ethics, user=editor, name="publish")
    draft = page_save(page=Page(title="Samarium secrets", slug="secret-plan",
                                body="<p>Samarium draft.</p>"), user=editor)
    review = page_save(page=Page(title="Samarium review", slug="in-review", body="<p>Samarium.</p>"), user=editor)
    page_transition(page=review, user=editor, name="submit")
    gone = page_save(page=Page(title="Samarium withdrawn", slug="withdrawn", body="<p>Samarium.</p>"), user=editor)
    page_transition(page=gone, user=editor, name="publish")
    page_transition(page=gone, user=editor, name="unpublish")
    return {"about": about, "ethics": ethics, "draft": draft}


HIDDEN = ("secret-plan", "in-review", "withdrawn", "Samarium secrets", "Samarium review", "Samarium withdrawn")


def test_the_sitemap_index_lists_a_pages_section_with_published_pages_only(client, site, settings):
    index = client.get("/sitemap.xml").content.decode()
    assert f"{settings.SITE_URL}/sitemap-pages.xml" in index
    response = client.get("/sitemap-pages.xml")
    assert response.status_code == 200
    xml = response.content.decode()
    assert f"<loc>{settings.SITE_URL}/about/</loc>" in xml
    assert f"<loc>{settings.SITE_URL}/about/ethics/</loc>" in xml
    assert "<lastmod>" in xml
    assert not any(h in xml for h in HIDDEN)


def test_search_finds_a_published_page_and_never_an_unpublished_one(client, site):
    html = client.get("/search/", {"q": "samarium"}).content.decode()
    assert 'id="pages-heading"' in html
    assert 'href="/about/"' in html and 'href="/about/ethics/"' in html
    assert not any(h in html for h in HIDDEN)


def test_search_for_words_of_a_draft_page_only_lists_no_pages(client, site):
    html = client.get("/search/", {"q": "samarium draft"}).content.decode()
    assert 'id="pages-heading"' not in html and "secret-plan" not in html


def test_search_reads_a_page_s_text_not_its_markup(client, site):
    """The About body links with <a href='/x/'>: a search for "href" is not a
    word of any page."""
    assert 'id="pages-heading"' not in client.get("/search/", {"q": "href"}).content.decode()
    assert 'href="/about/"' in client.get("/search/", {"q": "independent"}).content.decode()


def test_a_page_found_by_its_title_comes_first(client, site):
    html = client.get("/search/", {"q": "ethics"}).content.decode()
    section = html.split('id="pages-heading"', 1)[1].split("</section>", 1)[0]
    assert "Ethics policy" in section and "About us" not in section


def test_the_api_lists_published_pages_and_shows_one_by_its_path(client, site, settings):
    data = client.get("/api/pages/").json()
    rows = data["results"] if isinstance(data, dict) else data
    assert [r["path"] for r in rows] == ["about", "about/ethics"]
    assert rows[1]["parent"] == "about"
    assert rows[1]["web_url"] == f"{settings.SITE_URL}/about/ethics/"
    detail = client.get("/api/pages/about/ethics/")
    assert detail.status_code == 200
    assert detail.json()["title"] == "Ethics policy" and "samarium sources" in detail.json()["body"]
    body = client.get("/api/pages/about/").json()["body"]
    assert f'href="{settings.SITE_URL}/x/"' in body


@pytest.mark.parametrize("path", ["secret-plan", "in-review", "withdrawn"])
def test_the_api_answers_404_for_a_page_readers_cannot_see(client, site, path):
    assert client.get(f"/api/pages/{path}/").status_code == 404
    assert path not in client.get("/api/pages/").content.decode()


def test_a_scheduled_page_is_nowhere_until_its_time(client, site, editor):
    later = page_save(page=Page(title="Samarium later", slug="later", body="<p>Samarium.</p>",
                                published_at=timezone.now() + datetime.timedelta(days=1)), user=editor)
    Page.objects.filter(pk=later.pk).update(status=Page.Status.PUBLISHED)
    assert client.get("/api/pages/later/").status_code == 404
    assert "later" not in client.get("/sitemap-pages.xml").content.decode()
    assert "Samarium later" not in client.get("/search/", {"q": "samarium"}).content.decode()


def test_the_api_page_list_costs_two_queries(client, site, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):  # the count and the page of rows
        assert client.get("/api/pages/").status_code == 200
