"""The newsroom's day in a real browser: a writer writes and submits, an
editor reviews from the dashboard and publishes, readers see it."""

import pytest

from articles.models import Article
from tests.browser.conftest import screenshot
from tests.factories import PASSWORD, make_author, make_user
from tests.newsroom.workflow_support import ensure_editorial_groups

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
TITLE = "Ganzhou separation plant adds second line"


def _login(page, base: str, username: str) -> None:
    page.goto(base + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(base + "/admin/")


def _write_body(page, text: str) -> None:
    """Replace the body with one paragraph, typed into the editor."""
    editor = page.locator(".prose-editor [contenteditable=true]")
    editor.click()
    page.keyboard.press("Control+A")
    page.keyboard.type(text)


def test_writer_submits_editor_publishes_reader_sees_it(live_server, page, browser):
    ensure_editorial_groups()  # an earlier transactional test may have flushed them
    # The writer's new article starts with their byline.
    make_author("Chen Jing", user=make_user("writer", group="Writers"))
    make_user("editor", group="Editors")
    base = live_server.url

    _login(page, base, "writer")
    page.goto(base + "/admin/articles/article/add/")
    assert page.locator("#id_status").count() == 0  # writers never set the state
    page.fill("#id_title", TITLE)
    page.fill("#id_standfirst", "The plant in southern Jiangxi doubles its capacity for heavy rare earths.")
    for point in ("Second solvent-extraction line", "Commissioning in the spring"):
        page.get_by_role("button", name="Add a highlight").click()
        page.keyboard.type(point)
    _write_body(page, "The operator said the new line would start trial runs within weeks.")
    page.fill("#id_tags", "Processing, Jiangxi")
    page.click("input[name=_continue]")
    page.get_by_role("button", name="Submit for review").click()
    page.wait_for_selector("text=was submitted for review")
    assert page.get_by_role("button", name="Publish now").count() == 0
    screenshot(page, "workflow-writer-submitted")

    editor_context = browser.new_context(viewport={"width": 1280, "height": 900})
    editor = editor_context.new_page()
    editor.set_default_timeout(15_000)
    try:
        _login(editor, base, "editor")
        dashboard = editor.locator("#newsroom-dashboard")
        dashboard.get_by_role("link", name=TITLE).click()
        editor.wait_for_selector("text=Workflow: In review")
        # No official or regulator is linked: a warning the editor overrides with a reason.
        assert editor.locator(".prepublish-checks").inner_text().count("Warning") == 1
        editor.fill("input[name=override_reason]", "Company statement is the source; entities to follow")
        editor.get_by_role("button", name="Publish now").click()
        editor.wait_for_selector("text=was published")
        screenshot(editor, "workflow-editor-published")

        editor.goto(base + "/")
        editor.get_by_role("link", name=TITLE).click()
        assert editor.get_by_role("heading", level=1).inner_text() == TITLE
    finally:
        editor_context.close()

    article = Article.objects.get(title=TITLE)
    assert article.status == Article.Status.PUBLISHED
    assert list(article.audit_entries.order_by("id").values_list("action", "user__username")) == [
        ("created", "writer"), ("submitted", "writer"), ("published", "editor"),
    ]


def test_two_editors_on_one_article_nothing_is_lost(live_server, browser):
    ensure_editorial_groups()
    make_user("olga", group="Editors")
    make_user("eddie", group="Editors")
    article = Article.objects.create(title="Lanthanum prices steady", body="<p>First draft.</p>")
    base, url = live_server.url, f"{live_server.url}/admin/articles/article/{article.pk}/change/"
    contexts = [browser.new_context(viewport={"width": 1280, "height": 900}) for _ in range(2)]
    try:
        olga, eddie = (c.new_page() for c in contexts)
        for page, name in ((olga, "olga"), (eddie, "eddie")):
            page.set_default_timeout(15_000)
            _login(page, base, name)
            page.goto(url)
        _write_body(olga, "Olga's figures for the quarter.")
        olga.click("input[name=_continue]")
        olga.wait_for_selector("text=was changed successfully")

        eddie.fill("#id_title", "Lanthanum prices hold steady")
        eddie.click("input[name=_continue]")
        eddie.wait_for_selector("text=Someone else saved this article after you opened it")
        assert eddie.input_value("#id_title") == "Lanthanum prices hold steady"  # his text is still there
        assert eddie.input_value("#id_body") == "<p>Olga's figures for the quarter.</p>"  # and hers is shown
        screenshot(eddie, "workflow-edit-conflict")
        article.refresh_from_db()
        assert article.title == "Lanthanum prices steady" and "Olga's figures" in article.body

        eddie.click("input[name=_continue]")  # saving again applies only what he changed
        eddie.wait_for_selector("text=was changed successfully")
        article.refresh_from_db()
        assert article.title == "Lanthanum prices hold steady" and "Olga's figures" in article.body
    finally:
        for c in contexts:
            c.close()
