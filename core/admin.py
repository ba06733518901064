from django.contrib import admin
from taggit.models import Tag

from articles.admin_tags import TagHygieneAdminMixin

# taggit registers Tag with no search, which autocomplete needs.
admin.site.unregister(Tag)


@admin.register(Tag)
class TagAdmin(TagHygieneAdminMixin, admin.ModelAdmin):
    list_display = ["name", "slug", "article_count"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ("name",)}
    ordering = ["name"]

# The task queue (core/admin_tasks.py).
from . import admin_tasks  # noqa: E402, F401
