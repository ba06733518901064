"""The desk on the admin's home page: a writer finds their drafts, what an
editor sent back and why, what waits in review, what is scheduled and when,
and what went out; an editor finds the review queue. Its queries do not
grow with the number of stories."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from core.templatetags.dates import datetime_attr
from newsroom import workflow
from tests.newsroom.workflow_support import ready_article

pytestmark = pytest.mark.django_db
S = Article.Status


def dashboard(client) -> str:
    page = client.get(reverse("admin:index")).content.decode()
    return page.split('id="newsroom-dashboard"')[1].split("</div>\n</div>")[0]


def section(html: str, heading_id: str) -> str:
    return html.split(f'id="{heading_id}"')[1].split("</section>")[0]


def writers_week(writer, editor, n: int = 1) -> None:
    now = timezone.now()
    for i in range(n):
        ready_article(f"Draft {i}", owner=writer)
        ready_article(f"In review {i}", owner=writer, status=S.REVIEW)
        ready_article(f"Out later {i}", owner=writer, status=S.SCHEDULED,
                      published_at=now + datetime.timedelta(days=i + 1))
        ready_article(f"Went out {i}", owner=writer, status=S.PUBLISHED)
        back = ready_article(f"Sent back {i}", owner=writer, status=S.REVIEW)
        workflow.article_send_back(article=back, user=editor, comment=f"Needs a second source ({i}).")


def test_a_writer_sees_their_work_and_the_editors_reason(client, writer, editor):
    writers_week(writer, editor)
    ready_article("Someone else's draft")
    client.force_login(writer)
    html = dashboard(client)
    assert "My desk" in html and "Someone else" not in html
    sent_back = section(html, "dash-sent-back")
    assert "Sent back 0" in sent_back and "Needs a second source (0)." in sent_back and "eddie" in sent_back
    assert "Sent back 0" not in section(html, "dash-drafts") and "Draft 0" in section(html, "dash-drafts")
    assert "In review 0" in section(html, "dash-review")
    scheduled = section(html, "dash-scheduled")
    when = Article.objects.get(title="Out later 0").published_at
    assert "Out later 0" in scheduled and f'datetime="{datetime_attr(when)}"' in scheduled
    assert "Went out 0" in section(html, "dash-recent")


def test_the_reason_goes_once_the_story_is_resubmitted(client, writer, editor):
    writers_week(writer, editor)
    article = Article.objects.get(title="Sent back 0")
    workflow.article_submit(article=article, user=writer, comment="Added the ministry's notice.")
    client.force_login(writer)
    html = dashboard(client)
    assert 'id="dash-sent-back"' not in html and "Needs a second source" not in html
    assert "Sent back 0" in section(html, "dash-review")


def test_an_editor_sees_the_review_queue_oldest_first(client, writer, editor):
    first = ready_article("Waiting longest", owner=writer, status=S.REVIEW)
    Article.objects.filter(pk=first.pk).update(updated_at=timezone.now() - datetime.timedelta(days=2))
    ready_article("Just submitted", status=S.REVIEW)
    client.force_login(editor)
    html = dashboard(client)
    queue = section(html, "dash-review")
    assert "Review queue (2)" in queue and queue.index("Waiting longest") < queue.index("Just submitted")


def test_the_desk_costs_the_same_queries_for_few_or_many_stories(client, writer, editor,
                                                                 django_assert_max_num_queries):
    writers_week(writer, editor, n=1)
    for user in (writer, editor):
        client.force_login(user)
        with CaptureQueriesContext(connection) as few:
            client.get(reverse("admin:index"))
        user.few = len(few.captured_queries)
    writers_week(writer, editor, n=8)
    for user in (writer, editor):
        client.force_login(user)
        with django_assert_max_num_queries(user.few):
            html = dashboard(client)
        assert "Out later 7" in html and ("Sent back 7" in html) == (user is writer)
