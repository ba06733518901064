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
