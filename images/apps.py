from django.apps import AppConfig


class ImagesConfig(AppConfig):
    name = "images"
    verbose_name = "Image library"

    def ready(self) -> None:
        from pagecache.dependencies import track

        from .models import LibraryImage

        # A page showing a library image is purged when the image changes
        # (caption, credit, focal point, renditions made).
        track(LibraryImage, kind="image")
