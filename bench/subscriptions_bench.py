"""Digests at scale: build and queue a day's digests for N readers, then
send through a real SMTP server on loopback.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ree_follow18 \
        .venv/bin/python bench/subscriptions_bench.py --subscribers 100000 --articles 200

Fills the database it is given (wiping its subscriptions and the bench's own
articles first): entities, topics and authors, ARTICLES stories published in
the last day, and SUBSCRIBERS confirmed readers with 1-5 follows each (daily).
Then for each size in --steps (default: a fifth of N, then N) it times
``queue_edition`` (the streamed pass writing one Delivery per reader with
something to read) and records its peak Python memory (tracemalloc, in the
same run: its time is an upper bound) and the peak RSS of the queueing alone (the kernel's mark,
reset before it) beside the whole process's; the peaks must not grow with the number of readers. Finally it sends --send deliveries through aiosmtpd
(unthrottled) and prints messages per second. One JSON line at the end;
results also go to bench/results/subscriptions-<time>.json.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import random
import resource
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ree_exchange.settings.dev")
os.environ["DEBUG"] = "0"  # DEBUG keeps every query in memory

import django  # noqa: E402

django.setup()

from aiosmtpd.controller import Controller  # noqa: E402
from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402
from taggit.models import Tag  # noqa: E402

from articles.models import Article, ArticleAuthor, TaggedArticle  # noqa: E402
from authors.models import AuthorProfile  # noqa: E402
from core.bulk import unprepared  # noqa: E402
from entities.models import Enterprise, Official, Regulator  # noqa: E402
from subscriptions import digests, sending  # noqa: E402
from subscriptions.models import Delivery, DigestEdition, Follow, Subscriber  # noqa: E402

PREFIX = "subsbench"


class Sink:
    def __init__(self) -> None:
        self.count = 0

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        self.count += 1
        return "250 OK"


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def reset_peak_rss() -> None:
    """Start the kernel's peak-RSS mark (VmHWM) afresh (Linux >= 4.0), so the
    queueing's peak is not the fill's."""
    Path("/proc/self/clear_refs").write_text("5")


def peak_rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def build_world(rng: random.Random, n_articles: int) -> dict[str, list[int]]:
    Official.objects.filter(slug__startswith=PREFIX).delete()
    Enterprise.objects.filter(slug__startswith=PREFIX).delete()
    Regulator.objects.filter(slug__startswith=PREFIX).delete()
    Article.objects.filter(slug__startswith=PREFIX).delete()
    Tag.objects.filter(slug__startswith=PREFIX).delete()
    AuthorProfile.objects.filter(slug__startswith=PREFIX).delete()
    officials = Official.objects.bulk_create(Official(name=f"Bench official {i}", slug=f"{PREFIX}-o{i}")
                                             for i in range(300))
    enterprises = Enterprise.objects.bulk_create(Enterprise(name=f"Bench enterprise {i}", slug=f"{PREFIX}-e{i}")
                                                 for i in range(300))
    regulators = Regulator.objects.bulk_create(Regulator(name=f"Bench regulator {i}", slug=f"{PREFIX}-r{i}")
                                               for i in range(60))
    tags = Tag.objects.bulk_create(Tag(name=f"Bench topic {i}", slug=f"{PREFIX}-t{i}") for i in range(80))
    authors = AuthorProfile.objects.bulk_create(AuthorProfile(display_name=f"Bench author {i}", slug=f"{PREFIX}-a{i}")
                                                for i in range(25))
    now = timezone.now()
    articles = Article.objects.bulk_create(
        Article(title=f"Bench story {i}", slug=f"{PREFIX}-{i}", status=Article.Status.PUBLISHED,
                standfirst="A standfirst of a bench story.", body="<p>Body.</p>",
                published_at=now - datetime.timedelta(minutes=rng.randrange(1, 24 * 60)))
        for i in range(n_articles)
    )
    for a in articles:
        Article.officials.through.objects.bulk_create(
            Article.officials.through(article_id=a.pk, official_id=o.pk) for o in rng.sample(officials, 2))
        Article.enterprises.through.objects.bulk_create(
            Article.enterprises.through(article_id=a.pk, enterprise_id=e.pk) for e in rng.sample(enterprises, 2))
        Article.regulators.through.objects.create(article_id=a.pk, regulator_id=rng.choice(regulators).pk)
        TaggedArticle.objects.bulk_create(TaggedArticle(content_object_id=a.pk, tag_id=t.pk)
                                          for t in rng.sample(tags, 2))
        ArticleAuthor.objects.create(article_id=a.pk, author_id=rng.choice(authors).pk)
    return {"official": [o.pk for o in officials], "enterprise": [e.pk for e in enterprises],
            "regulator": [r.pk for r in regulators], "topic": [t.pk for t in tags],
            "author": [a.pk for a in authors]}


COLUMNS = {"official": "official_id", "enterprise": "enterprise_id", "regulator": "regulator_id", "topic": "tag_id",
           "author": "author_id"}


def add_readers(rng: random.Random, targets: dict[str, list[int]], start: int, count: int) -> None:
    confirmed = timezone.now() - datetime.timedelta(days=10)
    batch = 5000
    for offset in range(start, start + count, batch):
        subs = Subscriber.objects.bulk_create(
            Subscriber(email=f"reader{i}@bench.example", confirmed_at=confirmed)
            for i in range(offset, min(offset + batch, start + count))
        )
        follows = []
        for s in subs:
            kinds = rng.sample(["official", "enterprise", "regulator", "topic", "author", "site"], rng.randint(1, 5))
            for kind in kinds:
                extra = {COLUMNS[kind]: rng.choice(targets[kind])} if kind in COLUMNS else {}
                follows.append(Follow(subscriber_id=s.pk, kind=kind, rhythm="daily", confirmed_at=confirmed, **extra))
        Follow.objects.bulk_create(follows)


def measure_queue() -> dict:
    def fresh_edition() -> DigestEdition:
        Delivery.objects.all().delete()
        DigestEdition.objects.all().delete()
        return digests.edition_for("daily")

    edition = fresh_edition()
    reset_peak_rss()
    # One run, traced: the time includes tracemalloc's overhead (an upper bound).
    tracemalloc.start()
    started = time.perf_counter()
    readers = digests.queue_edition(edition)
    seconds = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {"readers_queued": readers, "queue_seconds": round(seconds, 2),
            "queue_peak_python_mb": round(peak / 2**20, 1), "queue_peak_rss_mb": round(peak_rss_mb(), 1),
            "process_peak_rss_mb": round(rss_mb(), 1),
            "edition_id": edition.pk}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subscribers", type=int, default=100_000)
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--steps", type=int, nargs="*", help="reader counts to measure at (default N/5 and N)")
    parser.add_argument("--send", type=int, default=2000, help="deliveries to send through the SMTP server")
    parser.add_argument("--port", type=int, default=8030)
    parser.add_argument("--seed", type=int, default=18)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    if connection.vendor != "postgresql":
        sys.exit("bench/subscriptions_bench.py measures PostgreSQL: set DATABASE_URL=postgres://...")
    call_command("migrate", verbosity=0)
    Subscriber.objects.all().delete()
    DigestEdition.objects.all().delete()
    t0 = time.perf_counter()
    targets = build_world(rng, args.articles)
    steps = args.steps or [args.subscribers // 5, args.subscribers]
    results = {"database": connection.vendor, "articles": args.articles, "steps": []}
    have = 0
    for n in steps:
        fill = time.perf_counter()
        with unprepared():  # as the queueing does (core/bulk.py): the fill's batches are kept otherwise
            add_readers(rng, targets, have, n - have)
        have = n
        with connection.cursor() as cursor:
            # As autovacuum would by the morning run: planner statistics for the fresh rows.
            cursor.execute("ANALYZE subscriptions_subscriber, subscriptions_follow, subscriptions_delivery")
        print(f"{n} readers ready ({time.perf_counter() - fill:.1f} s to add)", flush=True)
        step = {"subscribers": n, "follows": Follow.objects.count(), **measure_queue()}
        print(json.dumps(step), flush=True)
        results["steps"].append(step)
    inbox = Sink()
    controller = Controller(inbox, hostname="127.0.0.1", port=args.port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = "127.0.0.1", args.port, False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    ids = sending.queued_ids(edition_id=results["steps"][-1]["edition_id"])[: args.send]
    started = time.perf_counter()
    sending.send_many(ids, rate=0)
    seconds = time.perf_counter() - started
    controller.stop()
    results["send"] = {"messages": inbox.count, "seconds": round(seconds, 2),
                       "messages_per_second": round(inbox.count / seconds, 1)}
    results["total_seconds"] = round(time.perf_counter() - t0, 1)
    print(json.dumps(results))
    out = Path(__file__).resolve().parent / "results"
    out.mkdir(exist_ok=True)
    (out / f"subscriptions-{time.strftime('%Y%m%dT%H%M%S')}.json").write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
