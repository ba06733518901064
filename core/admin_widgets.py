"""Admin form pieces shared by the apps."""

from django import forms
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import ValidationError
from django.utils.html import format_html


class LinesField(forms.CharField):
    """Edits a JSON list of strings as a textarea, one item per line."""

    widget = forms.Textarea(attrs={"rows": 4, "cols": 80})

    def prepare_value(self, value):
        if isinstance(value, list):
            return "\n".join(value)
        return value

    def to_python(self, value):
        if isinstance(value, list):
            return value
        text = super().to_python(value) or ""
        return [line.strip() for line in text.splitlines() if line.strip()]

    def validate(self, value):
        if self.required and not value:
            raise forms.ValidationError(self.error_messages["required"], code="required")


def thumbnail(url: str, alt: str = "", size: int = 60):
    """An <img> for change lists; escaped by format_html."""
    if not url:
        return "—"
    # Size by attribute, not style=: the CSP allows no inline styles.
    return format_html('<img src="{}" alt="{}" height="{}" loading="lazy">', url, alt, size)


class _SafeOptgroups:
    """Admin autocomplete widgets re-render an invalid form by filtering the
    submitted ids straight into a query; a non-numeric id (a forged or
    garbled POST) then raises ValueError, a 500. Drop ids that are not valid
    keys before that query; the field's own validation still reports them
    as a form error."""

    def optgroups(self, name, value, attr=None):
        remote = self.field.remote_field
        model = remote.model
        to_field = model._meta.get_field(remote.field_name) if getattr(remote, "field_name", None) else model._meta.pk
        valid = []
        for v in value:
            try:
                to_field.to_python(v)
            except (ValidationError, ValueError, TypeError):
                continue
            valid.append(v)
        return super().optgroups(name, valid, attr)


class SafeAutocompleteSelect(_SafeOptgroups, AutocompleteSelect):
    pass


class SafeAutocompleteSelectMultiple(_SafeOptgroups, AutocompleteSelectMultiple):
    pass


class SafeAutocompleteAdminMixin:
    """For ModelAdmin and inlines: autocomplete fields get the safe widgets
    (Django builds its own only when no widget is given)."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = SafeAutocompleteSelect(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = SafeAutocompleteSelectMultiple(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_manytomany(db_field, request, **kwargs)
