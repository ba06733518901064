"""Corrections: editors add dated notes to published articles, tied to the
revision they corrected; writers cannot."""

import re
from unittest import mock

import pytest
from django.urls import reverse
from reversion.models import Version

from articles.models import Article, Correction

from .editorial_fixtures import *  # noqa: F403 (fixtures)
from .editorial_fixtures import login

pytestmark = pytest.mark.django_db


def add_url(article):
    return reverse("admin:articles_article_correction_add", args=[article.pk])


def test_editor_adds_a_correction_tied_to_the_current_revision_and_readers_see_it(
    client, editor, own_published, django_capture_on_commit_callbacks
):
    login(client, editor)
    with mock.patch("articles.events.public_content_changed") as changed, \
            django_capture_on_commit_callbacks(execute=True):
        response = client.post(add_url(own_published), {"kind": "correction",
                                                        "text": "An earlier version misstated the quota."})
    assert response.status_code == 302
    correction = Correction.objects.get(article=own_published)
    assert correction.created_by == editor and correction.kind == "correction"
    version = Version.objects.get(pk=correction.revision_id)
    assert version.object_id == str(own_published.pk)
    assert version.field_dict["title"] == own_published.title
    changed.assert_called_once_with(article_ids=[own_published.pk], reason="correction")

    page = client.get(own_published.get_absolute_url())
    assert "An earlier version misstated the quota." in page.content.decode()


def test_an_update_note_is_kept_as_its_own_record(client, editor, own_published):
    login(client, editor)
    client.post(add_url(own_published), {"kind": "update", "text": "Adds the ministry's response."})
    client.post(add_url(own_published), {"kind": "correction", "text": "Fixes a name."})
    assert sorted(Correction.objects.filter(article=own_published).values_list("kind", flat=True)) == [
        "correction", "update"]


@pytest.mark.parametrize("role, expected", [("anonymous", 302), ("writer", 403), ("other_writer", 404)])
def test_only_editors_may_add_corrections(client, request, role, expected, own_published):
    user = None if role == "anonymous" else request.getfixturevalue(role)
    login(client, user)
    response = client.post(add_url(own_published), {"kind": "correction", "text": "Forged."})
    # The author may see the article (403); another writer may not even see it (404).
    assert response.status_code == expected
    assert not Correction.objects.exists()


def test_no_corrections_on_a_draft(client, editor, own_draft):
    login(client, editor)
    assert client.post(add_url(own_draft), {"kind": "correction", "text": "Too early."}).status_code == 403
    assert not Correction.objects.exists()


def test_an_empty_note_is_a_form_error_not_a_record(client, editor, own_published):
    login(client, editor)
    response = client.post(add_url(own_published), {"kind": "correction", "text": "  "}, follow=True)
    assert response.status_code == 200
    assert "was not added" in response.content.decode()
    assert not Correction.objects.exists()


def test_the_change_page_offers_the_form_to_editors_only(client, editor, writer, own_published):
    change = reverse("admin:articles_article_change", args=[own_published.pk])
    login(client, editor)
    assert "Add the note" in client.get(change).content.decode()
    client.logout()
    login(client, writer)
    html = client.get(change).content.decode()
    assert "Add the note" not in html and "Only editors add corrections" in html


def test_the_inline_cannot_add_corrections_around_the_service(client, editor, own_published):
    login(client, editor)
    html = client.get(reverse("admin:articles_article_change", args=[own_published.pk])).content.decode()
    # No empty inline form can be added: the formset allows no new rows.
    assert re.search(r'name="corrections-MAX_NUM_FORMS"[^>]*value="0"', html)
    assert client.get(reverse("admin:articles_correction_add")).status_code == 403
    assert Article.objects.get(pk=own_published.pk).corrections.count() == 0
