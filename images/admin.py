"""The image library in the admin: upload once (validated, metadata removed,
renamed), describe, set the focal point; the body editor's picker lists the
library through ``picker/``."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Q
from django.http import HttpRequest, JsonResponse
from django.urls import path

from core.admin_widgets import thumbnail

from .models import LibraryImage

PICKER_PAGE = 24


@admin.register(LibraryImage)
class LibraryImageAdmin(admin.ModelAdmin):
    list_display = ["thumb", "alt_text", "caption", "credit", "size", "created_at"]
    list_display_links = ["thumb", "alt_text"]
    search_fields = ["alt_text", "caption", "credit"]
    readonly_fields = ["preview", "size"]
    fieldsets = [
        (None, {"fields": ["file", "preview", "size", "alt_text", "caption", "credit"]}),
        ("Focal point", {"fields": ["focal_x", "focal_y"],
                         "description": "Crops of the picture (thumbnails, cards) are cut around this point."}),
    ]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)

    @admin.display(description="image")
    def thumb(self, obj: LibraryImage):
        return thumbnail(obj.rendition_url("square") or (obj.file.url if obj.file else ""), obj.alt_text)

    @admin.display(description="preview")
    def preview(self, obj: LibraryImage):
        return thumbnail(obj.rendition_url("small") or (obj.file.url if obj.file else ""), obj.alt_text, size=200)

    @admin.display(description="pixels")
    def size(self, obj: LibraryImage) -> str:
        return f"{obj.width} × {obj.height}" if obj.width else "—"

    def get_urls(self):
        return [
            path("picker/", self.admin_site.admin_view(self.picker_view), name="images_libraryimage_picker"),
            *super().get_urls(),
        ]

    def picker_view(self, request: HttpRequest) -> JsonResponse:
        """The newest library images (those matching ``q``, or the one
        ``id``) for the body editor's picker and the featured image's
        preview, as JSON."""
        if not self.has_view_permission(request):
            return JsonResponse({"images": []}, status=403)
        images = LibraryImage.objects.all()
        q = request.GET.get("q", "").strip()[:100]
        if request.GET.get("id", "").isdigit():  # one picture: the featured image's preview
            images = images.filter(pk=int(request.GET["id"]))
        elif q:
            images = images.filter(Q(alt_text__icontains=q) | Q(caption__icontains=q) | Q(credit__icontains=q))
        return JsonResponse({"images": [
            {
                "id": image.pk,
                "src": image.rendition_url("medium") or image.file.url,
                "thumb": image.rendition_url("square") or image.file.url,
                "card": image.rendition_url("card") or image.file.url,
                "alt": image.alt_text,
                "caption": image.caption,
                "credit": image.credit,
                "width": image.width,
                "height": image.height,
            }
            for image in images[:PICKER_PAGE]
        ]})
