#!/usr/bin/env python3
"""CPU per request through Django's WSGI handler, no HTTP server: ``/ping``
against page-cache hits (and misses), with the production settings on the
bench corpus. Separates what a hit costs the site from what gunicorn and
the network cost every request.

    .venv/bin/python bench/hit_cost.py --db ree_bench_perf             # trivial, home, article hits
    .venv/bin/python bench/hit_cost.py --db ree_bench_perf --cold      # misses (?_cold=<n>)
    .venv/bin/python bench/hit_cost.py --db ree_bench_perf --profile article

Run after ``bench/run.py --db <db> --no-load`` built the corpus.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import itertools
import os
import pstats
import sys
import time

import run as bench_run


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--db", default=os.environ.get("BENCH_DB", "ree_bench"))
    p.add_argument("--cache-url", default=os.environ.get("BENCH_CACHE_URL", "redis://127.0.0.1:6379/4"))
    p.add_argument("--pages", default="trivial,home,article")
    p.add_argument("--requests", type=int, default=2000,
                   help="per page and round (with --cold, a fortieth of it: a miss costs ~40 hits)")
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--cold", action="store_true", help="a new ?_cold= value per request: every one a miss")
    p.add_argument("--profile", default="", help="a page to profile afterwards (cProfile, by cumulative time)")
    a = p.parse_args(argv)
    defaults = bench_run.parse_args(["--db", a.db, "--cache-url", a.cache_url])
    os.environ.update(bench_run.base_env(defaults))
    sys.path.insert(0, str(bench_run.ROOT))
    import django

    django.setup()
    from django.core.wsgi import get_wsgi_application

    app = get_wsgi_application()
    pages = bench_run.pick_pages()
    seq = itertools.count()

    def call(path: str) -> str:
        query = f"_cold={time.time()}-{next(seq)}" if a.cold and path != "/ping" else ""
        environ = {"REQUEST_METHOD": "GET", "PATH_INFO": path, "QUERY_STRING": query,
                   "SERVER_NAME": "127.0.0.1", "SERVER_PORT": "80", "HTTP_HOST": "127.0.0.1",
                   "wsgi.url_scheme": "http", "wsgi.input": io.BytesIO(b""), "wsgi.errors": sys.stderr,
                   "REMOTE_ADDR": "127.0.0.1", "SERVER_PROTOCOL": "HTTP/1.1"}
        seen = {}
        b"".join(app(environ, lambda status, headers, exc=None: seen.update(status=status, headers=dict(headers))))
        return f"{seen['status']} {seen['headers'].get('X-Page-Cache', '')}".strip()

    names = [n for n in a.pages.split(",") if n in pages]
    n = a.requests if not a.cold else max(1, a.requests // 40)
    for name in names:
        print(f"{name:<8} {pages[name]}  {call(pages[name])}, then {call(pages[name])}")
    for r in range(a.rounds):
        for name in names:
            t = time.process_time()
            for _ in range(n):
                call(pages[name])
            print(f"round {r}  {name:<8} {(time.process_time() - t) / n * 1e6:8.0f} µs CPU per request ({n})")
    if a.profile in pages:
        profile = cProfile.Profile()
        profile.enable()
        for _ in range(n):
            call(pages[a.profile])
        profile.disable()
        pstats.Stats(profile).sort_stats("cumulative").print_stats(40)
    return 0


if __name__ == "__main__":
    sys.exit(main())
