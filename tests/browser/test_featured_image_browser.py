"""The featured image is chosen from the image library on the edit page,
with a preview of the picture's card crop that follows the choice."""

import pytest

from articles.models import Article
from tests.factories import PASSWORD, image_upload, make_article, make_library_image, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_featured_image_is_picked_from_the_library_with_a_preview(live_server, page):
    make_user("chief", superuser=True)
    mine = make_library_image(image_upload(width=1600, height=900), alt="Ore trucks at Bayan Obo")
    other = make_library_image(image_upload(width=1200, height=800, color="#225588"), alt="Magnet line in Ningbo",
                               caption="Assembly", credit="Staff")
    article = make_article("Quota story", status=Article.Status.DRAFT, featured_image=mine)
    path = f"/admin/articles/article/{article.pk}/change/"
    page.goto(f"{live_server.url}/admin/login/?next={path}")
    page.get_by_label("Username").fill("chief")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    preview = page.locator(".featured-preview")
    # The preview is filled from the picker's answer, after the page loads.
    page.wait_for_function("() => document.querySelector('.featured-preview img')?.alt === 'Ore trucks at Bayan Obo'")
    mine.refresh_from_db()
    # The 16:9 crop lists show (the original until the worker has made it).
    assert preview.locator("img").get_attribute("src") == (mine.rendition_url("card") or mine.file.url)

    page.locator("#id_featured_image + .select2 .select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill("Magnet")
    page.locator(".select2-results__option", has_text="Magnet line in Ningbo").click()
    page.wait_for_function("() => document.querySelector('.featured-preview img').alt === 'Magnet line in Ningbo'")
    assert "Assembly (Staff)" in preview.inner_text()

    page.get_by_role("button", name="Save and continue editing").click()
    page.wait_for_url(f"**{path}")
    page.locator(".featured-preview").wait_for()
    assert Article.objects.get(pk=article.pk).featured_image_id == other.pk
