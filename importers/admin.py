from django.contrib import admin

from .models import ImportedAsset


@admin.register(ImportedAsset)
class ImportedAssetAdmin(admin.ModelAdmin):
    """Media an import recorded by URL: what to fetch or re-upload by hand."""

    list_display = ["source_url", "kind", "article", "created_at"]
    list_filter = ["kind"]
    list_select_related = ["article"]
    search_fields = ["source_url", "title", "article__title"]
    readonly_fields = ["article", "kind", "source_url", "source_id", "title", "created_at"]

    def has_add_permission(self, request) -> bool:
        return False
