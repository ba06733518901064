"""A changed slug leaves a permanent redirect from the old URL."""

import pytest
from django.core.exceptions import ValidationError

from articles.models import Article, ArticleRedirect
from articles.slugs import article_change_slug
from tests.factories import make_article

pytestmark = pytest.mark.django_db


def test_service_changes_the_url_and_the_old_one_redirects(client):
    a = make_article("Export controls widen")
    article_change_slug(article=a, new_slug="export-controls-widen-to-magnets")
    r = client.get("/articles/export-controls-widen/")
    assert r.status_code == 301 and r["Location"] == "/articles/export-controls-widen-to-magnets/"
    assert client.get("/articles/export-controls-widen-to-magnets/").status_code == 200


def test_a_plain_save_with_a_new_slug_also_records_the_redirect(client):
    a = make_article("Quota cut")
    a.slug = "quota-cut-2025"
    a.save()
    assert ArticleRedirect.objects.get(old_path="/articles/quota-cut/").article == a
    assert client.get("/articles/quota-cut/").status_code == 301


def test_chains_of_renames_all_point_at_the_current_url_and_going_back_does_not_loop(client):
    a = make_article("First name")
    article_change_slug(article=a, new_slug="second-name")
    article_change_slug(article=a, new_slug="third-name")
    assert client.get("/articles/first-name/")["Location"] == "/articles/third-name/"
    assert client.get("/articles/second-name/")["Location"] == "/articles/third-name/"
    article_change_slug(article=a, new_slug="first-name")
    assert client.get("/articles/first-name/").status_code == 200
    assert client.get("/articles/third-name/")["Location"] == "/articles/first-name/"


def test_slug_taken_by_another_article_or_empty_is_refused():
    make_article("Taken", slug="taken")
    a = make_article("Mine")
    with pytest.raises(ValidationError):
        article_change_slug(article=a, new_slug="taken")
    with pytest.raises(ValidationError):
        article_change_slug(article=a, new_slug="!!!")
    assert Article.objects.get(pk=a.pk).slug == "mine"


def test_old_url_of_an_unpublished_article_is_404_not_a_redirect(client):
    a = make_article("Pulled story", status=Article.Status.DRAFT)
    article_change_slug(article=a, new_slug="pulled-story-v2")
    assert client.get("/articles/pulled-story/").status_code == 404


def test_saves_that_do_not_touch_the_slug_record_nothing():
    a = make_article("Steady")
    a.title = "Steady, revised"
    a.save()
    a.save(update_fields=["title"])
    assert not ArticleRedirect.objects.exists()
