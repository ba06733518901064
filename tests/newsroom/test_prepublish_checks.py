"""Pre-publish checks: what blocks publication and what only warns."""

import pytest

from articles.models import Article
from newsroom import checks, editing, workflow
from newsroom.pending import pending_change
from tests.factories import image_upload, make_article, make_author, make_user
from tests.newsroom.workflow_support import ready_article

pytestmark = pytest.mark.django_db


def codes(article, **kw):
    return {i.code: i.blocking for i in checks.run_checks(article, **kw)}


def test_a_complete_article_passes():
    assert codes(ready_article(status=Article.Status.REVIEW)) == {}


def test_warnings_for_weak_articles():
    article = make_article("x" * 111, standfirst="", highlights=[], status=Article.Status.REVIEW)
    assert codes(article) == {"long_headline": False, "no_standfirst": False, "no_highlights": False,
                              "no_byline": False, "no_tags": False, "no_entities": False}
    assert codes(make_article("x" * 110, status=Article.Status.REVIEW)).get("long_headline") is None


def test_blocking_for_missing_alt_text_empty_body_and_broken_links():
    ready_article("Published target", slug="published-target", status=Article.Status.PUBLISHED)
    ready_article("Draft target", slug="draft-target")
    body = ('<p><a href="/articles/published-target/">ok</a> <a href="/articles/draft-target/">draft</a> '
            '<a href="https://example.org/articles/elsewhere/">external</a> '
            '<a href="/articles/nowhere/">missing</a></p><p><img src="/media/x.png"></p>')
    article = ready_article(body=body, featured_image=image_upload(), featured_image_alt="")
    issues = checks.run_checks(article)
    messages = " ".join(i.message for i in issues)
    assert {i.code for i in checks.blocking(issues)} == {"image_alt", "body_image_alt", "broken_link"}
    assert "/articles/draft-target/ is broken: that article is not published" in messages
    assert "/articles/nowhere/ is broken: no article has that address" in messages
    assert "published-target" not in messages and "elsewhere" not in messages
    assert codes(make_article(body="<p> </p>"))["no_body"] is True


def test_checks_read_the_pending_change_not_just_the_live_row():
    editor = make_user(group="Editors")
    article = ready_article(status=Article.Status.PUBLISHED)
    editing.article_save(article=article, user=editor, data={"tags": [], "standfirst": ""}, expected_version=None)
    pending = pending_change(article)
    assert codes(article, data=pending.data) == {"no_tags": False, "no_standfirst": False}
    with pytest.raises(workflow.PublishChecksFailed):
        workflow.article_publish(article=article, user=editor)


def test_a_missing_byline_is_flagged_and_a_pending_byline_counts():
    article = ready_article(authors=[], status=Article.Status.REVIEW)
    assert codes(article) == {"no_byline": False}
    author = make_author("Li Wei")
    assert "no_byline" not in {i.code for i in checks.run_checks(article, data={"bylines": [author.pk]})}


def test_a_writers_new_article_starts_with_their_byline(client):
    writer = make_user("writer1", group="Writers")
    profile = make_author("Wang Fang", user=writer)
    client.force_login(writer)
    add = client.get("/admin/articles/article/add/")
    byline = add.context["inline_admin_formsets"][0].formset
    assert byline.forms[0].initial == {"author": profile.pk, "order": 0}
    assert "Wang Fang" in add.content.decode()
    response = client.post("/admin/articles/article/add/", {
        "title": "Smelter output falls", "slug": "", "standfirst": "", "body": "<p>Text.</p>",
        "bylines-TOTAL_FORMS": "1", "bylines-INITIAL_FORMS": "0",
        "bylines-0-author": str(profile.pk), "bylines-0-order": "0",
        "initial-bylines-0-author": str(profile.pk), "initial-bylines-0-order": "0",
        "corrections-TOTAL_FORMS": "0", "corrections-INITIAL_FORMS": "0",
    })
    assert response.status_code == 302, response.context["adminform"].form.errors
    article = Article.objects.get(title="Smelter output falls")
    assert list(article.bylines.values_list("author__display_name", flat=True)) == ["Wang Fang"]
