"""Mention suggestions while writing: the desk's JSON endpoint finds the
officials, enterprises and regulators that unsaved text names (aliases and
Chinese names too), for staff who may write articles only."""

import json

import pytest
from django.test import Client
from django.urls import reverse

from newsroom.models import MentionSuggestion
from tests.factories import make_enterprise, make_official, make_regulator, make_user

from .editorial_fixtures import *  # noqa: F403 (fixtures)
from .workflow_support import change_url

pytestmark = pytest.mark.django_db
URL = reverse("admin:articles_article_mentions_in_text")


@pytest.fixture
def baotou(db):
    return make_enterprise("Baotou Steel Group", native_name="包钢", aliases=["Baotou Steel"])


def _ask(client, **text):
    return client.post(URL, json.dumps(text), content_type="application/json")


def test_names_aliases_and_chinese_names_in_unsaved_text_are_found(client, writer, baotou):
    wang = make_official("Wang Wei", native_name="王伟")
    sasac = make_regulator("State-owned Assets Supervision and Administration Commission", acronym="SASAC")
    client.force_login(writer)
    response = _ask(client, title="Quota talk", body="<p>Baotou Steel said 王伟 met <b>SASAC</b> officials.</p>",
                    highlights=["No one else."])
    assert response.status_code == 200
    found = [(m["field"], m["id"], m["name"], m["matched"]) for m in response.json()["mentions"]]
    assert found == [
        ("enterprises", baotou.pk, "Baotou Steel Group (包钢)", "Baotou Steel"),
        ("officials", wang.pk, str(wang), "王伟"),
        ("regulators", sasac.pk, str(sasac), "SASAC"),
    ]
    assert _ask(client, body="<p>包钢 output rose.</p>").json()["mentions"][0]["id"] == baotou.pk
    assert _ask(client, body="<p>Nothing to see.</p>").json() == {"mentions": []}


def test_what_an_editor_dismissed_on_the_article_is_not_offered_again(client, writer, own_draft, baotou):
    MentionSuggestion.objects.create(article=own_draft, entity_type="enterprise", entity_id=baotou.pk,
                                     matched_text="Baotou Steel", status=MentionSuggestion.Status.DISMISSED)
    client.force_login(writer)
    assert _ask(client, body="<p>Baotou Steel.</p>", article=own_draft.pk).json() == {"mentions": []}
    assert len(_ask(client, body="<p>Baotou Steel.</p>").json()["mentions"]) == 1


def test_only_staff_who_write_may_ask_and_only_with_the_csrf_token(client, writer, own_draft, other_writer, baotou):
    assert _ask(client, body="<p>Baotou Steel</p>").status_code == 302  # to the login page
    client.force_login(make_user("reader"))  # not staff
    assert _ask(client, body="<p>Baotou Steel</p>").status_code == 302
    clerk = make_user("clerk")
    clerk.is_staff = True
    clerk.save()
    client.force_login(clerk)  # staff, but no right to write articles
    assert _ask(client, body="<p>Baotou Steel</p>").status_code == 403
    client.force_login(other_writer)  # someone else's draft does not even exist for them
    assert _ask(client, body="<p>Baotou Steel</p>", article=own_draft.pk).status_code == 404
    assert client.get(URL).status_code == 405
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(writer)
    assert _ask(strict, body="<p>Baotou Steel</p>").status_code == 403
    token = strict.get(change_url(own_draft)).cookies["csrftoken"].value
    answer = strict.post(URL, json.dumps({"body": "<p>Baotou Steel</p>"}), content_type="application/json",
                         HTTP_X_CSRFTOKEN=token)
    assert answer.status_code == 200 and answer.json()["mentions"][0]["id"] == baotou.pk
