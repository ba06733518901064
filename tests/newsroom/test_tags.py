"""Tag hygiene: merging duplicates and renaming, with 301s from old URLs."""

from unittest import mock

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from taggit.models import Tag

from articles.models import Article, TaggedArticle, TagRedirect
from articles.tag_redirects import resolve_tag_redirect
from newsroom.tags import tag_merge, tag_rename
from tests.factories import make_article

from .editorial_fixtures import *  # noqa: F403 (fixtures)
from .editorial_fixtures import login

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/taggit/tag/"


def topic(slug):
    return reverse("articles:topic", kwargs={"slug": slug})


def test_merge_moves_articles_without_duplicates_and_the_old_url_redirects(
    client, editor, django_capture_on_commit_callbacks
):
    only_old = make_article("Only old", tags=["Rare-earths"])
    both = make_article("Both", tags=["Rare-earths", "Rare earths"])
    only_kept = make_article("Only kept", tags=["Rare earths"])
    keep, merge = Tag.objects.get(name="Rare earths"), Tag.objects.get(name="Rare-earths")
    old_slug = merge.slug
    with mock.patch("articles.events.public_content_changed") as changed, \
            django_capture_on_commit_callbacks(execute=True):
        moved = tag_merge(keep=keep, merge=merge, user=editor)
    assert sorted(moved) == sorted([only_old.pk, both.pk])
    changed.assert_called_once_with(article_ids=moved, reason="tag_merge")
    assert not Tag.objects.filter(pk=merge.pk).exists()
    for article in (only_old, both, only_kept):
        assert [t.name for t in article.tags.all()] == ["Rare earths"]
    assert TaggedArticle.objects.filter(content_object=both).count() == 1

    response = client.get(topic(old_slug))
    assert response.status_code == 301 and response["Location"] == topic(keep.slug)
    page = client.get(topic(keep.slug))
    assert {a.title for a in page.context["page"]} == {"Only old", "Both", "Only kept"}


def test_redirects_follow_a_tag_merged_twice(client, editor):
    a, b, c = (Tag.objects.create(name=n) for n in ("Magnets", "Magnet", "Permanent magnets"))
    make_article("Magnet exports", tags=["Magnets"])  # a topic page exists only with a published story
    tag_merge(keep=b, merge=a, user=editor)
    tag_merge(keep=c, merge=b, user=editor)
    assert resolve_tag_redirect("magnets") == c
    assert client.get(topic("magnets"))["Location"] == topic(c.slug)
    assert client.get(topic("no-such-topic")).status_code == 404


def test_rename_changes_the_slug_and_leaves_a_redirect(client, editor):
    tag = Tag.objects.create(name="SOE reform")
    make_article("Reform", tags=["SOE reform"])
    tag_rename(tag=tag, name="State enterprise reform", user=editor)
    tag.refresh_from_db()
    assert (tag.name, tag.slug) == ("State enterprise reform", "state-enterprise-reform")
    assert client.get(topic("soe-reform"))["Location"] == topic("state-enterprise-reform")
    # Renaming back removes the redirect that would now shadow the live tag.
    tag_rename(tag=tag, name="SOE reform", user=editor)
    assert not TagRedirect.objects.filter(old_slug="soe-reform").exists()
    assert client.get(topic("soe-reform")).status_code == 200
    assert client.get(topic("state-enterprise-reform"))["Location"] == topic("soe-reform")


def test_rename_refuses_a_name_another_tag_has(editor):
    Tag.objects.create(name="Quotas")
    tag = Tag.objects.create(name="Quota")
    with pytest.raises(ValidationError):
        tag_rename(tag=tag, name="quotas", user=editor)


def test_writers_may_not_merge_or_rename(writer):
    keep, merge = Tag.objects.create(name="A tag"), Tag.objects.create(name="Another tag")
    with pytest.raises(PermissionDenied):
        tag_merge(keep=keep, merge=merge, user=writer)
    with pytest.raises(PermissionDenied):
        tag_rename(tag=keep, name="New", user=writer)
    assert Tag.objects.count() == 2


def test_editor_merges_from_the_admin_after_choosing_the_tag_to_keep(client, editor):
    make_article("One", tags=["Gallium"])
    make_article("Two", tags=["Ga"])
    gallium, ga = Tag.objects.get(name="Gallium"), Tag.objects.get(name="Ga")
    login(client, editor)
    select = {"action": "merge_tags", ACTION_CHECKBOX_NAME: [gallium.pk, ga.pk]}
    page = client.post(CHANGELIST, select)
    assert page.status_code == 200 and "Tag to keep" in page.content.decode()
    assert Tag.objects.count() == 2  # nothing happens before the choice
    done = client.post(CHANGELIST, {**select, "keep": gallium.pk})
    assert done.status_code == 302
    assert list(Tag.objects.values_list("name", flat=True)) == ["Gallium"]
    assert Article.objects.filter(tags__name="Gallium").count() == 2
    assert client.get(topic("ga"))["Location"] == topic("gallium")


def test_a_forged_merge_by_a_writer_changes_nothing(client, writer):
    a, b = Tag.objects.create(name="Tungsten"), Tag.objects.create(name="W")
    login(client, writer)
    client.post(CHANGELIST, {"action": "merge_tags", ACTION_CHECKBOX_NAME: [a.pk, b.pk], "keep": a.pk})
    assert Tag.objects.count() == 2 and not TagRedirect.objects.exists()


def test_renaming_in_the_admin_leaves_a_redirect_and_refuses_duplicates(client, editor):
    tag = Tag.objects.create(name="Antimony exports")
    Tag.objects.create(name="Antimony")
    make_article("Antimony curbs", tags=["Antimony exports"])
    login(client, editor)
    url = reverse("admin:taggit_tag_change", args=[tag.pk])
    response = client.post(url, {"name": "Antimony shipments", "slug": "antimony-shipments"})
    assert response.status_code == 302
    assert client.get(topic("antimony-exports"))["Location"] == topic("antimony-shipments")
    clash = client.post(url, {"name": "antimony", "slug": "antimony-2"})
    assert clash.status_code == 200 and "merge the two" in clash.content.decode()


def test_renaming_a_chinese_tag_keeps_a_chinese_slug(editor):
    tag = Tag.objects.create(name="稀土")
    tag_rename(tag=tag, name="稀土出口", user=editor)
    assert tag.slug == "稀土出口"
    assert resolve_tag_redirect("稀土") == tag


@pytest.mark.parametrize("fmt", ["rss", "atom", "json"])
def test_a_merged_or_renamed_topics_feeds_301_to_the_new_feed(client, editor, fmt):
    make_article("On magnets", tags=["Magnets", "Magnet"])
    keep, merge = Tag.objects.get(name="Magnets"), Tag.objects.get(name="Magnet")
    old_slug = merge.slug
    tag_merge(keep=keep, merge=merge, user=editor)
    name = f"articles:topic_feed_{fmt}"
    response = client.get(reverse(name, kwargs={"slug": old_slug}))
    assert response.status_code == 301
    assert response["Location"] == reverse(name, kwargs={"slug": keep.slug})
    assert client.get(response["Location"]).status_code == 200

    tag_rename(tag=keep, name="Permanent magnets", user=editor)
    keep.refresh_from_db()
    response = client.get(reverse(name, kwargs={"slug": old_slug}))
    assert response["Location"] == reverse(name, kwargs={"slug": keep.slug})
    assert client.get(reverse(name, kwargs={"slug": "never-a-topic"})).status_code == 404
