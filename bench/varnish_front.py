"""Varnish in front of a local server with the shipped VCL
(deploy/varnish/ree_exchange.vcl), its backend set to that server: the
bench's gunicorn (``bench/run.py --front varnish``), where warm pages are
answered by Varnish and purged by the site as in a deployment with it, and
the test server (tests/pagecache/test_varnish.py)."""

from __future__ import annotations

import shutil
import socket
import subprocess
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

VCL = Path(__file__).resolve().parent.parent / "deploy" / "varnish" / "ree_exchange.vcl"


@contextmanager
def varnish_in_front(backend_port: int, port: int, storage: str = "malloc,256m"):
    """varnishd on ``port`` in front of 127.0.0.1:``backend_port``, until the
    block ends; yields its pid. RuntimeError if it does not start."""
    if shutil.which("varnishd") is None:
        raise SystemExit("Varnish is not installed (apt-get install varnish varnish-modules)")
    # varnishd's worker runs as the varnish user: its directory must be one it can reach.
    work = Path(tempfile.mkdtemp(prefix="ree-bench-varnish-", dir="/tmp"))
    work.chmod(0o755)
    vcl = work / "bench.vcl"
    shipped = VCL.read_text()
    if '.port = "8000";' not in shipped:
        raise RuntimeError(f"{VCL} no longer has the backend port this sets")
    vcl.write_text(shipped.replace('.port = "8000";', f'.port = "{backend_port}";'))
    log = work / "varnishd.log"
    with log.open("w") as out:
        proc = subprocess.Popen(
            ["varnishd", "-F", "-n", str(work / "n"), "-a", f"127.0.0.1:{port}", "-f", str(vcl), "-s", storage],
            stdout=out, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    proc.kill()
                    proc.wait(10)
                    raise RuntimeError(f"varnishd did not start: {log.read_text()}") from None
                time.sleep(0.1)
        yield proc.pid
    finally:
        proc.terminate()
        proc.wait(30)
        shutil.rmtree(work, ignore_errors=True)
