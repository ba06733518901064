"""Autosave on the server: text typed and never saved survives closing the
page (and opening it in another browser), is offered back, and never
overwrites what someone else saved meanwhile."""

import time

import pytest

from articles.models import Article
from newsroom import editing
from newsroom.models import Autosave, PendingChange
from tests.factories import PASSWORD, make_article, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _open(context, live_server, article, login=False):
    page = context.new_page()
    page.set_default_timeout(15_000)
    path = f"/admin/articles/article/{article.pk}/change/"
    if login:
        page.goto(f"{live_server.url}/admin/login/?next={path}")
        page.get_by_label("Username").fill("chief")
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Log in").click()
    else:
        page.goto(live_server.url + path)
    page.locator(".prose-editor [contenteditable=true]").wait_for()
    return page


def _type_and_close(context, live_server, article, text):
    page = _open(context, live_server, article, login=True)
    page.locator(".prose-editor [contenteditable=true]").click()
    page.keyboard.press("Control+End")
    page.keyboard.type(text)
    # Kept on the server within a few seconds of the last key press.
    last_word = text.split()[-1]
    deadline = time.monotonic() + 10
    while not any(last_word in a.data.get("body", "") for a in Autosave.objects.filter(article=article)):
        assert time.monotonic() < deadline, "nothing was autosaved"
        page.wait_for_timeout(250)
    page.close()  # mid-sentence, unsaved


def test_text_typed_before_the_tab_closed_comes_back(live_server, browser):
    make_user("chief", superuser=True)
    article = make_article("Autosave story", status=Article.Status.DRAFT, body="<p>Saved text.</p>")
    context = browser.new_context()
    try:
        _type_and_close(context, live_server, article, " And then the quota was")
        article.refresh_from_db()
        assert "quota" not in article.body  # nothing was saved or published
        # Another browser (no cookies, no local storage): the server offers it.
        context.close()
        context = browser.new_context()
        page = _open(context, live_server, article, login=True)
        offer = page.locator(".autosave-offer")
        offer.wait_for()
        assert "You have unsaved changes from" in offer.inner_text()
        page.get_by_role("button", name="Restore the unsaved changes").click()
        assert "And then the quota was" in page.locator(".prose-editor [contenteditable=true]").inner_text()
        page.get_by_role("button", name="Save and continue editing").click()
        page.wait_for_url("**/change/")
        article.refresh_from_db()
        assert "Saved text. And then the quota was" in article.body
        assert article.status == Article.Status.DRAFT
        assert not Autosave.objects.filter(article=article).exists()
        page.reload()
        page.locator(".prose-editor [contenteditable=true]").wait_for()
        page.wait_for_timeout(500)
        assert page.locator(".autosave-offer").count() == 0
    finally:
        context.close()


def test_a_newer_save_by_someone_else_is_not_overwritten_and_both_texts_are_kept(live_server, browser):
    chief = make_user("chief", superuser=True)
    other = make_user("other", superuser=True)
    article = make_article("Autosave story", status=Article.Status.DRAFT, body="<p>Saved text.</p>")
    context = browser.new_context()
    try:
        _type_and_close(context, live_server, article, " My unsaved sentence.")
        editing.article_save(article=article, user=other, data={"body": "<p>The other editor's text.</p>"},
                             expected_version=article.version)
        page = _open(context, live_server, article)
        page.locator(".autosave-offer").wait_for()
        assert "Someone has saved this article since" in page.locator(".autosave-offer").inner_text()
        page.get_by_role("button", name="Restore the unsaved changes").click()
        page.get_by_role("button", name="Save and continue editing").click()
        # The optimistic lock refuses the save from the older version (waited
        # for: is_visible() alone does not wait for the answer to the POST) ...
        page.get_by_text("changed").first.wait_for(state="visible")
        article.refresh_from_db()
        assert article.body == "<p>The other editor's text.</p>"
        # ... and keeps the refused text, which stays in the form.
        kept = PendingChange.objects.get(article=article, kind=PendingChange.Kind.REJECTED)
        assert "My unsaved sentence." in kept.data["body"] and kept.created_by == chief
        assert "My unsaved sentence." in page.locator(".prose-editor [contenteditable=true]").inner_text()
    finally:
        context.close()
