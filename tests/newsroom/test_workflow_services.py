"""The state machine through its service functions: transitions, who may
make them, audit entries, versions and the on-commit event."""

import datetime
import io
from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.utils import timezone

from articles.models import Article
from newsroom import editing, trash, workflow
from newsroom.clock import record_clock_moments
from newsroom.models import AuditEntry, PendingChange
from newsroom.revisions import versions_for
from tests.factories import make_article, make_user
from tests.newsroom.workflow_support import ready_article

pytestmark = pytest.mark.django_db
S = Article.Status


def test_transition_table_lists_every_state_and_writers_only_submit():
    targets = {t.target for t in workflow.TRANSITIONS.values()}
    assert targets == {S.REVIEW, S.DRAFT, S.PUBLISHED, S.SCHEDULED, S.ARCHIVED}
    assert [n for n, t in workflow.TRANSITIONS.items() if not t.editors_only] == ["submit"]


def test_writer_submits_editor_publishes_with_audit_and_versions(writer, editor):
    article = ready_article(owner=writer)
    v0 = article.version
    workflow.article_submit(article=article, user=writer, comment="Ready when you are")
    assert article.status == S.REVIEW and article.version == v0 + 1
    workflow.article_publish(article=article, user=editor)
    assert article.status == S.PUBLISHED and article.version == v0 + 2
    assert article in Article.objects.published()
    entries = list(AuditEntry.objects.filter(article=article).order_by("id"))
    assert [(e.action, e.from_state, e.to_state, e.user) for e in entries] == [
        ("submitted", "draft", "review", writer),
        ("published", "review", "published", editor),
    ]
    assert entries[0].comment == "Ready when you are"


def test_every_transition_leaves_a_revision_with_who_and_what(writer, editor):
    article = ready_article(owner=writer)
    workflow.article_submit(article=article, user=writer, comment="Ready when you are")
    workflow.article_publish(article=article, user=editor)
    versions = list(versions_for(article))
    assert [(v.revision.user, v.revision.comment) for v in versions[:2]] == [
        (editor, "published"),
        (writer, "submitted – Ready when you are"),
    ]


@pytest.mark.parametrize("service,kwargs", [
    (workflow.article_publish, {}),
    (workflow.article_schedule, {"when": timezone.now() + datetime.timedelta(days=1)}),
    (workflow.article_send_back, {"comment": "no"}),
])
def test_writer_can_never_publish_schedule_or_send_back(writer, service, kwargs):
    article = ready_article(owner=writer, status=S.REVIEW)
    with pytest.raises(PermissionDenied):
        service(article=article, user=writer, **kwargs)
    article.refresh_from_db()
    assert article.status == S.REVIEW
    assert not AuditEntry.objects.filter(article=article).exists()


def test_writer_cannot_unpublish_or_touch_a_live_article(writer):
    article = ready_article(owner=writer, status=S.PUBLISHED)
    with pytest.raises(PermissionDenied):
        workflow.article_archive(article=article, user=writer)
    with pytest.raises(PermissionDenied):
        editing.article_save(article=article, user=writer, data={"title": "Changed"}, expected_version=None)
    with pytest.raises(PermissionDenied):
        trash.article_trash(article=article, user=writer)
    article.refresh_from_db()
    assert article.title == "Quota talks resume in Beijing" and article.status == S.PUBLISHED


def test_writer_cannot_submit_someone_elses_draft(writer):
    other = make_user(group="Writers")
    article = ready_article(owner=other)
    with pytest.raises(PermissionDenied):
        workflow.article_submit(article=article, user=writer)


def test_impossible_transitions_are_refused_with_a_clear_message(editor):
    article = ready_article(status=S.PUBLISHED)
    with pytest.raises(workflow.TransitionNotAllowed, match="already published"):
        workflow.article_publish(article=article, user=editor)
    with pytest.raises(workflow.TransitionNotAllowed, match="Cannot submit"):
        workflow.article_submit(article=article, user=editor)
    draft = ready_article()
    with pytest.raises(workflow.TransitionNotAllowed, match="Cannot unpublish an article that is draft"):
        workflow.article_archive(article=draft, user=editor)
    with pytest.raises(workflow.WorkflowError, match="Say what needs to change"):
        workflow.article_send_back(article=ready_article(status=S.REVIEW), user=editor, comment=" ")


def test_send_back_keeps_the_comment_for_the_writer(writer, editor):
    article = ready_article(owner=writer, status=S.REVIEW)
    workflow.article_send_back(article=article, user=editor, comment="Needs a second source on the quota figure")
    assert article.status == S.DRAFT
    entry = AuditEntry.objects.get(article=article)
    assert entry.action == "sent_back" and "second source" in entry.comment


def test_public_changes_fire_the_event_after_commit_only(editor, django_capture_on_commit_callbacks):
    article = ready_article(status=S.REVIEW)
    with mock.patch("articles.events.public_content_changed") as changed:
        with django_capture_on_commit_callbacks(execute=True):
            workflow.article_publish(article=article, user=editor)
            assert not changed.called  # not before commit
        changed.assert_called_once_with(article_ids=[article.pk], reason="published")
        with django_capture_on_commit_callbacks(execute=True):
            workflow.article_archive(article=article, user=editor, comment="Legal asked")
        assert changed.call_args.kwargs == {"article_ids": [article.pk], "reason": "unpublished"}
        changed.reset_mock()
        draft = ready_article()
        with django_capture_on_commit_callbacks(execute=True):
            editing.article_save(article=draft, user=editor, data={"title": "Draft only"}, expected_version=None)
        assert not changed.called  # nothing readers can see changed


def test_live_edit_is_held_as_pending_until_published(editor, django_capture_on_commit_callbacks):
    article = ready_article("Original headline", status=S.PUBLISHED, body="<p>Live body.</p>")
    editing.article_save(article=article, user=editor,
                          data={"title": "Corrected headline", "body": "<p>New body.</p>", "tags": ["Exports"]},
                          expected_version=article.version)
    live = Article.objects.published().get(pk=article.pk)
    assert live.title == "Original headline" and "Live body" in live.body
    assert [t.name for t in live.tags.all()] == ["Quotas"]
    pending = PendingChange.objects.get(article=article, kind="pending")
    assert pending.data["title"] == "Corrected headline"

    with django_capture_on_commit_callbacks(execute=True):
        workflow.article_publish(article=article, user=editor)
    live = Article.objects.published().get(pk=article.pk)
    assert live.title == "Corrected headline" and "New body" in live.body
    assert [t.name for t in live.tags.all()] == ["Exports"]
    assert live.content_updated_at is not None
    assert not PendingChange.objects.filter(article=article).exists()
    assert AuditEntry.objects.filter(article=article, action="changes_published").exists()


def test_live_slug_change_leaves_a_redirect(editor, client):
    article = ready_article("Old name", status=S.PUBLISHED, slug="old-name")
    editing.article_save(article=article, user=editor, data={"slug": "new-name"}, expected_version=None)
    workflow.article_publish(article=article, user=editor)
    assert client.get("/articles/old-name/").url == "/articles/new-name/"


def test_stale_save_is_refused_and_its_text_kept(editor):
    other = make_user(group="Editors")
    article = ready_article(body="<p>First.</p>")
    loaded = article.version
    editing.article_save(article=article, user=other, data={"body": "<p>Other's body.</p>"}, expected_version=loaded)
    with pytest.raises(editing.EditConflict) as info:
        editing.article_save(article=article, user=editor, data={"body": "<p>My body.</p>"}, expected_version=loaded)
    assert info.value.changed_fields == ["body"]
    assert info.value.kept.data == {"body": "<p>My body.</p>"}
    article.refresh_from_db()
    assert article.body == "<p>Other's body.</p>"


def test_schedule_needs_a_future_time_and_is_logged(editor):
    article = ready_article(status=S.REVIEW)
    with pytest.raises(workflow.WorkflowError, match="future"):
        workflow.article_schedule(article=article, user=editor, when=timezone.now() - datetime.timedelta(minutes=1))
    when = timezone.now() + datetime.timedelta(hours=3)
    workflow.article_schedule(article=article, user=editor, when=when)
    assert article.status == S.SCHEDULED and article.published_at == when
    assert article not in Article.objects.published()
    assert article in Article.objects.published(now=when)
    assert AuditEntry.objects.get(article=article).action == "scheduled"


def test_publish_scheduled_command_stores_state_and_logs(editor):
    now = timezone.now()
    due = ready_article("Due one", status=S.SCHEDULED, published_at=now - datetime.timedelta(minutes=5))
    later = ready_article("Later one", status=S.SCHEDULED, published_at=now + datetime.timedelta(hours=1))
    call_command("publish_scheduled", "--dry-run", stdout=(out := io.StringIO()))
    assert "Due one" in out.getvalue() and "Later one" not in out.getvalue()
    due.refresh_from_db()
    assert due.status == S.SCHEDULED
    call_command("publish_scheduled", stdout=out)
    due.refresh_from_db()
    later.refresh_from_db()
    assert due.status == S.PUBLISHED and later.status == S.SCHEDULED
    entry = AuditEntry.objects.get(article=due)
    assert entry.action == "went_live" and entry.user is None and entry.from_state == "scheduled"
    assert entry.created_at == due.published_at


def test_go_live_is_recorded_once_whether_the_task_or_the_command_runs_first(editor):
    due = ready_article("Due one", status=S.SCHEDULED,
                        published_at=timezone.now() - datetime.timedelta(minutes=5))
    record_clock_moments(article_ids=[due.pk])  # the task at the moment
    call_command("publish_scheduled", stdout=io.StringIO())
    call_command("publish_scheduled", stdout=io.StringIO())
    assert list(AuditEntry.objects.filter(article=due).values_list("action", flat=True)) == ["went_live"]


def test_warnings_need_an_override_reason_which_is_recorded(editor):
    article = make_article("Bare piece", status=S.REVIEW, standfirst="")  # no tags, no entities, no standfirst
    with pytest.raises(workflow.PublishChecksFailed, match="needs a reason") as info:
        workflow.article_publish(article=article, user=editor)
    assert {i.code for i in info.value.issues} == {"no_tags", "no_entities", "no_standfirst", "no_byline"}
    workflow.article_publish(article=article, user=editor, override_reason="Breaking news, tags to follow")
    entry = AuditEntry.objects.get(article=article)
    assert entry.override_reason == "Breaking news, tags to follow"


def test_blocking_issues_refuse_even_with_a_reason(editor):
    article = ready_article(status=S.REVIEW, body='<p>See <a href="/articles/not-there/">this</a>.</p>')
    with pytest.raises(workflow.PublishChecksFailed, match="broken"):
        workflow.article_publish(article=article, user=editor, override_reason="I insist")
    article.refresh_from_db()
    assert article.status == S.REVIEW


def test_trash_hides_restore_brings_back_archived_and_purge_deletes_after_30_days(writer, editor):
    live = ready_article("Live piece", status=S.PUBLISHED)
    trash.article_trash(article=live, user=editor)
    assert live not in Article.objects.published()
    trash.article_restore(article=live, user=editor)
    assert live.status == S.ARCHIVED and live.deleted_at is None
    draft = ready_article("Writer draft", owner=writer)
    trash.article_trash(article=draft, user=writer)
    with pytest.raises(PermissionDenied):
        trash.article_restore(article=draft, user=writer)
    assert trash.purge_trash(now=timezone.now() + datetime.timedelta(days=29)) == []
    assert Article.objects.filter(pk=draft.pk).exists()
    assert trash.purge_trash(now=timezone.now() + datetime.timedelta(days=31)) == ["Writer draft"]
    assert not Article.objects.filter(pk=draft.pk).exists()
    # The audit trail outlives the article.
    assert AuditEntry.objects.filter(article_title="Writer draft", action="trashed", article=None).exists()


def test_purge_trash_command_dry_run_changes_nothing(editor):
    article = ready_article("Old trash")
    trash.article_trash(article=article, user=editor)
    Article.objects.filter(pk=article.pk).update(deleted_at=timezone.now() - datetime.timedelta(days=40))
    out = io.StringIO()
    call_command("purge_trash", "--dry-run", stdout=out)
    assert "Would delete: Old trash" in out.getvalue()
    assert Article.objects.filter(pk=article.pk).exists()
    call_command("purge_trash", stdout=out)
    assert not Article.objects.filter(pk=article.pk).exists()


def test_moving_a_scheduled_time_into_the_past_is_a_public_change(editor, django_capture_on_commit_callbacks):
    article = ready_article(status=S.SCHEDULED, published_at=timezone.now() + datetime.timedelta(days=1))
    with mock.patch("articles.events.public_content_changed") as changed, \
            django_capture_on_commit_callbacks(execute=True):
        editing.article_save(article=article, user=editor, expected_version=article.version,
                              data={"published_at": timezone.now() - datetime.timedelta(minutes=1)})
    assert article in Article.objects.published()
    changed.assert_called_once_with(article_ids=[article.pk], reason="live article edited")
