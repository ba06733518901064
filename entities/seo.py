"""schema.org descriptions of the people and organisations we follow."""

from __future__ import annotations

from typing import Any

from core.seo import absolute_url

from .models import Enterprise, Official, Regulator


def schema_type(entity: Official | Enterprise | Regulator) -> str:
    if isinstance(entity, Official):
        return "Person"
    if isinstance(entity, Regulator):
        return "GovernmentOrganization"
    return "Organization"


def entity_ref(entity: Official | Enterprise | Regulator) -> dict[str, Any]:
    """A short reference to an entity, as used in an article's about/mentions."""
    url = absolute_url(entity.get_absolute_url())
    ref: dict[str, Any] = {"@type": schema_type(entity), "@id": url + "#id", "name": entity.name, "url": url}
    if links := entity.reference_links:
        ref["sameAs"] = links
    return ref
