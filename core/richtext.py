"""The one definition of rich text (article bodies, and any other body field).

``BODY_EXTENSIONS`` is the django-prose-editor configuration: the buttons the
editor shows and the document schema it enforces. The nh3 allow-list in
``core/sanitize.py`` is derived from the same dictionary
(``allowlist_from_extensions``), so what a writer can produce in the editor
and what the server keeps on save are one set. Pasted Word or Google Docs HTML
goes through the editor's schema (styles, classes, spans and scripts have no
place in it) and then through the sanitizer on save, whatever the browser sent.

``core.fields.RichTextField`` is the model field a body uses.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from django_prose_editor.config import allowlist_from_extensions, html_tags, process_link, process_table
from js_asset import static_lazy

URL_SCHEMES = ("http", "https", "mailto")

# The story's structures, in the order of the editor's menu groups.
BODY_EXTENSIONS: dict[str, Any] = {
    "Heading": {"levels": [2, 3, 4]},
    "Bold": True,
    "Italic": True,
    # No target attribute: the site marks external links (new tab, labelled)
    # when it renders them (core/templatetags/reader.py), so stored HTML
    # stays as written.
    "Link": {
        "enableTarget": False,
        "protocols": list(URL_SCHEMES),
        "HTMLAttributes": {"target": None, "rel": None},
    },
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HorizontalRule": True,
    "HardBreak": True,
    "Table": True,
    "TableRow": True,
    "TableHeader": True,
    "TableCell": True,
    # Glossaries in existing stories (<dl>); static/admin_extra/prose_extensions.js
    "DescriptionList": True,
    "DescriptionTerm": True,
    "DescriptionDetails": True,
    # A picture from the image library (images/), placed from the picker
    # beside the editor: <figure data-library-image="ID"> with a preview <img>
    # and the caption; the public page renders the library's current figure.
    "LibraryImage": True,
    # Editing the HTML source directly (parsed back through the same schema).
    "HTML": True,
    "History": True,
    # Editor plumbing, no HTML: keeps Tiptap from injecting a <style> (CSP),
    # and cleans pasted Word/Google Docs HTML of styles before it is parsed.
    "NoInjectedStyle": True,
    "PasteCleaner": True,
}


def _table_header(config, shared_config) -> None:
    # prose_extensions.js keeps a header cell's scope ("col"/"row").
    html_tags(["th"], {"th": ["scope"]})(config, shared_config)


def _link(config, shared_config) -> None:
    # Stored links carry no rel (the editor is told not to write one, above):
    # the site adds rel and target to external links when it renders them.
    process_link(config, shared_config)
    shared_config["attributes"]["a"].discard("rel")


def _table(config, shared_config) -> None:
    # prose_extensions.js writes a plain <table><tbody>, with no style, and
    # keeps a table's plain-text <caption>.
    process_table(config, shared_config)
    html_tags(["caption"])(config, shared_config)


# The project's own editor extensions: their JavaScript module and what each
# adds to the allow-list. Read by django-prose-editor through the
# DJANGO_PROSE_EDITOR_EXTENSIONS setting.
PROSE_EDITOR_EXTENSIONS = [
    {
        "js": [static_lazy("admin_extra/prose_extensions.js")],
        "extensions": {
            "DescriptionList": html_tags(["dl"]),
            "DescriptionTerm": html_tags(["dt"]),
            "DescriptionDetails": html_tags(["dd"]),
            "TableHeader": _table_header,
            "Table": _table,
            "Link": _link,
            "LibraryImage": html_tags(
                ["figure", "img", "figcaption"],
                {"figure": ["data-library-image"], "img": ["src", "alt", "width", "height"]},
            ),
            "NoInjectedStyle": html_tags([]),
            "PasteCleaner": html_tags([]),
        },
    }
]

# Tags outside the set with a twin inside it (what the editor itself makes of
# them when it parses HTML); the sanitizer renames them before cleaning.
TAG_ALIASES = {"b": "strong", "i": "em", "h1": "h2", "h5": "h4", "h6": "h4"}

BODY_CONFIG: dict[str, Any] = {"extensions": BODY_EXTENSIONS}


@cache
def body_allowlist() -> tuple[frozenset[str], dict[str, frozenset[str]]]:
    """Tags and per-tag attributes the body editor can produce."""
    config = allowlist_from_extensions(BODY_EXTENSIONS)
    tags = frozenset(config["tags"])
    attributes = {tag: frozenset(attrs) for tag, attrs in config["attributes"].items() if tag in tags}
    return tags, attributes
