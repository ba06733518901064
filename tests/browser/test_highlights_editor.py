"""The highlights are edited as a list: add, type, reorder, remove."""

import pytest

from articles.models import Article
from tests.factories import PASSWORD, make_article, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_writer_adds_reorders_and_removes_highlights(live_server, page):
    make_user("chief", superuser=True)
    article = make_article("Quota story", status=Article.Status.DRAFT, highlights=["Quotas up 20%"])
    page.goto(f"{live_server.url}/admin/login/?next=/admin/articles/article/{article.pk}/change/")
    page.get_by_label("Username").fill("chief")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.get_by_label("Highlight 1 of 1").wait_for()
    assert page.locator("#id_highlights").is_hidden()
    page.get_by_role("button", name="Add a highlight").click()
    page.keyboard.type("Exports fall")  # the new box has the focus
    page.get_by_role("button", name="Add a highlight").click()
    page.keyboard.type("A typo line")
    page.get_by_role("button", name="Move highlight 2 up").click()
    page.get_by_role("button", name="Remove highlight 3").click()
    assert [page.get_by_label(f"Highlight {i} of 2").input_value() for i in (1, 2)] == [
        "Exports fall", "Quotas up 20%"]
    page.get_by_role("button", name="Save and continue editing").click()
    page.wait_for_url("**/change/")
    article.refresh_from_db()
    assert article.highlights == ["Exports fall", "Quotas up 20%"]


def test_the_body_shows_its_word_count_and_reading_time_as_the_writer_types(live_server, page):
    make_user("chief", superuser=True)
    article = make_article("Count story", status=Article.Status.DRAFT, body="<p>One two three.</p>")
    page.goto(f"{live_server.url}/admin/login/?next=/admin/articles/article/{article.pk}/change/")
    page.get_by_label("Username").fill("chief")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    stats = page.locator(".body-stats")
    assert stats.inner_text() == "3 words · about 1 min read"
    page.locator(".prose-editor [contenteditable=true]").click()
    page.keyboard.press("Control+End")
    page.keyboard.type(" " + "word " * 460 + "包钢集团")
    assert stats.inner_text() == "463 words, 4 CJK characters · about 3 min read"
    assert "Date as YYYY-MM-DD, time as HH:MM, UTC." in page.content()
