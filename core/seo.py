"""What search engines and social sites read: absolute URLs, page meta and
JSON-LD rendered safely inside a <script> element."""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.utils.safestring import SafeString, mark_safe

DEFAULT_DESCRIPTION = (
    "Independent reporting on the rare-earth industry: its politics, state-owned enterprises, regulators and markets."
)

# json.dumps leaves these alone; inside <script> they could end the element
# ("</script>") or open a comment, so they become JSON escapes (as json_script does).
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def absolute_url(path_or_url: str) -> str:
    """``path_or_url`` on the canonical public site (SITE_URL)."""
    if not path_or_url:
        return ""
    if path_or_url.startswith(("http://", "https://")):
        return path_or_url
    return settings.SITE_URL + ("" if path_or_url.startswith("/") else "/") + path_or_url


def page_meta(*, title: str, description: str = "", image: str = "", og_type: str = "website") -> dict[str, str]:
    """Context for base.html's <title>, description, Open Graph and Twitter tags."""
    text = " ".join((description or "").split())
    if len(text) > 300:
        text = text[:297].rsplit(" ", 1)[0] + "…"
    return {
        "meta_title": title,
        "meta_description": text or DEFAULT_DESCRIPTION,
        "meta_image": absolute_url(image),
        "og_type": og_type,
    }


def jsonld_script(data: dict[str, Any] | list[Any]) -> SafeString:
    """A <script type="application/ld+json"> element holding ``data``."""
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str).translate(_SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{payload}</script>')  # noqa: S308 (escaped above)
