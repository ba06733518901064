"""Migration operations that run on PostgreSQL only.

The indexes they add are declared in ``Meta.indexes`` like any other, so the
migration state matches the models; only the SQL is skipped elsewhere, since
GIN and trigram indexes do not exist on SQLite.
"""

from __future__ import annotations

import logging

from django.contrib.postgres.operations import TrigramExtension
from django.db import DatabaseError, migrations, transaction

logger = logging.getLogger(__name__)


def _on_postgresql(schema_editor) -> bool:
    return schema_editor.connection.vendor == "postgresql"


class AddIndexOnPostgreSQL(migrations.AddIndex):
    """``AddIndex`` whose SQL runs on PostgreSQL only."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state) -> None:
        if _on_postgresql(schema_editor):
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state) -> None:
        if _on_postgresql(schema_editor):
            super().database_backwards(app_label, schema_editor, from_state, to_state)


def _through_index_sql(schema_editor, model, columns: tuple[str, str], name: str) -> str:
    table = schema_editor.quote_name(model._meta.db_table)
    cols = ", ".join(schema_editor.quote_name(c) for c in columns)
    return f"CREATE INDEX IF NOT EXISTS {schema_editor.quote_name(name)} ON {table} ({cols})"


class AddThroughIndexOnPostgreSQL(migrations.RunPython):
    """A two-column index on an auto-created many-to-many table, which
    ``Meta.indexes`` cannot reach: (entity, article), so a profile's article
    list reads the article ids from the index alone. PostgreSQL only."""

    def __init__(self, *, app_label: str, model_name: str, field: str, columns: tuple[str, str], name: str):
        self.target = (app_label, model_name, field, columns, name)
        super().__init__(self._create, self._drop, elidable=False)

    def _through(self, apps):
        app_label, model_name, field, _columns, _name = self.target
        return apps.get_model(app_label, model_name)._meta.get_field(field).remote_field.through

    def _create(self, apps, schema_editor) -> None:
        if _on_postgresql(schema_editor):
            _app, _model, _field, columns, name = self.target
            schema_editor.execute(_through_index_sql(schema_editor, self._through(apps), columns, name))

    def _drop(self, apps, schema_editor) -> None:
        if _on_postgresql(schema_editor):
            schema_editor.execute(f"DROP INDEX IF EXISTS {schema_editor.quote_name(self.target[4])}")

    def deconstruct(self):
        app_label, model_name, field, columns, name = self.target
        return (
            self.__class__.__qualname__, [],
            {"app_label": app_label, "model_name": model_name, "field": field, "columns": columns, "name": name},
        )


def _has_extension(schema_editor, name: str) -> bool:
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_extension WHERE extname = %s", [name])
        return cursor.fetchone() is not None


class TrigramExtensionIfPossible(TrigramExtension):
    """Django's ``TrigramExtension`` (``CREATE EXTENSION IF NOT EXISTS
    pg_trgm``) in a savepoint: a role that may not create it, or a server
    without it, migrates on without it, and what needs it checks at run
    time and falls back (``AddIndexWithExtension`` skips its indexes)."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state) -> None:
        try:
            with transaction.atomic(using=schema_editor.connection.alias):
                super().database_forwards(app_label, schema_editor, from_state, to_state)
        except DatabaseError as error:
            logger.warning("pg_trgm could not be created (%s); trigram indexes are skipped", error)

    def database_backwards(self, app_label, schema_editor, from_state, to_state) -> None:
        # Other apps' indexes use it too: never dropped on the way back.
        return


class AddIndexWithExtension(AddIndexOnPostgreSQL):
    """``AddIndexOnPostgreSQL`` for an index whose operator class comes from
    an extension: skipped when the extension is missing."""

    def __init__(self, *, extension: str, **kwargs):
        self.extension = extension
        super().__init__(**kwargs)

    def database_forwards(self, app_label, schema_editor, from_state, to_state) -> None:
        if _on_postgresql(schema_editor) and _has_extension(schema_editor, self.extension):
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state) -> None:
        if _on_postgresql(schema_editor):
            schema_editor.execute(f"DROP INDEX IF EXISTS {schema_editor.quote_name(self.index.name)}")

    def deconstruct(self):
        name, args, kwargs = super().deconstruct()
        kwargs["extension"] = self.extension
        return name, args, kwargs
