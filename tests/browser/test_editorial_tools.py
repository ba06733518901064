"""An editor previews a draft from the admin and shares it with a reviewer
who has no account, then revokes the link."""

import pytest

from articles.models import Article
from tests.browser.conftest import screenshot
from tests.factories import PASSWORD, make_article, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_editor_previews_shares_and_revokes_a_draft(live_server, page, browser):
    make_user("chief", superuser=True)
    article = make_article("Magnet exports face new rules", status=Article.Status.DRAFT,
                           body="<p>Draft text for the reviewer.</p>")
    page.goto(f"{live_server.url}/admin/login/?next=/admin/articles/article/{article.pk}/change/")
    page.get_by_label("Username").fill("chief")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"**/admin/articles/article/{article.pk}/change/")

    with page.expect_popup() as popup_info:
        page.get_by_role("link", name="Preview as readers will see it").click()
    preview = popup_info.value
    preview.wait_for_load_state()
    assert preview.get_by_role("heading", level=1).inner_text() == "Magnet exports face new rules"
    assert preview.get_by_role("status").inner_text().startswith("Preview")
    screenshot(preview, "editorial-preview")
    preview.close()

    page.get_by_role("button", name="Create a share link").click()
    link = page.get_by_label("Preview link").input_value()
    screenshot(page, "editorial-panels")
    assert link.startswith(live_server.url + "/preview/")

    reviewer = browser.new_context()
    try:
        reviewer_page = reviewer.new_page()
        reviewer_page.goto(link)
        assert "Draft text for the reviewer." in reviewer_page.content()
        assert reviewer_page.locator('meta[name="robots"]').get_attribute("content").startswith("noindex")

        page.get_by_role("button", name="Revoke").click()
        page.wait_for_load_state()
        response = reviewer_page.goto(link)
        assert response.status == 404
        assert "Draft text for the reviewer." not in reviewer_page.content()
    finally:
        reviewer.close()
