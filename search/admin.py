"""Search in the admin: the synonym groups editors keep, and the entity
lists searched as the reader's search finds profiles (any alias, Chinese
name, a near spelling). The article list's search is in newsroom/admin.py,
through ``search.forgiving.find_articles``."""

from __future__ import annotations

from django import forms
from django.contrib import admin

from core.admin_widgets import LinesField
from entities.admin import EnterpriseAdmin, OfficialAdmin, RegulatorAdmin
from entities.models import Enterprise, Official, Regulator

from .entity_matches import matching_entities
from .models import SynonymGroup


class SynonymGroupForm(forms.ModelForm):
    aliases = LinesField(required=False, help_text="Symbols, Chinese names, acronyms and other spellings, one per line.")

    class Meta:
        model = SynonymGroup
        fields = ["name", "aliases"]


@admin.register(SynonymGroup)
class SynonymGroupAdmin(admin.ModelAdmin):
    form = SynonymGroupForm
    list_display = ["name", "alias_list", "updated_at"]
    search_fields = ["name", "aliases"]

    @admin.display(description="Searched as the same term")
    def alias_list(self, obj: SynonymGroup) -> str:
        return " · ".join(obj.aliases or [])


class EngineSearchMixin:
    """The admin's own search (the model's ``search_fields``) plus what the
    search engine matches by name."""

    def get_search_results(self, request, queryset, search_term):
        results, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if search_term and search_term.strip():
            results = results | queryset.filter(pk__in=matching_entities(self.model, search_term).values("pk"))
        return results, may_have_duplicates


for _model, _admin in ((Official, OfficialAdmin), (Enterprise, EnterpriseAdmin), (Regulator, RegulatorAdmin)):
    admin.site.unregister(_model)
    admin.site.register(_model, type(_admin.__name__, (EngineSearchMixin, _admin), {"__module__": __name__}))
