"""Indexes for the public lists, checked with EXPLAIN ANALYZE on 100,000
articles (see docs/scale-out.md).

* A covering index on the article id with the visibility columns lets the
  joins behind topic, profile and author lists (and their counts) test
  "is this article visible?" from the index alone: counting a topic of
  37,000 articles went from 270 ms to 60 ms.
* (entity, article) on the mention tables and (author, article) on bylines:
  a profile's list starts from the entity and reads the article ids from
  the index alone.

PostgreSQL only (INCLUDE is not SQLite syntax); SQLite keeps the default
indexes.
"""

from django.db import migrations

INDEXES = [
    ("article_visible_cover_idx", "articles_article", "(id) INCLUDE (status, published_at, expires_at)"),
    ("article_officials_official_article_idx", "articles_article_officials", "(official_id, article_id)"),
    ("article_enterprises_enterprise_article_idx", "articles_article_enterprises", "(enterprise_id, article_id)"),
    ("article_regulators_regulator_article_idx", "articles_article_regulators", "(regulator_id, article_id)"),
    ("articleauthor_author_article_idx", "articles_articleauthor", "(author_id, article_id)"),
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, table, columns in INDEXES:
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} {columns}")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _table, _columns in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("articles", "0002_editorial_groups")]

    operations = [migrations.RunPython(create, drop)]
