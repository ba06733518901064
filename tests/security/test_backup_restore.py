"""bin/backup + bin/restore round trip on a real PostgreSQL database."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(shutil.which("pg_dump") is None, reason="pg_dump is not installed")
@pytest.mark.django_db(transaction=True)
def test_backup_wipe_restore_gives_back_the_same_content(tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("backup and restore are for PostgreSQL")
    # A separate database, so wiping it does not touch the test database.
    name = f"{connection.settings_dict['NAME']}_backup"
    params = connection.settings_dict
    base = f"postgres://{params['USER']}@{params['HOST'] or '127.0.0.1'}:{params['PORT'] or 5432}"
    with connection.cursor() as cur:
        cur.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cur.execute(f'CREATE DATABASE "{name}"')
    url = f"{base}/{name}"
    env = {**{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
           "DATABASE_URL": url, "MEDIA_ROOT": str(tmp_path / "media"), "DJANGO_SETTINGS_MODULE": "ree_exchange.settings.test"}
    seed = (
        "import django; django.setup();"
        "from tests.factories import make_article, make_official, image_upload;"
        "o = make_official('Meng Fanying', native_name='孟凡英', photo=image_upload());"
        "[make_article(f'Story {i}', tags=['Prices', 'Baotou'], officials=[o]) for i in range(5)]"
    )
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True, timeout=300)
    subprocess.run([sys.executable, "-c", seed], cwd=ROOT, env=env, check=True, timeout=120)
    result = subprocess.run([sys.executable, "bench/backup_restore_check.py"], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=300)
    with connection.cursor() as cur:
        cur.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    assert result.returncode == 0, result.stdout + result.stderr
    assert "identical" in result.stdout
    assert "wiped:  0 tables" in result.stdout
