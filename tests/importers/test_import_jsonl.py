"""Importing articles from JSON Lines: format, bad input, idempotency."""

from __future__ import annotations

import datetime
import io
import json

import pytest
from django.core.management.base import CommandError
from taggit.models import Tag

from articles.models import Article
from authors.models import AuthorProfile
from entities.models import Enterprise, Official, Regulator
from importers import links, service
from importers.jsonl import JsonlSource
from importers.progress import Progress
from newsroom.models import AuditEntry
from tests.factories import make_article, make_official, make_regulator

from .importing import DATA, run, summary_count

pytestmark = pytest.mark.django_db


def record(**fields) -> dict:
    n = fields.pop("n", 1)
    base = {
        "title": f"Quota story {n}",
        "slug": f"quota-story-{n}",
        "standfirst": "The ministry set this year's quotas.",
        "highlights": ["Quotas up 6%", "Smelting flat"],
        "body_html": "<p>The figures came out on Friday.</p>",
        "status": "published",
        "published_at": "2024-03-05T09:30:00+08:00",
        "authors": ["Zhao Min"],
        "tags": ["Quotas", "Policy"],
        "officials": ["Wang Lei"],
        "enterprises": ["Northern Rare Earth Group"],
        "regulators": ["MIIT"],
        "source_url": f"https://old.example.com/story-{n}",
    }
    base.update(fields)
    return base


def write(tmp_path, *lines, name="in.jsonl") -> str:
    path = tmp_path / name
    with open(path, "wb") as fh:
        for line in lines:
            fh.write(line if isinstance(line, bytes) else json.dumps(line, ensure_ascii=False).encode())
            fh.write(b"\n")
    return str(path)


def test_every_field_is_imported_and_unknown_entities_are_created(tmp_path):
    out, _ = run("import_articles", write(tmp_path, record()))
    assert summary_count(out, "created") == 1
    a = Article.objects.get(slug="quota-story-1")
    assert a.title == "Quota story 1"
    assert a.standfirst == "The ministry set this year's quotas."
    assert a.highlights == ["Quotas up 6%", "Smelting flat"]
    assert a.body == "<p>The figures came out on Friday.</p>"
    assert a.status == "published"
    assert a.published_at == datetime.datetime(2024, 3, 5, 1, 30, tzinfo=datetime.UTC)
    assert [p.display_name for p in a.authors.all()] == ["Zhao Min"]
    assert AuthorProfile.objects.get(display_name="Zhao Min").user is None
    assert set(a.tags.names()) == {"Quotas", "Policy"}
    assert [o.name for o in a.officials.all()] == ["Wang Lei"]
    assert [e.name for e in a.enterprises.all()] == ["Northern Rare Earth Group"]
    assert [r.name for r in a.regulators.all()] == ["MIIT"]
    assert a.source_url == "https://old.example.com/story-1"


def test_entities_are_matched_by_name_or_alias_ignoring_case(tmp_path):
    wang = make_official("Wang Lei", aliases=["王磊"])
    miit = make_regulator("Ministry of Industry and Information Technology", acronym="MIIT")
    make_article("Existing story", tags=["quotas"])
    run("import_articles", write(tmp_path, record(officials=["王磊"], regulators=["miit"], tags=["QUOTAS"])))
    a = Article.objects.get(slug="quota-story-1")
    assert list(a.officials.all()) == [wang]
    assert list(a.regulators.all()) == [miit]
    assert Official.objects.count() == 1 and Regulator.objects.count() == 1
    assert Tag.objects.filter(name__iexact="quotas").count() == 1


def test_bad_lines_are_reported_by_number_and_the_rest_still_imports(tmp_path):
    path = write(
        tmp_path,
        record(n=1),
        b'{"title": "Broken", "slug": ',  # line 2: malformed JSON
        json.dumps(record(n=3, title="Caf\u00e9 story")).encode("utf-8").replace(b"Caf\\u00e9", b"Caf\xe9"),
        record(n=4, title="  "),
        record(n=5, published_at="2024-02-30T10:00:00+00:00"),
        record(n=6, published_at="2024-03-01T10:00:00"),
        record(n=7, status="live"),
        b"",
        b'["not", "an", "object"]',
        record(n=10),
    )
    out, _ = run("import_articles", path, batch_size=3)
    assert set(Article.objects.values_list("slug", flat=True)) == {"quota-story-1", "quota-story-10"}
    assert summary_count(out, "created") == 2
    assert summary_count(out, "failed") == 7
    assert "line 2: malformed JSON" in out
    assert "line 3: not UTF-8 text (byte 0xe9" in out
    assert "line 4: title is missing" in out
    assert "line 5: published_at '2024-02-30T10:00:00+00:00' is not a valid date-time (day is out of range" in out
    assert "line 6: published_at '2024-03-01T10:00:00' has no UTC offset" in out
    assert "line 7: status 'live' is not one of" in out
    assert "line 9: expected a JSON object" in out


FRESH_NAMES = {"tags": ["Brand new tag"], "officials": ["New Official"], "authors": ["New Writer"]}


def _fail_on_slug(monkeypatch, slug: str) -> None:
    """Make the record wanting ``slug`` fail after its new tag, official and
    author rows were written, the way a database error would."""
    real = service.free_slug

    def free_slug(base, index):
        if base == slug:
            raise RuntimeError("disk on fire")
        return real(base, index)

    monkeypatch.setattr(service, "free_slug", free_slug)


def _assert_third_record_owns_the_fresh_names() -> None:
    assert not Article.objects.filter(title="Quota story 2").exists()
    # Record 3 reuses the names record 2 created and lost with its savepoint:
    # they exist once, linked to record 3, and the batch committed.
    third = Article.objects.get(title="Quota story 3")
    assert list(third.tags.names()) == ["Brand new tag"]
    assert [o.name for o in third.officials.all()] == ["New Official"]
    assert [a.display_name for a in third.authors.all()] == ["New Writer"]
    assert Official.objects.filter(name="New Official").count() == 1


def test_a_record_failing_halfway_leaves_nothing_behind(tmp_path, monkeypatch):
    _fail_on_slug(monkeypatch, "quota-story-2")
    path = write(tmp_path, record(n=1), record(n=2, **FRESH_NAMES), record(n=3, **FRESH_NAMES))
    out, _ = run("import_articles", path, batch_size=10)
    assert "line 2: disk on fire" in out
    assert (summary_count(out, "created"), summary_count(out, "failed")) == (2, 1)
    _assert_third_record_owns_the_fresh_names()


def test_when_the_batch_insert_fails_the_batch_is_redone_record_by_record(tmp_path, monkeypatch):
    def broken_write(self):
        raise RuntimeError("bulk insert refused")

    monkeypatch.setattr(links.PendingLinks, "write", broken_write)
    real = service.add_redirects

    def failing(article, paths, *, fresh):
        if article.title == "Quota story 2":
            raise RuntimeError("disk on fire")
        return real(article, paths, fresh=fresh)

    monkeypatch.setattr(service, "add_redirects", failing)
    path = write(tmp_path, record(n=1), record(n=2, **FRESH_NAMES), record(n=3, **FRESH_NAMES),
                 record(n=4, redirects=["/old/4/"]))
    out, _ = run("import_articles", path, batch_size=10)
    assert (summary_count(out, "created"), summary_count(out, "failed")) == (3, 1)
    assert "line 2: disk on fire" in out
    assert summary_count(out, "skipped") == 0
    _assert_third_record_owns_the_fresh_names()
    assert Article.objects.get(title="Quota story 4").redirects.get().old_path == "/old/4/"


def test_second_run_is_a_no_op_and_edits_are_updates(tmp_path):
    lines = [record(n=i) for i in range(1, 6)]
    run("import_articles", write(tmp_path, *lines))
    out, _ = run("import_articles", write(tmp_path, *lines))
    assert (summary_count(out, "created"), summary_count(out, "updated"), summary_count(out, "unchanged")) == (0, 0, 5)
    lines[2]["tags"] = ["Quotas"]
    lines[3]["body_html"] = "<p>Corrected figures.</p><script>x()</script>"
    out, _ = run("import_articles", write(tmp_path, *lines))
    assert (summary_count(out, "created"), summary_count(out, "updated"), summary_count(out, "unchanged")) == (0, 2, 3)
    assert list(Article.objects.get(slug="quota-story-3").tags.names()) == ["Quotas"]
    assert Article.objects.get(slug="quota-story-4").body == "<p>Corrected figures.</p>"
    assert Article.objects.count() == 5


def test_matching_uses_source_id_then_source_url_then_slug(tmp_path):
    by_url = make_article("Old", slug="old", source_url="https://old.example.com/a")
    by_slug = make_article("Other", slug="other-story")
    by_id = make_article("Third", slug="third", source_id="legacy:77")
    path = write(
        tmp_path,
        record(title="New title A", slug="ignored-a", source_url="https://old.example.com/a"),
        record(title="New title B", slug="other-story", source_url=""),
        record(title="New title C", slug="ignored-c", source_id="legacy:77", source_url="https://x.example.com/"),
        # A slug that is taken by an unrelated article: a new article with a free slug.
        record(title="New title D", slug="old", source_url="https://old.example.com/d"),
    )
    out, _ = run("import_articles", path)
    assert (summary_count(out, "created"), summary_count(out, "updated")) == (1, 3)
    by_url.refresh_from_db(), by_slug.refresh_from_db(), by_id.refresh_from_db()
    assert (by_url.title, by_url.slug) == ("New title A", "old")
    assert by_slug.title == "New title B"
    assert (by_id.title, by_id.source_url) == ("New title C", "https://x.example.com/")
    assert Article.objects.get(title="New title D").slug == "old-2"


@pytest.mark.parametrize(("name", "message"), [
    ("not-an-export.csv", "is not a JSON Lines file: its first line is not a JSON object"),
    ("wxr-1.2.xml", "looks like XML, not JSON Lines (for a WordPress export use import_wordpress)"),
])
def test_a_file_that_is_not_jsonl_stops_with_one_error(name, message):
    with pytest.raises(CommandError) as excinfo:
        run("import_articles", DATA / name)
    assert message in str(excinfo.value)
    assert not Article.objects.exists()


def test_missing_file_is_one_clear_error(tmp_path):
    with pytest.raises(CommandError, match="no such file"):
        run("import_articles", tmp_path / "nope.jsonl")


def test_fail_on_error_turns_failed_records_into_exit_status_1(tmp_path):
    path = write(tmp_path, record(n=1), record(n=2, title=""))
    with pytest.raises(CommandError, match="1 line"):
        run("import_articles", path, fail_on_error=True)
    assert Article.objects.filter(slug="quota-story-1").exists()


def test_progress_is_plain_lines_off_a_terminal(tmp_path):
    _, err = run("import_articles", write(tmp_path, *[record(n=i) for i in range(1, 8)]), batch_size=2)
    assert err.splitlines()[-1].startswith("progress 100%: 7 read · 7 created")
    assert "\r" not in err


def test_progress_bar_on_a_terminal_redraws_one_line_with_counts_and_rate(tmp_path):
    source = JsonlSource(write(tmp_path, *[record(n=i) for i in range(1, 8)]))
    screen = io.StringIO()
    progress = Progress(screen, source, tty=True)
    summary = service.import_records(records=source, source="in.jsonl", batch_size=2, progress=progress)
    progress.finish(summary)
    frames = screen.getvalue().split("\r")
    assert len(frames) >= 5
    assert frames[-1].startswith("100% ██████████")
    assert "7 created" in frames[-1] and "/s" in frames[-1]


def test_import_service_reports_counts_without_the_command(tmp_path):
    source = JsonlSource(write(tmp_path, record(n=1), record(n=2, title=None)))
    summary = service.import_records(records=source, source="x", batch_size=50, progress=None)
    assert (summary.created, len(summary.failed), summary.failed[0].number) == (1, 1, 2)
    assert summary.created_ids == list(Article.objects.values_list("pk", flat=True))
    assert Enterprise.objects.get().name == "Northern Rare Earth Group"


def test_a_wrongly_encoded_first_line_is_a_line_error_not_a_format_error(tmp_path):
    latin1 = json.dumps(record(n=1, title="Caf\u00e9")).encode().replace(b"Caf\\u00e9", b"Caf\xe9")
    out, _ = run("import_articles", write(tmp_path, latin1, record(n=2)))
    assert "line 1: not UTF-8 text" in out
    assert list(Article.objects.values_list("slug", flat=True)) == ["quota-story-2"]


def test_an_empty_file_is_an_empty_import(tmp_path):
    path = tmp_path / "empty.jsonl"
    path.write_bytes(b"")
    out, _ = run("import_articles", path)
    assert summary_count(out, "created") == 0


def test_the_same_article_twice_in_one_file_is_created_then_updated(tmp_path):
    path = write(tmp_path, record(n=1, tags=["First"]), record(n=2), record(n=1, title="Second version", tags=["Second"]))
    out, _ = run("import_articles", path)
    assert (summary_count(out, "created"), summary_count(out, "updated")) == (2, 1)
    final = Article.objects.get(slug="quota-story-1")
    assert (final.title, list(final.tags.names())) == ("Second version", ["Second"])


def test_bulk_inserted_articles_are_exactly_what_save_would_store(tmp_path):
    """The fast path inserts new articles in bulk, without save(): if save()
    ever derives something more, this fails and the importer must too."""
    path = write(tmp_path, record(n=1, body_html="<p onclick='x()'>Hi<script>y()</script></p>", highlights=[" a ", ""]),
                 record(n=2, slug="", title="稀土"), record(n=3, slug="", title="Plain title"))
    run("import_articles", path)
    fields = [f.attname for f in Article._meta.concrete_fields if f.attname not in ("updated_at",)]
    for article in Article.objects.all():
        before = [getattr(article, f) for f in fields]
        article.save()
        article.refresh_from_db()
        assert [getattr(article, f) for f in fields] == before
    assert set(Article.objects.values_list("slug", flat=True)) == {"quota-story-1", "article", "plain-title"}


def test_a_clean_batch_costs_a_fixed_number_of_queries(tmp_path, django_assert_max_num_queries):
    """New articles are inserted with one statement per table per batch, not
    one per article (the benchmark's speed depends on it)."""
    run("import_articles", write(tmp_path, record(n=0)))  # creates the tags, entities and author
    source = JsonlSource(write(tmp_path, *[record(n=i) for i in range(1, 61)], name="many.jsonl"))
    # 16 for the batch itself, 2 for its audit entries, plus a fixed ~9 for
    # the bulk mention suggestions computed after it: constant in the number
    # of articles.
    with django_assert_max_num_queries(28):
        summary = service.import_records(records=source, source="many", batch_size=100)
    assert summary.created == 60
    assert Article.objects.get(slug="quota-story-60").tags.count() == 2


def test_an_interrupted_import_keeps_finished_batches_and_says_how_to_resume(tmp_path, monkeypatch):
    path = write(tmp_path, *[record(n=i) for i in range(1, 7)])
    real = service._RunState.run_batch
    calls = []

    def interrupt_on_second_batch(self, batch):
        calls.append(1)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real(self, batch)

    monkeypatch.setattr(service._RunState, "run_batch", interrupt_on_second_batch)
    with pytest.raises(CommandError, match="run the same command again"):
        run("import_articles", path, batch_size=3)
    assert Article.objects.count() == 3
    monkeypatch.undo()
    out, _ = run("import_articles", path, batch_size=3)
    assert (summary_count(out, "created"), summary_count(out, "unchanged")) == (3, 3)


def test_imports_are_on_each_articles_audit_trail_and_failed_records_leave_none(tmp_path, monkeypatch):
    _fail_on_slug(monkeypatch, "quota-story-2")
    path = write(tmp_path, record(n=1), record(n=2), record(n=3))
    run("import_articles", path, batch_size=10)
    entries = AuditEntry.objects.filter(action=AuditEntry.Action.IMPORTED)
    assert sorted(e.article_title for e in entries) == ["Quota story 1", "Quota story 3"]
    entry = entries.get(article__slug="quota-story-1")
    assert entry.to_state == "published" and entry.comment.startswith("Created by import from ")
    monkeypatch.undo()
    run("import_articles", write(tmp_path, record(n=1, title="Quota story one"), name="again.jsonl"))
    latest = AuditEntry.objects.filter(article__slug="quota-story-1").first()
    assert latest.action == "imported" and latest.comment.startswith("Updated by import from ")
    assert latest.article_title == "Quota story one"
