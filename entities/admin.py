from django import forms
from django.contrib import admin

from core.admin_widgets import LinesField, SafeAutocompleteAdminMixin, thumbnail

from .models import Enterprise, Official, Position, Regulator


class EntityForm(forms.ModelForm):
    aliases = LinesField(required=False, help_text="Other names and spellings, one per line.")
    same_as = LinesField(required=False, help_text="Reference URLs (Wikipedia, Wikidata), one per line.")


class EnterpriseForm(EntityForm):
    tickers = LinesField(required=False, help_text="One ticker per line, e.g. 600111.SS")


class PositionInline(SafeAutocompleteAdminMixin, admin.TabularInline):
    model = Position
    fk_name = "official"
    extra = 1
    autocomplete_fields = ["enterprise", "regulator"]
    fields = ["title", "enterprise", "regulator", "organisation_name", "start_date", "end_date", "is_primary"]


class EntityAdmin(SafeAutocompleteAdminMixin, admin.ModelAdmin):
    form = EntityForm
    search_fields = ["name", "native_name", "search_names", "slug"]
    prepopulated_fields = {"slug": ("name",)}
    readonly_fields = ["created_at", "updated_at"]
    list_per_page = 50


@admin.register(Official)
class OfficialAdmin(EntityAdmin):
    list_display = ["thumb", "name", "native_name", "current_position", "updated_at"]
    list_display_links = ["thumb", "name"]
    inlines = [PositionInline]
    fields = ["name", "native_name", "slug", "aliases", "photo", "photo_alt", "bio", "born", "same_as",
              "profile_published", "created_at", "updated_at"]
    list_filter = ["profile_published"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("positions__enterprise", "positions__regulator")

    @admin.display(description="Photo")
    def thumb(self, obj: Official):
        return thumbnail(obj.photo_url("thumb"), obj.photo_alt)

    @admin.display(description="Current position")
    def current_position(self, obj: Official) -> str:
        current = [p for p in obj.positions.all() if p.end_date is None]
        return str(current[0]) if current else "—"


@admin.register(Enterprise)
class EnterpriseAdmin(EntityAdmin):
    form = EnterpriseForm
    list_display = ["thumb", "name", "native_name", "ownership", "parent", "regulator"]
    list_display_links = ["thumb", "name"]
    list_filter = ["ownership", "regulator", "profile_published"]
    list_select_related = ["parent", "regulator"]
    autocomplete_fields = ["parent", "regulator"]

    @admin.display(description="Logo")
    def thumb(self, obj: Enterprise):
        return thumbnail(obj.logo_url("thumb"), obj.name)


@admin.register(Regulator)
class RegulatorAdmin(EntityAdmin):
    list_display = ["name", "acronym", "native_name", "level", "parent", "jurisdiction"]
    list_filter = ["level", "profile_published"]
    list_select_related = ["parent"]
    search_fields = [*EntityAdmin.search_fields, "acronym", "jurisdiction"]
    autocomplete_fields = ["parent"]


@admin.register(Position)
class PositionAdmin(SafeAutocompleteAdminMixin, admin.ModelAdmin):
    list_display = ["official", "title", "organisation_label", "start_date", "end_date"]
    list_select_related = ["official", "enterprise", "regulator"]
    search_fields = ["official__name", "title", "organisation_name", "enterprise__name", "regulator__name"]
    autocomplete_fields = ["official", "enterprise", "regulator"]
    date_hierarchy = "start_date"
