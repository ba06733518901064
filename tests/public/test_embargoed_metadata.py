"""A person, organisation or topic that only unpublished stories name is as
invisible as those stories, on every public surface, until a published
story names it or an editor publishes the profile itself; cached pages
follow both ways."""

import pytest
from django.test import TestCase

from articles.events import public_content_changed
from articles.models import Article
from entities.models import Enterprise, Official, Regulator
from tests.factories import make_article, make_enterprise, make_official, make_position, make_regulator

pytestmark = pytest.mark.django_db

SECRET_NAMES = ("Gao Embargo", "Hushed Magnets Ltd", "Quiet Bureau", "Secret merger")


@pytest.fixture
def embargo():
    """A draft about a merger naming three new entities, beside a published
    story naming a known company."""
    known = make_enterprise("Known Rare Earth Group")
    official = make_official("Gao Embargo", bio="Will chair the merged group from next year.")
    company = make_enterprise("Hushed Magnets Ltd", parent=known, description="Target of the merger.")
    bureau = make_regulator("Quiet Bureau", responsibilities="Approves the merger.")
    make_position(official, "Chair designate", enterprise=company)
    make_article("Known group reports profits", tags=["Profits"], enterprises=[known])
    draft = make_article("Merger agreed", status=Article.Status.DRAFT, tags=["Secret merger"],
                         officials=[official], enterprises=[company], regulators=[bureau])
    return {"draft": draft, "known": known, "official": official, "company": company, "bureau": bureau}


def entities(embargo):
    return [embargo["official"], embargo["company"], embargo["bureau"]]


def assert_hidden_everywhere(client, embargo, *, names=SECRET_NAMES, bio_hidden=True):
    for entity in entities(embargo):
        url = entity.get_absolute_url()
        assert client.get(url).status_code == 404, url
        for feed in ("feed/", "feed/atom/", "feed/json/"):
            assert client.get(url + feed).status_code == 404, url + feed
        kind = entity._meta.model_name
        assert client.get(f"/api/{kind}s/{entity.slug}/").status_code == 404
    assert client.get("/topics/secret-merger/").status_code == 404
    assert client.get("/topics/secret-merger/feed/").status_code == 404
    pages = ["/officials/", "/enterprises/", "/regulators/", "/api/officials/", "/api/enterprises/",
             "/api/regulators/", "/api/tags/", "/topics/", "/feeds/", "/sitemap-officials.xml",
             "/sitemap-enterprises.xml", "/sitemap-regulators.xml", "/sitemap-topics.xml",
             embargo["known"].get_absolute_url(), "/api/enterprises/" + embargo["known"].slug + "/"]
    for entity in entities(embargo):  # the search echoes the query, so: no match, no label
        found = client.get("/search/", {"q": entity.name}).content.decode()
        assert entity.get_absolute_url() not in found and 'id="entities-heading"' not in found
        kind = entity._meta.model_name
        filtered = client.get("/search/", {"q": "merger", kind: entity.slug})
        assert filtered.status_code in (200, 404) and entity.name not in filtered.content.decode()
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        for name in names:
            assert name not in body, (url, name)
        assert not bio_hidden or "merged group" not in body, url  # the biography


def test_entities_and_topics_of_an_unpublished_story_are_invisible(client, embargo):
    assert_hidden_everywhere(client, embargo)


def test_they_appear_everywhere_once_a_published_story_names_them(client, embargo):
    draft = embargo["draft"]
    Article.objects.filter(pk=draft.pk).update(status=Article.Status.PUBLISHED, published_at=draft.created_at)
    for entity in entities(embargo):
        assert client.get(entity.get_absolute_url()).status_code == 200
        assert client.get(entity.get_absolute_url() + "feed/").status_code == 200
        kind = entity._meta.model_name
        assert client.get(f"/api/{kind}s/{entity.slug}/").status_code == 200
        assert entity.name in client.get(f"/{kind}s/").content.decode()
        assert entity.slug in client.get(f"/sitemap-{kind}s.xml").content.decode()
        assert entity.get_absolute_url() in client.get("/search/", {"q": entity.name}).content.decode()
    assert "merged group" in client.get("/api/officials/").content.decode()
    assert client.get("/topics/secret-merger/").status_code == 200
    known = client.get(embargo["known"].get_absolute_url()).content.decode()
    assert "Hushed Magnets Ltd" in known  # its subsidiary, now public
    assert "Chair designate" in client.get(embargo["official"].get_absolute_url()).content.decode()


def test_an_editor_can_publish_a_profile_without_stories(client, embargo):
    Official.objects.filter(pk=embargo["official"].pk).update(profile_published=True)
    official = embargo["official"]
    page = client.get(official.get_absolute_url())
    assert page.status_code == 200 and "merged group" in page.content.decode()
    assert "Merger agreed" not in page.content.decode()  # the draft itself stays hidden
    assert official.name in client.get("/officials/").content.decode()
    assert client.get(f"/api/officials/{official.slug}/").status_code == 200
    # Its post at a company that is still hidden is not shown.
    assert "Hushed Magnets" not in page.content.decode()
    assert "Hushed Magnets" not in client.get(f"/api/officials/{official.slug}/").content.decode()
    assert_hidden_everywhere(client, {**embargo, "official": make_official("Placeholder")},
                             names=("Hushed Magnets Ltd", "Quiet Bureau", "Secret merger"), bio_hidden=False)


def test_the_entity_admin_offers_the_switch(client):
    from tests.factories import make_user

    client.force_login(make_user("root", superuser=True))
    for model in (Official, Enterprise, Regulator):
        entity = model.objects.create(name=f"Admin {model.__name__}")
        html = client.get(f"/admin/entities/{model._meta.model_name}/{entity.pk}/change/").content.decode()
        assert 'name="profile_published"' in html and "Publish this profile even without stories" in html


def committed_change(article):
    with TestCase.captureOnCommitCallbacks(execute=True):
        public_content_changed(article_ids=[article.pk], reason="test")


@pytest.fixture
def _page_cache_on(settings):
    settings.PAGE_CACHE_ENABLED = True


@pytest.mark.usefixtures("_page_cache_on")
def test_cached_pages_follow_the_first_story_and_the_last_withdrawal(client, embargo):
    official = embargo["official"]
    for url in ("/officials/", "/api/officials/", "/sitemap-officials.xml", embargo["known"].get_absolute_url()):
        assert "Gao Embargo" not in client.get(url).content.decode() and "gao-embargo" not in client.get(url).content.decode()
        assert client.get(url)["X-Page-Cache"] == "hit", url
    assert client.get(official.get_absolute_url()).status_code == 404

    draft = embargo["draft"]
    Article.objects.filter(pk=draft.pk).update(status=Article.Status.PUBLISHED, published_at=draft.created_at)
    committed_change(draft)
    assert client.get(official.get_absolute_url()).status_code == 200
    for url in ("/officials/", "/api/officials/", "/sitemap-officials.xml"):
        assert "gao-embargo" in client.get(url).content.decode(), url
    assert "Hushed Magnets Ltd" in client.get(embargo["known"].get_absolute_url()).content.decode()

    Article.objects.filter(pk=draft.pk).update(status=Article.Status.ARCHIVED)
    committed_change(draft)
    assert client.get(official.get_absolute_url()).status_code == 404
    for url in ("/officials/", "/api/officials/", "/sitemap-officials.xml"):
        assert "gao-embargo" not in client.get(url).content.decode(), url
    assert "Hushed Magnets Ltd" not in client.get(embargo["known"].get_absolute_url()).content.decode()


@pytest.mark.usefixtures("_page_cache_on")
def test_publishing_a_profile_in_the_admin_refreshes_cached_pages(client, embargo, django_capture_on_commit_callbacks):
    assert "Gao Embargo" not in client.get("/officials/").content.decode()
    official = Official.objects.get(pk=embargo["official"].pk)
    with django_capture_on_commit_callbacks(execute=True):
        official.profile_published = True
        official.save()
    assert "Gao Embargo" in client.get("/officials/").content.decode()
    assert client.get(official.get_absolute_url()).status_code == 200


@pytest.mark.usefixtures("_page_cache_on")
def test_publishing_a_subsidiarys_profile_refreshes_its_parents_cached_page(
    client, embargo, django_capture_on_commit_callbacks
):
    parent = embargo["known"].get_absolute_url()
    assert "Hushed Magnets Ltd" not in client.get(parent).content.decode()
    company = Enterprise.objects.get(pk=embargo["company"].pk)
    with django_capture_on_commit_callbacks(execute=True):
        company.profile_published = True
        company.save()
    assert "Hushed Magnets Ltd" in client.get(parent).content.decode()


def test_an_old_topic_address_does_not_redirect_to_a_topic_only_drafts_carry(client):
    from taggit.models import Tag

    from articles.models import TagRedirect

    make_article("Merger agreed", status=Article.Status.DRAFT, tags=["Secret merger"])
    TagRedirect.objects.create(old_slug="old-name", tag=Tag.objects.get(name="Secret merger"))
    response = client.get("/topics/old-name/")
    assert response.status_code == 404 and "secret-merger" not in response.get("Location", "")
