"""Admin inlines for an article's "You Might Also Like" list: editors pin
picks by hand; computed picks are shown read-only with their reason and the
score of each signal."""

from django import forms
from django.contrib import admin
from django.utils.html import format_html, format_html_join

from core.admin_widgets import SafeAutocompleteAdminMixin
from recommendations.models import RelatedArticle


class PinnedRelatedForm(forms.ModelForm):
    class Meta:
        model = RelatedArticle
        fields = ["related", "rank", "reason"]

    def validate_unique(self) -> None:
        # Pinning an article the engine already picked is allowed: the
        # computed entry is replaced on save. Only pinned twice is an error.
        related = self.cleaned_data.get("related")
        article_id = self.instance.article_id
        if related is None or article_id is None:
            return
        if related.pk == article_id:
            self.add_error("related", "An article cannot be related to itself.")
        elif RelatedArticle.objects.filter(article_id=article_id, related=related, pinned=True).exclude(
            pk=self.instance.pk
        ).exists():
            self.add_error("related", "This article is already pinned.")

    def save(self, commit: bool = True) -> RelatedArticle:
        self.instance.pinned = True
        RelatedArticle.objects.filter(
            article_id=self.instance.article_id, related=self.instance.related, pinned=False
        ).delete()
        return super().save(commit=commit)


class PinnedRelatedInline(SafeAutocompleteAdminMixin, admin.TabularInline):
    """Related articles chosen by an editor; shown to readers before the
    computed ones, in rank order."""

    model = RelatedArticle
    form = PinnedRelatedForm
    fk_name = "article"
    fields = ["related", "rank", "reason"]
    autocomplete_fields = ["related"]
    extra = 0
    verbose_name = "pinned related article"
    verbose_name_plural = "You Might Also Like: pinned picks (shown first)"

    def get_queryset(self, request):
        return super().get_queryset(request).filter(pinned=True).select_related("related")



class ComputedRelatedInline(admin.TabularInline):
    """The engine's picks, read-only: why each was chosen and how strongly."""

    model = RelatedArticle
    fk_name = "article"
    fields = ["rank", "related", "reason", "score", "signal_scores", "shared"]
    readonly_fields = fields
    extra = 0
    max_num = 0
    can_delete = False
    verbose_name = "computed related article"
    verbose_name_plural = "You Might Also Like: computed picks (refreshed on publish)"

    def get_queryset(self, request):
        return super().get_queryset(request).filter(pinned=False).select_related("related")

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description="signals")
    def signal_scores(self, obj: RelatedArticle):
        s = obj.signals or {}
        return format_html_join(
            ", ", "{}: {}", ((name, f"{float(s.get(name, 0)):.3f}") for name in
                             ("text", "words", "tags", "entities", "recency"))
        )

    @admin.display(description="shared tags / entities")
    def shared(self, obj: RelatedArticle):
        s = obj.signals or {}
        return format_html("{} / {}", ", ".join(s.get("shared_tags", [])) or "—",
                           ", ".join(s.get("shared_entities", [])) or "—")
