"""Shared helpers for the workflow tests: articles that pass the pre-publish
checks, admin URLs, and editing through the real admin form."""

from __future__ import annotations

from django.urls import reverse

from articles.models import Article
from newsroom.roles import sync_editorial_groups
from tests.factories import make_article, make_author, make_official
from tests.newsroom.posted_form import form_fields


def ready_article(title: str = "Quota talks resume in Beijing", *, owner=None, status: str = Article.Status.DRAFT,
                  **fields) -> Article:
    """An article with everything the pre-publish checks look for."""
    fields.setdefault("tags", ["Quotas"])
    fields.setdefault("officials", [make_official()])
    fields.setdefault("authors", [make_author()])
    article = make_article(title, status=status, created_by=owner, **fields)
    return article


def change_url(article: Article) -> str:
    return reverse("admin:articles_article_change", args=[article.pk])


def workflow_url(article: Article, action: str) -> str:
    return reverse("admin:articles_article_workflow", args=[article.pk, action])


def delete_url(article: Article) -> str:
    return reverse("admin:articles_article_delete", args=[article.pk])


def changelist_url() -> str:
    return reverse("admin:articles_article_changelist")


def load_form(client, article: Article) -> dict:
    """What the change form holds when the user opens it."""
    response = client.get(change_url(article))
    assert response.status_code == 200, response.status_code
    return form_fields(response.content.decode())


def post_form(client, article: Article, data: dict, **changes):
    """Submit ``data`` (from load_form) with ``changes`` applied."""
    data = {**data, **changes}
    return client.post(change_url(article), data)


def ensure_editorial_groups() -> None:
    """Transactional tests (browser, races) flush every table, which removes
    the groups; put them back as newsroom/roles.py defines them."""
    sync_editorial_groups()


