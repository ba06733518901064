"""Autosave on the add page: a new story typed and never saved survives a
closed tab (and another browser), is offered back and restored, creates no
article until the writer saves; typed while offline, it is kept in the
browser and reaches the server once the connection returns."""

import time

import pytest

from articles.models import Article
from newsroom.models import Autosave
from tests.factories import PASSWORD, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EDITOR = ".prose-editor [contenteditable=true]"


def _open_add(context, live_server, login=False):
    page = context.new_page()
    page.set_default_timeout(15_000)
    path = "/admin/articles/article/add/"
    if login:
        page.goto(f"{live_server.url}/admin/login/?next={path}")
        page.get_by_label("Username").fill("chief")
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Log in").click()
    else:
        page.goto(live_server.url + path)
    page.locator(EDITOR).wait_for()
    return page


def _type_story(page, title, body):
    page.get_by_label("Title").fill(title)
    page.locator(EDITOR).click()
    page.keyboard.type(body)


def _wait_for_autosave(page, word, timeout=10):
    deadline = time.monotonic() + timeout
    while not any(word in a.data.get("body", "") for a in Autosave.objects.filter(article=None)):
        assert time.monotonic() < deadline, "nothing was autosaved"
        page.wait_for_timeout(250)


def test_a_new_story_typed_before_the_tab_closed_comes_back(live_server, browser):
    make_user("chief", superuser=True)
    context = browser.new_context()
    try:
        page = _open_add(context, live_server, login=True)
        _type_story(page, "Rare earth quotas rise", "The ministry raised the quota by")
        _wait_for_autosave(page, "quota by")
        context.close()  # mid-sentence, never saved
        assert not Article.objects.exists()

        # Another browser (no cookies, no local storage): the server offers it.
        context = browser.new_context()
        page = _open_add(context, live_server, login=True)
        offer = page.locator(".autosave-offer")
        offer.wait_for()
        assert "You have an unsaved new story from" in offer.inner_text()
        page.get_by_role("button", name="Restore the unsaved new story").click()
        assert page.get_by_label("Title").input_value() == "Rare earth quotas rise"
        assert "The ministry raised the quota by" in page.locator(EDITOR).inner_text()
        assert not Article.objects.exists()  # restoring saves nothing

        page.get_by_role("button", name="Save and continue editing").click()
        page.wait_for_url("**/change/")
        article = Article.objects.get()
        assert article.title == "Rare earth quotas rise" and "quota by" in article.body
        assert article.status == Article.Status.DRAFT
        assert not Autosave.objects.exists()
        page = _open_add(context, live_server)
        page.wait_for_timeout(1000)
        assert page.locator(".autosave-offer").count() == 0
    finally:
        context.close()


def test_a_new_story_typed_offline_is_sent_when_the_page_is_opened_again(live_server, browser):
    make_user("chief", superuser=True)
    context = browser.new_context()
    try:
        page = _open_add(context, live_server, login=True)
        context.set_offline(True)
        _type_story(page, "Typed on the train", "No signal in the tunnel")
        page.wait_for_timeout(4000)  # more than one autosave tick
        assert not Autosave.objects.exists()
        kept = "Object.keys(localStorage).filter((k) => k.startsWith('autosave:')).map((k) => localStorage[k]).join()"
        assert "tunnel" in page.evaluate(kept)
        page.close()
        context.set_offline(False)

        page = _open_add(context, live_server)
        page.locator(".autosave-offer").wait_for()
        assert "tunnel" in Autosave.objects.get(article=None).data["body"]
        assert page.evaluate(kept) == ""  # sent, so no longer kept
        page.get_by_role("button", name="Restore the unsaved new story").click()
        assert "No signal in the tunnel" in page.locator(EDITOR).inner_text()
    finally:
        context.close()
