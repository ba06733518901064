"""The editorial panels on the article change page, and what an admin save
records, with many tags and entities attached."""

import pytest
from django.urls import reverse

from articles.models import Article
from newsroom.mentions import suggest_mentions
from newsroom.previews import create_preview_link
from newsroom.revisions import save_revision, snapshot_from_version, versions_for
from pages.navigation import menus
from tests.factories import make_article, make_enterprise, make_official, make_regulator

from .admin_forms import change_form_data
from .editorial_fixtures import *  # noqa: F403 (fixtures)
from .editorial_fixtures import login

pytestmark = pytest.mark.django_db


@pytest.fixture
def busy_article(editor):
    officials = [make_official(f"Official {i}") for i in range(10)]
    enterprises = [make_enterprise(f"Enterprise {i}") for i in range(10)]
    regulators = [make_regulator(f"Regulator {i}") for i in range(5)]
    make_official("Zhang San")
    article = make_article("Busy story", tags=[f"Topic {i}" for i in range(20)], officials=officials,
                           enterprises=enterprises, regulators=regulators, body="<p>Zhang San spoke.</p>")
    for i in range(8):
        article.title = f"Busy story {i}"
        article.save()
        save_revision(article=article, user=editor)
    for _ in range(3):
        create_preview_link(article=article, user=editor)
    suggest_mentions(article=article)
    return article


def test_change_page_panels_render_in_bounded_queries(client, editor, busy_article, django_assert_max_num_queries):
    login(client, editor)
    url = reverse("admin:articles_article_change", args=[busy_article.pk])
    with django_assert_max_num_queries(40):
        html = client.get(url).content.decode()
    for heading in ("Revisions", "Preview", "Corrections and updates", "Mention suggestions"):
        assert f">{heading}</h2>" in html
    assert "Zhang San" in html


def test_preview_renders_in_bounded_queries(client, editor, busy_article, django_assert_max_num_queries):
    login(client, editor)
    menus()  # the menus: one cache read once built (tests/pages measures the build)
    # 16 for the page as readers see it, 1 for the article's pending change,
    # 1 for the admin's two-factor check (has this account an authenticator?)
    with django_assert_max_num_queries(18):
        response = client.get(reverse("admin:articles_article_preview", args=[busy_article.pk]))
    assert response.status_code == 200 and "Official 9" in response.content.decode()


def test_diff_renders_in_bounded_queries(client, editor, busy_article, django_assert_max_num_queries):
    first = versions_for(busy_article).last()
    login(client, editor)
    url = reverse("admin:articles_article_revision_diff", args=[busy_article.pk]) + f"?a={first.pk}&b=current"
    with django_assert_max_num_queries(20):
        assert client.get(url).status_code == 200


def test_adding_an_article_in_the_admin_keeps_a_first_revision_with_its_tags(client, editor):
    login(client, editor)
    page = client.get(reverse("admin:articles_article_add"))
    data = change_form_data(page, title="Brand new story", slug="", standfirst="S.", body="<p>B.</p>",
                            tags="Quotas, Exports", status="draft")
    response = client.post(reverse("admin:articles_article_add"), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    article = Article.objects.get(title="Brand new story")
    [version] = versions_for(article)
    assert version.revision.user == editor
    assert [t.name for t in snapshot_from_version(version).tags] == ["Exports", "Quotas"]
