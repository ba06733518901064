"""Officials, enterprises, regulators, authors and topics in the API."""

import datetime

import pytest

from articles.models import Article
from tests.factories import make_article, make_author, make_enterprise, make_official, make_position, make_regulator

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    sasac = make_regulator("SASAC", acronym="SASAC")
    regional = make_regulator("Inner Mongolia SASAC", parent=sasac, level="provincial")
    group = make_enterprise("China Northern Rare Earth Group", ownership="local_soe", regulator=regional,
                            tickers=["600111.SS"])
    official = make_official("Liu Hong", native_name="刘红")
    make_position(official, "Chairman", enterprise=group, start_date=datetime.date(2021, 5, 1), is_primary=True)
    make_position(official, "Deputy Director", regulator=regional, start_date=datetime.date(2016, 1, 1),
                  end_date=datetime.date(2021, 4, 30))
    make_article("Quota story", tags=["Quotas"], officials=[official], enterprises=[group],
                 regulators=[regional, sasac])
    make_article("Draft story", status=Article.Status.DRAFT, tags=["Secret merger"])
    return locals()


def test_official_with_positions(client, world, site_url):
    data = client.get("/api/officials/liu-hong/").json()
    assert data["name"] == "Liu Hong" and data["native_name"] == "刘红"
    chair, deputy = data["positions"]
    assert chair["title"] == "Chairman" and chair["organisation"] == "China Northern Rare Earth Group"
    assert chair["organisation_type"] == "enterprise" and chair["is_current"] is True
    assert chair["organisation_api_url"] == f"{site_url}/api/enterprises/china-northern-rare-earth-group/"
    assert deputy["end_date"] == "2021-04-30" and deputy["is_current"] is False
    assert data["articles_url"] == f"{site_url}/api/articles/?official=liu-hong"
    assert [a["title"] for a in client.get(data["articles_url"].removeprefix(site_url)).json()["results"]] == ["Quota story"]


def test_enterprise_and_regulator(client, world, site_url):
    e = client.get("/api/enterprises/china-northern-rare-earth-group/").json()
    assert e["is_state_owned"] is True and e["tickers"] == ["600111.SS"]
    assert e["regulator"]["slug"] == "inner-mongolia-sasac" and e["parent"] is None
    r = client.get("/api/regulators/inner-mongolia-sasac/").json()
    assert r["parent"]["api_url"] == f"{site_url}/api/regulators/sasac/" and r["level"] == "provincial"
    assert [x["slug"] for x in client.get("/api/regulators/").json()["results"]] == ["inner-mongolia-sasac", "sasac"]


def test_tags_list_only_topics_with_published_articles(client, world):
    data = client.get("/api/tags/").json()
    assert [(t["slug"], t["article_count"]) for t in data["results"]] == [("quotas", 1)]
    assert client.get("/api/tags/secret-merger/").status_code == 404
    assert client.get("/api/tags/quotas/").json()["feed_url"].endswith("/topics/quotas/feed/json/")


def test_authors(client):
    make_author("Li Wen")
    assert client.get("/api/authors/li-wen/").json()["name"] == "Li Wen"


@pytest.mark.parametrize("url", [
    "/api/officials/nobody/", "/api/enterprises/nothing/", "/api/regulators/none/", "/api/tags/none/", "/api/authors/no-one/",
])
def test_unknown_slugs_are_404_in_json(client, world, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "detail" in response.json()
