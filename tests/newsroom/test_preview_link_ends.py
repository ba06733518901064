"""A shared preview link ends when what it previews is gone or public: the
article trashed, its creator no longer able to open it, or the article
published (then the link leads to the public page); the admin refuses new
links for a trashed article with a message, not an error."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from newsroom import trash, workflow
from newsroom.models import PreviewLink
from newsroom.previews import PreviewLinkRefused, create_preview_link, link_token
from tests.newsroom.workflow_support import ready_article

from .editorial_fixtures import *  # noqa: F403 (fixtures)
from .editorial_fixtures import login

pytestmark = pytest.mark.django_db


def public_url(link):
    return reverse("newsroom:preview", kwargs={"token": link_token(link)})


def opens(client, link) -> bool:
    response = client.get(public_url(link))
    assert response.status_code in (200, 302, 404)
    return response.status_code == 200 and "Quota talks stall" in response.content.decode()


def test_trashing_the_article_ends_its_links_for_good(client, editor, writer, own_draft):
    link = create_preview_link(article=own_draft, user=writer)
    assert opens(client, link)
    trash.article_trash(article=own_draft, user=editor)
    response = client.get(public_url(link))
    assert response.status_code == 404 and "Quota talks" not in response.content.decode()
    trash.article_restore(article=Article.objects.get(pk=own_draft.pk), user=editor)
    assert not opens(client, link)  # revoked by the trash, not revived by the restore
    link.refresh_from_db()
    assert link.revoked_at is not None and link.revoked_by == editor


def test_a_link_ends_even_when_the_article_was_trashed_around_the_service(client, writer, own_draft):
    link = create_preview_link(article=own_draft, user=writer)
    Article.objects.filter(pk=own_draft.pk).update(deleted_at=timezone.now())
    assert client.get(public_url(link)).status_code == 404


def test_the_admin_refuses_a_new_link_for_a_trashed_article_with_a_message(client, editor, own_draft):
    trash.article_trash(article=own_draft, user=editor)
    login(client, editor)
    create = reverse("admin:articles_article_preview_link_create", args=[own_draft.pk])
    response = client.post(create)
    assert response.status_code == 302
    assert not PreviewLink.objects.filter(article=own_draft, revoked_at__isnull=True).exists()
    assert any("in the trash" in str(m) for m in get_messages(response.wsgi_request))
    page = client.get(reverse("admin:articles_article_change", args=[own_draft.pk]))
    if page.status_code == 200:  # the change page of a trashed article, if the admin opens it
        assert "Create a share link" not in page.content.decode()
    with pytest.raises(PreviewLinkRefused):
        create_preview_link(article=own_draft, user=editor)


def test_a_deactivated_creators_links_stop_working(client, editor, writer, own_draft):
    by_writer = create_preview_link(article=own_draft, user=writer)
    by_editor = create_preview_link(article=own_draft, user=editor)
    writer.is_active = False
    writer.save()
    assert not opens(client, by_writer)
    assert opens(client, by_editor)  # another creator's link is theirs to answer for


def test_a_deleted_creators_links_stop_working(client, writer, own_draft):
    link = create_preview_link(article=own_draft, user=writer)
    writer.delete()
    assert not opens(client, link)


def test_a_link_made_for_a_draft_leads_to_the_public_page_once_published(client, editor, writer):
    article = ready_article("Quota talks stall in Baotou", status=Article.Status.REVIEW)
    link = create_preview_link(article=article, user=editor)
    assert opens(client, link)
    workflow.article_publish(article=article, user=editor)
    response = client.get(public_url(link))
    assert response.status_code == 302 and response["Location"] == article.get_absolute_url()
    # Later unpublished edits of the live article are not shown through it.
    workflow.article_unpublish(article=Article.objects.get(pk=article.pk), user=editor)
    assert client.get(public_url(link)).status_code == 404


def test_a_link_for_a_scheduled_article_ends_at_its_time(client, editor):
    article = ready_article("Quota talks stall in Baotou", status=Article.Status.REVIEW)
    when = timezone.now() + datetime.timedelta(hours=1)
    workflow.article_schedule(article=article, user=editor, when=when)
    link = create_preview_link(article=article, user=editor)
    assert opens(client, link)
    Article.objects.filter(pk=article.pk).update(published_at=timezone.now() - datetime.timedelta(seconds=1))
    assert client.get(public_url(link))["Location"] == article.get_absolute_url()


def test_a_link_made_for_a_live_article_ends_when_it_is_withdrawn(client, editor):
    article = ready_article("Quota talks stall in Baotou", status=Article.Status.REVIEW)
    workflow.article_publish(article=article, user=editor)
    link = create_preview_link(article=article, user=editor)
    assert opens(client, link)
    workflow.article_unpublish(article=Article.objects.get(pk=article.pk), user=editor)
    assert client.get(public_url(link)).status_code == 404
