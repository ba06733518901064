"""Soak: a steady request rate for ten minutes; do the gunicorn workers' memory stay flat?

    .venv/bin/python bench/soak.py                        # 600 s at 40 requests/s
    .venv/bin/python bench/soak.py --seconds 20 --rate 20 # quick check (the test suite runs this)

Reads DATABASE_URL (default postgres://postgres@127.0.0.1:5432/ree_soak; a
scratch database: ``load_demo`` writes demo content into it, and the database
is created if missing). Then, in order:

1. ``migrate`` under production settings, ``load_demo`` under the dev
   settings (production does not install the demo app), and
   ``collectstatic`` into a temporary STATIC_ROOT (production uses whitenoise's
   manifest storage, which needs it); uploads go to a temporary MEDIA_ROOT.
2. Starts gunicorn as production does (``gunicorn -c gunicorn.conf.py``,
   ``ree_exchange.settings.prod``, a fresh random SECRET_KEY) on a free
   loopback port with 2 workers and waits for ``/healthz``. Worker recycling
   is switched off (``GUNICORN_MAX_REQUESTS=0``): a recycled worker starts
   small again and would hide a leak.
3. Finds real URLs by reading the home page and a few article pages, then
   sends requests on a fixed schedule (open loop: request *i* is due at
   ``start + i / rate`` whatever happened to the others; a send more than
   ``--late-ms`` after its slot is counted late) from a small thread pool,
   cycling over home, articles, topic, official, enterprise, regulator and
   author pages, the RSS feed, search (dropped from the mix when the site has
   no search page), a deliberate 404 and /healthz. Loopback only; the loop
   ends by itself after ``--seconds``.
4. Every ``--interval`` seconds samples the RSS (VmRSS) of each worker and
   the requests done, errors, unexpected statuses and p50/p99 latency since
   the previous sample.
5. Prints a table per minute and a verdict: each worker's RSS growth from the
   end of the warm-up to the end (MB and %), and a least-squares slope
   (MB/min) over that window. Writes everything to
   ``bench/results/soak-<timestamp>.json``. gunicorn is stopped (SIGTERM,
   then SIGKILL of its process group) whatever happens.

Exit status: 0 when no request failed and memory is flat (growth below
``--max-growth-pct`` and slope below ``--max-slope`` for every worker), 1
otherwise, 2 for a setup problem. A window after warm-up shorter than
``--min-judge-seconds`` is too short to judge memory: the verdict then says so
and only errors decide the exit status. See docs/soak.md.
"""

from __future__ import annotations

import argparse
import ctypes
import datetime
import http.client
import json
import os
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg2
from procstat import process_stats

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/ree_soak"
MISSING_PATH = "/articles/no-such-story-soak-check/"
SEARCH_PATH = "/search/?q=rare"
# Each page kind's share of the mix: articles are what readers mostly read.
MIX = [
    "home", "article", "article", "article", "topic", "official", "enterprise",
    "regulator", "author", "feed", "search", "missing", "healthz",
]  # fmt: skip
LINK_KINDS = {
    "article": "/articles/",
    "topic": "/topics/",
    "official": "/officials/",
    "enterprise": "/enterprises/",
    "regulator": "/regulators/",
    "author": "/authors/",
}


class SoakAborted(RuntimeError):
    """The server went away during the load."""


# ---------------------------------------------------------------------------
# Setup
# ---------------------------------------------------------------------------


def ensure_database(database_url: str) -> None:
    """Create the database named in ``database_url`` when it does not exist."""
    parts = urlsplit(database_url)
    name = parts.path.lstrip("/")
    conn = psycopg2.connect(urlunsplit(parts._replace(path="/postgres")))
    conn.autocommit = True
    try:
        with conn.cursor() as cur:
            cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
            if cur.fetchone() is None:
                cur.execute(f'CREATE DATABASE "{name}"')
    finally:
        conn.close()


def production_env(database_url: str, tmp: Path, cache_url: str) -> dict[str, str]:
    """The environment of a production process, bound to loopback and plain HTTP."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "GUNICORN_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="ree_exchange.settings.prod",
        SECRET_KEY=secrets.token_urlsafe(64),
        DATABASE_URL=database_url,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        # No TLS proxy in front on loopback: without this every answer is a redirect.
        SECURE_SSL_REDIRECT="0",
        DEBUG="0",
        STATIC_ROOT=str(tmp / "static"),
        MEDIA_ROOT=str(tmp / "media"),
        CACHE_URL=cache_url,
        CACHE_KEY_PREFIX=f"soak-{secrets.token_hex(4)}",
        # A recycled worker starts small again and would hide a leak.
        GUNICORN_MAX_REQUESTS="0",
        # Every request comes from loopback: no per-client render bound.
        PAGE_RENDER_RATE="",
        PYTHONUNBUFFERED="1",
    )
    return env


def prepare(env: dict[str, str], *, timeout: int) -> None:
    # The demo app is dev-only: production settings do not install it, so
    # load_demo alone runs under the dev settings, on the same database and media.
    dev = {**env, "DJANGO_SETTINGS_MODULE": "ree_exchange.settings.dev"}
    for args, step_env in (
        (["migrate", "--noinput", "-v0"], env),
        (["load_demo", "--quiet"], dev),
        (["collectstatic", "--noinput", "-v0"], env),
    ):
        print(f"setup: manage.py {' '.join(args)}", flush=True)
        subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=step_env, check=True, timeout=timeout)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def gunicorn_command(port: int, workers: int) -> list[str]:
    exe = ROOT / ".venv" / "bin" / "gunicorn"
    base = [str(exe)] if exe.exists() else [sys.executable, "-m", "gunicorn"]
    return [*base, "-c", "gunicorn.conf.py", "--bind", f"127.0.0.1:{port}", "--workers", str(workers)]


def _die_with_parent() -> None:
    """In the child before exec: SIGTERM gunicorn's master if this script dies,
    even by SIGKILL, so no server is left behind (Linux prctl PR_SET_PDEATHSIG)."""
    with suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)


@contextmanager
def gunicorn(port: int, workers: int, env: dict[str, str], log_path: Path) -> Iterator[subprocess.Popen]:
    """Run gunicorn in its own process group; stop it on the way out, whatever happened."""
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(
            gunicorn_command(port, workers), cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True, preexec_fn=_die_with_parent,  # forked before any thread starts
        )
        try:
            yield proc
        finally:
            stop_gunicorn(proc)


def stop_gunicorn(proc: subprocess.Popen) -> None:
    if proc.poll() is not None:
        return
    proc.send_signal(signal.SIGTERM)  # graceful: workers finish their request (graceful_timeout 20 s)
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        with suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
    # Workers left behind by a master that died first.
    with suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)


def worker_pids(master: int) -> list[int]:
    """PIDs of the processes whose parent is ``master`` (gunicorn's workers)."""
    return sorted(pid for pid, _, fields in process_stats() if int(fields[1]) == master)


def rss_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def get(port: int, path: str, timeout: float = 30) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", path)
        resp = conn.getresponse()
        return resp.status, resp.read()
    finally:
        conn.close()


def wait_for_health(port: int, proc: subprocess.Popen, workers: int, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"gunicorn exited with status {proc.returncode}")
        with suppress(OSError, http.client.HTTPException):
            status, _ = get(port, "/healthz", timeout=5)
            if status == 200 and len(worker_pids(proc.pid)) == workers:
                return
        time.sleep(0.5)
    raise RuntimeError(f"/healthz did not answer 200 within {timeout:.0f} s")


HREF = re.compile(r'href="(/[^"#?]*)"')


def discover(port: int) -> tuple[dict[str, list[str]], list[str]]:
    """Public URLs of each kind, found the way a reader finds them: links on the
    home page and on the articles it lists. Returns the URLs and notes."""
    found: dict[str, list[str]] = {kind: [] for kind in LINK_KINDS}

    def harvest(html: str) -> None:
        for href in HREF.findall(html):
            for kind, prefix in LINK_KINDS.items():
                rest = href[len(prefix) :]
                # /articles/<slug>/ only, not /authors/<slug>/feed/ and the like.
                if href.startswith(prefix) and rest.count("/") == 1 and rest.endswith("/") and href not in found[kind]:
                    found[kind].append(href)

    status, body = get(port, "/")
    if status != 200:
        raise RuntimeError(f"the home page answered {status}")
    harvest(body.decode())
    for href in list(found["article"])[:8]:
        status, body = get(port, href)
        if status == 200:
            harvest(body.decode())
    notes = []
    status, _ = get(port, SEARCH_PATH)
    found["search"] = [SEARCH_PATH] if status == 200 else []
    if status != 200:
        notes.append(f"{SEARCH_PATH} answered {status}: search dropped from the mix")
    found["home"] = ["/"]
    found["feed"] = ["/feeds/rss/"]
    found["missing"] = [MISSING_PATH]
    found["healthz"] = ["/healthz"]
    for kind, urls in found.items():
        if not urls and kind != "search":
            notes.append(f"no {kind} page linked from the home page or its articles: {kind} dropped from the mix")
    return found, notes


def build_schedule(found: dict[str, list[str]]) -> list[tuple[str, str]]:
    """One full cycle of (kind, path): the mix repeated until every URL of
    every kind has come round once."""
    kinds = [k for k in MIX if found.get(k)]
    rounds = max(-(-len(found[k]) // kinds.count(k)) for k in set(kinds))
    cursor = dict.fromkeys(found, 0)
    cycle = []
    for _ in range(rounds):
        for kind in kinds:
            urls = found[kind]
            cycle.append((kind, urls[cursor[kind] % len(urls)]))
            cursor[kind] += 1
    return cycle


# ---------------------------------------------------------------------------
# Load
# ---------------------------------------------------------------------------


@dataclass
class Result:
    due: float  # seconds from the start of the run when the request was due
    done: float  # seconds from the start of the run when the answer was read
    sent_late_ms: float
    latency_ms: float
    kind: str
    status: int  # 0: no answer (connection error or timeout)
    outcome: str  # ok | expected_404 | bad_status | error
    detail: str = ""


def classify(kind: str, status: int) -> str:
    if status == 0 or status >= 500:
        return "error"
    if kind == "missing":
        return "expected_404" if status == 404 else "bad_status"
    if 200 <= status < 400:
        return "ok"
    return "bad_status"


class LoadRun:
    """Open-loop load: request ``i`` is due at ``start + i / rate``. Each of
    ``threads`` clients takes the next due request, waits for its slot and
    sends it on its own keep-alive connection (gunicorn's sync workers close
    every connection, so in practice each request opens a new one)."""

    def __init__(self, port: int, cycle: list[tuple[str, str]], *, rate: float, seconds: float,
                 threads: int, late_ms: float, timeout: float) -> None:
        self.port, self.cycle, self.rate = port, cycle, rate
        self.total = int(rate * seconds)
        self.threads, self.late_ms, self.timeout = threads, late_ms, timeout
        self.results: list[Result] = []
        self.lock = threading.Lock()
        self.next_index = 0
        self.start = 0.0
        self.stopped = threading.Event()

    def _take(self) -> int | None:
        with self.lock:
            if self.next_index >= self.total or self.stopped.is_set():
                return None
            i, self.next_index = self.next_index, self.next_index + 1
            return i

    def _client(self) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
        try:
            while (i := self._take()) is not None:
                due = i / self.rate
                wait = self.start + due - time.monotonic()
                if wait > 0:
                    time.sleep(wait)
                kind, path = self.cycle[i % len(self.cycle)]
                sent = time.monotonic()
                status, detail = 0, ""
                try:
                    conn.request("GET", path, headers={"User-Agent": "ree-soak/1"})
                    resp = conn.getresponse()
                    resp.read()
                    status = resp.status
                except (OSError, http.client.HTTPException) as exc:
                    detail = f"{type(exc).__name__}: {exc}"
                    conn.close()  # the next request opens a fresh connection
                done = time.monotonic()
                result = Result(
                    due=due, done=done - self.start, sent_late_ms=max(0.0, (sent - self.start - due) * 1000),
                    latency_ms=(done - sent) * 1000, kind=kind, status=status,
                    outcome=classify(kind, status), detail=detail or (path if status >= 400 else ""),
                )
                with self.lock:
                    self.results.append(result)
        finally:
            conn.close()

    def run(self) -> list[threading.Thread]:
        self.start = time.monotonic()
        pool = [threading.Thread(target=self._client, name=f"soak-client-{n}", daemon=True)
                for n in range(self.threads)]
        for t in pool:
            t.start()
        return pool

    def snapshot(self, since: int) -> tuple[list[Result], int]:
        with self.lock:
            return self.results[since:], len(self.results)


def percentile(values: list[float], q: int) -> float | None:
    """The q-th percentile (1..99), or None for no values."""
    if not values:
        return None
    if len(values) == 1:
        return round(values[0], 1)
    return round(statistics.quantiles(values, n=100, method="inclusive")[q - 1], 1)


def summarise(results: list[Result], late_ms: float) -> dict[str, object]:
    lat = [r.latency_ms for r in results]
    return {
        "requests": len(results),
        "ok": sum(r.outcome == "ok" for r in results),
        "expected_404": sum(r.outcome == "expected_404" for r in results),
        "bad_status": sum(r.outcome == "bad_status" for r in results),
        "errors": sum(r.outcome == "error" for r in results),
        "late": sum(r.sent_late_ms > late_ms for r in results),
        "p50_ms": percentile(lat, 50),
        "p99_ms": percentile(lat, 99),
    }


@dataclass
class Sample:
    t: float  # seconds since the load started
    rss_mb: dict[str, float]  # worker pid -> VmRSS
    master_rss_mb: float | None
    interval: dict[str, object] = field(default_factory=dict)
    total_requests: int = 0


# ---------------------------------------------------------------------------
# Verdict
# ---------------------------------------------------------------------------


def slope_per_minute(points: list[tuple[float, float]]) -> float:
    """Least-squares slope of (seconds, MB) points, in MB per minute."""
    if len(points) < 2:
        return 0.0
    mean_t = sum(t for t, _ in points) / len(points)
    mean_v = sum(v for _, v in points) / len(points)
    var = sum((t - mean_t) ** 2 for t, _ in points)
    if var == 0:
        return 0.0
    return sum((t - mean_t) * (v - mean_v) for t, v in points) / var * 60


def memory_verdict(samples: list[Sample], *, warmup: float, max_growth_pct: float, max_slope: float,
                   min_judge_seconds: float) -> dict[str, object]:
    after = [s for s in samples if s.t >= warmup]
    if not after:
        return {"judged": False, "flat": None, "reason": "no sample after the warm-up", "workers": {},
                "new_workers": [], "window_s": 0.0, "from_t": None, "to_t": None}
    first, last = after[0], after[-1]
    window = last.t - first.t
    workers: dict[str, dict[str, float]] = {}
    flat = True
    for pid, start_mb in first.rss_mb.items():
        points = [(s.t, s.rss_mb[pid]) for s in after if pid in s.rss_mb]
        end_mb = points[-1][1]
        growth = end_mb - start_mb
        pct = growth / start_mb * 100 if start_mb else 0.0
        slope = slope_per_minute(points)
        workers[pid] = {"start_mb": round(start_mb, 2), "end_mb": round(end_mb, 2), "growth_mb": round(growth, 2),
                        "growth_pct": round(pct, 2), "slope_mb_per_min": round(slope, 3),
                        "present_at_end": pid in last.rss_mb}
        if pct >= max_growth_pct or slope >= max_slope or pid not in last.rss_mb:
            flat = False
    restarted = sorted(set(last.rss_mb) - set(first.rss_mb))
    if restarted:
        flat = False
    judged = window >= min_judge_seconds
    return {
        "judged": judged, "flat": flat if judged else None, "window_s": round(window, 1),
        "from_t": round(first.t, 1), "to_t": round(last.t, 1), "workers": workers, "new_workers": restarted,
        "reason": "" if judged else f"{window:.0f} s after warm-up is too short to judge memory "
                                    f"(--min-judge-seconds {min_judge_seconds:.0f})",
    }


def fmt(value: object, spec: str = ".0f") -> str:
    return "-" if value is None else format(value, spec)


def minute_table(results: list[Result], samples: list[Sample], pids: list[str], *, seconds: float,
                 late_ms: float) -> list[dict]:
    """Per minute: the requests answered in it (those answered after the end
    count in the last minute), and each worker's RSS at its last sample."""
    rows = []
    minutes = max(1, -(-int(seconds) // 60))
    for minute in range(minutes):
        chunk = [r for r in results if min(int(r.done // 60), minutes - 1) == minute]
        span = min(60.0, seconds - minute * 60) or 1.0
        at = [s for s in samples if s.t <= (minute + 1) * 60 + 1e-6]
        rss = at[-1].rss_mb if at else {}
        rows.append({"minute": minute + 1, "rss_mb": {pid: rss.get(pid) for pid in pids},
                     "req_per_s": round(len(chunk) / span, 1), **summarise(chunk, late_ms)})
    return rows


def print_table(rows: list[dict], pids: list[str]) -> None:
    head = "min " + "".join(f"{'RSS ' + pid:>12}" for pid in pids) + f"{'req/s':>8}{'p50 ms':>8}{'p99 ms':>8}" \
        f"{'errors':>8}{'bad':>5}{'404s':>6}{'late':>6}"
    print(head)
    for row in rows:
        print(f"{row['minute']:>3} " + "".join(f"{fmt(row['rss_mb'][pid], '.1f'):>12}" for pid in pids)
              + f"{row['req_per_s']:>8.1f}{fmt(row['p50_ms']):>8}{fmt(row['p99_ms']):>8}"
              f"{row['errors']:>8}{row['bad_status']:>5}{row['expected_404']:>6}{row['late']:>6}")


# ---------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--seconds", type=float, default=600, help="length of the load (default 600)")
    p.add_argument("--rate", type=float, default=40, help="requests per second, steady (default 40)")
    p.add_argument("--warmup", type=float, default=None,
                   help="seconds before memory is judged (default 60, or a quarter of a shorter run)")
    p.add_argument("--interval", type=float, default=None,
                   help="seconds between samples (default 10, or a tenth of a run shorter than 100 s)")
    p.add_argument("--workers", type=int, default=2, help="gunicorn workers (default 2)")
    p.add_argument("--threads", type=int, default=16, help="client threads (default 16)")
    p.add_argument("--late-ms", type=float, default=100, help="a send this late after its slot counts late")
    p.add_argument("--timeout", type=float, default=30, help="client timeout per request, s (default 30)")
    p.add_argument("--max-growth-pct", type=float, default=10, help="flat: growth below this %% (default 10)")
    p.add_argument("--max-slope", type=float, default=0.5, help="flat: slope below this MB/min (default 0.5)")
    p.add_argument("--min-judge-seconds", type=float, default=120,
                   help="shorter windows after warm-up are not judged for memory (default 120)")
    p.add_argument("--database-url", default=os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL)
    p.add_argument("--cache-url", default="",
                   help="CACHE_URL for the site, e.g. redis://127.0.0.1:6379/5 (default: per-process memory)")
    p.add_argument("--output", type=Path, default=None, help="JSON path (default bench/results/soak-<time>.json)")
    args = p.parse_args(argv)
    if args.warmup is None:
        args.warmup = min(60.0, args.seconds / 4)
    if args.interval is None:
        args.interval = 10.0 if args.seconds >= 100 else max(1.0, args.seconds / 10)
    return args


def _raise_interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt(f"signal {signum}")


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if not args.database_url.startswith(("postgres://", "postgresql://")):
        print(f"the soak runs on PostgreSQL; DATABASE_URL is {args.database_url!r}", file=sys.stderr)
        return 2
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    output = args.output or ROOT / "bench" / "results" / f"soak-{stamp}.json"
    tmp = Path(tempfile.mkdtemp(prefix="ree-soak-"))
    log_path = tmp / "gunicorn.log"
    # A plain `kill` (or `timeout`) must still reach the finally blocks that stop gunicorn.
    signal.signal(signal.SIGTERM, _raise_interrupt)
    try:
        ensure_database(args.database_url)
        env = production_env(args.database_url, tmp, args.cache_url)
        prepare(env, timeout=600)
        port = free_port()
        with gunicorn(port, args.workers, env, log_path) as proc:
            wait_for_health(port, proc, args.workers, timeout=120)
            found, notes = discover(port)
            for note in notes:
                print(f"note: {note}")
            cycle = build_schedule(found)
            print(f"gunicorn master {proc.pid} on 127.0.0.1:{port}, workers {worker_pids(proc.pid)}, "
                  f"max_requests off; {len(cycle)} requests per cycle over "
                  f"{sum(len(v) for v in found.values())} URLs")
            print(f"load: {args.rate:g} req/s for {args.seconds:g} s, {args.threads} client threads, "
                  f"warm-up {args.warmup:g} s, sample every {args.interval:g} s", flush=True)
            report = soak(proc, port, cycle, args)
            report["urls"] = found
            report["notes"] = notes
        report["gunicorn_exit"] = proc.returncode
        report["gunicorn_log"] = scan_log(log_path)
    except KeyboardInterrupt as exc:
        print(f"interrupted ({exc or 'Ctrl-C'}): gunicorn stopped, nothing written", file=sys.stderr)
        return 130
    except SoakAborted as exc:
        print(f"soak aborted: {exc}", file=sys.stderr)
        print(log_path.read_text(errors="replace")[-4000:], file=sys.stderr)
        return 1
    except (subprocess.SubprocessError, RuntimeError, OSError, psycopg2.Error) as exc:
        print(f"setup failed: {exc}", file=sys.stderr)
        if log_path.exists():
            print(log_path.read_text(errors="replace")[-4000:], file=sys.stderr)
        return 2
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return finish(report, args, output, stamp)


def soak(proc: subprocess.Popen, port: int, cycle: list[tuple[str, str]], args: argparse.Namespace) -> dict:
    load = LoadRun(port, cycle, rate=args.rate, seconds=args.seconds, threads=args.threads,
                   late_ms=args.late_ms, timeout=args.timeout)
    samples: list[Sample] = []
    loadavg_start = os.getloadavg()
    pool = load.run()
    seen = 0
    next_sample = 0.0
    try:
        while True:
            now = time.monotonic() - load.start
            alive = any(t.is_alive() for t in pool)
            if now >= next_sample or not alive:
                pids = worker_pids(proc.pid)
                fresh, seen = load.snapshot(seen)
                rss = {str(pid): mb for pid in pids if (mb := rss_mb(pid)) is not None}
                sample = Sample(t=round(now, 2), rss_mb=rss, master_rss_mb=rss_mb(proc.pid),
                                interval=summarise(fresh, args.late_ms), total_requests=seen)
                samples.append(sample)
                iv = sample.interval
                print(f"t={now:6.1f}s  RSS " + " ".join(f"{pid}:{mb:.1f}MB" for pid, mb in rss.items())
                      + f"  done {seen}  +{iv['requests']} p50 {fmt(iv['p50_ms'])} ms p99 {fmt(iv['p99_ms'])} ms"
                      f"  errors {iv['errors']} bad {iv['bad_status']} late {iv['late']}", flush=True)
                next_sample += args.interval
                if not alive:
                    break
            if proc.poll() is not None:
                load.stopped.set()
                raise SoakAborted(f"gunicorn exited during the soak with status {proc.returncode}")
            time.sleep(min(0.2, max(0.0, next_sample - now)))
    finally:
        load.stopped.set()
        for t in pool:
            t.join(timeout=args.timeout + 5)
    elapsed = time.monotonic() - load.start
    return {"samples": samples, "results": load.results, "elapsed_s": elapsed, "planned": load.total,
            "loadavg_start": loadavg_start}


def scan_log(path: Path) -> dict[str, object]:
    """Server-side trouble the client cannot see: tracebacks, worker timeouts and re-boots."""
    text = path.read_text(errors="replace") if path.exists() else ""
    lines = text.splitlines()
    return {
        "worker_boots": sum("Booting worker" in ln for ln in lines),
        "worker_timeouts": sum("WORKER TIMEOUT" in ln for ln in lines),
        "tracebacks": text.count("Traceback (most recent call last)"),
        "error_lines": [ln for ln in lines if " ERROR " in ln or "[ERROR]" in ln or "[CRITICAL]" in ln][:20],
    }


def finish(report: dict, args: argparse.Namespace, output: Path, stamp: str) -> int:
    results: list[Result] = report["results"]
    samples: list[Sample] = report["samples"]
    pids = sorted({pid for s in samples for pid in s.rss_mb}, key=int)
    rows = minute_table(results, samples, pids, seconds=args.seconds, late_ms=args.late_ms)
    overall = summarise(results, args.late_ms)
    overall["req_per_s"] = round(len(results) / report["elapsed_s"], 2) if report["elapsed_s"] else 0
    overall["planned"] = report["planned"]
    memory = memory_verdict(samples, warmup=args.warmup, max_growth_pct=args.max_growth_pct,
                            max_slope=args.max_slope, min_judge_seconds=args.min_judge_seconds)
    log = report["gunicorn_log"]
    failures = []
    if overall["errors"]:
        failures.append(f"{overall['errors']} requests failed (no answer or 5xx)")
    if overall["bad_status"]:
        failures.append(f"{overall['bad_status']} unexpected statuses")
    if overall["requests"] < overall["planned"]:
        failures.append(f"only {overall['requests']} of {overall['planned']} requests were sent")
    if log["worker_boots"] > args.workers:
        failures.append(f"gunicorn booted {log['worker_boots']} workers for {args.workers}: a worker died")
    if log["worker_timeouts"] or log["tracebacks"]:
        failures.append(f"gunicorn log: {log['worker_timeouts']} worker timeouts, {log['tracebacks']} tracebacks")
    if memory["judged"] and not memory["flat"]:
        failures.append("worker memory is not flat")

    print()
    print_table(rows, pids)
    print()
    print(f"requests {overall['requests']}/{overall['planned']} in {report['elapsed_s']:.1f} s = "
          f"{overall['req_per_s']} req/s; p50 {fmt(overall['p50_ms'], '.1f')} ms, "
          f"p99 {fmt(overall['p99_ms'], '.1f')} ms; errors {overall['errors']}, unexpected statuses "
          f"{overall['bad_status']}, deliberate 404s {overall['expected_404']}, late sends (>{args.late_ms:g} ms) "
          f"{overall['late']}")
    print(f"gunicorn: {log['worker_boots']} worker boots, {log['worker_timeouts']} timeouts, "
          f"{log['tracebacks']} tracebacks")
    for pid, w in memory["workers"].items():
        print(f"worker {pid}: {w['start_mb']:.1f} MB at t={memory['from_t']:.0f}s -> {w['end_mb']:.1f} MB at "
              f"t={memory['to_t']:.0f}s: {w['growth_mb']:+.2f} MB ({w['growth_pct']:+.1f}%), "
              f"slope {w['slope_mb_per_min']:+.3f} MB/min")
    if memory["new_workers"]:
        print(f"workers that appeared during the soak (a restart): {memory['new_workers']}")
    if not memory["judged"]:
        print(f"memory: not judged: {memory['reason']}")
    else:
        print(f"memory: {'FLAT' if memory['flat'] else 'NOT FLAT'} (growth < {args.max_growth_pct:g}% and "
              f"slope < {args.max_slope:g} MB/min per worker)")
    verdict = "PASS" if not failures else "FAIL: " + "; ".join(failures)
    print(f"verdict: {verdict}")

    output.parent.mkdir(parents=True, exist_ok=True)
    failed = [asdict(r) for r in results if r.outcome in ("error", "bad_status")][:50]
    payload = {
        "stamp": stamp, "args": {k: str(v) if isinstance(v, Path) else v for k, v in vars(args).items()
                                 if k != "database_url"},
        "database": urlsplit(args.database_url).path.lstrip("/"),
        "cpus": os.cpu_count(), "loadavg_start": report["loadavg_start"], "loadavg_end": os.getloadavg(),
        "gunicorn_exit": report["gunicorn_exit"],
        "overall": overall, "minutes": rows, "samples": [asdict(s) for s in samples],
        "memory": memory, "gunicorn_log": log, "notes": report["notes"], "urls": report["urls"],
        "failed_requests": failed, "verdict": verdict, "passed": not failures,
    }
    output.write_text(json.dumps(payload, indent=2))
    print(f"wrote {output.relative_to(ROOT) if output.is_relative_to(ROOT) else output}")
    return 0 if not failures else 1


if __name__ == "__main__":
    sys.exit(main())
