"""Work that follows a publish runs in the task worker, from the real queue
(the database by default; Redis with TASKS_BACKEND=rq): what an editor and a
reader notice when the worker runs late, fails, or runs at a scheduled time."""

import datetime
import time

import pytest
from django.urls import reverse
from django.utils import timezone
from django_tasks import TaskResultStatus

from articles.models import Article
from newsroom import editing, workflow
from recommendations.models import RelatedArticle
from search.models import ArticleSearchDocument
from tests.factories import make_article, make_user
from tests.newsroom.workflow_support import ready_article
from tests.tasks.queue_support import run_worker, using_rq

pytestmark = pytest.mark.django_db(transaction=True)
S = Article.Status
RECYCLING = "<p>Recyclers recover neodymium and dysprosium from old hard disk drive magnets.</p>"


def results():
    from django_tasks_db.models import DBTaskResult

    # The publish's own task; each save also queues its search document's.
    return DBTaskResult.objects.filter(task_path__endswith=".public_content_changed_task").order_by("enqueued_at")


def needs_db_results():
    if using_rq():
        pytest.skip("the task admin and its results are django-tasks-db's")


@pytest.fixture
def editor():
    return make_user("eddie", group="Editors")


def test_a_publish_leaves_the_side_effects_to_the_worker(queue, editor):
    make_article("Recycling hard drive magnets", body=RECYCLING)
    for i in range(3):
        make_article(f"Town news {i}", body=f"<p>Choir and ferries, item {i}.</p>")
    article = ready_article("Magnet recycling grows", status=S.REVIEW, body=RECYCLING + "<p>New plant.</p>")
    ArticleSearchDocument.objects.filter(article=article).delete()

    workflow.article_publish(article=article, user=editor)
    assert Article.objects.published().filter(pk=article.pk).exists()  # public at once
    assert not RelatedArticle.objects.filter(article=article).exists()  # lists wait for the worker

    run_worker()
    assert RelatedArticle.objects.filter(article=article).exists()
    assert RelatedArticle.objects.filter(related=article).exists()
    assert ArticleSearchDocument.objects.filter(article=article).exists()
    if not using_rq():
        assert [r.status for r in results()] == [TaskResultStatus.SUCCESSFUL]


def test_a_failing_task_keeps_the_publish_shows_its_error_and_can_be_retried(queue, editor, client, monkeypatch):
    needs_db_results()
    article = ready_article("Quota talks resume", status=S.REVIEW)

    def broken(*args, **kwargs):
        raise ConnectionError("search database unreachable")

    monkeypatch.setattr("search.signals.search_index_update", broken)
    workflow.article_publish(article=article, user=editor)
    run_worker()
    article.refresh_from_db()
    assert article.status == S.PUBLISHED  # the change is kept
    failed = results().get()
    assert failed.status == TaskResultStatus.FAILED

    admin = make_user("root", superuser=True)
    client.force_login(admin)
    url = reverse("admin:django_tasks_database_dbtaskresult_changelist")
    page = client.get(url, {"status__exact": "FAILED"}).content.decode()
    assert "public_content_changed_task" in page and "search database unreachable" in page
    detail = client.get(reverse("admin:django_tasks_database_dbtaskresult_change", args=[failed.pk])).content.decode()
    assert "search database unreachable" in detail  # the traceback

    monkeypatch.undo()
    response = client.post(url, {"action": "retry", "_selected_action": [failed.pk]}, follow=True)
    assert "1 task(s) enqueued again" in response.content.decode()
    run_worker()
    assert [r.status for r in results()] == [TaskResultStatus.FAILED, TaskResultStatus.SUCCESSFUL]
    assert ArticleSearchDocument.objects.filter(article=article).exists()


def test_the_queued_and_running_states_show_in_the_admin(queue, client):
    needs_db_results()
    make_article("Waiting story")  # no enqueue: a bare save is not a public change
    from articles.tasks import public_content_changed_task

    public_content_changed_task.enqueue(article_ids=[], reason="test")
    client.force_login(make_user("root", superuser=True))
    page = client.get(reverse("admin:django_tasks_database_dbtaskresult_changelist"),
                      {"status__exact": "READY"}).content.decode()
    assert "public_content_changed_task" in page
    assert "Running" in page and "Failed" in page  # the state filter offers each


def test_a_scheduled_article_joins_the_lists_at_its_time_with_no_cron(queue, editor):
    source = make_article("Recycling hard drive magnets", body=RECYCLING)
    for i in range(3):
        make_article(f"Town news {i}", body=f"<p>Choir and ferries, item {i}.</p>")
    when = timezone.now() + datetime.timedelta(seconds=8)
    article = ready_article("Magnet recycling grows", status=S.REVIEW, body=RECYCLING + "<p>New plant.</p>")
    workflow.article_schedule(article=article, user=editor, when=when)
    if not using_rq():
        from django_tasks_db.models import get_date_max

        scheduled = results().filter(run_after__gt=timezone.now(), run_after__lt=get_date_max())
        assert [r.run_after for r in scheduled] == [when]

    run_worker()  # before its time: not public, in no list
    if timezone.now() < when:  # (a loaded machine may take longer than the margin)
        assert not RelatedArticle.objects.filter(related=article).exists()

    time.sleep(max(0.0, (when - timezone.now()).total_seconds()) + 0.5)
    run_worker()
    assert Article.objects.published().filter(pk=article.pk).exists()
    assert RelatedArticle.objects.filter(article=source, related=article).exists()
    assert RelatedArticle.objects.filter(article=article).exists()


def test_an_expiry_enqueues_the_refresh_for_that_moment(queue, editor):
    needs_db_results()
    article = ready_article("Short-lived notice", status=S.REVIEW)
    workflow.article_publish(article=article, user=editor)
    ends = timezone.now() + datetime.timedelta(hours=2)
    editing.article_save(article=article, user=editor, data={"expires_at": ends},
                          expected_version=Article.objects.get(pk=article.pk).version)
    assert ends in set(results().values_list("run_after", flat=True))


def test_a_tag_merge_fans_out_in_chunks_and_every_article_follows(queue, editor, monkeypatch):
    from taggit.models import Tag

    from articles import events
    from newsroom.tags import tag_merge

    monkeypatch.setattr(events, "FAN_OUT", 2)
    articles = [make_article(f"Magnet story {i}", tags=["magnets"]) for i in range(5)]
    make_article("Unrelated", tags=["rare earths"])
    ArticleSearchDocument.objects.all().delete()
    tag_merge(keep=Tag.objects.get(name="rare earths"), merge=Tag.objects.get(name="magnets"),
              user=make_user("root", superuser=True))
    if not using_rq():
        assert results().count() == 3  # 5 articles, 2 per task
    run_worker()
    assert set(ArticleSearchDocument.objects.values_list("article_id", flat=True)) >= {a.pk for a in articles}
    if not using_rq():
        assert set(results().values_list("status", flat=True)) == {TaskResultStatus.SUCCESSFUL}


def test_moving_a_schedule_queues_the_refresh_for_the_new_time(queue, editor):
    needs_db_results()
    first = timezone.now() + datetime.timedelta(days=1)
    article = ready_article("Quota talks resume", status=S.REVIEW)
    workflow.article_schedule(article=article, user=editor, when=first)
    later = first + datetime.timedelta(hours=6)
    editing.article_save(article=article, user=editor, data={"published_at": later},
                          expected_version=Article.objects.get(pk=article.pk).version)
    assert {first, later} <= set(results().values_list("run_after", flat=True))
