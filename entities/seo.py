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


def entity_jsonld(entity: Official | Enterprise | Regulator, *, positions=(), subsidiaries=(), children=()) -> dict:
    """The full description of a profile page's subject."""
    data: dict[str, Any] = {"@context": "https://schema.org", **entity_ref(entity)}
    alternate = [n for n in entity.all_names() if n != entity.name]
    if alternate:
        data["alternateName"] = alternate
    if isinstance(entity, Official):
        if entity.bio:
            data["description"] = entity.bio
        if entity.photo_renditions.get("card"):
            data["image"] = absolute_url(entity.photo_url("card"))
        if entity.born:
            data["birthDate"] = str(entity.born)
        current = [p for p in positions if p.is_current]
        if current:
            data["jobTitle"] = current[0].title
            orgs = [p.organisation for p in current if p.organisation]
            if orgs:
                data["worksFor"] = [entity_ref(o) for o in orgs]
    elif isinstance(entity, Enterprise):
        if entity.description:
            data["description"] = entity.description
        if entity.parent:
            data["parentOrganization"] = entity_ref(entity.parent)
        if subsidiaries:
            data["subOrganization"] = [entity_ref(s) for s in subsidiaries]
        if entity.logo_renditions.get("thumb"):
            data["logo"] = absolute_url(entity.logo_url("thumb"))
        if entity.headquarters:
            data["location"] = entity.headquarters
        if entity.tickers:
            data["tickerSymbol"] = list(entity.tickers)
    else:
        if entity.responsibilities:
            data["description"] = entity.responsibilities
        if entity.parent:
            data["parentOrganization"] = entity_ref(entity.parent)
        if children:
            data["subOrganization"] = [entity_ref(c) for c in children]
        if entity.jurisdiction:
            data["areaServed"] = entity.jurisdiction
    website = getattr(entity, "website", "")
    if website:
        data["sameAs"] = [*data.get("sameAs", []), website]
    return data
