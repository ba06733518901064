"""An editor makes an About page with a table and an image, puts it in the
footer menu and publishes it; a reader finds it from the home page."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from images.models import LibraryImage
from pages.models import Menu, MenuItem, Page
from pages.services import page_save, page_transition
from tests.browser.conftest import run_axe, screenshot
from tests.browser.test_body_editor import PASTE
from tests.factories import PASSWORD, make_article, make_user, png_bytes
from tests.newsroom.workflow_support import ensure_editorial_groups

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BODY = (
    "<p>REE Exchange reports on the rare-earth industry.</p>\n"
    "<table><caption>Our desks</caption><thead><tr><th scope=\"col\">Desk</th><th scope=\"col\">City</th></tr></thead>"
    "<tbody><tr><td>Markets</td><td>Singapore</td></tr><tr><td>Policy</td><td>Beijing</td></tr></tbody></table>\n"
)


def test_editor_publishes_an_about_page_in_the_footer_and_a_reader_reaches_it(live_server, page, browser, settings,
                                                                              tmp_path):
    ensure_editorial_groups()
    settings.MEDIA_ROOT = tmp_path / "media"
    with transaction.atomic():  # as the admin saves it: the renditions task runs on commit
        LibraryImage.objects.create(
            file=SimpleUploadedFile("mark.png", png_bytes(1200, 800), content_type="image/png"),
            alt_text="The REE Exchange newsroom", caption="Our newsroom.", credit="REE Exchange")
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
    # The body in the page's rich editor, as for an article: the text and
    # its table pasted, then a picture placed from the image library.
    editor = page.locator(".prose-editor [contenteditable=true]")
    editor.click()
    page.evaluate(PASTE, [BODY])
    page.get_by_text("Insert an image from the library").click()
    page.get_by_role("button", name="Insert: The REE Exchange newsroom").click()
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
        image = reader.get_by_role("img", name="The REE Exchange newsroom")
        assert image.is_visible()
        # The picture loads lazily (and decodes async): read it once the
        # browser has fetched it; a broken one completes with no width.
        image.scroll_into_view_if_needed()
        reader.wait_for_function("() => document.querySelector('figure img').complete")
        assert reader.evaluate("() => document.querySelector('figure img').naturalWidth") > 0
        screenshot(reader, "pages-about-reader")
    finally:
        reader_context.close()


def test_a_nested_menu_opens_for_the_keyboard_and_passes_axe(live_server, page):
    editor = make_user("nester", group="Editors")
    about = page_transition(page=page_save(page=Page(title="About us", slug="about"), user=editor), user=editor,
                            name="publish")
    masthead = page_transition(page=page_save(page=Page(title="Masthead", slug="masthead", parent=about),
                                              user=editor), user=editor, name="publish")
    main = Menu.objects.create(place="main")
    top = MenuItem.objects.create(menu=main, order=1, page=about)
    MenuItem.objects.create(menu=main, order=1, parent=top, page=masthead)
    MenuItem.objects.create(menu=main, order=2, url="/archive/", label="Archive")
    page.goto(live_server.url + "/")
    nav = page.get_by_role("navigation", name="Main")
    sub = nav.locator(".subnav")
    assert sub.bounding_box()["width"] <= 1  # folded away until asked for
    nav.get_by_role("link", name="About us").focus()
    assert sub.bounding_box()["width"] > 20  # shown while its parent has focus
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Masthead"
    assert sub.bounding_box()["width"] > 20
    screenshot(page, "pages-nested-menu-focus")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Archive"
    assert sub.bounding_box()["width"] <= 1
    serious = [v["id"] for v in run_axe(page) if v["impact"] in ("serious", "critical")]
    assert serious == []
