"""Prove the backup is restorable: back up, wipe, restore, compare.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ree_exchange python bench/backup_restore_check.py

Fingerprints every content table (rows as JSON, sorted, hashed) and every
media file before; runs bin/backup; drops and re-creates the database and
deletes the media; runs bin/restore; fingerprints again. Exit 0 when equal.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg2

ROOT = Path(__file__).resolve().parents[1]
TABLE_PREFIXES = ("articles", "entities", "authors", "taggit", "auth", "reversion")


def fingerprint(database_url: str, media_root: Path) -> dict[str, str]:
    """Row count and hash per content table, and one for all media files."""
    prints: dict[str, str] = {}
    with psycopg2.connect(database_url) as conn, conn.cursor() as cur:
        cur.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema='public' "
            "AND table_type='BASE TABLE' ORDER BY table_name"
        )
        tables = [t for (t,) in cur.fetchall() if t.split("_")[0] in TABLE_PREFIXES]
        for table in tables:
            cur.execute(f'SELECT row_to_json(t)::text FROM "{table}" t')  # noqa: S608 - names come from the catalog
            rows = sorted(r for (r,) in cur.fetchall())
            prints[table] = f"{len(rows)} rows {hashlib.sha256(json.dumps(rows).encode()).hexdigest()[:16]}"
    files = sorted(p for p in media_root.rglob("*") if p.is_file()) if media_root.exists() else []
    digest = hashlib.sha256()
    for p in files:
        digest.update(str(p.relative_to(media_root)).encode())
        digest.update(p.read_bytes())
    prints["media"] = f"{len(files)} files {digest.hexdigest()[:16]}"
    return prints


def recreate_database(database_url: str) -> None:
    parts = urlsplit(database_url)
    name = parts.path.lstrip("/")
    conn = psycopg2.connect(urlunsplit(parts._replace(path="/postgres")))
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cur.execute(f'CREATE DATABASE "{name}"')
    conn.close()


def main() -> int:
    database_url = os.environ.get("DATABASE_URL", "")
    if not database_url.startswith(("postgres://", "postgresql://")):
        print("DATABASE_URL must point at PostgreSQL", file=sys.stderr)
        return 2
    media_root = Path(os.environ.get("MEDIA_ROOT", ROOT / "media"))
    before = fingerprint(database_url, media_root)
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([ROOT / "bin" / "backup", tmp], check=True)
        recreate_database(database_url)
        shutil.rmtree(media_root, ignore_errors=True)
        wiped = fingerprint(database_url, media_root)
        subprocess.run([ROOT / "bin" / "restore", tmp], check=True)
    after = fingerprint(database_url, media_root)
    tables = sum(1 for k in before if k != "media")
    print(f"before: {tables} tables, {before['media']}")
    print(f"wiped:  {sum(1 for k in wiped if k != 'media')} tables, {wiped['media']}")
    diff = {k: (before.get(k), after.get(k)) for k in set(before) | set(after) if before.get(k) != after.get(k)}
    if diff:
        for k, (b, a) in sorted(diff.items()):
            print(f"MISMATCH {k}: before={b} after={a}")
        return 1
    print(f"restored: all {tables} tables and the media are identical")
    return 0


if __name__ == "__main__":
    sys.exit(main())
