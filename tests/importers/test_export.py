"""Exporting articles as JSON Lines, and the round trip back in."""

from __future__ import annotations

import datetime
import json

import pytest
from django.core.management import call_command
from django.utils import timezone
from taggit.models import Tag

from articles.models import Article, ArticleRedirect
from authors.models import AuthorProfile
from entities.models import Enterprise, Official, Regulator
from tests.factories import make_article, make_author, make_enterprise, make_official, make_regulator

from .importing import run, summary_count

pytestmark = pytest.mark.django_db


def exported(*args, **options) -> list[dict]:
    out, _ = run("export_articles", *args, **options)
    return [json.loads(line) for line in out.splitlines()]


def demo_newsroom() -> None:
    """Content shaped like the demo site: several writers, statuses, tags in
    two scripts, entities with aliases, redirects, an expiring article."""
    now = timezone.now().replace(microsecond=123456)
    li, hanna, ops = make_author("Li Wei 李伟"), make_author("Hanna Karlsson"), make_author("Desk")
    sasac = make_regulator("State-owned Assets Supervision and Administration Commission", acronym="SASAC")
    imar = make_regulator("Inner Mongolia SASAC", parent=sasac, aliases=["内蒙古国资委"])
    northern = make_enterprise("China Northern Rare Earth Group", aliases=["北方稀土"], regulator=imar)
    lynas = make_enterprise("Lynas Rare Earths")
    wang = make_official("Wang Lei", native_name="王磊")
    chen = make_official("Chen Yu")
    make_article("Quotas rise for the third year", tags=["Quotas", "Policy"], authors=[li, hanna],
                 officials=[wang], enterprises=[northern], regulators=[sasac, imar],
                 published_at=now - datetime.timedelta(days=3), source_url="https://old.example.com/q",
                 source_id="wxr:https://old.example.com:9")
    make_article("稀土价格回升", tags=["市场", "Prices"], authors=[li], enterprises=[northern, lynas],
                 published_at=now - datetime.timedelta(days=2), highlights=["价格上涨", "Demand from magnets"],
                 body="<p>稀土价格回升。</p><table><tr><td>Nd</td><td>+4%</td></tr></table>")
    make_article("Smelter audit (draft)", status=Article.Status.DRAFT, authors=[hanna], officials=[chen])
    make_article("Ganzhou conference preview", status=Article.Status.SCHEDULED,
                 published_at=now + datetime.timedelta(days=5), tags=["Events"], authors=[ops])
    make_article("In review: magnet exports", status=Article.Status.REVIEW, tags=["Magnets"])
    archived = make_article("Last year's outlook", status=Article.Status.ARCHIVED, tags=["Outlook"])
    expiring = make_article("Offer for subscribers", expires_at=now + datetime.timedelta(days=1), standfirst="")
    ArticleRedirect.objects.create(old_path="/2023/01/01/outlook/", article=archived)
    ArticleRedirect.objects.create(old_path="/articles/offer-old/", article=expiring)


def test_export_writes_one_object_per_article_with_every_field():
    author = make_author("Zhao Min")
    make_article("Quotas", slug="quotas", tags=["Policy", "Quotas"], authors=[author],
                 officials=[make_official("Wang Lei")], enterprises=[make_enterprise("Lynas")],
                 regulators=[make_regulator("MIIT")], source_url="https://old.example.com/q",
                 published_at=datetime.datetime(2024, 3, 5, 1, 30, tzinfo=datetime.UTC))
    [row] = exported()
    assert row == {
        "title": "Quotas", "slug": "quotas", "standfirst": row["standfirst"], "highlights": row["highlights"],
        "body_html": row["body_html"], "status": "published", "published_at": "2024-03-05T01:30:00+00:00",
        "expires_at": None, "authors": ["Zhao Min"], "tags": ["Policy", "Quotas"], "officials": ["Wang Lei"],
        "enterprises": ["Lynas"], "regulators": ["MIIT"], "source_id": None,
        "source_url": "https://old.example.com/q", "redirects": [],
    }


def test_all_statuses_by_default_and_only_public_ones_on_request():
    make_article("Live")
    make_article("Draft", status=Article.Status.DRAFT)
    make_article("Later", status=Article.Status.SCHEDULED, published_at=timezone.now() + datetime.timedelta(days=1))
    assert {r["title"] for r in exported()} == {"Live", "Draft", "Later"}
    assert {r["title"] for r in exported(published_only=True)} == {"Live"}


def test_export_to_a_file_keeps_non_latin_text_readable(tmp_path):
    make_article("稀土价格回升")
    target = tmp_path / "out.jsonl"
    _, err = run("export_articles", "-o", target)
    assert "Exported 1 articles." in err
    text = target.read_text(encoding="utf-8")
    assert '"title": "稀土价格回升"' in text


def test_export_query_count_does_not_grow_with_articles_or_tags(django_assert_max_num_queries):
    authors = [make_author() for _ in range(3)]
    entities = {"officials": [make_official() for _ in range(4)], "enterprises": [make_enterprise() for _ in range(4)],
                "regulators": [make_regulator() for _ in range(4)]}
    for i in range(40):
        make_article(tags=[f"tag {i % 7}", f"tag {i % 5 + 10}", "common"], authors=authors, **entities)
    # One query for articles and one per prefetched relation, per chunk of 500.
    with django_assert_max_num_queries(8):
        rows = exported()
    assert len(rows) == 40
    assert all(len(r["officials"]) == 4 and len(r["tags"]) == 3 for r in rows)


def _flush_content() -> None:
    Article.objects.all().delete()
    Tag.objects.all().delete()
    AuthorProfile.objects.all().delete()
    for model in (Official, Enterprise, Regulator):
        model.objects.all().delete()


def test_round_trip_into_an_empty_database_reproduces_articles_tags_and_links(tmp_path):
    demo_newsroom()
    first = tmp_path / "first.jsonl"
    run("export_articles", "-o", first)
    before = {a.slug: a for a in Article.objects.all()}
    _flush_content()
    assert not Article.objects.exists()

    out, _ = run("import_articles", first)
    assert summary_count(out, "created") == len(before)
    assert summary_count(out, "failed") == 0
    second = tmp_path / "second.jsonl"
    run("export_articles", "-o", second)
    assert second.read_text(encoding="utf-8") == first.read_text(encoding="utf-8")

    # Field by field, on the rows themselves.
    fields = ["title", "standfirst", "highlights", "body", "status", "published_at", "expires_at",
              "source_id", "source_url"]
    for slug, old in before.items():
        new = Article.objects.get(slug=slug)
        assert [getattr(new, f) for f in fields] == [getattr(old, f) for f in fields], slug
    quotas = Article.objects.get(title="Quotas rise for the third year")
    assert [a.display_name for a in quotas.authors.order_by("bylines__order")] == ["Li Wei 李伟", "Hanna Karlsson"]
    assert {r.name for r in quotas.regulators.all()} == {
        "State-owned Assets Supervision and Administration Commission", "Inner Mongolia SASAC"}
    assert set(Tag.objects.values_list("name", flat=True)) == {
        "Quotas", "Policy", "市场", "Prices", "Events", "Magnets", "Outlook"}
    assert ArticleRedirect.objects.get(old_path="/2023/01/01/outlook/").article.title == "Last year's outlook"
    # And the re-imported site answers readers the same way.
    assert set(Article.objects.published().values_list("slug", flat=True)) == {
        s for s, a in before.items() if a.is_public}

    # Importing the same export again changes nothing.
    out, _ = run("import_articles", first)
    assert (summary_count(out, "created"), summary_count(out, "updated")) == (0, 0)


def test_load_demo_content_round_trips_when_the_command_exists(tmp_path):
    from django.core.management import get_commands

    if "load_demo" not in get_commands():
        pytest.skip("load_demo is not in this build; the factory-built newsroom above covers the round trip")
    call_command("load_demo", verbosity=0)
    first = tmp_path / "first.jsonl"
    run("export_articles", "-o", first)
    _flush_content()
    run("import_articles", first)
    second = tmp_path / "second.jsonl"
    run("export_articles", "-o", second)
    assert second.read_text(encoding="utf-8") == first.read_text(encoding="utf-8")
