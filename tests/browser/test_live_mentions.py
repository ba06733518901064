"""Mention suggestions while writing: a writer types a company's name in the
body, the desk offers it beside the editor, and one click links it."""

import pytest

from articles.models import Article
from tests.factories import PASSWORD, make_article, make_enterprise, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_name_typed_in_the_body_is_offered_and_linked_in_one_click(live_server, page):
    make_user("chief", superuser=True)
    baotou = make_enterprise("Baotou Steel Group", native_name="包钢", aliases=["Baotou Steel"])
    article = make_article("Quota story", status=Article.Status.DRAFT, body="<p>Saved text.</p>")
    violations = []
    page.on("console", lambda msg: violations.append(msg.text) if "Content Security Policy" in msg.text else None)
    path = f"/admin/articles/article/{article.pk}/change/"
    page.goto(f"{live_server.url}/admin/login/?next={path}")
    page.get_by_label("Username").fill("chief")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    body = page.locator(".prose-editor [contenteditable=true]")
    body.wait_for()
    panel = page.get_by_role("region", name="Named in the text")
    assert panel.get_by_role("button").count() == 0

    body.click()
    page.keyboard.press("Control+End")
    page.keyboard.type(" Output at Baotou Steel rose.")
    link = panel.get_by_role("button", name="Link Baotou Steel Group")
    link.wait_for()
    assert "found as “Baotou Steel”" in panel.inner_text()
    link.click()
    assert page.locator(f'select[name="enterprises"] option[value="{baotou.pk}"]').evaluate("o => o.selected")
    assert "Linked Baotou Steel Group" in panel.inner_text() and link.count() == 0
    assert article.enterprises.count() == 0  # linked in the form, kept by the next save

    page.get_by_role("button", name="Save and continue editing").click()
    page.wait_for_url(f"**{path}")
    page.locator(".prose-editor [contenteditable=true]").wait_for()
    assert list(article.enterprises.all()) == [baotou]
    assert "Baotou Steel rose." in Article.objects.get(pk=article.pk).body
    assert violations == []
