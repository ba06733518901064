from django.contrib import admin

from core.admin_widgets import thumbnail

from .models import AuthorProfile


@admin.register(AuthorProfile)
class AuthorProfileAdmin(admin.ModelAdmin):
    list_display = ["thumb", "display_name", "role", "user"]
    list_display_links = ["thumb", "display_name"]
    list_select_related = ["user"]
    search_fields = ["display_name", "slug", "user__username", "user__email"]
    prepopulated_fields = {"slug": ("display_name",)}
    autocomplete_fields = ["user"]

    @admin.display(description="Photo")
    def thumb(self, obj: AuthorProfile):
        return thumbnail(obj.photo_url("thumb"), obj.display_name)
