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


REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/13")

# Run in the site's own process: what an anonymous reader of "/" gets.
READ_HOME = (
    "import django; django.setup();"
    "from django.conf import settings; settings.PAGE_CACHE_ENABLED = True;"
    "from django.test import Client; r = Client().get('/');"
    "print(r['X-Page-Cache'], 'Written after the backup' in r.content.decode())"
)


def _redis_reachable() -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=0.5).ping())
    except redis.RedisError:
        return False


@pytest.mark.skipif(shutil.which("pg_dump") is None, reason="pg_dump is not installed")
@pytest.mark.django_db(transaction=True)
def test_restore_replaces_media_and_invalidates_every_cached_page(tmp_path):
    """A story and a file added after the backup are gone after the
    restore: from the database, from the media folder and from the cache."""
    if connection.vendor != "postgresql":
        pytest.skip("backup and restore are for PostgreSQL")
    if not _redis_reachable():
        pytest.skip(f"Redis is not reachable at {REDIS_URL}")
    import redis

    name = f"{connection.settings_dict['NAME']}_restore"
    params = connection.settings_dict
    base = f"postgres://{params['USER']}@{params['HOST'] or '127.0.0.1'}:{params['PORT'] or 5432}"
    with connection.cursor() as cur:
        cur.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cur.execute(f'CREATE DATABASE "{name}"')
    prefix = f"restore-test-{os.getpid()}"
    media = tmp_path / "media"
    env = {**{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
           "DATABASE_URL": f"{base}/{name}", "MEDIA_ROOT": str(media), "DJANGO_SETTINGS_MODULE": "ree_exchange.settings.test",
           "CACHE_URL": REDIS_URL, "CACHE_KEY_PREFIX": prefix, "PYTHON": sys.executable}

    def py(code: str) -> str:
        return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, check=True, timeout=120,
                              capture_output=True, text=True).stdout.strip()

    try:
        subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True, timeout=300)
        py("import django; django.setup(); from tests.factories import make_article; make_article('Kept story')")
        (media / "kept").mkdir(parents=True)
        (media / "kept" / "photo.jpg").write_bytes(b"kept")
        subprocess.run([ROOT / "bin" / "backup", tmp_path / "backup"], cwd=ROOT, env=env, check=True, timeout=120)

        py("import django; django.setup(); from tests.factories import make_article; make_article('Written after the backup')")
        (media / "later.jpg").write_bytes(b"added after the backup")
        py(READ_HOME)
        assert py(READ_HOME) == "hit True"

        restored = subprocess.run([ROOT / "bin" / "restore", tmp_path / "backup"], cwd=ROOT, env=env,
                                  capture_output=True, text=True, timeout=300)
        assert restored.returncode == 0, restored.stdout + restored.stderr
        assert "every cached page invalidated" in restored.stdout
        assert "media replaced" in restored.stdout
        assert not (media / "later.jpg").exists()
        assert (media / "kept" / "photo.jpg").read_bytes() == b"kept"
        assert py(READ_HOME) == "miss, stored False"
    finally:
        raw = redis.Redis.from_url(REDIS_URL)
        keys = list(raw.scan_iter(match=f"{prefix}:*", count=1000))
        if keys:
            raw.delete(*keys)
        with connection.cursor() as cur:
            cur.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
