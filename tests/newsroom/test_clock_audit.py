"""A scheduled story going live and a live one expiring happen by the
clock, with no one pressing a button: the desk reads its state from the
clock ("Published" once a scheduled story is live, "Expired" past its
expiry), and the audit trail records both moments, once each, from the task
that runs at those moments."""

from __future__ import annotations

import datetime

import pytest
from django.test import TestCase
from django.utils import timezone
from freezegun import freeze_time

from articles.models import Article
from articles.tasks import public_content_changed_task
from newsroom import workflow
from newsroom.models import AuditEntry
from tests.factories import staff_login
from tests.newsroom.workflow_support import change_url, changelist_url, ready_article

pytestmark = pytest.mark.django_db
S = Article.Status
A = AuditEntry.Action


def clock_entries(article: Article) -> list[tuple[str, datetime.datetime]]:
    return list(AuditEntry.objects.filter(article=article, action__in=[A.WENT_LIVE, A.EXPIRED])
                .order_by("created_at").values_list("action", "created_at"))


def scheduled(editor, when: datetime.datetime, title: str = "Quotas rise for 2027", **fields) -> Article:
    article = ready_article(title, status=S.REVIEW, **fields)
    # The task runs at once on commit (the tests' backend), before the
    # moment: it must record nothing yet. Its copy for the moment itself
    # (run_after, which that backend refuses) is run by the test.
    with TestCase.captureOnCommitCallbacks(execute=True):
        workflow.article_schedule(article=article, user=editor, when=when, override_reason="test")
    return Article.objects.get(pk=article.pk)


def at_its_time(article: Article) -> None:
    """What the worker runs at the publish or expiry moment (run_after)."""
    public_content_changed_task.call(article_ids=[article.pk], reason="scheduled (at its time)")


def test_going_live_is_recorded_once_at_its_moment(editor):
    start = timezone.now().replace(microsecond=0)
    when = start + datetime.timedelta(hours=1)
    article = scheduled(editor, when)
    assert clock_entries(article) == []
    assert article.state() == S.SCHEDULED and article.state_label() == "Scheduled"
    with freeze_time(when + datetime.timedelta(seconds=30)):
        at_its_time(article)
        at_its_time(article)  # a retry, or a second copy of the task
        article.refresh_from_db()
        assert article.state() == S.PUBLISHED and article.state_label() == "Published"
    assert clock_entries(article) == [(A.WENT_LIVE, when)]
    entry = AuditEntry.objects.get(article=article, action=A.WENT_LIVE)
    assert entry.user is None and (entry.from_state, entry.to_state) == (S.SCHEDULED, S.PUBLISHED)


def test_expiry_is_recorded_once_and_the_story_reads_expired(editor):
    start = timezone.now().replace(microsecond=0)
    when, ends = start + datetime.timedelta(hours=1), start + datetime.timedelta(hours=5)
    article = scheduled(editor, when, expires_at=ends)
    with freeze_time(when + datetime.timedelta(minutes=1)):
        at_its_time(article)
    with freeze_time(ends + datetime.timedelta(minutes=1)):
        at_its_time(article)
        at_its_time(article)
        article.refresh_from_db()
        assert article.state() == "expired" and article.state_label() == "Expired"
    assert clock_entries(article) == [(A.WENT_LIVE, when), (A.EXPIRED, ends)]


def test_a_late_worker_still_dates_both_moments_where_they_happened(editor):
    start = timezone.now().replace(microsecond=0)
    when, ends = start + datetime.timedelta(hours=1), start + datetime.timedelta(hours=2)
    article = scheduled(editor, when, expires_at=ends)
    with freeze_time(start + datetime.timedelta(days=1)):  # the worker was down all along
        at_its_time(article)
    assert clock_entries(article) == [(A.WENT_LIVE, when), (A.EXPIRED, ends)]


def test_an_archived_story_past_its_times_gets_no_clock_entries(editor):
    start = timezone.now().replace(microsecond=0)
    article = scheduled(editor, start + datetime.timedelta(hours=1))
    workflow.article_archive(article=article, user=editor)
    with freeze_time(start + datetime.timedelta(hours=2)):
        at_its_time(article)
    assert clock_entries(article) == []


def test_the_list_and_the_edit_page_say_published_after_go_live(client, editor):
    start = timezone.now().replace(microsecond=0)
    article = scheduled(editor, start + datetime.timedelta(minutes=10))
    waiting = scheduled(editor, start + datetime.timedelta(days=3), title="Export licences")
    # The clock moved past the first story's time (moved by its row: under a
    # frozen clock the admin's date drill-down gets fake datetimes back).
    when = start - datetime.timedelta(minutes=1)
    Article.objects.filter(pk=article.pk).update(published_at=when)
    at_its_time(article)
    staff_login(client, editor)
    listing = client.get(changelist_url()).content.decode()
    row = listing.split("Quotas rise for 2027</a>")[1].split("</tr>")[0]
    assert ">Published</span>" in row and "Scheduled" not in row
    live_only = client.get(changelist_url() + "?state=published").content.decode()
    assert "Quotas rise for 2027" in live_only and "Export licences" not in live_only
    still_to_come = client.get(changelist_url() + "?state=scheduled").content.decode()
    assert "Export licences" in still_to_come and "Quotas rise for 2027" not in still_to_come
    page = client.get(change_url(article)).content.decode()
    assert "Workflow: Published" in page and "Went live at its scheduled time" in page
    assert waiting.state() == S.SCHEDULED and clock_entries(article) == [(A.WENT_LIVE, when)]
