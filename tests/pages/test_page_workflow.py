"""A published page's edits wait for an editor (pending changes), its
share links can be revoked and end when it is unpublished, and its audit
trail is listed in the admin as the articles' is."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from pages.models import Page, PageAuditEntry, PagePendingChange, PagePreviewLink
from pages.previews import create_preview_link, link_path
from pages.services import allowed_transitions, page_save, page_transition
from tests.factories import make_user
from tests.newsroom.posted_form import form_fields

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(db):
    return make_user("eddie", group="Editors")


@pytest.fixture
def writer(db):
    return make_user("wendy", group="Writers")


@pytest.fixture
def live(editor):
    page = page_save(page=Page(title="Privacy", slug="privacy", body="<p>We keep nothing.</p>"), user=editor)
    return page_transition(page=page, user=editor, name="publish")


def edit(page: Page, user, **fields) -> Page:
    page = Page.objects.get(pk=page.pk)
    for name, value in fields.items():
        setattr(page, name, value)
    return page_save(page=page, user=user, changed=list(fields))


def test_an_edit_to_a_published_page_waits_for_an_editor(client, live, writer, editor):
    edit(live, writer, body="<p>We keep your e-mail address.</p>", title="Privacy notice")
    html = client.get("/privacy/").content.decode()
    assert "We keep nothing." in html and "e-mail address" not in html
    assert Page.objects.get(pk=live.pk).title == "Privacy"
    assert "publish_changes" not in allowed_transitions(writer, live)
    with pytest.raises(PermissionDenied):
        page_transition(page=live, user=writer, name="publish_changes")
    assert {"publish_changes", "discard_changes"} <= set(allowed_transitions(editor, live))
    page_transition(page=live, user=editor, name="publish_changes")
    html = client.get("/privacy/").content.decode()
    assert "e-mail address" in html and "Privacy notice" in html
    assert not PagePendingChange.objects.exists()
    actions = list(PageAuditEntry.objects.filter(page=live).order_by("created_at", "id").values_list("action", flat=True))
    assert actions == ["created", "published", "changes_saved", "changes_published"]
    published = PageAuditEntry.objects.get(page=live, action="changes_published")
    assert set(published.changed_fields) == {"title", "body"}


def test_discarded_changes_never_reach_readers(client, live, editor):
    edit(live, editor, body="<p>Draft wording.</p>")
    page_transition(page=live, user=editor, name="discard_changes")
    assert "We keep nothing." in client.get("/privacy/").content.decode()
    assert not PagePendingChange.objects.exists()
    with pytest.raises(PermissionDenied):
        page_transition(page=live, user=editor, name="publish_changes")


def test_a_new_slug_of_a_live_page_moves_it_only_when_published(client, live, editor):
    edit(live, editor, slug="privacy-notice")
    assert client.get("/privacy/").status_code == 200 and client.get("/privacy-notice/").status_code == 404
    page_transition(page=live, user=editor, name="publish_changes")
    assert client.get("/privacy/")["Location"] == "/privacy-notice/"
    assert client.get("/privacy-notice/").status_code == 200


def test_unpublishing_keeps_the_latest_text_as_the_draft(client, live, editor):
    edit(live, editor, body="<p>Newer wording.</p>")
    page_transition(page=live, user=editor, name="unpublish")
    page = Page.objects.get(pk=live.pk)
    assert page.status == "draft" and page.body == "<p>Newer wording.</p>"
    edit(page, editor, body="<p>Edited in place.</p>")  # a draft has no pending change
    assert Page.objects.get(pk=live.pk).body == "<p>Edited in place.</p>"


def test_a_share_link_shows_the_pending_change_until_it_is_revoked(client, live, editor):
    edit(live, editor, body="<p>Coming soon wording.</p>")
    link = create_preview_link(page=live, user=editor)
    url = link_path(link)
    response = client.get(url)
    assert response.status_code == 200 and "Coming soon wording." in response.content.decode()
    client.force_login(editor)
    admin_url = f"/admin/pages/page/{live.pk}/preview-links/"
    listing = client.get(admin_url).content.decode()
    assert url in listing and "Revoke" in listing
    assert client.post(admin_url, {"revoke": link.pk}).status_code == 302
    client.logout()
    assert client.get(url).status_code == 404
    assert PageAuditEntry.objects.filter(page=live, action="link_revoked", user=editor).exists()


def test_unpublishing_a_page_ends_its_share_links(client, live, editor):
    url = link_path(create_preview_link(page=live, user=editor))
    assert client.get(url).status_code == 200
    page_transition(page=live, user=editor, name="unpublish")
    assert client.get(url).status_code == 404
    page_transition(page=live, user=editor, name="publish")
    assert client.get(url).status_code == 404  # revoked for good


def test_a_draft_link_sends_to_the_public_page_once_published_and_expires(client, editor):
    page = page_save(page=Page(title="Contact", slug="contact", body="<p>Write to us.</p>"), user=editor)
    link = create_preview_link(page=page, user=editor)
    url = link_path(link)
    page_transition(page=page, user=editor, name="publish")
    response = client.get(url)
    assert response.status_code == 302 and response["Location"] == "/contact/"
    other = create_preview_link(page=page, user=editor)
    PagePreviewLink.objects.filter(pk=other.pk).update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    assert client.get(link_path(other)).status_code == 404
    assert client.get(url[:-3] + "xx/").status_code == 404  # a tampered token


def test_the_admin_form_edits_the_pending_change_and_publishes_it(client, live, editor):
    client.force_login(editor)
    change = f"/admin/pages/page/{live.pk}/change/"
    form = form_fields(client.get(change).content.decode(), "page_form")
    form["body"] = "<p>Edited in the admin.</p>"
    assert client.post(change, form).status_code == 302
    assert "We keep nothing." in client.get("/privacy/").content.decode()
    html = client.get(change).content.decode()
    assert "has unpublished changes" in html and "Edited in the admin." in html
    assert 'value="publish_changes"' in html and 'value="discard_changes"' in html
    form = form_fields(html, "page_form")
    form["_transition"] = "publish_changes"
    assert client.post(change, form).status_code == 302
    assert "Edited in the admin." in client.get("/privacy/").content.decode()
    revisions = client.get(f"/admin/pages/page/{live.pk}/revisions/").content.decode()
    assert "Unpublished changes" not in revisions


def test_the_pages_audit_trail_is_listed_in_the_admin(client, live, editor, writer):
    edit(live, writer, body="<p>Changed.</p>")
    client.force_login(editor)
    html = client.get("/admin/pages/pageauditentry/").content.decode()
    assert "Saved as an unpublished change" in html and "Published" in html and "Privacy" in html
    assert f"/admin/pages/page/{live.pk}/change/" in html
    filtered = client.get(f"/admin/pages/pageauditentry/?page__id__exact={live.pk}&action=changes_saved")
    assert filtered.status_code == 200 and "wendy" in filtered.content.decode()


def test_a_link_made_from_a_stale_copy_follows_the_stored_state(client, editor):
    page = page_save(page=Page(title="Contact", slug="contact", body="<p>Write to us.</p>"), user=editor)
    page_transition(page=page, user=editor, name="publish")  # ``page`` still says draft
    link = create_preview_link(page=page, user=editor)
    assert link.for_public
    response = client.get(link_path(link))
    assert response.status_code == 200 and "unpublished changes" not in response.content.decode()
    edit(page, editor, body="<p>New wording.</p>")
    html = client.get(link_path(link)).content.decode()
    assert "New wording." in html and "unpublished changes" in html


def test_the_page_list_marks_pages_with_unpublished_changes(client, live, editor):
    page_save(page=Page(title="Contact", slug="contact"), user=editor)
    edit(live, editor, body="<p>Changed.</p>")
    client.force_login(editor)
    html = client.get("/admin/pages/page/").content.decode()
    rows = {title: row for title, row in (
        (t, r) for r in html.split("<tr")[1:] for t in ("Privacy", "Contact") if f">{t}</a>" in r)}
    assert 'alt="True"' in rows["Privacy"] and 'alt="False"' in rows["Contact"]
