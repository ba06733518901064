"""An editor makes an About page with a table and an image, puts it in the
footer menu and publishes it; a reader finds it from the home page."""

import pytest

from tests.browser.conftest import screenshot
from tests.factories import PASSWORD, make_article, make_user
from tests.newsroom.workflow_support import ensure_editorial_groups

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BODY = (
    "<p>REE Exchange reports on the rare-earth industry.</p>\n"
    "<table><caption>Our desks</caption><thead><tr><th scope=\"col\">Desk</th><th scope=\"col\">City</th></tr></thead>"
    "<tbody><tr><td>Markets</td><td>Singapore</td></tr><tr><td>Policy</td><td>Beijing</td></tr></tbody></table>\n"
    '<figure><img src="/static/icons/apple-touch-icon.png" alt="The REE Exchange mark" width="180" height="180">'
    "<figcaption>Our mark.</figcaption></figure>"
)


def test_editor_publishes_an_about_page_in_the_footer_and_a_reader_reaches_it(live_server, page, browser):
    ensure_editorial_groups()
    make_user("editor", group="Editors")
    make_article("A story on the home page")
    base = live_server.url
    page.goto(base + "/admin/login/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(base + "/admin/")

    page.goto(base + "/admin/pages/page/add/")
    page.locator("#id_title").press_sequentially("About us")
    assert page.input_value("#id_slug") == "about-us"  # filled from the title
    page.fill("#id_slug", "about")
    page.fill("#id_standfirst", "Who we are and how we work.")
    page.fill("#id_body", BODY)
    page.get_by_role("button", name="Save and publish").click()
    page.wait_for_selector("text=was added successfully")
    screenshot(page, "pages-about-saved")

    page.goto(base + "/admin/pages/menu/add/")
    page.select_option("#id_place", "footer")
    page.select_option("#id_items-0-page", label="About us")
    page.fill("#id_items-0-order", "1")
    page.click("input[name=_save]")
    page.wait_for_selector("text=was added successfully")

    reader_context = browser.new_context(viewport={"width": 1280, "height": 900})
    reader = reader_context.new_page()
    reader.set_default_timeout(15_000)
    try:
        reader.goto(base + "/")
        reader.get_by_role("navigation", name="Site").get_by_role("link", name="About us").click()
        reader.wait_for_url(base + "/about/")
        assert reader.get_by_role("heading", level=1).inner_text() == "About us"
        table = reader.get_by_role("table", name="Our desks")
        assert table.get_by_role("cell", name="Singapore").is_visible()
        image = reader.get_by_role("img", name="The REE Exchange mark")
        assert image.is_visible()
        assert reader.evaluate("() => document.querySelector('figure img').naturalWidth") == 180
        screenshot(reader, "pages-about-reader")
    finally:
        reader_context.close()
