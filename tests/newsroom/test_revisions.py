"""Revisions: every admin save keeps one; editors list, diff and revert."""

import re
from unittest import mock

import pytest
from django.urls import reverse
from taggit.models import Tag

from articles.models import Article
from newsroom.revisions import save_revision, versions_for
from newsroom.tags import tag_merge
from tests.factories import make_article, make_enterprise, make_official, make_regulator

from .admin_forms import change_form_data
from .editorial_fixtures import *  # noqa: F403 (fixtures)
from .editorial_fixtures import login

pytestmark = pytest.mark.django_db


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def revisions_url(article):
    return reverse("admin:articles_article_revisions", args=[article.pk])


def diff_url(article, a, b="current"):
    return reverse("admin:articles_article_revision_diff", args=[article.pk]) + f"?a={a}&b={b}"


def revert_url(article, version):
    return reverse("admin:articles_article_revision_revert", args=[article.pk, version.pk])


def admin_save(client, article, **changes):
    page = client.get(change_url(article))
    assert page.status_code == 200
    response = client.post(change_url(article), change_form_data(page, **changes))
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else response
    return response


def test_each_admin_save_keeps_a_revision_with_user_time_and_comment(client, editor):
    article = make_article("Rare earth quotas rise", tags=["Quotas"])
    login(client, editor)
    admin_save(client, article, title="Rare earth quotas rise by a fifth")
    admin_save(client, article, standfirst="A new standfirst.")
    versions = list(versions_for(article))
    assert len(versions) == 2
    assert all(v.revision.user == editor for v in versions)
    assert "Title" in versions[1].revision.comment
    # The revision holds the tags saved after the article row itself.
    page = client.get(revisions_url(article))
    assert page.status_code == 200
    assert page.content.decode().count("eddie") >= 2
    assert "Changed Title" in page.content.decode() or "Changed title" in page.content.decode()


def test_diff_shows_words_tags_and_entities_by_name_with_html_escaped(client, editor):
    northern = make_enterprise("China Northern Rare Earth")
    miit = make_regulator("Ministry of Industry and Information Technology")
    article = make_article("Quotas rise", body="<p>Output will grow.</p><p>Prices fell.</p>",
                           tags=["Quotas"], enterprises=[northern])
    first = save_revision(article=article, user=editor, comment="first")
    article.title = "Quotas rise sharply"
    article.body = "<p>Output will grow.</p><p>Prices rose <script>x()</script>.</p>"
    article.save()
    article.tags.set(["Prices"])
    article.enterprises.clear()
    article.regulators.add(miit)
    second = save_revision(article=article, user=editor, comment="second")

    login(client, editor)
    html = client.get(diff_url(article, first.pk, second.pk)).content.decode()
    assert re.search(r"<ins>\s*sharply</ins>", html)
    assert re.search(r"<del>\s*fell\.\s*</del>", html) and re.search(r"<ins>\s*rose", html)
    assert "&lt;p&gt;Output will grow.&lt;/p&gt;" in html  # unchanged paragraph, shown as source
    assert "<script>x()" not in html  # never rendered
    assert "<del>Quotas</del>" in html and "<ins>Prices</ins>" in html
    assert "<del>China Northern Rare Earth</del>" in html
    assert "<ins>Ministry of Industry and Information Technology</ins>" in html


def test_revert_restores_title_body_highlights_tags_and_entities_as_a_new_revision(client, editor):
    official = make_official("Wang Lei")
    other_official = make_official("Li Qiang")
    enterprise = make_enterprise("Baotou Steel")
    regulator = make_regulator("SASAC")
    article = make_article("Original headline", body="<p>Original body.</p>", highlights=["Point one"],
                           tags=["Mining", "Exports"], officials=[official], enterprises=[enterprise])
    original = save_revision(article=article, user=editor, comment="original")
    article.title, article.body, article.highlights = "Changed headline", "<p>Changed body.</p>", ["Other"]
    article.save()
    article.tags.set(["Prices"])
    article.officials.set([other_official])
    article.enterprises.clear()
    article.regulators.add(regulator)
    save_revision(article=article, user=editor, comment="changed")

    login(client, editor)
    confirm = client.get(revert_url(article, original))
    assert confirm.status_code == 200
    assert re.search(r"<del>Changed</del><ins>Original</ins> headline", confirm.content.decode())
    response = client.post(revert_url(article, original))
    assert response.status_code == 302

    article.refresh_from_db()
    assert article.title == "Original headline"
    assert article.body == "<p>Original body.</p>"
    assert article.highlights == ["Point one"]
    assert sorted(t.name for t in article.tags.all()) == ["Exports", "Mining"]
    assert list(article.officials.all()) == [official]
    assert list(article.enterprises.all()) == [enterprise]
    assert list(article.regulators.all()) == []
    versions = list(versions_for(article))
    assert len(versions) == 3 and "Reverted" in versions[0].revision.comment
    assert versions[0].revision.user == editor
    audit = article.audit_entries.get()
    assert (audit.action, audit.user) == ("reverted", editor) and "Reverted" in audit.comment


def test_revert_maps_a_tag_merged_away_since_to_the_kept_tag(editor, client):
    article = make_article("Tagged", tags=["Rare earths"])
    version = save_revision(article=article, user=editor)
    article.tags.set(["Magnets"])
    keep = Tag.objects.create(name="Rare earth elements")
    tag_merge(keep=keep, merge=Tag.objects.get(name="Rare earths"), user=editor)
    login(client, editor)
    client.post(revert_url(article, version))
    assert [t.name for t in article.tags.all()] == ["Rare earth elements"]


def test_writer_may_not_revert_a_published_article_even_their_own(client, writer, own_published):
    version = save_revision(article=own_published, user=writer)
    own_published.title = "Edited by an editor"
    own_published.save()
    login(client, writer)
    assert client.get(revisions_url(own_published)).status_code == 200
    assert client.post(revert_url(own_published, version)).status_code == 403
    own_published.refresh_from_db()
    assert own_published.title == "Edited by an editor"
    assert "Revert to this" not in client.get(revisions_url(own_published)).content.decode()


def test_writer_may_revert_their_own_draft(client, writer, own_draft):
    version = save_revision(article=own_draft, user=writer)
    own_draft.title = "A worse headline"
    own_draft.save()
    login(client, writer)
    assert client.post(revert_url(own_draft, version)).status_code == 302
    own_draft.refresh_from_db()
    assert own_draft.title == "Quota talks stall in Baotou"


@pytest.mark.parametrize("role, expected", [
    ("anonymous", 302), ("writer", 200), ("other_writer", 404), ("editor", 200), ("superuser", 200),
])
def test_revision_pages_answer_only_to_those_who_may_see_the_article(
    client, role, expected, request, own_draft, editor
):
    version = save_revision(article=own_draft, user=editor)
    user = None if role == "anonymous" else request.getfixturevalue(role)
    login(client, user)
    for url in (revisions_url(own_draft), diff_url(own_draft, version.pk), revert_url(own_draft, version)):
        response = client.get(url)
        assert response.status_code == expected, url
        if role == "anonymous":
            assert reverse("admin:login") in response["Location"]
        if expected == 404:
            assert "Quota talks" not in response.content.decode()
    # A forged revert by another writer changes nothing.
    if role == "other_writer":
        own_draft.title = "Changed"
        own_draft.save()
        assert client.post(revert_url(own_draft, version)).status_code == 404
        assert Article.objects.get(pk=own_draft.pk).title == "Changed"


def test_a_revision_of_another_article_is_not_found(client, editor):
    a, b = make_article("A"), make_article("B")
    version_of_b = save_revision(article=b, user=editor)
    login(client, editor)
    assert client.get(diff_url(a, version_of_b.pk)).status_code == 404
    assert client.post(revert_url(a, version_of_b)).status_code == 404
    assert client.get(diff_url(a, "nonsense")).status_code == 404


def test_revision_list_queries_are_bounded(client, editor, django_assert_max_num_queries):
    article = make_article("Busy", tags=[f"tag {i}" for i in range(15)],
                           officials=[make_official() for _ in range(10)])
    for i in range(12):
        article.title = f"Busy {i}"
        article.save()
        save_revision(article=article, user=editor)
    login(client, editor)
    with django_assert_max_num_queries(15):
        assert client.get(revisions_url(article)).status_code == 200


def test_reverting_a_live_article_marks_it_updated_and_refreshes_public_pages(
    client, editor, django_capture_on_commit_callbacks
):
    article = make_article("Live headline")
    version = save_revision(article=article, user=editor)
    article.title = "Live headline, edited"
    article.save()
    login(client, editor)
    with mock.patch("articles.events.public_content_changed") as changed, \
            django_capture_on_commit_callbacks(execute=True):
        client.post(revert_url(article, version))
    changed.assert_called_once_with(article_ids=[article.pk], reason="revert")
    article.refresh_from_db()
    assert article.title == "Live headline" and article.content_updated_at is not None
    assert article.status == Article.Status.PUBLISHED  # state is never reverted
    assert "Live headline" in client.get(article.get_absolute_url()).content.decode()
