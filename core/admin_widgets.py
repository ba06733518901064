"""Admin form pieces shared by the apps."""

from django import forms
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


class SafeAutocompleteAdminMixin:
    """Admin autocomplete widgets re-render an invalid form by filtering the
    submitted ids straight into a query; a non-numeric id (a forged or
    garbled POST) then raises ValueError, a 500. Drop ids that are not valid
    primary keys before the widget queries; the field's own validation
    still reports them as a form error."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        from django.contrib.admin.widgets import AutocompleteMixin

        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        widget = getattr(field, "widget", None)
        inner = getattr(widget, "widget", widget)
        if isinstance(inner, AutocompleteMixin) and not isinstance(inner, _SafeOptgroups):
            inner.__class__ = type(f"Safe{type(inner).__name__}", (_SafeOptgroups, type(inner)), {})
        return field


class _SafeOptgroups:
    def optgroups(self, name, value, attr=None):
        from django.core.exceptions import ValidationError

        model = self.field.remote_field.model
        to_field = model._meta.get_field(self.field.remote_field.field_name) if getattr(
            self.field.remote_field, "field_name", None) else model._meta.pk
        valid = []
        for v in value:
            try:
                to_field.to_python(v)
            except (ValidationError, ValueError, TypeError):
                continue
            valid.append(v)
        return super().optgroups(name, valid, attr)
