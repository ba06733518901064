"""Add each Chinese/Japanese/Korean character, alone, to the search vectors
of documents that hold such text (see ``articles.search.cjk_index_tokens``),
so a one-character query is answered from the GIN index; new and re-indexed
documents get them from ``search_index_update``. Only documents with CJK
characters are read and rewritten. PostgreSQL only.

The token format is written out here rather than imported, so this
migration keeps doing what it did if the search module changes."""

import re

from django.db import migrations

CJK_CHARS = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
CJK_RE = re.compile(f"[{CJK_CHARS}]")
BATCH = 500


def add_unigrams(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT article_id, document FROM articles_articlesearchdocument WHERE document ~ %s",
                       [f"[{CJK_CHARS}]"])
        rows = [
            (" ".join(sorted({f"cju{ord(c):05x}" for c in CJK_RE.findall(document)})), pk)
            for pk, document in cursor.fetchall()
        ]
        for start in range(0, len(rows), BATCH):
            cursor.executemany(
                "UPDATE articles_articlesearchdocument SET vector = coalesce(vector, ''::tsvector)"
                " || setweight(to_tsvector('simple', %s), 'D') WHERE article_id = %s",
                rows[start : start + BATCH],
            )


class Migration(migrations.Migration):
    dependencies = [("articles", "0013_search_cjk_bigrams")]

    operations = [migrations.RunPython(add_unigrams, migrations.RunPython.noop)]
