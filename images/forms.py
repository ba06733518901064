"""The image library beside a rich-text body in an admin form."""

from __future__ import annotations

from django import forms
from django.forms.widgets import Script
from django.urls import reverse


class LibraryPickerMixin(forms.Form):
    """For a ModelForm with a ``body`` (core.fields.RichTextField): the
    library's picker next to the editor (static/admin_extra/image_picker.js),
    which places a picture at the cursor; articles and pages alike."""

    class Media:
        js = [Script("admin_extra/image_picker.js", type="module")]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if "body" in self.fields:
            self.fields["body"].widget.attrs["data-image-picker"] = reverse("admin:images_libraryimage_picker")
