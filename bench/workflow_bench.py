"""Workflow timings on a throwaway database: how long the service calls and
the admin pages editors wait for take, and how many queries they run.

    .venv/bin/python bench/workflow_bench.py [--articles 300]
    DATABASE_URL=postgres://... .venv/bin/python bench/workflow_bench.py

Prints a table and a JSON line. Creates and destroys its own test database.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ree_exchange.settings.test")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402


def timed(fn, repeat: int) -> tuple[float, int]:
    """Median milliseconds and queries of the last run."""
    times, queries = [], 0
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as ctx:
            start = time.perf_counter()
            fn()
            times.append((time.perf_counter() - start) * 1000)
        queries = len(ctx.captured_queries)
    return statistics.median(times), queries


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=300)
    args = parser.parse_args()
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        rows = run(args.articles)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    print(f"{'step':45} {'median ms':>10} {'queries':>8}")
    for name, ms, q in rows:
        print(f"{name:45} {ms:10.1f} {q:8d}")
    print(json.dumps({"engine": connection.vendor, "articles": args.articles,
                      "results": {name: {"ms": round(ms, 2), "queries": q} for name, ms, q in rows}}))


def run(n: int) -> list[tuple[str, float, int]]:
    import datetime

    from django.utils import timezone

    from articles.models import Article
    from newsroom import editing, workflow
    from tests.factories import make_official, make_user

    editor = make_user("bench-editor", group="Editors")
    writer = make_user("bench-writer", group="Writers")
    officials = [make_official() for _ in range(10)]

    def article(i: int, status=Article.Status.DRAFT, **kw) -> Article:
        a = Article.objects.create(title=f"Bench article {i}", standfirst="Short.", highlights=["One"],
                                   body=f"<p>Body {i}.</p>", status=status, created_by=writer, **kw)
        a.tags.add(*[f"Tag {j}" for j in range(8)])
        a.officials.add(*officials[:5])
        return a

    drafts = [article(i) for i in range(n)]
    rows = []
    it = iter(drafts)
    rows.append(("article_submit", *timed(lambda: workflow.article_submit(article=next(it), user=writer), 50)))
    reviewed = iter(drafts[:50])
    rows.append(("article_publish (checks + audit)",
                 *timed(lambda: workflow.article_publish(article=next(reviewed), user=editor), 50)))
    live = drafts[0]
    rows.append(("article_save on live article (pending)", *timed(
        lambda: editing.article_save(article=live, user=editor, data={"title": "Changed"}, expected_version=None),
        30)))
    rows.append(("run_checks", *timed(lambda: workflow.checks.run_checks(live), 30)))
    past = timezone.now() - datetime.timedelta(minutes=1)
    for i in range(n):
        article(n + i, status=Article.Status.SCHEDULED, published_at=past)
    rows.append((f"publish_due_scheduled ({n} due)", *timed(lambda: workflow.publish_due_scheduled(), 1)))

    client = Client()
    client.force_login(editor)
    rows.append(("admin change form (live, pending change)",
                 *timed(lambda: client.get(f"/admin/articles/article/{live.pk}/change/"), 20)))
    rows.append((f"admin changelist ({2 * n} articles)", *timed(lambda: client.get("/admin/articles/article/"), 20)))
    rows.append(("admin index with dashboard", *timed(lambda: client.get("/admin/"), 20)))
    return rows


if __name__ == "__main__":
    main()
