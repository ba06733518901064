"""PostgreSQL settings from the environment: psycopg 3 with Django's pool
(CONN_MAX_AGE 0, as Django requires) and automatic prepared statements, on
the primary and every replica alike."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PG = "postgres://u@db.example:5432/ree"
CODE = ("import json, django; django.setup(); from django.conf import settings; "
        "print(json.dumps({a: [d['CONN_MAX_AGE'], d.get('OPTIONS', {})] for a, d in settings.DATABASES.items()}))")


def _databases(**env) -> dict:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DATABASE_")}
    result = subprocess.run([sys.executable, "-c", CODE], cwd=ROOT, capture_output=True, text=True, timeout=120,
                            env={**clean, "DJANGO_SETTINGS_MODULE": "ree_exchange.settings.dev", **env})
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_postgresql_uses_the_pool_and_prepared_statements_by_default():
    dbs = _databases(DATABASE_URL=PG, DATABASE_REPLICA_URLS=PG.replace("db.", "replica."))
    for alias in ("default", "replica_1"):
        max_age, options = dbs[alias]
        assert max_age == 0
        assert options["pool"] == {"min_size": 1, "max_size": 4, "timeout": 10}
        assert options["prepare_threshold"] == 5 and options["server_side_binding"] is False


def test_behind_an_old_pooler_both_can_be_turned_off():
    max_age, options = _databases(DATABASE_URL=PG, DATABASE_POOL="0", DATABASE_PREPARE_THRESHOLD="",
                                  DATABASE_CONN_MAX_AGE="30")["default"]
    assert max_age == 30 and "pool" not in options and options["prepare_threshold"] is None


def test_sqlite_gets_no_postgresql_options():
    max_age, options = _databases(DATABASE_URL="sqlite:////tmp/x.sqlite3")["default"]
    assert "pool" not in options and "prepare_threshold" not in options
