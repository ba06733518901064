"""Previews: the draft as readers will see it, from the admin and through a
signed, expiring, revocable share link that is never indexed or cached."""

import datetime
from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from newsroom import editing
from newsroom.models import PreviewLink
from newsroom.previews import create_preview_link, link_token, revoke_preview_link

from .editorial_fixtures import *  # noqa: F403 (fixtures)
from .editorial_fixtures import login

pytestmark = pytest.mark.django_db


def preview_url(article):
    return reverse("admin:articles_article_preview", args=[article.pk])


def create_url(article):
    return reverse("admin:articles_article_preview_link_create", args=[article.pk])


def public_url(link):
    return reverse("newsroom:preview", kwargs={"token": link_token(link)})


def assert_private_and_noindex(response):
    html = response.content.decode()
    assert '<meta name="robots" content="noindex' in html
    assert "noindex" in response["X-Robots-Tag"]
    cache_control = response["Cache-Control"]
    assert "private" in cache_control and "no-store" in cache_control


def test_editor_previews_a_draft_with_the_public_template_banner_and_noindex(client, editor, own_draft):
    own_draft.tags.add("Quotas")
    login(client, editor)
    response = client.get(preview_url(own_draft))
    assert response.status_code == 200
    html = response.content.decode()
    assert "articles/detail.html" in [t.name for t in response.templates]
    assert ">Quota talks stall in Baotou</h1>" in html
    assert 'class="preview-banner"' in html and "Preview" in html
    assert "Quotas" in html  # the topic list readers would see
    assert_private_and_noindex(response)
    # The draft is still not public.
    assert client.get(own_draft.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("role, expected", [
    ("anonymous", 302), ("writer", 200), ("other_writer", 404), ("editor", 200), ("superuser", 200),
])
def test_admin_preview_and_link_creation_answer_only_to_those_who_may_see_the_draft(
    client, request, role, expected, own_draft
):
    user = None if role == "anonymous" else request.getfixturevalue(role)
    login(client, user)
    response = client.get(preview_url(own_draft))
    assert response.status_code == expected
    assert ("Quota talks" in response.content.decode()) == (expected == 200)
    created = client.post(create_url(own_draft))
    assert created.status_code == (302 if expected == 200 else expected)
    assert PreviewLink.objects.filter(article=own_draft).exists() == (expected == 200)


def test_a_share_link_shows_the_draft_to_anyone_until_it_expires(client, editor, own_draft):
    login(client, editor)
    client.post(create_url(own_draft))
    link = PreviewLink.objects.get(article=own_draft)
    assert link.created_by == editor
    assert link.expires_at - link.created_at == datetime.timedelta(hours=48)
    client.logout()

    response = client.get(public_url(link))
    assert response.status_code == 200
    assert "Quota talks stall in Baotou" in response.content.decode()
    assert 'class="preview-banner"' in response.content.decode()
    assert_private_and_noindex(response)
    assert response["Referrer-Policy"] == "no-referrer"

    just_before = link.expires_at - datetime.timedelta(seconds=1)
    with mock.patch("django.utils.timezone.now", return_value=just_before):
        assert client.get(public_url(link)).status_code == 200
    with mock.patch("django.utils.timezone.now", return_value=link.expires_at + datetime.timedelta(seconds=1)):
        assert client.get(public_url(link)).status_code == 404


def test_link_lifetime_follows_the_setting(settings, editor, own_draft):
    settings.PREVIEW_LINK_MAX_AGE = 3600
    link = create_preview_link(article=own_draft, user=editor)
    assert link.expires_at - link.created_at == datetime.timedelta(hours=1)


def test_a_revoked_link_answers_404(client, writer, own_draft):
    link = create_preview_link(article=own_draft, user=writer)
    assert client.get(public_url(link)).status_code == 200
    login(client, writer)
    revoke = reverse("admin:articles_article_preview_link_revoke", args=[own_draft.pk, link.pk])
    assert client.post(revoke).status_code == 302
    client.logout()
    response = client.get(public_url(link))
    assert response.status_code == 404
    assert "Quota talks" not in response.content.decode()


def test_a_tampered_or_made_up_token_answers_404(client, editor, own_draft):
    link = create_preview_link(article=own_draft, user=editor)
    token = link_token(link)
    payload, signature = token.rsplit(":", 1)
    forged = payload + ":" + ("A" if signature[0] != "A" else "B") + signature[1:]
    assert client.get(reverse("newsroom:preview", kwargs={"token": forged})).status_code == 404
    assert client.get("/preview/not-a-token/").status_code == 404
    # A valid signature on another token id (a deleted link) is refused too.
    link.delete()
    assert client.get(reverse("newsroom:preview", kwargs={"token": token})).status_code == 404


def test_another_writer_may_not_revoke_or_create_links_on_a_draft_not_theirs(client, other_writer, writer, own_draft):
    link = create_preview_link(article=own_draft, user=writer)
    login(client, other_writer)
    revoke = reverse("admin:articles_article_preview_link_revoke", args=[own_draft.pk, link.pk])
    assert client.post(revoke).status_code == 404
    link.refresh_from_db()
    assert link.revoked_at is None
    with pytest.raises(PermissionDenied):
        revoke_preview_link(link=link, user=other_writer)


def test_the_change_page_lists_active_links_with_a_revoke_button(client, editor, own_draft):
    active = create_preview_link(article=own_draft, user=editor)
    revoked = create_preview_link(article=own_draft, user=editor)
    revoke_preview_link(link=revoked, user=editor)
    login(client, editor)
    html = client.get(reverse("admin:articles_article_change", args=[own_draft.pk])).content.decode()
    assert link_token(active) in html
    assert link_token(revoked) not in html
    assert "Preview as readers will see it" in html


def test_a_preview_link_keeps_working_for_a_published_article_and_is_still_noindex(client, editor):
    article = Article.objects.create(title="Live now", status=Article.Status.PUBLISHED,
                                     published_at=timezone.now())
    link = create_preview_link(article=article, user=editor)
    response = client.get(public_url(link))
    assert response.status_code == 200
    assert_private_and_noindex(response)


def test_previewing_a_live_article_shows_its_unpublished_changes_while_readers_keep_the_live_text(client, editor):
    from tests.factories import make_official

    official = make_official("Liu Hong", native_name="刘红")
    article = Article.objects.create(title="Quota cut announced", status=Article.Status.PUBLISHED,
                                     published_at=timezone.now() - datetime.timedelta(hours=1),
                                     body="<p>Old text.</p>")
    article.tags.add("Quotas")
    editing.article_save(article=article, user=editor, expected_version=article.version, data={
        "title": "Quota cut confirmed", "body": '<p>New text.<script>alert(1)</script></p>',
        "tags": ["Quotas", "稀土"], "officials": [official.pk],
    })
    login(client, editor)
    html = client.get(preview_url(article)).content.decode()
    assert ">Quota cut confirmed</h1>" in html and "New text." in html
    assert "<script>alert" not in html  # sanitized as a save would
    assert "稀土" in html and "Liu Hong" in html
    assert "unpublished changes (body, officials, tags, title)" in html
    public = client.get(article.get_absolute_url()).content.decode()
    assert ">Quota cut announced</h1>" in public and "Old text." in public
    assert "Quota cut confirmed" not in public and "Liu Hong" not in public
    link = create_preview_link(article=article, user=editor)
    client.logout()
    assert ">Quota cut confirmed</h1>" in client.get(public_url(link)).content.decode()
