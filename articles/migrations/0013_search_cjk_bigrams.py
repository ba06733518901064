"""Add Chinese/Japanese/Korean character bigrams to the search vectors of
documents that hold such text (see ``articles.search.cjk_bigram_tokens``);
new and re-indexed documents get them from ``search_index_update``. Only
documents with CJK characters are read and rewritten. PostgreSQL only."""

from django.db import migrations

CJK_CLASS = "[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]"


def add_bigrams(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from articles.search import cjk_bigram_tokens

    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT article_id, document FROM articles_articlesearchdocument WHERE document ~ %s",
                       [CJK_CLASS])
        rows = [(pk, " ".join(cjk_bigram_tokens(document))) for pk, document in cursor.fetchall()]
        for pk, tokens in rows:
            cursor.execute(
                "UPDATE articles_articlesearchdocument SET vector = coalesce(vector, ''::tsvector)"
                " || setweight(to_tsvector('simple', %s), 'D') WHERE article_id = %s",
                [tokens, pk],
            )


class Migration(migrations.Migration):
    dependencies = [("articles", "0012_audit_imported")]

    operations = [migrations.RunPython(add_bigrams, migrations.RunPython.noop)]
