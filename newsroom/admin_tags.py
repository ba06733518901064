"""Tag hygiene in the Tag admin: merge duplicates (with a page to choose the
tag to keep) and rename, both leaving redirects from old topic URLs."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.template.response import TemplateResponse
from taggit.models import Tag

from .tags import may_manage_tags, tag_merge, tag_rename


class TagForm(forms.ModelForm):
    class Meta:
        model = Tag
        fields = ["name", "slug"]

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if Tag.objects.exclude(pk=self.instance.pk).filter(name__iexact=name).exists():
            raise ValidationError("A tag with this name already exists: merge the two instead.")
        return name


class MergeForm(forms.Form):
    keep = forms.ModelChoiceField(queryset=Tag.objects.none(), widget=forms.RadioSelect, empty_label=None,
                                  label="Tag to keep")

    def __init__(self, *args, tags, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["keep"].queryset = tags


class TagHygieneAdminMixin:
    """Mix into the Tag admin (before ModelAdmin)."""

    form = TagForm
    actions = ["merge_tags"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(article_count=Count("articles_taggedarticle_items", distinct=True))

    @admin.display(description="Articles", ordering="article_count")
    def article_count(self, obj) -> int:
        return obj.article_count

    def save_model(self, request, obj, form, change):
        if not change or not ({"name", "slug"} & set(form.changed_data)):
            return super().save_model(request, obj, form, change)
        if not may_manage_tags(request.user):
            raise PermissionDenied("Only editors may rename tags.")
        # Through the service, so a changed slug leaves a redirect.
        tag_rename(tag=obj, name=form.cleaned_data["name"], slug=form.cleaned_data["slug"], user=request.user)

    @admin.action(description="Merge selected tags into one…", permissions=["delete"])
    def merge_tags(self, request, queryset):
        if not may_manage_tags(request.user):
            raise PermissionDenied("Only editors may merge tags.")
        tags = queryset.order_by("-article_count", "name")
        if tags.count() < 2:
            self.message_user(request, "Select at least two tags to merge.", messages.WARNING)
            return None
        form = MergeForm(request.POST if "keep" in request.POST else None, tags=tags,
                         initial={"keep": tags.first()})
        if form.is_bound and form.is_valid():
            keep = form.cleaned_data["keep"]
            merged = [t for t in tags if t.pk != keep.pk]
            names = ", ".join(t.name for t in merged)
            article_ids = tag_merge(keep=keep, merge=merged, user=request.user)
            self.message_user(
                request,
                f"Merged {names} into {keep.name}: {len(article_ids)} article(s) moved; old topic URLs redirect.",
                messages.SUCCESS,
            )
            return None
        return TemplateResponse(request, "admin/taggit/tag/merge.html", {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": "Merge tags",
            "form": form,
            "tags": tags,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        })
