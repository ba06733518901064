from __future__ import annotations

from django.contrib.postgres.indexes import GinIndex, GistIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
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
    # Whether this document's words are counted in SearchTerm (it was
    # published when last indexed), so re-indexing can take them out again.
    in_vocabulary = models.BooleanField(default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [
            GinIndex(fields=["vector"], name="article_search_vector_gin"),
            GinIndex(fields=["document"], opclasses=["gin_trgm_ops"], name="article_search_document_trgm"),
        ]

    def __str__(self) -> str:
        return f"Search document of article {self.article_id}"


class SearchTerm(models.Model):
    """One word of the published articles' text and in how many published
    articles it occurs: the vocabulary misspelled queries are corrected
    against (search/spelling.py). Kept by the indexing task
    (search/vocabulary.py), which counts an article only while it is
    published, so no word seen only in a draft can be suggested.

    PostgreSQL reads it through a trigram GiST index on ``term`` (created by
    migration there only); SQLite through the ``(length, term)`` index."""

    term = models.CharField(max_length=40, unique=True)
    length = models.PositiveSmallIntegerField()
    frequency = models.PositiveIntegerField(default=0)

    class Meta:
        indexes = [
            models.Index(fields=["length", "term"], name="search_term_length"),
            GistIndex(fields=["term"], opclasses=["gist_trgm_ops"], name="search_term_trgm"),
        ]

    def __str__(self) -> str:
        return f"{self.term} ({self.frequency})"


class SynonymGroup(models.Model):
    """Names that are one term for search, as an entity's aliases are one
    entity: 镝 / Dy / dysprosium. A query word equal to any of them matches
    every one of them. Applied when a query is read, so an edit takes effect
    at once, with no reindex."""

    name = models.CharField(max_length=100, unique=True, help_text="The usual English form, e.g. dysprosium.")
    aliases = models.JSONField(
        default=list, blank=True,
        help_text="Other forms searched as the same term: symbols, Chinese names, acronyms.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def all_names(self) -> list[str]:
        names = [self.name, *(self.aliases or [])]
        seen: dict[str, str] = {}
        for name in names:
            key = " ".join(str(name).split()).lower()
            if key and key not in seen:
                seen[key] = key
        return list(seen)

    def clean(self) -> None:
        if not isinstance(self.aliases, list) or not all(isinstance(a, str) for a in self.aliases):
            raise ValidationError({"aliases": "Aliases must be a list of names."})

    def save(self, *args, **kwargs) -> None:
        self.name = " ".join(self.name.split())
        self.aliases = [" ".join(a.split()) for a in (self.aliases or []) if a and a.strip()]
        super().save(*args, **kwargs)
