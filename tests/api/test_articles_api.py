"""The article endpoints as a partner's app uses them."""

import datetime

import pytest
from django.utils import timezone

from articles.models import Article, ArticleRedirect, Correction
from tests.factories import image_upload, make_article, make_author, make_enterprise, make_official, make_regulator

pytestmark = pytest.mark.django_db


def day(y, m, d, h=12):
    return datetime.datetime(y, m, d, h, tzinfo=datetime.UTC)


@pytest.fixture
def world(django_capture_on_commit_callbacks):
    author, other = make_author("Li Wen"), make_author("Maria Costa")
    official, enterprise, regulator = make_official("Zhang Wei"), make_enterprise("Baotou Steel"), make_regulator("SASAC")
    a = make_article("Quota rises", published_at=day(2025, 3, 1), tags=["Quotas"], authors=[author],
                     officials=[official], regulators=[regulator])
    with django_capture_on_commit_callbacks(execute=True):  # the renditions task
        b = make_article("Magnets slow", published_at=day(2025, 3, 10), tags=["Magnets", "Quotas"],
                         authors=[other, author], enterprises=[enterprise],
                         body='<p><a href="/articles/quota-rises/">earlier</a></p>',
                         featured_image=image_upload(), featured_image_alt="Factory floor")
    b.refresh_from_db()
    c = make_article("Prices steady", published_at=day(2025, 4, 2), tags=["Prices"], authors=[other])
    draft = make_article("Secret deal", status=Article.Status.DRAFT, tags=["Quotas"], authors=[author],
                         officials=[official], enterprises=[enterprise], regulators=[regulator])
    future = make_article("Tomorrow", status=Article.Status.SCHEDULED, published_at=timezone.now() + datetime.timedelta(days=1),
                          tags=["Quotas"], authors=[author])
    return locals()


def slugs(response):
    assert response.status_code == 200, response.content
    return [a["slug"] for a in response.json()["results"]]


def test_list_is_newest_first_and_never_shows_unpublished(client, world):
    response = client.get("/api/articles/")
    assert slugs(response) == ["prices-steady", "magnets-slow", "quota-rises"]
    body = response.content.decode()
    assert "Secret deal" not in body and "Tomorrow" not in body
    assert response.json()["count"] == 3
    assert response["Cache-Control"] == "public, max-age=60"


@pytest.mark.parametrize(("query", "expected"), [
    ("tag=quotas", ["magnets-slow", "quota-rises"]),
    ("tag=magnets", ["magnets-slow"]),
    ("official=zhang-wei", ["quota-rises"]),
    ("enterprise=baotou-steel", ["magnets-slow"]),
    ("regulator=sasac", ["quota-rises"]),
    ("author=li-wen", ["magnets-slow", "quota-rises"]),
    ("author=maria-costa&tag=quotas", ["magnets-slow"]),
    ("published_from=2025-03-10", ["prices-steady", "magnets-slow"]),
    ("published_to=2025-03-10", ["magnets-slow", "quota-rises"]),
    ("published_from=2025-03-02&published_to=2025-03-31", ["magnets-slow"]),
    ("tag=no-such-topic", []),
    ("published_from=0001-01-01&published_to=9999-12-31", ["prices-steady", "magnets-slow", "quota-rises"]),
    ("tag=%E7%A8%80%E5%9C%9F", []),
    ("unknown_parameter=1", ["prices-steady", "magnets-slow", "quota-rises"]),
    ("official=nobody", []),
])
def test_filters(client, world, query, expected):
    assert slugs(client.get(f"/api/articles/?{query}")) == expected


@pytest.mark.parametrize(("query", "bad"), [
    ("published_from=yesterday", "published_from"),
    ("published_to=2025-13-45", "published_to"),
    ("published_from=2025-04-01&published_to=2025-03-01", "published_to"),
    ("tag=" + "x" * 300, "tag"),
    ("official=a%00b", "official"),
])
def test_bad_filter_values_are_a_400_naming_the_parameter(client, world, query, bad):
    response = client.get(f"/api/articles/?{query}")
    assert response.status_code == 400
    assert list(response.json()) == [bad]
    assert response.json()[bad][0]


def test_detail_has_body_highlights_tags_entities_corrections_and_related(client, world, site_url):
    Correction.objects.create(article=world["b"], text="The plant is in Baotou, not Ganzhou.")
    response = client.get("/api/articles/magnets-slow/")
    assert response.status_code == 200
    data = response.json()
    assert data["title"] == "Magnets slow"
    assert data["id"] == world["b"].pk
    assert data["guid"].endswith(f":article:{world['b'].pk}")
    assert f'href="{site_url}/articles/quota-rises/"' in data["body"]
    assert data["highlights"] == world["b"].highlights
    assert [t["slug"] for t in data["tags"]] == ["magnets", "quotas"]
    assert [a["slug"] for a in data["authors"]] == ["maria-costa", "li-wen"]
    assert data["enterprises"][0]["api_url"] == f"{site_url}/api/enterprises/baotou-steel/"
    assert data["corrections"][0]["text"].startswith("The plant is in Baotou")
    assert [r["slug"] for r in data["related"]] == ["quota-rises"]  # shares "Quotas"; drafts never
    assert data["image"]["type"] == "image/webp" and data["image"]["bytes"] > 0
    assert data["web_url"] == f"{site_url}/articles/magnets-slow/"


@pytest.mark.parametrize("slug", ["secret-deal", "tomorrow", "no-such-article", "a%00b", "%E7%A8%80"])
def test_unpublished_and_unknown_articles_are_404(client, world, slug):
    response = client.get(f"/api/articles/{slug}/")
    assert response.status_code == 404
    assert "Secret" not in response.content.decode()


def test_an_old_slug_redirects_to_the_article(client, world):
    ArticleRedirect.objects.create(old_path="/articles/magnets-slowing/", article=world["b"])
    response = client.get("/api/articles/magnets-slowing/")
    assert response.status_code == 301
    assert response["Location"] == "/api/articles/magnets-slow/"


def test_pagination(client):
    now = timezone.now()
    for i in range(25):
        make_article(f"Story {i:02d}", published_at=now - datetime.timedelta(minutes=i))
    first = client.get("/api/articles/").json()
    assert first["count"] == 25 and len(first["results"]) == 20 and first["previous"] is None
    assert first["next"].endswith("/api/articles/?page=2")
    second = client.get("/api/articles/?page=2").json()
    assert [a["title"] for a in second["results"]] == [f"Story {i:02d}" for i in range(20, 25)]
    assert len(client.get("/api/articles/?page_size=5").json()["results"]) == 5
    assert len(client.get("/api/articles/?page_size=1000").json()["results"]) == 25  # capped at 100
    assert client.get("/api/articles/?page=99").status_code == 404
    assert client.get("/api/articles/?page=abc").status_code == 404


def test_the_api_is_read_only(client, world):
    assert client.post("/api/articles/", {"title": "x"}, content_type="application/json").status_code == 405
    assert client.delete("/api/articles/magnets-slow/").status_code == 405
    assert client.put("/api/articles/magnets-slow/", {}, content_type="application/json").status_code == 405


def test_related_is_the_pages_list_with_reasons_pinned_first(client, world):
    from recommendations.engine import rebuild_all
    from recommendations.services import pin_related

    rebuild_all()
    pin_related(article=world["b"], related=world["c"], reason="Editors’ pick")
    data = client.get("/api/articles/magnets-slow/").json()
    page = client.get("/articles/magnets-slow/").content.decode()
    related = data["related"]
    assert related[0]["slug"] == "prices-steady" and related[0]["reason"] == "Editors’ pick"
    assert "quota-rises" in [r["slug"] for r in related]
    assert all(r["reason"] for r in related)
    assert {r["slug"] for r in related} <= {"prices-steady", "quota-rises"}  # never the draft or the scheduled one
    for r in related:  # the same picks, with the same reasons, as the article page's block
        assert f'/articles/{r["slug"]}/' in page and r["reason"] in page.replace("&#x27;", "'").replace("&rsquo;", "’")
