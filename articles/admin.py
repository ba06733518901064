"""Basic article admin; the editorial workflow (articles/workflow.py) adds
transitions, revisions, previews and checks on top of it."""

from django import forms
from django.contrib import admin

from core.admin_widgets import LinesField, thumbnail

from .admin_related import ComputedRelatedInline, PinnedRelatedInline
from .models import Article, ArticleAuthor, ArticleRedirect, Correction


class ArticleForm(forms.ModelForm):
    highlights = LinesField(required=False, help_text="One key point per line, in the order readers see them.")


class ArticleAuthorInline(admin.TabularInline):
    model = ArticleAuthor
    extra = 1
    autocomplete_fields = ["author"]
    verbose_name = "byline author"
    verbose_name_plural = "byline"


class CorrectionInline(admin.StackedInline):
    model = Correction
    extra = 0
    fields = ["kind", "text", "created_at", "created_by"]
    readonly_fields = ["created_by"]


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    form = ArticleForm
    list_display = ["thumb", "title", "status", "published_at", "byline", "updated_at"]
    list_display_links = ["thumb", "title"]
    list_filter = ["status", "published_at", "tags"]
    search_fields = ["title", "slug", "standfirst", "body"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ["officials", "enterprises", "regulators"]
    inlines = [ArticleAuthorInline, CorrectionInline, PinnedRelatedInline, ComputedRelatedInline]
    readonly_fields = ["created_at", "updated_at", "created_by", "version"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "standfirst", "highlights", "body"]}),
        ("Featured image", {"fields": ["featured_image", "featured_image_alt", "featured_image_caption",
                                       "featured_image_credit"]}),
        ("Topics and mentions", {"fields": ["tags", "officials", "enterprises", "regulators"]}),
        ("Publication", {"fields": ["status", "published_at", "expires_at"]}),
        ("Record", {"classes": ["collapse"], "fields": ["source_url", "created_by", "created_at", "updated_at",
                                                        "version"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("authors")

    def save_model(self, request, obj, form, change):
        if not change and obj.created_by_id is None:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    @admin.display(description="Image")
    def thumb(self, obj: Article):
        return thumbnail(obj.image_url("thumb"), obj.featured_image_alt)

    @admin.display(description="Byline")
    def byline(self, obj: Article) -> str:
        return ", ".join(a.display_name for a in obj.authors.all()) or "—"


@admin.register(ArticleRedirect)
class ArticleRedirectAdmin(admin.ModelAdmin):
    list_display = ["old_path", "article", "created_at"]
    search_fields = ["old_path", "article__title"]
    autocomplete_fields = ["article"]


@admin.register(Correction)
class CorrectionAdmin(admin.ModelAdmin):
    list_display = ["article", "kind", "created_at", "created_by"]
    list_filter = ["kind", "created_at"]
    list_select_related = ["article", "created_by"]
    search_fields = ["article__title", "text"]
    autocomplete_fields = ["article"]
    date_hierarchy = "created_at"
