"""Pages: clean URLs with parents, the workflow, revisions, previews, the
masthead, and old addresses that 301."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile

from pages.models import MastheadEntry, Page, PageAuditEntry
from pages.previews import create_preview_link, link_path
from pages.revisions import page_diff, page_versions
from pages.services import page_revert, page_save, page_transition
from tests.factories import make_author, make_user, png_bytes
from tests.newsroom.posted_form import form_fields

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(db):
    return make_user("eddie", group="Editors")


@pytest.fixture
def writer(db):
    return make_user("wendy", group="Writers")


def new_page(user, title, slug, *, parent=None, publish=True, **fields) -> Page:
    page = page_save(page=Page(title=title, slug=slug, parent=parent, **fields), user=user)
    if publish:
        page = page_transition(page=page, user=user, name="publish")
    return page


def test_a_published_page_lives_at_its_clean_path_under_its_parent(client, editor):
    about = new_page(editor, "About us", "about", body="<p>Who we are.</p><script>x</script>")
    masthead = new_page(editor, "Masthead", "masthead", parent=about)
    assert about.get_absolute_url() == "/about/" and masthead.get_absolute_url() == "/about/masthead/"
    response = client.get("/about/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1 id=\"page-title\">About us</h1>" in html and "Who we are." in html and "<script>x" not in html
    assert client.get("/about/masthead/").status_code == 200
    assert client.get("/masthead/").status_code == 404


def test_drafts_and_pages_in_review_are_not_public(client, editor, writer):
    page_save(page=Page(title="Ethics", slug="ethics"), user=writer)
    assert client.get("/ethics/").status_code == 404
    page = page_transition(page=Page.objects.get(slug="ethics"), user=writer, name="submit")
    assert page.status == "review" and client.get("/ethics/").status_code == 404
    with pytest.raises(PermissionDenied):
        page_transition(page=page, user=writer, name="publish")
    page_transition(page=page, user=editor, name="publish")
    assert client.get("/ethics/").status_code == 200
    page_transition(page=page, user=editor, name="unpublish")
    assert client.get("/ethics/").status_code == 404
    actions = list(PageAuditEntry.objects.filter(page=page).order_by("created_at", "id").values_list("action", flat=True))
    assert actions == ["created", "submitted", "published", "unpublished"]


def test_a_changed_slug_or_parent_leaves_301s_for_the_page_and_its_children(client, editor):
    about = new_page(editor, "About", "about")
    new_page(editor, "Contact", "contact", parent=about)
    about.slug = "who-we-are"
    page_save(page=about, user=editor, changed=["slug"])
    assert client.get("/about/").status_code == 200  # held until an editor publishes the change
    page_transition(page=about, user=editor, name="publish_changes")
    for old, new in (("/about/", "/who-we-are/"), ("/about/contact/", "/who-we-are/contact/")):
        response = client.get(old)
        assert response.status_code == 301 and response["Location"] == new
        assert client.get(new).status_code == 200
    about.slug = "about"  # and back: the page answers at its old address again
    page_save(page=about, user=editor, changed=["slug"])
    page_transition(page=about, user=editor, name="publish_changes")
    assert client.get("/about/").status_code == 200
    assert client.get("/who-we-are/")["Location"] == "/about/"


def test_revisions_diff_and_revert(client, editor):
    page = new_page(editor, "Privacy", "privacy", body="<p>We keep nothing.</p>")
    page.body = "<p>We keep your e-mail address.</p>"
    page_save(page=page, user=editor, changed=["body"])
    page = page_transition(page=page, user=editor, name="publish_changes")
    versions = list(page_versions(page))
    assert len(versions) == 3
    oldest = versions[-1]
    diff = {d.label: d for d in page_diff(oldest, page)}
    assert diff["Body"].changed and "<ins>" in diff["Body"].html and not diff["Title"].changed
    page_revert(page=page, version=oldest, user=editor)
    page_transition(page=page, user=editor, name="publish_changes")
    page.refresh_from_db()
    assert page.body == "<p>We keep nothing.</p>" and page.status == "published"
    assert "We keep nothing." in client.get("/privacy/").content.decode()
    assert PageAuditEntry.objects.filter(page=page, action="reverted").exists()

    client.force_login(editor)
    listing = client.get(f"/admin/pages/page/{page.pk}/revisions/?compare={oldest.pk}")
    assert listing.status_code == 200 and "Revert to this" in listing.content.decode()


def test_a_preview_link_shows_a_draft_to_anyone_with_it(client, editor):
    page = new_page(editor, "Contact", "contact", publish=False, body="<p>Write to us.</p>")
    response = client.get(link_path(create_preview_link(page=page, user=editor)))
    assert response.status_code == 200 and "Write to us." in response.content.decode()
    assert "no-cache" in response["Cache-Control"] and response["X-Robots-Tag"].startswith("noindex")
    assert client.get("/preview/page/forged-token/").status_code == 404


def test_the_masthead_lists_staff_in_the_editors_order(client, editor, django_capture_on_commit_callbacks):
    li = make_author("Li Na")
    li.role, li.bio, li.email_public = "Beijing correspondent", "Covers the ministries.", "li@example.com"
    li.photo = SimpleUploadedFile("li.png", png_bytes(400, 400), content_type="image/png")
    with django_capture_on_commit_callbacks(execute=True):  # the photo's renditions task
        li.save()
    tom = make_author("Tom Reed")
    MastheadEntry.objects.create(author=tom, order=1, role="Editor-in-chief")
    MastheadEntry.objects.create(author=li, order=2)
    make_author("Not on the masthead")
    new_page(editor, "Masthead", "masthead", lists_staff=True)
    html = client.get("/masthead/").content.decode()
    assert html.index("Tom Reed") < html.index("Li Na") and "Not on the masthead" not in html
    assert "Editor-in-chief" in html and "Beijing correspondent" in html and "Covers the ministries." in html
    assert 'href="mailto:li@example.com"' in html and 'alt="Photo of Li Na"' in html
    MastheadEntry.objects.filter(author=li).update(order=0)
    html = client.get("/masthead/").content.decode()
    assert html.index("Li Na") < html.index("Tom Reed")


def test_an_editor_creates_and_publishes_a_page_in_the_admin(client, editor):
    client.force_login(editor)
    form = form_fields(client.get("/admin/pages/page/add/").content.decode(), "page_form")
    form.update({"title": "About", "slug": "about", "body": "<p>Hello <b>readers</b>.</p>", "_transition": "publish"})
    response = client.post("/admin/pages/page/add/", form)
    assert response.status_code == 302, response.content.decode()[:3000]
    page = Page.objects.get(slug="about")
    assert page.status == "published" and client.get("/about/").status_code == 200


def test_a_slug_that_is_already_a_site_address_is_a_form_error(client, editor):
    client.force_login(editor)
    form = form_fields(client.get("/admin/pages/page/add/").content.decode(), "page_form")
    form.update({"title": "Topics", "slug": "topics"})
    response = client.post("/admin/pages/page/add/", form)
    assert response.status_code == 200 and "already an address of the site" in response.content.decode()
    assert not Page.objects.exists()
