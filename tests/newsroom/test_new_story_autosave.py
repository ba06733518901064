"""Autosave on the add page: a new story a writer has started and not saved
is kept for that writer alone (one per user), never becomes an article by
itself, answers only to staff who may add articles (with a CSRF token), and
ends with the story's first save."""

import json

import pytest
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse

from articles.models import Article
from newsroom.models import Autosave
from tests.factories import make_user

from .admin_forms import change_form_data
from .editorial_fixtures import *  # noqa: F403 (fixtures)

pytestmark = pytest.mark.django_db

ADD = "admin:articles_article_add"


def _url(discard=False):
    return reverse(f"admin:articles_article_add_autosave{'_discard' if discard else ''}")


def _post(client, title="A story not yet saved", body="<p>Typed on the add page.</p>", **extra):
    payload = {"fields": {"title": title, "body": body, "standfirst": "Its standfirst"}, "base_version": 0}
    return client.post(_url(), json.dumps(payload), content_type="application/json", **extra)


def test_a_new_story_is_kept_for_its_writer_and_creates_no_article(client, writer, other_writer):
    client.force_login(writer)
    response = _post(client, body="<p>Typed <script>alert(1)</script>on the add page.</p>")
    assert response.status_code == 200
    assert not Article.objects.exists()  # nothing was created, let alone published
    stored = Autosave.objects.get(user=writer)
    assert stored.article is None and stored.data["title"] == "A story not yet saved"
    assert "script" not in stored.data["body"] and "on the add page." in stored.data["body"]

    offered = client.get(_url()).json()["autosave"]
    assert offered["fields"]["standfirst"] == "Its standfirst"
    assert offered["base_version"] is None and offered["conflicting"] is False
    assert offered["saved_at_label"].count(":") == 1  # "12:03"
    # The add page carries the addresses its script uses.
    page = client.get(reverse(ADD)).content.decode()
    assert f'data-autosave="{_url()}"' in page and f'data-autosave-discard="{_url(discard=True)}"' in page
    # Another writer sees nothing of it.
    client.force_login(other_writer)
    assert client.get(_url()).json() == {"autosave": None}


def test_each_writer_has_one_new_story_the_latest(client, writer):
    client.force_login(writer)
    _post(client, title="First try")
    _post(client, title="Second try")
    assert [a.data["title"] for a in Autosave.objects.filter(user=writer)] == ["Second try"]
    # The database holds it to one as well, whatever a caller does.
    with pytest.raises(IntegrityError), transaction.atomic():
        Autosave.objects.create(user=writer, article=None, data={}, base_version=0)


def test_only_staff_who_may_add_articles_autosave_a_new_story(client, writer):
    reader_staff = make_user("viewer")  # staff, but may not add articles
    reader_staff.is_staff = True
    reader_staff.save()
    client.force_login(reader_staff)
    assert _post(client).status_code == 403
    assert client.get(_url()).status_code == 403
    assert client.post(_url(discard=True)).status_code == 403
    client.force_login(make_user("member"))  # not staff: the admin's login page
    assert _post(client).status_code == 302
    client.logout()
    assert _post(client).status_code == 302
    assert client.get(_url()).status_code == 302
    assert not Autosave.objects.exists()


def test_a_new_story_post_without_the_csrf_token_is_refused(writer):
    client = Client(enforce_csrf_checks=True)
    client.force_login(writer)
    assert _post(client).status_code == 403
    assert client.post(_url(discard=True)).status_code == 403
    token = client.get(reverse(ADD)).cookies["csrftoken"].value
    assert _post(client, HTTP_X_CSRFTOKEN=token).status_code == 200
    assert Autosave.objects.filter(user=writer, article=None).exists()


def test_the_first_save_ends_the_new_story_autosave_and_a_failed_one_keeps_it(client, editor):
    client.force_login(editor)
    _post(client, title="Brand new story")
    page = client.get(reverse(ADD))
    # Refused (no title): the autosave stays to be offered again.
    refused = client.post(reverse(ADD), change_form_data(page, title="", slug="", body="<p>B.</p>", status="draft"))
    assert refused.status_code == 200 and Autosave.objects.filter(user=editor).exists()
    saved = client.post(reverse(ADD), change_form_data(page, title="Brand new story", slug="", standfirst="S.",
                                                       body="<p>B.</p>", status="draft"))
    assert saved.status_code == 302, saved.context["adminform"].form.errors
    article = Article.objects.get(title="Brand new story")
    assert article.status == Article.Status.DRAFT
    assert not Autosave.objects.filter(user=editor).exists()
    assert client.get(_url()).json() == {"autosave": None}


def test_saving_an_existing_article_leaves_the_new_story_alone(client, writer, own_draft):
    client.force_login(writer)
    _post(client, title="My next story")
    page = client.get(reverse("admin:articles_article_change", args=[own_draft.pk]))
    response = client.post(reverse("admin:articles_article_change", args=[own_draft.pk]),
                           change_form_data(page, body="<p>Edited.</p>"))
    assert response.status_code == 302
    assert Autosave.objects.get(user=writer).data["title"] == "My next story"


def test_discarding_ends_the_new_story(client, writer):
    client.force_login(writer)
    _post(client)
    assert client.get(_url(discard=True)).status_code == 405
    assert client.post(_url(discard=True)).json() == {"autosave": None}
    assert not Autosave.objects.exists()
