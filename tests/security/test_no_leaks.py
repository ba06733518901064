"""Nothing unpublished leaks: a draft, an article in review, a scheduled one
before its time, an archived, an expired and a trashed article are absent
from every public surface, and their guessed URLs are 404s (not 403s that
would confirm they exist). A published control article must show on each
surface, so every check here can fail."""

import datetime

import pytest
from django.utils import timezone

from articles.models import Article
from tests.factories import make_article, make_author, make_enterprise, make_official, make_regulator

pytestmark = pytest.mark.django_db

SECRET = "Zanzibarite"  # a word that appears only in hidden articles


@pytest.fixture
def world():
    now = timezone.now()
    official = make_official("Meng Fanying")
    enterprise = make_enterprise("Baotou Steel Group")
    regulator = make_regulator("Inner Mongolia SASAC")
    author = make_author("Li Wen")
    links = dict(tags=["SOE reform"], officials=[official], enterprises=[enterprise], regulators=[regulator],
                 authors=[author])
    control = make_article("Control story on quotas", published_at=now - datetime.timedelta(hours=2), **links)
    hidden = {
        "draft": make_article(f"{SECRET} draft", status=Article.Status.DRAFT, **links),
        "review": make_article(f"{SECRET} review", status=Article.Status.REVIEW, **links),
        "scheduled": make_article(f"{SECRET} scheduled", status=Article.Status.SCHEDULED,
                                  published_at=now + datetime.timedelta(hours=3), **links),
        "archived": make_article(f"{SECRET} archived", status=Article.Status.ARCHIVED,
                                 published_at=now - datetime.timedelta(days=3), **links),
        "expired": make_article(f"{SECRET} expired", published_at=now - datetime.timedelta(days=2),
                                expires_at=now - datetime.timedelta(hours=1), **links),
        "trashed": make_article(f"{SECRET} trashed", published_at=now - datetime.timedelta(hours=5), **links),
    }
    Article.objects.filter(pk=hidden["trashed"].pk).update(deleted_at=now)
    for a in hidden.values():
        a.body = f"<p>{SECRET} body text about quotas.</p>"
        Article.objects.filter(pk=a.pk).update(body=a.body, standfirst=f"{SECRET} standfirst")
    from django.core.management import call_command

    call_command("rebuild_search_index", verbosity=0)
    return {"control": control, "hidden": hidden, "official": official, "enterprise": enterprise,
            "regulator": regulator, "author": author, "tag": control.tags.get()}


def _surfaces(w) -> dict[str, str]:
    year = timezone.localdate(w["control"].published_at).year
    month = timezone.localdate(w["control"].published_at).month
    tag, o, e, r, a = w["tag"], w["official"], w["enterprise"], w["regulator"], w["author"]
    return {
        "home": "/",
        "topic": f"/topics/{tag.slug}/",
        "topics": "/topics/",
        "official": o.get_absolute_url(),
        "enterprise": e.get_absolute_url(),
        "regulator": r.get_absolute_url(),
        "author": a.get_absolute_url(),
        "officials": "/officials/",
        "archive-year": f"/archive/{year}/",
        "archive-month": f"/archive/{year}/{month:02d}/",
        "search": "/search/?q=quotas",
        "search-secret": f"/search/?q={SECRET}",
        "rss": "/feeds/rss/",
        "atom": "/feeds/atom/",
        "json": "/feeds/json/",
        "topic-feed": f"/topics/{tag.slug}/feed/",
        "official-feed": f"{o.get_absolute_url()}feed/",
        "enterprise-feed": f"{e.get_absolute_url()}feed/json/",
        "regulator-feed": f"{r.get_absolute_url()}feed/atom/",
        "author-feed": f"{a.get_absolute_url()}feed/",
        "api-articles": "/api/articles/",
        "api-official-filter": f"/api/articles/?official={o.slug}",
        "api-tags": "/api/tags/",
        "sitemap-articles": "/sitemap-articles.xml",
        "sitemap-news": "/sitemap-news.xml",
        "control-article": w["control"].get_absolute_url(),
    }


CONTROL_NOT_LISTED = {"search-secret", "topics", "officials", "api-tags"}


def test_hidden_articles_are_absent_from_every_surface(client, world):
    hidden_slugs = [a.slug for a in world["hidden"].values()]
    for name, url in _surfaces(world).items():
        response = client.get(url)
        assert response.status_code == 200, (name, url, response.status_code)
        text = response.content.decode()
        # Hidden titles, standfirsts and bodies; not the bare word, which the
        # search page rightly echoes back as the query.
        for phrase in [*(a.title for a in world["hidden"].values()), f"{SECRET} standfirst", f"{SECRET} body"]:
            assert phrase not in text, f"{name} leaks {phrase!r}"
        for slug in hidden_slugs:
            assert f"/articles/{slug}/" not in text, f"{name} links hidden {slug}"
        if name not in CONTROL_NOT_LISTED:
            assert world["control"].title in text or world["control"].slug in text, f"{name} lost the control"


@pytest.mark.parametrize("state", ["draft", "review", "scheduled", "archived", "expired", "trashed"])
def test_guessed_urls_of_hidden_articles_are_404(client, world, state):
    article = world["hidden"][state]
    assert client.get(article.get_absolute_url()).status_code == 404
    assert client.get(f"/api/articles/{article.slug}/").status_code == 404


def test_hidden_articles_do_not_count(client, world):
    """Coverage counts (home 'most covered', topic index, API tag counts)
    count only the control article."""
    tags = client.get("/api/tags/").json()
    rows = tags.get("results", tags)
    counts = {t["slug"]: t["article_count"] for t in rows}
    assert counts[world["tag"].slug] == 1


def test_recommendations_never_offer_hidden_articles(client, world):
    from articles.models import Article as A

    text = client.get(world["control"].get_absolute_url()).content.decode()
    assert "You Might Also Like" in text or A.objects.published().count() == 1
    assert SECRET not in text
