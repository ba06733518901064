"""A scheduled article becomes public at its time, with no job running: the
clock is patched and the real pages are asked."""

import datetime
from unittest import mock

import pytest
from django.utils import timezone

from articles.models import Article
from newsroom import trash, workflow
from tests.factories import make_user
from tests.newsroom.workflow_support import ready_article

pytestmark = pytest.mark.django_db
AT = datetime.datetime(2031, 6, 1, 8, 0, tzinfo=datetime.UTC)


def _at(moment):
    return mock.patch("django.utils.timezone.now", return_value=moment)


@pytest.fixture
def scheduled():
    editor = make_user(group="Editors")
    article = ready_article("Cabinet approves new quota regime", status=Article.Status.REVIEW, tags=["Quota policy"])
    workflow.article_schedule(article=article, user=editor, when=AT, now=AT - datetime.timedelta(days=1))
    return article


@pytest.mark.parametrize("url", ["/", "/topics/quota-policy/"])
def test_scheduled_article_is_absent_from_listings_one_second_before_and_present_after(client, scheduled, url):
    with _at(AT - datetime.timedelta(seconds=1)):
        assert scheduled.title not in client.get(url).content.decode()
    with _at(AT):
        assert scheduled.title in client.get(url).content.decode()
    with _at(AT + datetime.timedelta(seconds=1)):
        assert scheduled.title in client.get(url).content.decode()


def test_scheduled_article_page_is_404_before_its_time(client, scheduled):
    with _at(AT - datetime.timedelta(seconds=1)):
        assert client.get(scheduled.get_absolute_url()).status_code == 404
    with _at(AT + datetime.timedelta(seconds=1)):
        response = client.get(scheduled.get_absolute_url())
        assert response.status_code == 200 and scheduled.title in response.content.decode()


def test_expiry_and_trash_take_an_article_off_the_pages(client):
    editor = make_user(group="Editors")
    article = ready_article("Short-lived notice", status=Article.Status.PUBLISHED,
                            published_at=AT - datetime.timedelta(days=1), expires_at=AT)
    with _at(AT - datetime.timedelta(seconds=1)):
        assert client.get(article.get_absolute_url()).status_code == 200
    with _at(AT):
        assert client.get(article.get_absolute_url()).status_code == 404
    other = ready_article("Deleted story", status=Article.Status.PUBLISHED)
    trash.article_trash(article=other, user=editor)
    assert client.get(other.get_absolute_url()).status_code == 404
    assert "Deleted story" not in client.get("/").content.decode()


def test_sent_back_scheduled_article_never_appears(client, scheduled):
    editor = make_user(group="Editors")
    workflow.article_send_back(article=scheduled, user=editor, comment="Hold: embargo moved")
    with _at(AT + datetime.timedelta(days=1)):
        assert scheduled.title not in client.get("/").content.decode()
    assert timezone.now() < AT  # the real clock was never moved
