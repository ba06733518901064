"""The demo is a dev-only app whose articles are a plain import file."""

import io
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from articles.models import Article
from demo.loader import read_data
from importers.jsonl import JsonlSource
from importers.records import ArticleRecord

ROOT = Path(__file__).resolve().parents[2]


def _manage(*args: str, settings: str) -> subprocess.CompletedProcess:
    drop = ("SECRET_KEY", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE")
    env = {**{k: v for k, v in os.environ.items() if k not in drop},
           "DJANGO_SETTINGS_MODULE": settings, "SECRET_KEY": secrets.token_urlsafe(64)}
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120)


def test_production_does_not_install_the_demo():
    result = _manage("shell", "-c", "from django.apps import apps; print(apps.is_installed('demo'))",
                     settings="ree_exchange.settings.prod")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "False"
    result = _manage("load_demo", settings="ree_exchange.settings.prod")
    assert result.returncode != 0
    assert "Unknown command: 'load_demo'" in result.stderr


def test_development_installs_the_demo():
    result = _manage("help", "load_demo", settings="ree_exchange.settings.dev")
    assert result.returncode == 0, result.stderr
    assert "demo newsroom content" in result.stdout


def test_every_demo_article_reads_as_an_import_record():
    data = read_data()
    items = list(JsonlSource(data.articles_path))
    assert [type(item) for item in items] == [ArticleRecord] * len(data.articles)
    assert [item.slug for item in items] == [row["slug"] for row in data.articles]


@pytest.mark.django_db
def test_import_articles_reads_the_demo_file_as_it_is():
    # Outside load_demo the file is an ordinary archive: dates as written,
    # entities and authors created by name.
    call_command("import_articles", str(read_data().articles_path), "--no-progress", "--fail-on-error",
                 stdout=io.StringIO())
    rows = {row["slug"]: row for row in read_data().articles}
    assert Article.objects.count() == len(rows)
    for article in Article.objects.prefetch_related("officials"):
        row = rows[article.slug]
        assert article.title == row["title"] and article.status == row["status"]
        assert sorted(o.name for o in article.officials.all()) == sorted(row["officials"])
