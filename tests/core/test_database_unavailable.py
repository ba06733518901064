"""A database that cannot be reached gives readers and editors a 503 that
says to retry, not a 500."""

from __future__ import annotations

import pytest
from django.db import OperationalError

pytestmark = pytest.mark.django_db


def test_an_unreachable_database_is_a_503_with_retry_after(client, monkeypatch):
    from articles import views

    def down(*args, **kwargs):
        raise OperationalError("connection to server at 127.0.0.1, port 5432 failed: Connection refused")

    monkeypatch.setattr(views.Article.objects, "published", down)
    response = client.get("/")
    assert response.status_code == 503
    assert response["Retry-After"] == "5" and "no-store" in response["Cache-Control"]
    assert "Temporarily unavailable" in response.content.decode()


def test_other_errors_are_still_500(client, monkeypatch):
    from articles import views

    def broken(*args, **kwargs):
        raise ValueError("a bug")

    monkeypatch.setattr(views.Article.objects, "published", broken)
    client.raise_request_exception = False
    assert client.get("/").status_code == 500


def test_an_outage_met_inside_a_middleware_is_a_503_too(client, monkeypatch):
    """A 404 makes the redirect middleware look the path up: with the database
    gone that query fails outside any view, where ``process_exception`` never
    sees it. The 500 handler still answers 503 (a 500 before the handler)."""
    from articles import redirects

    def down(path):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(redirects.ArticleRedirectMiddleware, "redirect_target", staticmethod(down))
    client.raise_request_exception = False
    response = client.get("/articles/no-such-story/")
    assert response.status_code == 503
    assert response["Retry-After"] == "5" and "no-store" in response["Cache-Control"]
