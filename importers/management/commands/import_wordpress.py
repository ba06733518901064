from importers.command import ImportCommand
from importers.wordpress import WxrSource
from importers.wordpress_site import import_wordpress_site


class Command(ImportCommand):
    help = (
        "Import posts, pages, menus, categories, tags, authors and media references from a WordPress export "
        "(WXR 1.0–1.2). Safe to run again: articles are matched by their WordPress post id."
    )
    unit = "item"
    can_download_media = True

    def make_source(self, path: str) -> WxrSource:
        return WxrSource(path)

    def after_import(self, source: WxrSource) -> list[str]:
        return import_wordpress_site(source=source).report_lines()
