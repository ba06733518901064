"""Model fields shared by the apps."""

from __future__ import annotations

from django.contrib.admin.widgets import AdminTextareaWidget
from django_prose_editor.fields import ProseEditorField

from core.admin_widgets import RichTextAdminWidget, RichTextWidget
from core.richtext import BODY_CONFIG
from core.sanitize import sanitize_html


class RichTextField(ProseEditorField):
    """A body of rich text: the prose editor (``core.richtext.BODY_EXTENSIONS``)
    in forms, sanitized by the allow-list derived from the same configuration
    when a form or ``full_clean`` cleans it. Its column is a plain
    ``TextField`` (the field deconstructs as one), so moving a body to it
    changes no schema. Models still sanitize in ``save()``: imports and
    services write without forms."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("config", {"extensions": dict(BODY_CONFIG["extensions"])})
        kwargs.setdefault("sanitize", sanitize_html)
        super().__init__(*args, **kwargs)

    def formfield(self, **kwargs):
        widget = kwargs.get("widget")
        admin = widget is not None and (
            isinstance(widget, AdminTextareaWidget)
            or (isinstance(widget, type) and issubclass(widget, AdminTextareaWidget))
        )
        kwargs["widget"] = RichTextAdminWidget if admin else RichTextWidget
        return super().formfield(**{"sanitize": sanitize_html, **kwargs})
