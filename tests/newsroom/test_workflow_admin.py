"""The workflow as editors and writers meet it in the admin: buttons, checks,
edit conflicts, bulk actions, the dashboard, the audit list and the trash."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from newsroom import editing, trash, workflow
from newsroom.models import AuditEntry, PendingChange
from newsroom.pending import pending_change
from tests.factories import make_article, make_user
from tests.newsroom.posted_form import form_fields
from tests.newsroom.workflow_support import (
    change_url,
    changelist_url,
    load_form,
    post_form,
    ready_article,
    workflow_url,
)

pytestmark = pytest.mark.django_db
S = Article.Status


def _messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_writer_creates_a_draft_through_the_admin_and_cannot_set_status(client, writer):
    client.force_login(writer)
    response = client.get(reverse("admin:articles_article_add"))
    assert 'name="status"' not in response.content.decode()
    assert 'name="published_at"' not in response.content.decode()
    response = client.post(reverse("admin:articles_article_add"), {
        "title": "Smelter output falls", "slug": "", "standfirst": "A short one.", "highlights": "One\nTwo",
        "body": "<p>Text.</p>", "tags": "Output", "status": "published", "published_at_0": "2020-01-01",
        "bylines-TOTAL_FORMS": "0", "bylines-INITIAL_FORMS": "0",
        "corrections-TOTAL_FORMS": "0", "corrections-INITIAL_FORMS": "0",
    })
    assert response.status_code == 302
    article = Article.objects.get(title="Smelter output falls")
    assert article.status == S.DRAFT and article.published_at is None
    assert article.created_by == writer and [t.name for t in article.tags.all()] == ["Output"]
    assert AuditEntry.objects.get(article=article).action == "created"


def test_writer_changelist_shows_only_their_own_articles(client, writer):
    mine = ready_article("Mine", owner=writer)
    ready_article("Not mine", owner=make_user(group="Writers"))
    client.force_login(writer)
    page = client.get(changelist_url()).content.decode()
    assert mine.title in page and "Not mine" not in page


def test_writer_sees_review_article_read_only_with_the_editors_comment(client, writer, editor):
    article = ready_article(owner=writer, status=S.REVIEW, highlights=["Output up 5%", "Quota <cut>"],
                            body="<h2>Quotas</h2><p>The <strong>first</strong> batch.</p>")
    workflow.article_send_back(article=article, user=editor, comment="Check the tonnage figure")
    workflow.article_submit(article=article, user=writer)
    client.force_login(writer)
    page = client.get(change_url(article)).content.decode()
    assert "Check the tonnage figure" in page  # audit trail inline
    assert 'name="title"' not in page  # read-only while in review
    assert workflow_url(article, "publish") not in page
    # The highlights read as a list, not as JSON.
    assert '<ol class="readonly-lines"><li>Output up 5%</li><li>Quota &lt;cut&gt;</li></ol>' in page
    assert '["Output up 5%"' not in page
    # The body reads as the story does, not as escaped markup.
    assert '<div class="readonly-body"><h2>Quotas</h2><p>The <strong>first</strong> batch.</p></div>' in page
    assert "&lt;h2&gt;" not in page


def test_editor_sees_buttons_and_prepublish_checks(client, editor):
    article = make_article("A" * 120, status=S.REVIEW, standfirst="", featured_image_alt="")
    client.force_login(editor)
    page = client.get(change_url(article)).content.decode()
    assert "Warning:</strong> The headline is 120 characters" in page
    assert "There is no standfirst" in page and "There are no tags" in page
    assert workflow_url(article, "publish") in page and 'name="override_reason"' in page
    assert workflow_url(article, "send_back") in page
    assert workflow_url(article, "submit") not in page


def test_blocking_check_hides_publish_and_refuses_a_forced_post(client, editor):
    target = ready_article("Unpublished target", slug="unpublished-target")
    article = ready_article(status=S.REVIEW, body='<p>As <a href="/articles/unpublished-target/">reported</a>.</p>')
    client.force_login(editor)
    page = client.get(change_url(article)).content.decode()
    assert "Blocking:</strong> Internal link /articles/unpublished-target/ is broken" in page
    assert workflow_url(article, "publish") not in page
    response = client.post(workflow_url(article, "publish"), {"override_reason": "go"})
    article.refresh_from_db()
    assert article.status == S.REVIEW
    assert any("Cannot publish" in m for m in _messages(response))
    workflow.article_publish(article=target, user=editor)
    assert client.post(workflow_url(article, "publish")).status_code == 302
    article.refresh_from_db()
    assert article.status == S.PUBLISHED


def test_publish_with_warnings_through_the_button_records_the_reason(client, editor):
    article = make_article("Thin piece", status=S.REVIEW)
    client.force_login(editor)
    response = client.post(workflow_url(article, "publish"))
    assert any("needs a reason" in m for m in _messages(response))
    client.post(workflow_url(article, "publish"), {"override_reason": "Market-moving, tag later"})
    article.refresh_from_db()
    assert article.status == S.PUBLISHED
    assert AuditEntry.objects.get(article=article, action="published").override_reason == "Market-moving, tag later"


def test_schedule_button_parses_the_local_time(client, editor):
    article = ready_article(status=S.REVIEW)
    client.force_login(editor)
    page = client.get(change_url(article)).content.decode()
    # The desk's one date format, not the browser locale's datetime-local.
    assert 'name="when" required placeholder="YYYY-MM-DD HH:MM"' in page and 'type="datetime-local"' not in page
    client.post(workflow_url(article, "schedule"), {"when": "2099-03-04 08:30"})
    article.refresh_from_db()
    assert article.status == S.SCHEDULED
    assert timezone.localtime(article.published_at).strftime("%Y-%m-%d %H:%M") == "2099-03-04 08:30"
    response = client.post(workflow_url(ready_article("Other", status=S.REVIEW), "schedule"), {"when": "soon"})
    assert any("date and time" in m for m in _messages(response))


def test_concurrent_edit_is_refused_and_both_texts_survive(client, editor):
    other_editor = make_user("olga", group="Editors")
    article = ready_article("Rare earth prices", body="<p>Original text.</p>")
    client.force_login(editor)
    mine = load_form(client, article)
    client.force_login(other_editor)
    theirs = load_form(client, article)

    assert post_form(client, article, theirs, body="<p>Olga's version of the story.</p>",
                     title="Rare earth prices climb").status_code == 302
    client.force_login(editor)
    response = post_form(client, article, mine, body="<p>Eddie's rewrite of the story.</p>")

    assert response.status_code == 200  # re-displayed, not saved
    page = response.content.decode()
    assert "Someone else saved this article after you opened it" in page
    assert "olga" in page and "body" in page and "title" in page  # who changed what
    assert "Eddie&#x27;s rewrite of the story." in page  # the loser's text is still in the form
    article.refresh_from_db()
    assert article.body == "<p>Olga's version of the story.</p>"  # the winner's text is stored
    kept = PendingChange.objects.get(article=article, kind="rejected")
    assert kept.data == {"body": "<p>Eddie's rewrite of the story.</p>"} and kept.created_by == editor
    assert AuditEntry.objects.filter(article=article, action="edit_conflict", user=editor).exists()

    # Saving the re-displayed form again applies only what Eddie changed:
    # his body replaces Olga's, her new headline (which he never touched) stays.
    redisplayed = form_fields(page)
    assert redisplayed["loaded_version"] == str(article.version)
    assert redisplayed["title"] == "Rare earth prices climb"  # Olga's headline, which Eddie did not touch
    assert post_form(client, article, redisplayed).status_code == 302
    article.refresh_from_db()
    assert article.body == "<p>Eddie's rewrite of the story.</p>"
    assert article.title == "Rare earth prices climb"


def test_editing_a_live_article_keeps_readers_on_the_live_version(client, editor):
    article = ready_article("Live headline", status=S.PUBLISHED, body="<p>Live words.</p>")
    client.force_login(editor)
    data = load_form(client, article)
    post_form(client, article, data, title="Revised headline", body="<p>Revised words.</p>", tags="Quotas, Prices")
    public = client.get(article.get_absolute_url()).content.decode()
    assert "Live headline" in public and "Revised headline" not in public
    page = client.get(change_url(article)).content.decode()
    assert "unpublished changes" in page and 'value="Revised headline"' in page  # editing continues on the change
    client.post(workflow_url(article, "publish"))
    public = client.get(article.get_absolute_url()).content.decode()
    assert "Revised headline" in public and "Revised words." in public and "Prices" in public


def test_bulk_actions_report_each_item(client, editor):
    good = ready_article("Good to go", status=S.REVIEW)
    thin = make_article("Thin one", status=S.REVIEW)  # has warnings: no reason in a bulk publish
    live = ready_article("Already live", status=S.PUBLISHED)
    client.force_login(editor)
    ids = [good.pk, thin.pk, live.pk]
    confirm = client.post(changelist_url(), {"action": "publish_selected", "_selected_action": ids})
    assert confirm.status_code == 200  # the confirmation page shows each article's checks first
    assert "Warning: There are no tags." in confirm.content.decode()
    good.refresh_from_db()
    assert good.status == S.REVIEW
    response = client.post(changelist_url(), {"action": "publish_selected", "_selected_action": ids,
                                              "apply": "go"}, follow=True)
    msgs = [str(m) for m in response.context["messages"]]
    assert "“Good to go” was published." in msgs
    assert any(m.startswith("“Thin one” was not published: Publishing with warnings needs a reason") for m in msgs)
    assert any(m.startswith("“Already live” was not published: The article is already published") for m in msgs)
    good.refresh_from_db()
    thin.refresh_from_db()
    assert good.status == S.PUBLISHED and thin.status == S.REVIEW
    # With a reason, the article with warnings goes too, and the reason is on record.
    client.post(changelist_url(), {"action": "publish_selected", "_selected_action": [thin.pk], "apply": "go",
                                   "override_reason": "Wire copy, tags to follow"})
    thin.refresh_from_db()
    assert thin.status == S.PUBLISHED
    assert AuditEntry.objects.get(article=thin, action="published").override_reason == "Wire copy, tags to follow"


def test_bulk_schedule_asks_for_the_date_first(client, editor):
    a = ready_article("First", status=S.REVIEW)
    b = ready_article("Second", status=S.DRAFT)
    client.force_login(editor)
    ids = [a.pk, b.pk]
    page = client.post(changelist_url(), {"action": "schedule_selected", "_selected_action": ids})
    assert page.status_code == 200 and 'placeholder="YYYY-MM-DD HH:MM"' in page.content.decode()
    assert 'type="datetime-local"' not in page.content.decode()  # the browser's own date order
    a.refresh_from_db()
    assert a.status == S.REVIEW
    response = client.post(changelist_url(), {"action": "schedule_selected", "_selected_action": ids,
                                              "when": "2099-05-06T07:00", "apply": "Schedule"}, follow=True)
    msgs = [str(m) for m in response.context["messages"]]
    assert "“First” was scheduled for 2099-05-06 07:00." in msgs and "“Second” was scheduled for 2099-05-06 07:00." in msgs
    assert set(Article.objects.filter(pk__in=ids).values_list("status", flat=True)) == {S.SCHEDULED}


def test_writer_bulk_submit_and_no_publish_action(client, writer):
    mine = ready_article("Mine", owner=writer)
    in_review = ready_article("Mine in review", owner=writer, status=S.REVIEW)
    client.force_login(writer)
    page = client.get(changelist_url()).content.decode()
    assert 'value="submit_selected"' in page and 'value="publish_selected"' not in page
    response = client.post(changelist_url(), {"action": "submit_selected",
                                              "_selected_action": [mine.pk, in_review.pk]}, follow=True)
    msgs = [str(m) for m in response.context["messages"]]
    assert "“Mine” was submitted for review." in msgs
    assert any(m.startswith("“Mine in review” was not submitted for review: Cannot submit") for m in msgs)
    # A forged publish action is not available to writers: nothing changes.
    forged = client.post(changelist_url(), {"action": "publish_selected", "_selected_action": [mine.pk],
                                            "apply": "go"})
    assert forged.status_code == 302  # admin: "no action selected"; nothing ran
    mine.refresh_from_db()
    assert mine.status == S.REVIEW


def test_bulk_trash_and_restore_from_the_trash_list(client, editor, writer):
    live = ready_article("Live story", status=S.PUBLISHED)
    draft = ready_article("Draft story", owner=writer)
    client.force_login(writer)
    response = client.post(changelist_url(), {"action": "trash_selected", "_selected_action": [draft.pk]},
                           follow=True)
    assert "“Draft story” was moved to the trash." in [str(m) for m in response.context["messages"]]
    assert client.get(reverse("admin:articles_trashedarticle_changelist")).status_code == 403
    client.force_login(editor)
    client.post(changelist_url(), {"action": "trash_selected", "_selected_action": [live.pk]})
    assert client.get(live.get_absolute_url()).status_code == 404
    trash = client.get(reverse("admin:articles_trashedarticle_changelist")).content.decode()
    assert "Live story" in trash and "Draft story" in trash
    assert "Live story" not in client.get(changelist_url()).content.decode()
    response = client.post(reverse("admin:articles_trashedarticle_changelist"),
                           {"action": "restore_selected", "_selected_action": [live.pk]}, follow=True)
    live.refresh_from_db()
    assert live.deleted_at is None and live.status == S.ARCHIVED
    # The editor is told it is not back on the site.
    assert [str(m) for m in response.context["messages"]] == [
        "“Live story” was restored as Archived. It is not on the site: it was public before it was trashed, "
        "so it comes back archived; publish it again to put it back."]


def test_audit_list_filters_by_action_and_user(client, editor, writer):
    article = ready_article(owner=writer)
    workflow.article_submit(article=article, user=writer)
    workflow.article_publish(article=article, user=editor)
    client.force_login(editor)
    url = reverse("admin:newsroom_auditentry_changelist")
    rows = client.get(url, {"action__exact": "published"}).context["cl"].result_list
    assert [(e.action, e.user) for e in rows] == [("published", editor)]
    rows = client.get(url, {"user__id__exact": writer.pk}).context["cl"].result_list
    assert [(e.action, e.user) for e in rows] == [("submitted", writer)]
    today = timezone.localdate()
    rows = client.get(url, {"created_at__year": today.year, "created_at__month": today.month}).context["cl"]
    assert rows.result_count == 2
    client.force_login(writer)
    assert client.get(url).status_code == 403


def test_dashboard_shows_what_needs_attention(client, editor, django_assert_max_num_queries):
    now = timezone.now()
    ready_article("Waiting for review", status=S.REVIEW)
    ready_article("Out tomorrow", status=S.SCHEDULED, published_at=now + datetime.timedelta(days=1))
    ready_article("Out next month", status=S.SCHEDULED, published_at=now + datetime.timedelta(days=30))
    ready_article("Just out", status=S.PUBLISHED)
    ready_article("Eddie's draft", owner=editor)
    client.force_login(editor)
    with django_assert_max_num_queries(15):
        page = client.get(reverse("admin:index")).content.decode()
    dashboard = page.split('id="newsroom-dashboard"')[1].split("</div>\n</div>")[0]
    for title in ("Waiting for review", "Out tomorrow", "Out next month", "Just out", "Eddie&#x27;s draft"):
        assert title in dashboard
    # Scheduled stories come in the order they go live.
    assert dashboard.index("Out tomorrow") < dashboard.index("Out next month")


def _heavy_article(n: int, **kw) -> Article:
    from tests.factories import make_enterprise, make_official, make_regulator

    return ready_article(
        f"Heavy article {n}", tags=[f"Tag {n}-{i}" for i in range(15)],
        officials=[make_official() for _ in range(5)], enterprises=[make_enterprise() for _ in range(5)],
        regulators=[make_regulator() for _ in range(3)], **kw,
    )


def test_change_form_queries_are_bounded_with_many_tags_and_entities(client, editor, django_assert_max_num_queries):
    article = _heavy_article(1, status=S.PUBLISHED)
    editing.article_save(article=article, user=editor, data={"title": "Pending title"}, expected_version=None)
    for _ in range(5):
        editing.article_save(article=article, user=editor, data={"standfirst": "x"}, expected_version=None)
    client.force_login(editor)
    # 37: the article has a byline row (its autocomplete's chosen author) and
    # the pre-publish checks count the byline.
    with django_assert_max_num_queries(37):
        response = client.get(change_url(article))
    assert response.status_code == 200 and 'value="Pending title"' in response.content.decode()


def test_changelist_queries_do_not_grow_with_rows(client, editor, django_assert_max_num_queries):
    for n in range(3):
        _heavy_article(n)
    client.force_login(editor)
    with django_assert_max_num_queries(30) as small:
        client.get(changelist_url())
    for n in range(3, 12):
        _heavy_article(n)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(changelist_url())
    assert "Heavy article 11" in response.content.decode()


def test_audit_inline_shows_the_latest_entries_and_links_the_full_trail(client, editor):
    article = ready_article()
    for i in range(25):
        editing.article_save(article=article, user=editor, data={"standfirst": f"Take {i}"}, expected_version=None)
    client.force_login(editor)
    response = client.get(change_url(article))
    audit = next(f for f in response.context["inline_admin_formsets"] if f.opts.model is AuditEntry)
    assert len(audit.formset.forms) == 20
    full = reverse("admin:newsroom_auditentry_changelist") + f"?article__id__exact={article.pk}"
    assert full.replace("&", "&amp;") in response.content.decode() or full in response.content.decode()
    assert client.get(full).context["cl"].result_count == 25


def test_writer_dashboard_shows_only_their_work_and_no_editor_lists(client, writer):
    ready_article("My draft piece", owner=writer)
    ready_article("My piece in review", owner=writer, status=S.REVIEW)
    ready_article("Someone else's review", status=S.REVIEW)
    client.force_login(writer)
    page = client.get(reverse("admin:index")).content.decode()
    dashboard = page.split('id="newsroom-dashboard"')[1].split("</div>\n</div>")[0]
    assert "My draft piece" in dashboard and "My piece in review" in dashboard
    assert "Someone else" not in dashboard
    assert reverse("admin:articles_trashedarticle_changelist") not in page
    assert reverse("admin:newsroom_auditentry_changelist") not in page


def test_editor_views_and_purges_from_the_trash(client, editor):
    article = ready_article("Binned story", status=S.PUBLISHED)
    editing.article_save(article=article, user=editor, data={"title": "Pending"}, expected_version=None)
    trash.article_trash(article=article, user=editor)
    client.force_login(editor)
    detail = client.get(reverse("admin:articles_trashedarticle_change", args=[article.pk]))
    assert detail.status_code == 200 and "Binned story" in detail.content.decode()
    url = reverse("admin:articles_trashedarticle_changelist")
    confirm = client.post(url, {"action": "delete_selected", "_selected_action": [article.pk]})
    assert confirm.status_code == 200 and "Are you sure" in confirm.content.decode()
    client.post(url, {"action": "delete_selected", "_selected_action": [article.pk], "post": "yes"})
    assert not Article.objects.filter(pk=article.pk).exists()
    assert AuditEntry.objects.filter(article_title="Binned story", action="trashed").exists()


def test_conflict_redisplay_merges_tags_and_entities_of_the_other_editor(client, editor):
    from tests.factories import make_official

    other_editor = make_user("olga", group="Editors")
    minister = make_official("A minister")
    article = ready_article("Export licences", body="<p>Start.</p>")
    client.force_login(editor)
    mine = load_form(client, article)
    client.force_login(other_editor)
    theirs = load_form(client, article)
    officials = [str(o.pk) for o in article.officials.all()] + [str(minister.pk)]
    assert post_form(client, article, theirs, tags="Quotas, Exports", officials=officials).status_code == 302
    client.force_login(editor)
    page = post_form(client, article, mine, body="<p>Eddie's body.</p>").content.decode()
    redisplayed = form_fields(page)
    assert redisplayed["tags"] == "Exports, Quotas"
    assert str(minister.pk) in list(redisplayed["officials"])  # two ids: a list
    assert post_form(client, article, redisplayed).status_code == 302
    article.refresh_from_db()
    assert article.body == "<p>Eddie's body.</p>"
    assert {t.name for t in article.tags.all()} == {"Quotas", "Exports"}
    assert minister in article.officials.all()


def test_changelist_flags_and_filters_live_articles_with_unpublished_changes(client, editor):
    edited = ready_article("Edited live", status=S.PUBLISHED)
    ready_article("Untouched live", status=S.PUBLISHED)
    editing.article_save(article=edited, user=editor, data={"title": "Next"}, expected_version=None)
    client.force_login(editor)
    rows = client.get(changelist_url(), {"pending": "yes"}).context["cl"].result_list
    assert [a.title for a in rows] == ["Edited live"]


def test_a_new_byline_on_a_live_article_waits_for_the_editor_to_publish_the_change(client, editor):
    from tests.factories import make_author

    zhao, anna = make_author("Zhao Min"), make_author("Anna Berg")
    article = ready_article("Live headline", status=S.PUBLISHED, authors=[zhao])
    client.force_login(editor)
    data = load_form(client, article)
    assert data["bylines-0-author"] == str(zhao.pk)
    # Anna goes first on the byline, Zhao second.
    post_form(client, article, data, **{"bylines-1-author": str(anna.pk), "bylines-1-order": "0",
                                        "bylines-0-order": "1"})
    public = client.get(article.get_absolute_url()).content.decode()
    assert ">Zhao Min</a>" in public and "Anna Berg" not in public  # readers keep the live byline
    assert pending_change(article).data["bylines"] == [anna.pk, zhao.pk]
    preview = client.get(reverse("admin:articles_article_preview", args=[article.pk])).content.decode()
    assert preview.index(">Anna Berg</a>") < preview.index(">Zhao Min</a>")
    # Saving the form again without touching the byline keeps the pending one.
    post_form(client, article, load_form(client, article), title="Live headline, revised")
    assert pending_change(article).data["bylines"] == [anna.pk, zhao.pk]
    client.post(workflow_url(article, "publish"))
    public = client.get(article.get_absolute_url()).content.decode()
    assert public.index(">Anna Berg</a>") < public.index(">Zhao Min</a>") and "Live headline, revised" in public
    saves = AuditEntry.objects.filter(article=article, action=AuditEntry.Action.SAVED)
    assert ["bylines"] in [e.changed_fields for e in saves]  # the byline change is on the audit trail


def test_a_draft_byline_changes_at_once(client, editor):
    from tests.factories import make_author

    zhao, anna = make_author("Zhao Min"), make_author("Anna Berg")
    article = ready_article("Draft headline", status=S.DRAFT, authors=[zhao, anna])
    client.force_login(editor)
    data = load_form(client, article)
    post_form(client, article, data, **{"bylines-1-DELETE": "on"})
    assert [a.display_name for a in Article.objects.get(pk=article.pk).authors.all()] == ["Zhao Min"]
    assert pending_change(article) is None


def test_a_send_back_reason_stays_at_the_top_until_resubmitted(client, writer, editor):
    article = ready_article(owner=writer, status=S.REVIEW, standfirst="")
    workflow.article_send_back(article=article, user=editor, comment="Check the tonnage figure")
    client.force_login(writer)
    page = client.get(change_url(article)).content.decode()
    note = page.split('class="send-back-note"')[1].split("</div>")[0]
    assert "Check the tonnage figure" in note and f"Sent back by {editor}" in note
    # The writer sees the pre-publish checks while revising, too.
    assert "There is no standfirst" in page
    article.refresh_from_db()
    workflow.article_submit(article=article, user=writer)
    page = client.get(change_url(article)).content.decode()
    assert 'class="send-back-note"' not in page


def test_saving_keeps_edits_aside_is_said_only_to_who_may_edit_the_live_story(client, editor, writer):
    """A writer opens their own published story read-only: no word about what
    saving the form would do, since there is no form to save."""
    article = ready_article("Live story", owner=writer, status=S.PUBLISHED)
    note = "Saving this form keeps your edits as unpublished changes"
    client.force_login(writer)
    page = client.get(change_url(article)).content.decode()
    assert 'name="title"' not in page and note not in page
    client.force_login(editor)
    assert note in client.get(change_url(article)).content.decode()
