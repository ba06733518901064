"""Nothing a reader may not see (drafts, in review, scheduled before their
time, archived, expired) shows on any public page, count or sitemap."""

import pytest

from .conftest import HIDDEN_TITLES
from .helpers import text

pytestmark = pytest.mark.django_db


def _public_urls(n):
    return [
        "/", "/topics/", "/topics/policy/", "/topics/quotas/", "/officials/", "/enterprises/", "/regulators/",
        "/corrections/", "/archive/2020/", f"/archive/{n.now:%Y}/", f"/archive/{n.now:%Y/%m}/",
        n.lead.get_absolute_url(), n.old.get_absolute_url(), n.wang.get_absolute_url(), n.chen.get_absolute_url(),
        n.northern.get_absolute_url(), n.group.get_absolute_url(), n.sasac.get_absolute_url(),
        n.im_sasac.get_absolute_url(), n.author.get_absolute_url(), "/sitemap-articles.xml", "/sitemap-news.xml",
        "/sitemap-topics.xml", "/sitemap-officials.xml", "/sitemap-enterprises.xml", "/sitemap-regulators.xml",
        "/sitemap-authors.xml",
    ]


def test_no_unpublished_article_appears_anywhere(client, newsroom):
    hidden_slugs = [a.slug for a in (newsroom.draft, newsroom.review, newsroom.scheduled, newsroom.archived,
                                     newsroom.expired)]
    for url in _public_urls(newsroom):
        r = client.get(url)
        assert r.status_code == 200, url
        html = text(r)
        for title in HIDDEN_TITLES:
            assert title not in html, (url, title)
        for slug in hidden_slugs:
            assert f"/articles/{slug}/" not in html, (url, slug)
        assert "Secret tag" not in html and "Hidden correction" not in html, url


def test_unpublished_articles_are_404(client, newsroom):
    for a in (newsroom.draft, newsroom.review, newsroom.scheduled, newsroom.archived, newsroom.expired):
        assert client.get(a.get_absolute_url()).status_code == 404


def test_a_tag_used_only_by_a_draft_has_no_topic_page(client, newsroom):
    """Not "0 stories": the topic's name could give the draft away."""
    response = client.get("/topics/secret-tag/")
    assert response.status_code == 404 and "Secret tag" not in text(response)


def test_an_entity_only_in_unpublished_coverage_has_no_profile(client, newsroom):
    response = client.get(newsroom.hidden_only.get_absolute_url())
    assert response.status_code == 404 and "Zhao Hidden" not in text(response)


def test_scheduled_story_appears_once_its_time_comes(client, newsroom):
    import datetime

    from django.utils import timezone

    from articles.models import Article

    Article.objects.filter(pk=newsroom.scheduled.pk).update(published_at=timezone.now() - datetime.timedelta(minutes=1))
    assert "Scheduled export story" in text(client.get("/"))
    assert client.get(newsroom.scheduled.get_absolute_url()).status_code == 200
