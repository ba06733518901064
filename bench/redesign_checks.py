#!/usr/bin/env python3
"""Issue 16's "must show" checks on the bench corpus, against a real server and task worker.

Run from the project root, after ``bench/run.py --db <db> --no-load`` built the corpus:

    .venv/bin/python bench/redesign_checks.py --db ree_bench_after --cache-url redis://127.0.0.1:6379/11
    .venv/bin/python bench/redesign_checks.py imports     # RSS after django.setup() / the URLconf only

``imports`` also works in an old checkout (it needs only Django's settings):
``cd <checkout> && PYTHONPATH=. .venv/bin/python /path/to/bench/redesign_checks.py imports``.

The full run (this process sets Django up with the production settings on
the bench database, creates a bench editor and a session for them, and drafts):

1. starts gunicorn (production settings, 2 workers, no recycling) and the
   two task workers of bin/demo (``db_worker --queue-name default`` and
   ``--queue-name recommendations``, whose RSS is sampled);
2. sends 2,000 mixed requests (home, articles, topics, officials, search,
   feeds) from 4 threads, with one editor's publish POSTed to the admin's
   workflow button halfway; then reads each web worker's VmRSS and whether
   numpy/SciPy/scikit-learn are mapped into it (/proc/<pid>/maps);
3. POSTs the admin's publish button for ``--publishes`` drafts one after the
   other, ``--spacing`` seconds apart (p50/p95 of the request), then polls
   until the worker has stored each new article's "You Might Also Like"
   list (its delay from its publish; back to back, the later ones wait
   behind the earlier ones' refreshes);
4. schedules an article ``--schedule-in`` seconds ahead (the workflow
   service, as the editor), primes the cached home and topic pages, and polls
   both until they show it (no cron, no publish_due_scheduled);
5. enqueues a full recommendation rebuild and samples the recommendations
   worker's RSS until it finishes.

Prints a JSON document and writes it to bench/results/redesign-<timestamp>.json.
The drafts it publishes stay in the bench corpus (titles start "Redesign check").
"""

from __future__ import annotations

import argparse
import datetime
import http.client
import json
import os
import random
import re
import secrets
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path.cwd()
RESULTS = Path(__file__).resolve().parent / "results"
HEAVY = ("numpy", "scipy", "sklearn")


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return round(int(line.split()[1]) / 1024, 1)
    return float("nan")


def heavy_mapped(pid: int) -> list[str]:
    maps = Path(f"/proc/{pid}/maps").read_text()
    return [m for m in HEAVY if re.search(rf"/{m}/", maps)]


def children(pid: int) -> list[int]:
    out = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat[stat.rindex(")") + 2:].split()[1]) == pid:
                out.append(int(entry.name))
    return sorted(out)


def imports() -> dict:
    """RSS of a fresh process after django.setup() and after importing the URLconf."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ree_exchange.settings.prod")
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(60))
    os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1")
    import importlib

    import django

    django.setup()
    after_setup = rss_mb(os.getpid())
    from django.conf import settings

    importlib.import_module(settings.ROOT_URLCONF)
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 (every app's urls module)
    return {"rss_mb_after_setup": after_setup, "rss_mb_after_urlconf": rss_mb(os.getpid()),
            "heavy_in_sys_modules": [m for m in HEAVY if m in sys.modules]}


# -- the full run ----------------------------------------------------------------------------------

def setup_django(a: argparse.Namespace) -> dict:
    env = {
        "DJANGO_SETTINGS_MODULE": "ree_exchange.settings.prod",
        "DATABASE_URL": f"{a.pg}/{a.db}",
        "SECRET_KEY": os.environ.get("BENCH_SECRET_KEY") or secrets.token_urlsafe(60),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_HSTS_PRELOAD": "0",
        "CACHE_URL": a.cache_url,
        "CACHE_KEY_PREFIX": "bench",
        "STATIC_ROOT": str(Path(tempfile.gettempdir()) / "ree-bench-static"),
        "LOG_LEVEL": "WARNING",
        "GUNICORN_MAX_REQUESTS": "0",
        "PAGE_RENDER_RATE": "",  # every request comes from loopback
        "PYTHONPATH": str(ROOT),
    }
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    return dict(os.environ)


class Http:
    """Loopback HTTP with the editor's cookies sent by hand (they are Secure)."""

    def __init__(self, port: int, cookies: str = ""):
        self.port, self.cookies = port, cookies
        self.local = threading.local()

    def request(self, method: str, path: str, body: str = "", headers: dict | None = None):
        conn = getattr(self.local, "conn", None)
        if conn is None:
            conn = self.local.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        h = {"Host": "127.0.0.1", **(headers or {})}
        if body:
            h["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            conn.request(method, path, body=body or None, headers=h)
            r = conn.getresponse()
            data = r.read()
        except (OSError, http.client.HTTPException):
            self.local.conn = None
            raise
        return r.status, dict(r.getheaders()), data


def make_editor_session():
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
    from django.contrib.auth.models import Group
    from django.middleware.csrf import _get_new_csrf_string

    from newsroom.roles import sync_editorial_groups

    User = get_user_model()
    editor = User.objects.filter(username="bench-editor").first()
    if editor is None:
        editor = User.objects.create_user("bench-editor", "bench-editor@example.com", secrets.token_urlsafe(20),
                                          is_staff=True)
    if not Group.objects.filter(name="Editors").exists():
        sync_editorial_groups()
    editor.groups.add(Group.objects.get(name="Editors"))
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(editor.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = editor.get_session_auth_hash()
    store.create()
    csrf = _get_new_csrf_string()
    cookies = f"{settings.SESSION_COOKIE_NAME}={store.session_key}; {settings.CSRF_COOKIE_NAME}={csrf}"
    return editor, cookies, csrf


def make_drafts(editor, n: int, tag_names: list[str]) -> list[int]:
    from articles.models import Article
    from authors.models import AuthorProfile
    from entities.models import Official

    source = Article.objects.published().order_by("-published_at").first()
    author = AuthorProfile.objects.first()
    officials = list(Official.objects.order_by("pk")[:3])
    stamp = datetime.datetime.now(datetime.UTC).strftime("%H%M%S")
    ids = []
    for i in range(n):
        a = Article.objects.create(
            title=f"Redesign check {stamp}-{i}: rare earth quota magnet refinery",
            standfirst=source.standfirst or "Standfirst.", highlights=["One", "Two"],
            body=source.body, status=Article.Status.DRAFT, created_by=editor,
        )
        a.tags.add(*tag_names)
        a.officials.add(*officials)
        if author is not None:
            a.authors.add(author)
        ids.append(a.pk)
    return ids


def publish(client: Http, csrf: str, article_id: int) -> tuple[float, int]:
    body = f"csrfmiddlewaretoken={csrf}&override_reason=bench"
    t = time.perf_counter()
    status, headers, _ = client.request("POST", f"/admin/articles/article/{article_id}/workflow/publish/", body,
                                        {"Cookie": client.cookies, "X-CSRFToken": csrf})
    return (time.perf_counter() - t) * 1000, status


def poll_lists(found: dict[int, float], sent: dict[int, float], first: int, first_sent: float, *,
               until: float, done: Callable[[], bool] = lambda: False) -> None:
    """Until ``until`` (or ``done()``), record for each of ``first`` and the
    ``sent`` articles whose list is now stored the seconds since its publish."""
    from recommendations.models import RelatedArticle

    while time.time() < until and not done():
        have = set(RelatedArticle.objects.filter(article_id__in=[first, *sent]).values_list("article_id", flat=True))
        for pk in have - set(found):
            found[pk] = round(time.time() - sent.get(pk, first_sent), 1)
        time.sleep(0.2)


def pct(values: list[float], p: float) -> float:
    s = sorted(values)
    return round(s[min(len(s) - 1, int(round(p / 100 * (len(s) - 1))))], 1)


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("mode", nargs="?", default="all", choices=["all", "imports"])
    p.add_argument("--db", default="ree_bench_after")
    p.add_argument("--pg", default="postgres://postgres@127.0.0.1:5432")
    p.add_argument("--cache-url", default="redis://127.0.0.1:6379/11")
    p.add_argument("--port", type=int, default=8767)
    p.add_argument("--requests", type=int, default=2000)
    p.add_argument("--publishes", type=int, default=24)
    p.add_argument("--spacing", type=float, default=0,
                   help="seconds between two publishes (0: back to back, a burst the worker queues)")
    p.add_argument("--list-timeout", type=float, default=30, help="seconds after the last publish")
    p.add_argument("--schedule-in", type=float, default=25)
    p.add_argument("--schedule-wait", type=float, default=90, help="seconds after its time to keep polling")
    p.add_argument("--skip-rebuild", action="store_true")
    a = p.parse_args(argv)
    if a.mode == "imports":
        print(json.dumps(imports()))
        return 0

    env = setup_django(a)
    from django.db.models import Count
    from taggit.models import Tag

    from articles.models import Article
    from entities.models import Official

    out: dict = {"when": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
                 "db": a.db, "loadavg_start": os.getloadavg()}
    # fresh processes: the import figures of a web process under these settings
    imp = subprocess.run([sys.executable, __file__, "imports"], env=env, cwd=ROOT, capture_output=True, text=True)
    out["imports"] = json.loads(imp.stdout.strip().splitlines()[-1])

    editor, cookies, csrf = make_editor_session()
    top_tags = list(Tag.objects.annotate(n=Count("articles_taggedarticle_items")).order_by("-n")[:3])
    topic = top_tags[0]
    drafts = make_drafts(editor, a.publishes + 2, [t.name for t in top_tags])
    articles = [x.get_absolute_url() for x in Article.objects.published().order_by("-published_at")[:300]]
    officials = [o.get_absolute_url() for o in Official.objects.annotate(n=Count("articles")).order_by("-n")[:30]]
    topics = [f"/topics/{t.slug}/" for t in Tag.objects.annotate(n=Count("articles_taggedarticle_items"))
              .order_by("-n")[:50]]
    words = ["rare earth", "quota", "magnet", "Baotou", "neodymium price", "export licence", "smelter"]
    mix = (["/"] * 3 + articles[:40] + topics[:20] + officials[:10] + ["/feeds/rss/"] * 3
           + [f"/search/?q={w.replace(' ', '+')}" for w in words] + ["/ping"])

    RESULTS.mkdir(exist_ok=True)
    log = open(RESULTS / "redesign-gunicorn.log", "w")  # noqa: SIM115 (open while the server runs)
    gunicorn = subprocess.Popen(
        [str(Path(sys.executable).with_name("gunicorn")), "-c", "gunicorn.conf.py", "--bind",
         f"127.0.0.1:{a.port}", "--workers", "2", "--access-logfile", "/dev/null"],
        env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    worker_log = open(RESULTS / "redesign-db_worker.log", "w")  # noqa: SIM115
    default_worker = subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--queue-name", "default", "--interval", "0.2"], env=env, cwd=ROOT,
        stdout=worker_log, stderr=subprocess.STDOUT, start_new_session=True)
    # The related lists' own worker (it holds the index): the one whose RSS
    # and list delays are measured below.
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--queue-name", "recommendations", "--interval", "0.2"], env=env,
        cwd=ROOT, stdout=worker_log, stderr=subprocess.STDOUT, start_new_session=True)
    worker_rss = [rss_mb(worker.pid)]
    stop = threading.Event()

    def sample_worker():
        while not stop.wait(0.5):
            try:
                worker_rss.append(rss_mb(worker.pid))
            except OSError:
                return

    threading.Thread(target=sample_worker, daemon=True).start()
    try:
        client = Http(a.port, cookies)
        deadline = time.time() + 60
        while True:
            try:
                if client.request("GET", "/ping")[0] == 200:
                    break
            except OSError:
                pass
            if time.time() > deadline:
                raise RuntimeError("gunicorn did not start")
            time.sleep(0.3)
        # The first worker answers /ping before the master has forked the second.
        while len(workers := children(gunicorn.pid)) < 2 and time.time() < deadline:
            time.sleep(0.1)
        out["web_rss_mb_at_start"] = {w: rss_mb(w) for w in workers}

        # 2. mixed load with one publish halfway
        rng = random.Random(16)
        urls = [rng.choice(mix) for _ in range(a.requests)]
        statuses: dict[int, int] = {}
        lat: dict[str, list[float]] = {}
        lock = threading.Lock()
        it = iter(enumerate(urls))
        mid_publish = {}

        def loader():
            c = Http(a.port, cookies)
            for i, url in it:
                if i == a.requests // 2:
                    ms, st = publish(c, csrf, drafts[0])
                    mid_publish.update(ms=round(ms, 1), status=st, at=time.time())
                t = time.perf_counter()
                try:
                    st = c.request("GET", url)[0]
                except (OSError, http.client.HTTPException):
                    st = -1
                kind = url.split("/")[1] or "home"
                with lock:
                    statuses[st] = statuses.get(st, 0) + 1
                    lat.setdefault(kind, []).append((time.perf_counter() - t) * 1000)

        t0 = time.perf_counter()
        threads = [threading.Thread(target=loader) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        out["mixed"] = {"requests": a.requests, "seconds": round(time.perf_counter() - t0, 1),
                        "statuses": statuses, "publish": mid_publish,
                        "p50_ms_by_kind": {k: pct(v, 50) for k, v in lat.items()},
                        "web_rss_mb": {w: rss_mb(w) for w in workers},
                        "heavy_mapped": {w: heavy_mapped(w) for w in workers},
                        "loadavg": os.getloadavg()}
        print(json.dumps(out["mixed"]), flush=True)
        mid_sent = mid_publish.get("at", time.time())

        # 3. publish p95, then the list delay of each (polled together, so a
        # stuck queue costs one timeout, not one per article). Spaced
        # publishes measure a worker that has caught up: first the mid-load
        # publish's list (a fresh worker's first, behind its warm-up).
        found: dict[int, float] = {}
        times, codes, sent = [], [], {}
        if a.spacing:
            poll_lists(found, sent, drafts[0], mid_sent, until=time.time() + a.list_timeout,
                       done=lambda: drafts[0] in found)
        for pk in drafts[2:2 + a.publishes]:
            ms, st = publish(client, csrf, pk)
            times.append(ms)
            codes.append(st)
            sent[pk] = time.time()
            # Lists stored meanwhile are timed from their own publish.
            poll_lists(found, sent, drafts[0], mid_sent, until=time.time() + a.spacing)
        poll_lists(found, sent, drafts[0], mid_sent, until=time.time() + a.list_timeout,
                   done=lambda: len(found) >= len(sent) + 1)
        delays = [found.get(pk) for pk in sent]
        first_list = found.get(drafts[0])
        done = [d for d in delays if d is not None]
        out["publish"] = {"n": len(times), "spacing_s": a.spacing, "statuses": sorted(set(codes)),
                          "p50_ms": pct(times, 50),
                          "p95_ms": pct(times, 95), "max_ms": round(max(times), 1),
                          "first_list_delay_s (the mid-load publish: the worker's first task)": first_list,
                          "list_delay_s_p50": pct(done, 50) if done else None,
                          "list_delay_s_max": max(done) if done else None,
                          "lists_missing": delays.count(None),
                          "published": Article.objects.published().filter(pk__in=drafts[2:]).count(),
                          "web_rss_mb_after": {w: rss_mb(w) for w in workers},
                          "heavy_mapped_after": {w: heavy_mapped(w) for w in workers},
                          "loadavg": os.getloadavg()}
        print(json.dumps(out["publish"]), flush=True)

        # 4. a scheduled article on the cached home and topic pages
        from newsroom import workflow

        sched = Article.objects.get(pk=drafts[1])
        when = datetime.datetime.now(datetime.UTC) + datetime.timedelta(seconds=a.schedule_in)
        workflow.article_schedule(article=sched, user=editor, when=when, override_reason="bench")
        pages = {"home": "/", "topic": f"/topics/{topic.slug}/"}
        primed = {}
        for name, path in pages.items():
            client.request("GET", path)
            st, h, body = client.request("GET", path)
            primed[name] = {"cache": h.get("X-Page-Cache"), "shows_it": sched.title.encode() in body}
        seen: dict[str, float | None] = dict.fromkeys(pages)
        cache_state: dict[str, str | None] = {}
        limit = time.time() + a.schedule_in + a.schedule_wait
        while time.time() < limit and None in seen.values():
            for name, path in pages.items():
                if seen[name] is None:
                    st, h, body = client.request("GET", path)
                    if sched.title.encode() in body:
                        seen[name] = round(time.time() - when.timestamp(), 1)
                        cache_state[name] = h.get("X-Page-Cache")
            time.sleep(0.5)
        out["scheduled"] = {"scheduled_in_s": a.schedule_in, "primed_before": primed,
                            "shown_after_its_time_s": seen, "x_page_cache_when_seen": cache_state}
        print(json.dumps(out["scheduled"]), flush=True)

        # 5. full rebuild in the task worker
        if not a.skip_rebuild:
            from django_tasks_db.models import DBTaskResult

            from recommendations.tasks import rebuild_related_lists

            before = len(worker_rss)
            res = rebuild_related_lists.enqueue()
            t = time.perf_counter()
            status = None
            while time.perf_counter() - t < 900:
                status = DBTaskResult.objects.get(pk=res.id).status
                if status in ("SUCCESSFUL", "FAILED"):
                    break
                time.sleep(1)
            during = worker_rss[before:] or [rss_mb(worker.pid)]
            out["rebuild"] = {"status": status, "seconds": round(time.perf_counter() - t, 1),
                              "worker_rss_mb_peak": max(during), "worker_rss_mb_before": worker_rss[before - 1],
                              "worker_rss_mb_end": rss_mb(worker.pid)}
            print(json.dumps(out["rebuild"]), flush=True)
        out["worker_rss_mb_peak_overall"] = max(worker_rss)
        out["web_rss_mb_end"] = {w: rss_mb(w) for w in workers}
    finally:
        stop.set()
        for proc in (gunicorn, default_worker, worker):
            try:
                os.killpg(proc.pid, signal.SIGTERM)
                proc.wait(timeout=30)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                os.killpg(proc.pid, signal.SIGKILL)
    out["loadavg_end"] = os.getloadavg()
    path = RESULTS / (datetime.datetime.now(datetime.UTC).strftime("redesign-%Y%m%dT%H%M%SZ") + ".json")
    path.write_text(json.dumps(out, indent=2, default=str))
    print(json.dumps(out, default=str))
    print(f"written: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
