"""Parts for bench/faults.py: a TCP proxy that can delay or cut a
connection, a redis-server of our own, the site under production settings,
readers and an editor that record what they got.

Nothing here touches a shared service: Redis is our own process (stopped and
started at will); PostgreSQL is reached through a proxy that we cut, never
stopped."""

from __future__ import annotations

import contextlib
import http.client
import re
import select
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

import redis

ROOT = Path(__file__).resolve().parents[1]


class TcpProxy:
    """127.0.0.1:``port`` -> ``target``. ``delay`` seconds are added before
    each chunk sent to the target (a slow server); ``cut()`` closes every
    connection and refuses new ones until ``restore()`` (a server that is
    down or a network partition)."""

    def __init__(self, port: int, target: tuple[str, int]) -> None:
        self.port, self.target = port, target
        self.delay = 0.0
        self._cut = threading.Event()
        self._conns: set[socket.socket] = set()
        self._lock = threading.Lock()
        self._server = socket.create_server(("127.0.0.1", port), reuse_port=False)
        self._server.settimeout(0.2)
        self._stop = threading.Event()
        threading.Thread(target=self._accept, daemon=True, name=f"proxy-{port}").start()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                client, _ = self._server.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            if self._cut.is_set():
                client.close()
                continue
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            with self._lock:
                self._conns.update((client, upstream))
            threading.Thread(target=self._pump, args=(client, upstream), daemon=True).start()

    def _pump(self, client: socket.socket, upstream: socket.socket) -> None:
        pair = {client: upstream, upstream: client}
        try:
            while not self._cut.is_set():
                ready, _, _ = select.select(list(pair), [], [], 0.2)
                for sock in ready:
                    data = sock.recv(65536)
                    if not data:
                        return
                    if sock is client and self.delay:
                        time.sleep(self.delay)
                    pair[sock].sendall(data)
        except OSError:
            pass
        finally:
            for sock in pair:
                with self._lock:
                    self._conns.discard(sock)
                sock.close()

    def cut(self) -> None:
        self._cut.set()
        with self._lock:
            for sock in list(self._conns):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)

    def restore(self) -> None:
        self._cut.clear()

    def close(self) -> None:
        self._stop.set()
        self.cut()
        self._server.close()


class OwnRedis:
    """A redis-server of our own on ``port`` (no persistence, LRU eviction),
    stopped and started again on the same port."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.proc: subprocess.Popen | None = None
        self.binary = shutil.which("redis-server") or "/usr/bin/redis-server"

    def start(self) -> None:
        self.proc = subprocess.Popen(
            [self.binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--maxmemory", "128mb", "--maxmemory-policy", "allkeys-lru"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        client = redis.Redis(port=self.port, socket_connect_timeout=0.5)
        for _ in range(100):
            try:
                client.ping()
                return
            except redis.ConnectionError:
                time.sleep(0.05)
        raise RuntimeError(f"redis-server did not start on port {self.port}")

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(10)


# -- readers and an editor -------------------------------------------------------


@dataclass
class Hit:
    at: float  # seconds since the clock's zero
    status: int  # 0: no answer (connection refused, reset, timeout)
    cache: str  # X-Page-Cache
    path: str
    ms: float


@dataclass
class Recorder:
    zero: float = field(default_factory=time.monotonic)
    hits: list[Hit] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def now(self) -> float:
        return time.monotonic() - self.zero

    def add(self, hit: Hit) -> None:
        with self.lock:
            self.hits.append(hit)

    def between(self, start: float, end: float) -> list[Hit]:
        return [h for h in self.hits if start <= h.at < end]


def status_counts(hits: list[Hit]) -> dict[str, int]:
    return dict(sorted(Counter("no answer" if h.status == 0 else str(h.status) for h in hits).items()))


def fetch(port: int, path: str, *, method: str = "GET", body: bytes | None = None, headers: dict | None = None,
          timeout: float = 30) -> tuple[int, dict[str, str], bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        resp = conn.getresponse()
        return resp.status, {k.lower(): v for k, v in resp.getheaders()}, resp.read()
    finally:
        conn.close()


class Readers:
    """``threads`` readers going round ``paths`` as fast as answers come
    (closed loop), one keep-alive connection each, until stopped."""

    def __init__(self, port: int, paths: list[str], threads: int, recorder: Recorder) -> None:
        self.port, self.paths, self.recorder = port, paths, recorder
        self._stop = threading.Event()
        self._threads = [threading.Thread(target=self._run, args=(n,), daemon=True) for n in range(threads)]

    def start(self) -> Readers:
        for t in self._threads:
            t.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        for t in self._threads:
            t.join(40)

    def _run(self, n: int) -> None:
        conn = None
        i = n
        while not self._stop.is_set():
            path = self.paths[i % len(self.paths)]
            i += 1
            start = time.monotonic()
            try:
                if conn is None:
                    conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
                conn.request("GET", path)
                resp = conn.getresponse()
                resp.read()
                status, cache = resp.status, resp.getheader("X-Page-Cache", "")
                if resp.getheader("Connection", "").lower() == "close":
                    conn.close()
                    conn = None
            except (OSError, http.client.HTTPException):
                status, cache = 0, ""
                if conn is not None:
                    conn.close()
                conn = None
                time.sleep(0.05)
            self.recorder.add(Hit(self.recorder.now(), status, cache, path, (time.monotonic() - start) * 1000))


CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class Editor:
    """An editor in a browser, as far as HTTP goes: signs in with the
    sign-in form and opens the article list of the admin."""

    def __init__(self, port: int, username: str, password: str) -> None:
        self.port, self.username, self.password = port, username, password
        self.cookies: dict[str, str] = {}

    def _headers(self) -> dict[str, str]:
        return {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())} if self.cookies else {}

    def _keep_cookies(self, raw: list[str]) -> None:
        for line in raw:
            name, _, rest = line.partition("=")
            value = rest.split(";", 1)[0]
            if value and "max-age=0" not in line.lower():
                self.cookies[name.strip()] = value
            else:
                self.cookies.pop(name.strip(), None)

    def _request(self, method: str, path: str, body: bytes | None = None, extra: dict | None = None) -> int:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            conn.request(method, path, body=body, headers={**self._headers(), **(extra or {})})
            resp = conn.getresponse()
            data = resp.read()
            self._keep_cookies(resp.headers.get_all("Set-Cookie") or [])
            self.last_body = data
            return resp.status
        except (OSError, http.client.HTTPException):
            return 0
        finally:
            conn.close()

    def sign_in(self) -> int:
        """The status of the sign-in POST (302 is success)."""
        self.cookies = {}
        status = self._request("GET", "/admin/login/")
        if status != 200:
            return status
        token = CSRF_INPUT.search(self.last_body.decode())
        if not token:
            return -1
        body = urlencode({"csrfmiddlewaretoken": token.group(1), "username": self.username,
                          "password": self.password, "next": "/admin/"}).encode()
        return self._request("POST", "/admin/login/?next=/admin/", body,
                             {"Content-Type": "application/x-www-form-urlencoded",
                              "Referer": f"http://127.0.0.1:{self.port}/admin/login/"})

    def work(self) -> int:
        """The status of the article list (200 when signed in and working)."""
        return self._request("GET", "/admin/articles/article/")


def manage(env: dict, *args: str, timeout: int = 120) -> str:
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, timeout=timeout,
                          capture_output=True, text=True).stdout


def python(env: dict, code: str, *args: str, timeout: int = 120) -> str:
    return subprocess.run([sys.executable, "-c", code, *args], cwd=ROOT, env=env, check=True, timeout=timeout,
                          capture_output=True, text=True).stdout.strip()
