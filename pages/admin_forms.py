"""The page edit form."""

from __future__ import annotations

from django import forms
from django.urls import Resolver404, resolve

from images.forms import LibraryPickerMixin

from .models import Page


class PageForm(LibraryPickerMixin, forms.ModelForm):
    class Meta:
        model = Page
        fields = ["title", "slug", "parent", "standfirst", "body", "seo_title", "seo_description", "lists_staff"]
        # The body's editor comes with its model field (core.fields.RichTextField),
        # the same as an article's.
        widgets = {"standfirst": forms.Textarea(attrs={"rows": 3})}

    def clean(self) -> dict:
        data = super().clean()
        slug, parent = data.get("slug"), data.get("parent")
        if not slug:
            return data
        if parent is not None and self.instance.pk and (parent.pk == self.instance.pk or
                                                        parent.path.startswith(f"{self.instance.path}/")):
            self.add_error("parent", "A page cannot sit under itself or one of its own pages.")
            return data
        path = f"{parent.path}/{slug}" if parent else slug
        try:
            match = resolve(f"/{path}/")
        except Resolver404:
            match = None
        if match is not None and match.view_name != "pages:detail":
            self.add_error("slug", f"/{path}/ is already an address of the site; choose another slug.")
        return data
