"""axe in headless Chromium on the desk's pages: the article list (desk and
phone width), an article in review, the desk on the admin's home page (a
writer's and an editor's), and the image library's list and forms. No
serious or critical findings."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from articles.models import Article
from images.models import LibraryImage
from newsroom import workflow
from tests.browser.conftest import run_axe, screenshot
from tests.factories import PASSWORD, make_author, make_user, png_bytes
from tests.newsroom.workflow_support import ready_article

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
S = Article.Status


def _desk(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    writer, editor = make_user("wanda", group="Writers"), make_user("eddie", group="Editors")
    author = make_author("Wanda Li", user=writer)
    now = timezone.now()
    review = ready_article("Quota talks resume in Beijing after a two-year pause", owner=writer, status=S.REVIEW,
                           authors=[author])
    ready_article("Out tomorrow", owner=writer, status=S.SCHEDULED, published_at=now + datetime.timedelta(days=1),
                  authors=[author])
    ready_article("Went out", owner=writer, status=S.PUBLISHED, authors=[author])
    back = ready_article("Needs work", owner=writer, status=S.REVIEW, authors=[author])
    with transaction.atomic():
        workflow.article_send_back(article=back, user=editor, comment="Needs a second source for the quota figure.")
    ready_article("A draft on gallium", owner=writer, authors=[author])
    image = LibraryImage.objects.create(
        file=SimpleUploadedFile("mine.png", png_bytes(320, 200), content_type="image/png"),
        alt_text="Open-pit mine at Bayan Obo", caption="The mine", credit="Xinhua")
    return {"review": review, "image": image}


def _serious(page) -> list[str]:
    return [f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes: {v['nodes'][0]['target']})"
            for v in run_axe(page) if v["impact"] in ("serious", "critical")]


def _login(browser, live_server, username, width=1280, height=900):
    context = browser.new_context(viewport={"width": width, "height": height}, is_mobile=width < 600)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{live_server.url}/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/admin/")
    return context, page


def test_the_desk_pages_have_no_serious_or_critical_axe_findings(live_server, browser, settings, tmp_path):
    desk = _desk(settings, tmp_path)
    found = {}
    visits = {
        "eddie": [("desk-editor", "/admin/"), ("list", "/admin/articles/article/"),
                  ("review-editor", f"/admin/articles/article/{desk['review'].pk}/change/"),
                  ("images", "/admin/images/libraryimage/"), ("image-add", "/admin/images/libraryimage/add/"),
                  ("image", f"/admin/images/libraryimage/{desk['image'].pk}/change/")],
        "wanda": [("desk-writer", "/admin/"), ("review-writer", f"/admin/articles/article/{desk['review'].pk}/change/")],
    }
    for username, pages in visits.items():
        context, page = _login(browser, live_server, username)
        try:
            for name, path in pages:
                page.goto(live_server.url + path)
                screenshot(page, f"desk17-axe-{name}")
                if problems := _serious(page):
                    found[name] = problems
        finally:
            context.close()
    context, page = _login(browser, live_server, "eddie", 390, 844)
    try:
        page.goto(live_server.url + "/admin/articles/article/")
        if problems := _serious(page):
            found["list-390"] = problems
    finally:
        context.close()
    assert found == {}
