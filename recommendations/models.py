from __future__ import annotations

from django.db import models
from django.db.models import Q

from articles.models import Article


class RelatedArticle(models.Model):
    """One entry of an article's stored "You Might Also Like" list.

    Computed entries are rewritten by ``recommendations/engine.py`` (on
    publish/unpublish and by ``rebuild_recommendations``); pinned entries are
    chosen by editors and never touched by the engine. Readers see pinned
    picks first, then computed ones by rank."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="related_links")
    related = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="related_from")
    rank = models.PositiveSmallIntegerField(default=0, help_text="Order within the list; lower comes first.")
    score = models.FloatField(default=0.0)
    reason = models.CharField(max_length=200, blank=True, help_text="Shown to readers, e.g. 'More on SOE reform'.")
    # Each signal's score and the shared tags/entities behind it, for editors.
    signals = models.JSONField(default=dict, blank=True)
    pinned = models.BooleanField(default=False, help_text="Chosen by an editor; shown before computed picks.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-pinned", "rank", "id"]
        constraints = [
            models.UniqueConstraint(fields=["article", "related"], name="unique_related_article"),
            models.CheckConstraint(condition=~Q(article=models.F("related")), name="related_article_not_itself"),
        ]
        indexes = [models.Index(fields=["article", "pinned", "rank"], name="related_list_idx")]

    def __str__(self) -> str:
        # Heads each row of the article admin's inlines, beside the related
        # article's title: say what the row is, not its ids.
        return f"Pick #{self.rank}"
