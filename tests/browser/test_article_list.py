"""The article list (the admin changelist) at a desk's and a phone's width:
it uses the screen, nothing scrolls sideways, and each row says what a
newsroom needs (title, state, byline, dates) in words."""

import datetime

import pytest
from django.utils import timezone

from articles.models import Article
from tests.browser.conftest import screenshot
from tests.factories import PASSWORD, make_article, make_author, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LONG = "Baotou Steel and China Northern Rare Earth agree a price for the third quarter's concentrate"


def _stories():
    now = timezone.now()
    li, wang = make_author("Li Wei"), make_author("Wang Fang")
    make_article(LONG, authors=[li, wang], tags=["prices", "Baotou"])
    make_article("Quotas rise for 2027", status=Article.Status.SCHEDULED,
                 published_at=now - datetime.timedelta(hours=1), authors=[li], tags=["quotas"])
    make_article("Export licences take 45 days", status=Article.Status.SCHEDULED,
                 published_at=now + datetime.timedelta(days=1), authors=[wang])
    make_article("Gallium ban: what it means", status=Article.Status.DRAFT, authors=[li])
    make_article("Germanium stockpiles", status=Article.Status.REVIEW, authors=[wang])


def _open_list(browser, live_server, width, height):
    make_user("chief", superuser=True)
    context = browser.new_context(viewport={"width": width, "height": height}, is_mobile=width < 600)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{live_server.url}/admin/login/?next=/admin/articles/article/")
    page.get_by_label("Username").fill("chief")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/admin/articles/article/")
    return context, page


def test_the_list_fills_a_desk_screen_without_sideways_scrolling(live_server, browser):
    _stories()
    context, page = _open_list(browser, live_server, 1280, 900)
    try:
        screenshot(page, "desk17-list-1280")
        assert page.evaluate("document.documentElement.scrollWidth") <= 1280
        table = page.locator("#result_list").bounding_box()
        assert table["x"] + table["width"] <= 1280
        # The list takes most of the screen, beside the filters.
        assert table["width"] >= 800
        row = page.locator("#result_list tbody tr", has_text=LONG)
        for text in ("Li Wei, Wang Fang", "Published", "prices"):
            assert row.get_by_text(text, exact=False).first.is_visible()
        # The desk's Updated column says when; the phone's note does not repeat it.
        assert not page.locator(".article-phone-only").first.is_visible()
        # A long title stays within two or three lines.
        title = row.locator("th, td.field-title_link").first.bounding_box()
        assert title["height"] < 80
        # A scheduled story whose time has come is live.
        live = page.locator("#result_list tbody tr", has_text="Quotas rise for 2027")
        state = live.locator(".field-shown_state")
        assert state.inner_text().strip() == "Published" and "Scheduled" not in live.inner_text()
        assert page.locator("#result_list img[alt='False'], #result_list img[src*='icon-no']").count() == 0
    finally:
        context.close()


def test_on_a_phone_each_story_shows_title_state_byline_and_date(live_server, browser):
    _stories()
    context, page = _open_list(browser, live_server, 390, 844)
    try:
        screenshot(page, "desk17-list-390")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        row = page.locator("#result_list tbody tr", has_text=LONG)
        for text in (LONG, "Published", "Li Wei, Wang Fang"):
            assert row.get_by_text(text, exact=False).first.is_visible()
        date = row.locator("td.field-when").first
        assert date.is_visible() and date.bounding_box()["x"] + date.bounding_box()["width"] <= 390
        assert "Published" in date.inner_text()
        # A draft has no publish date: the card says when it was saved.
        draft = page.locator("#result_list tbody tr", has_text="Gallium ban").locator("td.field-when")
        assert draft.is_visible() and "saved" in draft.inner_text()
    finally:
        context.close()
