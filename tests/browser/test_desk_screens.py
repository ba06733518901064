"""The edit page at a desk's and a phone's width: the body editor fits the
screen (no sideways scrolling) and its toolbar stays usable."""

import pytest

from articles.models import Article
from tests.browser.conftest import screenshot
from tests.factories import PASSWORD, make_article, make_author, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BODY = ("<h2>Quota rules</h2><p>Beijing raised the <strong>mining quota</strong> for 2027; see "
        '<a href="https://www.miit.gov.cn/">the notice</a>.</p><table><tbody><tr><th scope="col">Metal</th>'
        '<th scope="col">2026</th><th scope="col">2027</th></tr><tr><td>NdPr</td><td>140</td><td>170</td></tr>'
        "</tbody></table><ul><li><p>Gallium</p></li><li><p>Germanium</p></li></ul>")


@pytest.mark.parametrize(("width", "height"), [(1280, 900), (390, 844)])
def test_the_edit_page_fits_desk_and_phone_widths(live_server, browser, width, height):
    user = make_user("chief", superuser=True)
    article = make_article("Quotas rise for 2027", body=BODY, status=Article.Status.DRAFT,
                           authors=[make_author("Li Wei", user=user)])
    context = browser.new_context(viewport={"width": width, "height": height}, is_mobile=width < 600)
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/admin/login/?next=/admin/articles/article/{article.pk}/change/")
        page.get_by_label("Username").fill("chief")
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Log in").click()
        editor = page.locator(".prose-editor [contenteditable=true]")
        editor.wait_for()
        box = editor.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width + 1
        assert page.locator(".prose-editor [data-name=bold]").is_visible()
        screenshot(page, f"desk17-edit-{width}")
    finally:
        context.close()
