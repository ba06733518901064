"""The Correction admin shows a writer only the notes on articles they may
open; editors see the desk's."""

import pytest
from django.urls import reverse

from articles.models import Correction
from tests.factories import make_article

from .editorial_fixtures import *  # noqa: F403 (fixtures)
from .editorial_fixtures import login

pytestmark = pytest.mark.django_db


@pytest.fixture
def notes(editor, own_published):
    others = make_article("Smelter closure under review", created_by=editor)
    mine = Correction.objects.create(article=own_published, text="The licence count was 12, not 21.")
    hidden = Correction.objects.create(article=others, text="Secret desk note about the smelter.")
    return mine, hidden


def test_a_writer_lists_only_corrections_on_articles_they_may_open(client, writer, notes):
    login(client, writer)
    page = client.get(reverse("admin:articles_correction_changelist"))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Export licences granted" in text
    assert "Smelter closure under review" not in text


def test_a_writer_cannot_open_a_correction_on_someone_elses_article(client, writer, notes):
    mine, hidden = notes
    login(client, writer)
    assert client.get(reverse("admin:articles_correction_change", args=[mine.pk])).status_code == 200
    response = client.get(reverse("admin:articles_correction_change", args=[hidden.pk]), follow=True)
    assert "Secret desk note" not in response.content.decode()
    assert response.redirect_chain or response.status_code in {403, 404}


def test_an_editor_lists_every_correction(client, editor, notes):
    login(client, editor)
    text = client.get(reverse("admin:articles_correction_changelist")).content.decode()
    assert "Export licences granted" in text and "Smelter closure under review" in text
