"""Importing a WordPress export (WXR) as WordPress writes it."""

from __future__ import annotations

import datetime
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management.base import CommandError
from taggit.models import Tag

from articles.models import Article, ArticleRedirect
from authors.models import AuthorProfile
from core.sanitize import html_to_text
from importers.models import ImportedAsset

from .importing import DATA, run, summary_count

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
SITE = "wxr:https://monitor.example.org"


@pytest.fixture
def imported():
    out, _ = run("import_wordpress", DATA / "wxr-1.2.xml", batch_size=3)
    return out


def article(post_id: int) -> Article:
    return Article.objects.get(source_id=f"{SITE}:{post_id}")


def test_every_wordpress_status_maps_to_a_newsroom_status(imported):
    assert article(101).status == "published"
    assert article(101).published_at == datetime.datetime(2024, 3, 5, 1, 30, tzinfo=UTC)
    assert article(102).status == "published"
    scheduled = article(105)
    assert (scheduled.status, scheduled.published_at) == ("scheduled", datetime.datetime(2031, 1, 10, 2, tzinfo=UTC))
    assert (article(103).status, article(103).published_at) == ("draft", None)
    assert (article(104).status, article(104).published_at) == ("review", None)
    assert Article.objects.count() == 7  # 108 has no title: imported under a made-up one
    assert not Article.objects.filter(title__in=["Internal memo", "Old rumour", "About us", "Home"]).exists()


def test_password_protected_posts_are_kept_but_not_made_public(imported, client):
    protected = article(110)
    assert (protected.status, protected.title) == ("draft", "Subscriber briefing: March prices")
    assert "password-protected post imported as a draft: 1" in imported
    assert client.get("/2024/03/20/subscriber-briefing/").status_code == 404


def test_summary_counts_skips_by_reason_and_lists_failures_by_item(imported):
    assert summary_count(imported, "created") == 7
    assert summary_count(imported, "skipped") == 6
    assert "private post: 1" in imported
    assert "trashed post: 1" in imported
    assert "page (imported as a page: see the pages report): 1" in imported
    assert "menu item (imported into navigation: see the menus report): 1" in imported
    assert "attachment (its URL is recorded on its article): 2" in imported
    assert summary_count(imported, "failed") == 1
    assert "post 108 had no title, now" in imported and "an editor should check it" in imported
    assert "item 9: (post 109) impossible date '2024-02-30 00:00:00'" in imported


def test_categories_and_tags_become_tags_without_uncategorized_or_formats(imported):
    assert set(article(101).tags.names()) == {"Industry", "Export quotas", "Separation"}
    assert set(article(102).tags.names()) == {"市场", "Export quotas"}
    assert Tag.objects.filter(name__iexact="export quotas").count() == 1
    assert not Tag.objects.filter(name__in=["Uncategorized", "Aside", "Main"]).exists()


def test_authors_become_profiles_with_users_that_cannot_log_in(imported):
    li = AuthorProfile.objects.get(display_name="Li Wei 李伟")
    assert li.user.username == "lwei"
    assert li.user.email == "lwei@monitor.example.org"
    assert not li.user.has_usable_password()
    assert not li.user.is_staff
    assert list(article(101).authors.all()) == [li]
    assert article(103).authors.get().display_name == "Hanna Karlsson"


def test_body_is_sanitized_tables_kept_scripts_removed_and_paragraphs_made(imported):
    body = article(101).body
    assert "<table>" in body and "<td>8,300</td>" in body
    assert "<script" not in body and "stolen cookies" not in body
    assert "onclick" not in body and "javascript:" not in body
    assert body.startswith("<p>The new line in the northern works came on stream in February.</p>")
    assert "last year's ore by the autumn.<br>" in body
    assert article(101).standfirst == "Output at the northern works is set to double."


def test_cdata_split_around_its_end_marker_and_text_in_several_scripts(imported):
    chinese = Article.objects.get(title="稀土出口配额：市场的反应")
    text = html_to_text(chinese.body)
    assert "if (a ]]> b) { return; }" in text
    assert "the CDATA end marker ]]> appears" in text
    for fragment in ("稀土出口配额公布后", "Цены на неодим", "Η αγορά ήταν ήρεμη", "السوق كان هادئا"):
        assert fragment in text
    assert "wp:paragraph" not in chinese.body
    assert chinese.slug == "post-102"  # no Latin letters to make a slug from


def test_featured_image_and_attachments_are_recorded_with_source_urls(imported):
    assets = {(a.kind, a.source_url) for a in ImportedAsset.objects.filter(article=article(101))}
    base = "https://monitor.example.org/wp-content/uploads/2024/03/"
    assert assets == {
        ("featured", base + "works-aerial.jpg"),
        ("attachment", base + "works-aerial.jpg"),
        ("attachment", base + "output-chart.png"),
    }
    assert "media recorded by source URL: 3" in imported


def test_old_permalinks_answer_301_to_the_new_article(imported, client):
    response = client.get("/2024/03/05/separation-plant-doubles-output/")
    assert response.status_code == 301
    assert response["Location"] == "/articles/separation-plant-doubles-output/"
    # Without the trailing slash too, and a percent-encoded Chinese permalink.
    assert client.get("/2024/03/05/separation-plant-doubles-output").status_code == 301
    response = client.get("/2024/04/01/%e7%a8%80%e5%9c%9f%e5%87%ba%e5%8f%a3/")
    assert response.status_code == 301
    assert response["Location"] == "/articles/post-102/"
    assert client.get(response["Location"]).status_code == 200


def test_old_permalink_of_an_article_not_yet_public_stays_404(imported, client):
    assert ArticleRedirect.objects.filter(old_path="/2031/01/10/magnet-makers-meet/").exists()
    assert client.get("/2031/01/10/magnet-makers-meet/").status_code == 404
    assert client.get("/no/such/old/page/").status_code == 404


def test_second_run_creates_nothing_and_changes_nothing(imported):
    before = {a.pk: a.updated_at for a in Article.objects.all()}
    counts = (Tag.objects.count(), AuthorProfile.objects.count(), ImportedAsset.objects.count(),
              ArticleRedirect.objects.count())
    out, _ = run("import_wordpress", DATA / "wxr-1.2.xml")
    assert summary_count(out, "created") == 0
    assert summary_count(out, "updated") == 0
    assert summary_count(out, "unchanged") == 7
    assert {a.pk: a.updated_at for a in Article.objects.all()} == before
    assert counts == (Tag.objects.count(), AuthorProfile.objects.count(), ImportedAsset.objects.count(),
                      ArticleRedirect.objects.count())


def test_an_edited_post_is_updated_in_place_on_re_import(imported, tmp_path):
    edited = tmp_path / "edited.xml"
    text = (DATA / "wxr-1.2.xml").read_text(encoding="utf-8")
    edited.write_text(text.replace("Separation plant doubles its output", "Separation plant triples its output"),
                      encoding="utf-8")
    slug_before = article(101).slug
    out, _ = run("import_wordpress", edited)
    assert (summary_count(out, "created"), summary_count(out, "updated"), summary_count(out, "unchanged")) == (0, 1, 6)
    assert article(101).title == "Separation plant triples its output"
    assert article(101).slug == slug_before  # published URLs never move


@pytest.mark.parametrize(("name", "site"), [("wxr-1.0.xml", "http://oreblog.example.net"),
                                             ("wxr-1.1.xml", "http://oreblog11.example.net")])
def test_older_wxr_versions(name, site):
    out, _ = run("import_wordpress", DATA / name)
    assert summary_count(out, "created") == 1
    imported = Article.objects.get(source_id=f"wxr:{site}:12")
    assert set(imported.tags.names()) == {"Markets", "cobalt"}
    assert imported.body == "<p>Prices rose again this week.</p>\n<p>Traders blamed the shipping delays.</p>"
    assert imported.published_at == datetime.datetime(2010, 5, 10, 14, tzinfo=UTC)
    expected_author = "Ore Blog Editor" if name == "wxr-1.1.xml" else "admin"
    assert imported.authors.get().display_name == expected_author


def test_truncated_file_imports_the_complete_items_and_reports_the_break():
    out, _ = run("import_wordpress", DATA / "wxr-truncated.xml")
    assert set(Article.objects.values_list("source_id", flat=True)) == {f"{SITE}:101", f"{SITE}:102"}
    assert summary_count(out, "failed") == 1
    assert "item 3: the file is cut short or broken at line" in out
    assert "the 2 complete items before it were read" in out


@pytest.mark.parametrize(("name", "message"), [
    ("not-an-export.csv", "is not a WordPress export (WXR): it is not XML"),
    ("not-wxr-rss.xml", "declares no http://wordpress.org/export/1.x/ namespace"),
    ("billion-laughs.xml", "was refused"),
])
def test_a_file_that_is_not_a_wordpress_export_stops_with_one_error(name, message):
    with pytest.raises(CommandError, match=re.escape(message)):
        run("import_wordpress", DATA / name)
    assert not Article.objects.exists()


def test_not_a_wordpress_export_exits_with_status_1():
    root = Path(__file__).resolve().parent.parent.parent
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "ree_exchange.settings.test"}
    result = subprocess.run(
        [sys.executable, "manage.py", "import_wordpress", str(DATA / "not-an-export.csv")],
        cwd=root, env=env, capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 1
    assert "is not a WordPress export (WXR)" in result.stderr
    assert "Traceback" not in result.stderr


def test_new_articles_are_handed_to_the_bulk_refresh_once(monkeypatch, django_capture_on_commit_callbacks):
    calls = []
    monkeypatch.setattr("articles.events.public_content_changed", lambda **kw: calls.append(kw))
    with django_capture_on_commit_callbacks(execute=True):
        run("import_wordpress", DATA / "wxr-1.2.xml")
    assert len(calls) == 1
    assert calls[0]["reason"] == "import"
    assert sorted(calls[0]["article_ids"]) == sorted(Article.objects.values_list("pk", flat=True))


def test_a_wrongly_encoded_byte_stops_at_its_line_and_keeps_what_came_before(tmp_path):
    raw = (DATA / "wxr-1.2.xml").read_bytes()
    broken = raw.replace(b"A draft about the next quota round.", b"A draft about the caf\xe9 round.")
    path = tmp_path / "latin1.xml"
    path.write_bytes(broken)
    line = broken[: broken.index(b"caf\xe9")].count(b"\n") + 1
    out, _ = run("import_wordpress", path)
    assert set(Article.objects.values_list("source_id", flat=True)) == {f"{SITE}:101", f"{SITE}:102"}
    assert f"item 3: the file is cut short or broken at line {line}," in out


def test_editors_find_recorded_media_in_the_admin(imported, admin_client):
    response = admin_client.get("/admin/importers/importedasset/", {"q": "works-aerial"})
    assert response.status_code == 200
    assert "https://monitor.example.org/wp-content/uploads/2024/03/works-aerial.jpg" in response.content.decode()


@pytest.mark.django_db
def test_a_path_with_a_nul_byte_is_a_plain_404_not_a_redirect_lookup_error(client):
    assert client.get("/2024/11/05/a%00b/").status_code == 404
