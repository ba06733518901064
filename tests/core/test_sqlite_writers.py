"""The embedded SQLite database is one file shared by the web server and the
task workers: two of them writing at once must wait for each other, not
fail with "database is locked" (an editor's publish while the worker
stores renditions, say)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Reads, waits while the other process reads too, then writes: with
# SQLite's default (deferred) transactions the second to write fails at
# once, its snapshot being older than the first one's commit.
WRITER = """
import sys, time
import django
django.setup()
from django.db import connection, transaction
with transaction.atomic():
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM story")
        time.sleep(float(sys.argv[1]))
        cursor.execute("INSERT INTO story (title) VALUES (%s)", [sys.argv[2]])
print("ok")
"""

SETUP = """
import django
django.setup()
from django.db import connection
with connection.cursor() as cursor:
    cursor.execute("CREATE TABLE story (id integer primary key, title text)")
"""


def _env(tmp_path: Path) -> dict:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "ree_exchange.settings.test",
           "DATABASE_URL": f"sqlite:///{tmp_path / 'site.sqlite3'}"}
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    return env


def test_two_processes_writing_at_once_both_get_their_write_in(tmp_path):
    env = _env(tmp_path)
    subprocess.run([sys.executable, "-c", SETUP], cwd=ROOT, env=env, check=True, timeout=60)
    writers = [subprocess.Popen([sys.executable, "-c", WRITER, "1.5", title], cwd=ROOT, env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
               for title in ("first", "second")]
    results = [w.communicate(timeout=60) for w in writers]
    assert [w.returncode for w in writers] == [0, 0], [err[-400:] for _, err in results]
    check = subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); from django.db import connection; "
         "c = connection.cursor(); c.execute('SELECT title FROM story ORDER BY title'); print([r[0] for r in c])"],
        cwd=ROOT, env=env, check=True, capture_output=True, text=True, timeout=60)
    assert check.stdout.strip() == "['first', 'second']"
