"""Admin form pieces shared by the apps."""

from django import forms
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.html import format_html
from django_prose_editor.widgets import AdminProseEditorWidget, ProseEditorWidget

# Tiptap's base styles as a file (the CSP refuses the <style> it would inject).
_PROSE_BASE = forms.Media(css={"all": ["admin_extra/prose_base.css"]})


class RichTextWidget(ProseEditorWidget):
    """The body editor outside the admin (core.fields.RichTextField)."""

    @property
    def media(self):
        return super().media + _PROSE_BASE


class RichTextAdminWidget(AdminProseEditorWidget):
    """The body editor in the admin (core.fields.RichTextField)."""

    @property
    def media(self):
        return super().media + _PROSE_BASE


class LinesWidget(forms.Textarea):
    """One item per line; lines_editor.js turns it into a list editor (add,
    remove, reorder), keeping this textarea as the posted field."""

    class Media:
        js = ["admin_extra/lines_editor.js"]

    def __init__(self, item_name: str = "Line", attrs=None):
        super().__init__(attrs={"rows": 4, "cols": 80, "data-lines-editor": item_name, **(attrs or {})})


class PlainHiddenInput(forms.HiddenInput):
    """A hidden input with no ARIA attributes and nothing for a label to
    point at. Django's BoundField gives a field's hidden copy (its
    ``show_hidden_initial`` value) the visible widget's
    ``aria-describedby``, and the admin's fieldset renders a ``<label for>``
    even for a hidden field: both are errors for the Nu checker."""

    def get_context(self, name, value, attrs):
        attrs = {k: v for k, v in (attrs or {}).items() if not k.startswith("aria-")}
        return super().get_context(name, value, attrs)

    def id_for_label(self, id_):
        return ""


class LinesField(forms.CharField):
    """Edits a JSON list of strings as a textarea, one item per line."""

    widget = LinesWidget

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


BIGINT_MAX = 2**63 - 1


def is_valid_key(field: models.Field, value) -> bool:
    """Whether ``value`` can be looked up in ``field`` without the database
    refusing it: a garbled id raises ValueError, and on SQLite an integer
    past 64 bits raises OverflowError (both a 500)."""
    try:
        key = field.to_python(value)
    except (ValidationError, ValueError, TypeError):
        return False
    return not (isinstance(field, models.IntegerField) and isinstance(key, int) and abs(key) > BIGINT_MAX)


class _SafeOptgroups:
    """Admin autocomplete widgets re-render an invalid form by filtering the
    submitted ids straight into a query. Drop ids that are not valid keys
    (see ``is_valid_key``) before that query; the field's own validation
    still reports them as a form error."""

    def optgroups(self, name, value, attr=None):
        remote = self.field.remote_field
        model = remote.model
        to_field = model._meta.get_field(remote.field_name) if getattr(remote, "field_name", None) else model._meta.pk
        groups = super().optgroups(name, [v for v in value if is_valid_key(to_field, v)], attr)
        # An optional single choice starts with an empty <option>, which HTML
        # does not allow without a label (the W3C checker's error): say "none".
        for _group, options, _index in groups:
            for option in options:
                if option["value"] == "" and not option["label"]:
                    option["label"] = "—"
        return groups


class SafeAutocompleteSelect(_SafeOptgroups, AutocompleteSelect):
    pass


class SafeAutocompleteSelectMultiple(_SafeOptgroups, AutocompleteSelectMultiple):
    pass


class SafeModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Django's field hands the posted ids to an ``__in`` lookup as they
    are; on SQLite an id past the 64-bit integer range raises OverflowError
    (a 500 instead of a form error). Such ids are refused like any id that
    names no row."""

    def _check_values(self, value):
        key = self.to_field_name or "pk"
        field = self.queryset.model._meta.pk if key == "pk" else self.queryset.model._meta.get_field(key)
        for pk in value or ():
            if not is_valid_key(field, pk):
                raise ValidationError(self.error_messages["invalid_pk_value"], code="invalid_pk_value",
                                      params={"pk": pk})
        return super()._check_values(value)


class SafeAutocompleteAdminMixin:
    """For ModelAdmin and inlines: autocomplete fields get the safe widgets
    (Django builds its own only when no widget is given)."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = SafeAutocompleteSelect(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        kwargs.setdefault("form_class", SafeModelMultipleChoiceField)
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = SafeAutocompleteSelectMultiple(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class RichTextAdminMixin:
    """For a ModelAdmin with a rich-text field (``core.fields.RichTextField``):
    the editor's import map is an inline ``<script type="importmap">``, which
    the Content-Security-Policy admits only with this request's nonce
    (``script-src`` lists ``NONCE``; django-csp adds it to the header once a
    page has read it). The media of the form carries it to every tag."""

    def render_change_form(self, request, context, *args, **kwargs):
        media = context.get("media")
        if hasattr(media, "with_nonce") and hasattr(request, "csp_nonce"):
            context["media"] = media.with_nonce(request.csp_nonce)
        return super().render_change_form(request, context, *args, **kwargs)
