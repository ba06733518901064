"""Varnish in front of the bench's gunicorn (``bench/run.py --front varnish``):
the shipped VCL (deploy/varnish/ree_exchange.vcl) with its backend set to
the bench server, so warm pages are answered by Varnish and purged by the
site as in a deployment with it."""

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
def varnish_in_front(backend_port: int, port: int):
    """varnishd on ``port`` in front of 127.0.0.1:``backend_port``, until the block ends."""
    if shutil.which("varnishd") is None:
        raise SystemExit("--front varnish needs varnishd (apt-get install varnish varnish-modules)")
    # varnishd's worker runs as the varnish user: its directory must be one it can reach.
    work = Path(tempfile.mkdtemp(prefix="ree-bench-varnish-", dir="/tmp"))
    work.chmod(0o755)
    vcl = work / "bench.vcl"
    vcl.write_text(VCL.read_text().replace('.port = "8000";', f'.port = "{backend_port}";'))
    proc = subprocess.Popen(
        ["varnishd", "-F", "-n", str(work / "n"), "-a", f"127.0.0.1:{port}", "-f", str(vcl), "-s", "malloc,256m"],
        stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit("varnishd did not start") from None
                time.sleep(0.1)
        yield proc.pid
    finally:
        proc.terminate()
        proc.wait(30)
        shutil.rmtree(work, ignore_errors=True)
