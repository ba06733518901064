"""The image library beside a rich-text body in an admin form."""

from __future__ import annotations

from django import forms
from django.forms.widgets import Script
from django.urls import reverse


class LibraryPickerMixin(forms.Form):
    """For a ModelForm with a ``body`` (core.fields.RichTextField): the
    library's picker next to the editor (static/admin_extra/image_picker.js),
    which places a picture at the cursor; articles and pages alike. A
    ``featured_image`` (a library image) gets a preview of the chosen
    picture, with its card crop (static/admin_extra/featured_preview.js)."""

    class Media:
        js = [Script("admin_extra/image_picker.js", type="module"),
              Script("admin_extra/featured_preview.js", type="module")]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        picker = reverse("admin:images_libraryimage_picker")
        if "body" in self.fields:
            self.fields["body"].widget.attrs["data-image-picker"] = picker
        if "featured_image" in self.fields:
            widget = self.fields["featured_image"].widget
            widget = getattr(widget, "widget", widget)  # inside the admin's related-object wrapper
            widget.attrs["data-image-preview"] = picker
