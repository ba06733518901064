"""Migration operations that run on PostgreSQL only.

The indexes they add are declared in ``Meta.indexes`` like any other, so the
migration state matches the models; only the SQL is skipped elsewhere, since
GIN and trigram indexes do not exist on SQLite.
"""

from __future__ import annotations

from django.db import migrations


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
