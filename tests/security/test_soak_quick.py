"""bench/soak.py in quick mode (20 s at 20 requests/s) against real gunicorn
and PostgreSQL: the machinery works, gunicorn starts and stops under
production settings, and no request fails. Twenty seconds are too short to
judge memory; the ten-minute soak is run on demand (docs/soak.md)."""

import json
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
DATABASE_URL = os.environ.get("DATABASE_URL", "")


@pytest.mark.skipif(
    not DATABASE_URL.startswith(("postgres://", "postgresql://")),
    reason="the soak runs gunicorn against PostgreSQL; DATABASE_URL does not point to PostgreSQL",
)
def test_quick_soak_serves_every_request_and_stops_gunicorn(tmp_path):
    # A scratch database next to the one in DATABASE_URL: load_demo writes into it.
    parts = urlsplit(DATABASE_URL)
    scratch = urlunsplit(parts._replace(path=f"{parts.path.rstrip('/')}_soakquick"))
    output = tmp_path / "soak.json"
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    result = subprocess.run(
        [sys.executable, "bench/soak.py", "--seconds", "20", "--rate", "20",
         "--database-url", scratch, "--output", str(output)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=240,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    report = json.loads(output.read_text())
    overall = report["overall"]
    assert overall["errors"] == 0
    assert overall["bad_status"] == 0
    assert overall["requests"] == overall["planned"] == 400
    # The deliberate 404 was in the mix and answered 404, not 500 or 200.
    assert overall["expected_404"] > 0
    # Every page kind the mix needs was found on the site and requested.
    for kind in ("article", "topic", "official", "enterprise", "regulator", "author"):
        assert report["urls"][kind], f"no {kind} page found"
    # Both workers were sampled throughout and none was restarted.
    assert all(len(s["rss_mb"]) == 2 for s in report["samples"])
    assert report["gunicorn_log"]["worker_boots"] == 2
    assert report["memory"]["new_workers"] == []
    # gunicorn stopped on SIGTERM (exit 0), leaving no worker behind.
    assert report["gunicorn_exit"] == 0
    for pid in report["samples"][-1]["rss_mb"]:
        cmdline = Path(f"/proc/{pid}/cmdline")
        assert not cmdline.exists() or b"gunicorn" not in cmdline.read_bytes()
