"""Search documents, and the PostgreSQL-only indexes search reads.

The GIN indexes (tsvector, and trigram on the lower-cased document and on
entity names) are created by plain SQL only when the database is PostgreSQL,
so the same migration runs unchanged on SQLite. TrigramExtension is itself a
no-op elsewhere. Fill the documents of existing articles afterwards with
``manage.py rebuild_search_index``.
"""

import django.contrib.postgres.search
import django.db.models.deletion
from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations, models

# (index name, app label, model name, SQL after "ON <table>")
PG_INDEXES = [
    ("article_search_vector_gin", "articles", "articlesearchdocument", "USING gin (vector)"),
    ("article_search_document_trgm", "articles", "articlesearchdocument", "USING gin (document gin_trgm_ops)"),
    ("official_search_names_trgm", "entities", "official", "USING gin (search_names gin_trgm_ops)"),
    ("enterprise_search_names_trgm", "entities", "enterprise", "USING gin (search_names gin_trgm_ops)"),
    ("regulator_search_names_trgm", "entities", "regulator", "USING gin (search_names gin_trgm_ops)"),
]


def create_pg_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, app_label, model_name, using in PG_INDEXES:
        table = schema_editor.quote_name(apps.get_model(app_label, model_name)._meta.db_table)
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {schema_editor.quote_name(name)} ON {table} {using}")


def drop_pg_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, *_ in PG_INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {schema_editor.quote_name(name)}")


class Migration(migrations.Migration):

    dependencies = [
        ("articles", "0002_editorial_groups"),
        ("entities", "0001_initial"),
    ]

    operations = [
        TrigramExtension(),
        migrations.CreateModel(
            name="ArticleSearchDocument",
            fields=[
                ("article", models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name="search_document", serialize=False, to="articles.article")),
                ("title", models.TextField(blank=True)),
                ("summary", models.TextField(blank=True, help_text="Standfirst and highlights.")),
                ("keywords", models.TextField(blank=True, help_text="Tags and every name of the entities mentioned.")),
                ("body", models.TextField(blank=True, help_text="Body text without HTML.")),
                ("document", models.TextField(blank=True)),
                ("vector", django.contrib.postgres.search.SearchVectorField(blank=True, null=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
            ],
        ),
        migrations.RunPython(create_pg_indexes, drop_pg_indexes, elidable=False),
    ]
