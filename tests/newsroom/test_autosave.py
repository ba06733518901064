"""Autosave on the server: the edit page's text, kept per user and article,
is never a revision, never touches the article, answers only to users who
may edit it (with a CSRF token), and is flagged once someone else saved."""

import json

import pytest
from django.test import Client
from django.urls import reverse

from articles.models import Article
from newsroom import editing
from newsroom.models import Autosave, PendingChange
from newsroom.revisions import versions_for

from .editorial_fixtures import *  # noqa: F403 (fixtures)
from .workflow_support import change_url

pytestmark = pytest.mark.django_db


def _url(article, discard=False):
    return reverse(f"admin:articles_article_autosave{'_discard' if discard else ''}", args=[article.pk])


def _post(client, article, body="<p>Typed, not saved.</p>", base_version=None, **extra):
    payload = {"fields": {"title": article.title, "body": body, "standfirst": "New standfirst"},
               "base_version": article.version if base_version is None else base_version}
    return client.post(_url(article), json.dumps(payload), content_type="application/json", **extra)


def test_an_autosave_is_kept_for_its_writer_and_never_touches_the_article(client, writer, own_draft):
    client.force_login(writer)
    before = (own_draft.body, own_draft.version, own_draft.status, versions_for(own_draft).count())
    response = _post(client, own_draft, body='<p>Typed <script>alert(1)</script>not saved.</p>')
    assert response.status_code == 200
    own_draft.refresh_from_db()
    assert (own_draft.body, own_draft.version, own_draft.status, versions_for(own_draft).count()) == before
    assert not PendingChange.objects.filter(article=own_draft).exists()
    stored = Autosave.objects.get(article=own_draft, user=writer)
    assert "script" not in stored.data["body"] and "not saved." in stored.data["body"]  # sanitized like a save

    offered = client.get(_url(own_draft)).json()["autosave"]
    assert offered["fields"]["standfirst"] == "New standfirst" and offered["conflicting"] is False
    assert offered["saved_at_label"].count(":") == 1  # "12:03"
    # The edit page carries the address its script posts to.
    assert f'data-autosave="{_url(own_draft)}"' in client.get(change_url(own_draft)).content.decode()


def test_a_live_article_s_autosave_is_no_pending_change_either(client, editor, own_published):
    client.force_login(editor)
    assert _post(client, own_published).status_code == 200
    own_published.refresh_from_db()
    assert "Typed, not saved." not in own_published.body
    assert not PendingChange.objects.filter(article=own_published).exists()


def test_only_users_who_may_edit_the_article_autosave_it(client, other_writer, own_draft, own_published, writer):
    client.force_login(other_writer)  # not theirs
    assert _post(client, own_draft).status_code == 404
    assert client.get(_url(own_draft)).status_code == 404
    client.force_login(writer)  # their own story, but published: only editors change it
    assert _post(client, own_published).status_code == 403
    client.logout()
    assert _post(client, own_draft).status_code == 302  # to the login page
    assert not Autosave.objects.exists()


def test_a_post_without_the_csrf_token_is_refused(writer, own_draft):
    client = Client(enforce_csrf_checks=True)
    client.force_login(writer)
    assert _post(client, own_draft).status_code == 403
    page = client.get(change_url(own_draft))
    token = page.cookies["csrftoken"].value
    assert _post(client, own_draft, HTTP_X_CSRFTOKEN=token).status_code == 200
    assert Autosave.objects.filter(article=own_draft, user=writer).exists()


def test_an_autosave_on_an_older_version_is_kept_but_flagged(client, writer, editor, own_draft):
    client.force_login(writer)
    _post(client, own_draft, body="<p>My unsaved text.</p>")
    editing.article_save(article=own_draft, user=editor, data={"body": "<p>The editor's text.</p>"},
                         expected_version=own_draft.version)
    offered = client.get(_url(own_draft)).json()["autosave"]
    assert offered["conflicting"] is True and "My unsaved text." in offered["fields"]["body"]
    assert Article.objects.get(pk=own_draft.pk).body == "<p>The editor's text.</p>"
    # An autosave sent later from the old page is kept, still flagged.
    assert _post(client, own_draft, body="<p>More of mine.</p>", base_version=1).json()["autosave"]["conflicting"]


def test_saving_or_discarding_ends_the_autosave(client, writer, own_draft):
    client.force_login(writer)
    _post(client, own_draft)
    editing.article_save(article=own_draft, user=writer, data={"body": "<p>Saved now.</p>"},
                         expected_version=own_draft.version)
    assert not Autosave.objects.exists()
    own_draft.refresh_from_db()
    _post(client, own_draft)
    assert client.post(_url(own_draft, discard=True)).json() == {"autosave": None}
    assert client.get(_url(own_draft)).json() == {"autosave": None}
