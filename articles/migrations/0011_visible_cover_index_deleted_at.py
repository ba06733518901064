"""published() also tests deleted_at (the trash) since the workflow landed:
rebuild the covering visibility index with it, so the visibility test on
topic, profile and author lists stays index-only (PostgreSQL only)."""

from django.db import migrations

NEW = "(id) INCLUDE (status, published_at, expires_at, deleted_at)"
OLD = "(id) INCLUDE (status, published_at, expires_at)"


def _rebuild(schema_editor, columns: str) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS article_visible_cover_idx")
    schema_editor.execute(f"CREATE INDEX article_visible_cover_idx ON articles_article {columns}")


def forwards(apps, schema_editor) -> None:
    _rebuild(schema_editor, NEW)


def backwards(apps, schema_editor) -> None:
    _rebuild(schema_editor, OLD)


class Migration(migrations.Migration):
    dependencies = [("articles", "0010_merge_20261125_1226")]
    operations = [migrations.RunPython(forwards, backwards)]
