import pytest

from tests.browser.conftest import screenshot
from tests.factories import make_article

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_home_lists_a_published_article_and_opens_it(live_server, page):
    make_article("Baotou smelter restarts", tags=["Processing"])
    make_article("Unpublished plan", status="draft")
    page.goto(live_server.url + "/")
    assert "Unpublished plan" not in page.content()
    page.get_by_role("link", name="Baotou smelter restarts").click()
    page.wait_for_url("**/articles/baotou-smelter-restarts/")
    assert page.get_by_role("heading", level=1).inner_text() == "Baotou smelter restarts"
    screenshot(page, "smoke-article")
