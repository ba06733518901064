from __future__ import annotations

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models

from articles.models import Article


class ArticleSearchDocument(models.Model):
    """What search reads for one article: its words as plain text, kept in
    step with the article, its tags and the entities it mentions by
    ``search.documents.search_index_update``. Visibility is not stored here:
    search always starts from ``Article.objects.published()``.

    ``document`` is every field lower-cased in one column, for substring
    matching (SQLite, and Chinese text, which has no spaces between words);
    on PostgreSQL it carries a trigram GIN index and ``vector`` (the weighted
    tsvector) a GIN index, both created by migration only there
    (core/db_operations.py). On SQLite
    ``vector`` stays NULL."""

    article = models.OneToOneField(
        Article, on_delete=models.CASCADE, primary_key=True, related_name="search_document"
    )
    title = models.TextField(blank=True)
    summary = models.TextField(blank=True, help_text="Standfirst and highlights.")
    keywords = models.TextField(blank=True, help_text="Tags and every name of the entities mentioned.")
    body = models.TextField(blank=True, help_text="Body text without HTML.")
    document = models.TextField(blank=True)
    vector = SearchVectorField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [
            GinIndex(fields=["vector"], name="article_search_vector_gin"),
            GinIndex(fields=["document"], opclasses=["gin_trgm_ops"], name="article_search_document_trgm"),
        ]

    def __str__(self) -> str:
        return f"Search document of article {self.article_id}"
