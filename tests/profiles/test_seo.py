"""The schema.org description of each profile's subject, and directory canonicals."""

import pytest
from django.conf import settings

from tests.public.helpers import head, jsonld, text

pytestmark = pytest.mark.django_db


def test_official_person_jsonld(client, newsroom):
    (data,) = jsonld(text(client.get(newsroom.wang.get_absolute_url())))
    assert data["@type"] == "Person" and data["name"] == "Wang Lei"
    assert "王磊" in data["alternateName"]
    assert data["jobTitle"] == "Chairman"
    assert data["worksFor"][0]["url"] == settings.SITE_URL + newsroom.northern.get_absolute_url()


def test_enterprise_organization_jsonld_with_parent_and_same_as(client, newsroom):
    (data,) = jsonld(text(client.get(newsroom.northern.get_absolute_url())))
    assert data["@type"] == "Organization"
    assert data["parentOrganization"]["name"] == "China Rare Earth Group"
    assert data["parentOrganization"]["sameAs"] == ["https://en.wikipedia.org/wiki/China_Rare_Earth_Group"]
    (group,) = jsonld(text(client.get(newsroom.group.get_absolute_url())))
    assert group["sameAs"] == ["https://en.wikipedia.org/wiki/China_Rare_Earth_Group"]
    assert [s["name"] for s in group["subOrganization"]] == ["Northern Rare Earth"]


def test_regulator_government_organization_jsonld(client, newsroom):
    (data,) = jsonld(text(client.get(newsroom.im_sasac.get_absolute_url())))
    assert data["@type"] == "GovernmentOrganization"
    assert data["parentOrganization"]["@type"] == "GovernmentOrganization"
    assert data["parentOrganization"]["sameAs"] == ["https://www.wikidata.org/wiki/Q1378968"]
    assert data["areaServed"] == "Inner Mongolia Autonomous Region"


def test_filtered_directory_keeps_its_filter_in_the_canonical_url(client, newsroom):
    h = head(text(client.get("/enterprises/?ownership=foreign&utm_source=x")))
    assert h.links["canonical"] == settings.SITE_URL + "/enterprises/?ownership=foreign"
    assert head(text(client.get("/?utm_source=x"))).links["canonical"] == settings.SITE_URL + "/"
