"""Following by email from a profile page: double opt-in through a real SMTP server."""

from __future__ import annotations

import pytest

from subscriptions.models import Follow, Subscriber
from tests.factories import make_author, make_enterprise, make_official, make_regulator

from .conftest import links, parts, path_of
from .helpers import ask, confirm_link, follow_url

pytestmark = pytest.mark.django_db


def test_every_profile_topic_and_author_page_has_a_follow_button_that_needs_no_script(client):
    from tests.factories import make_article

    official, enterprise, regulator = make_official("Li Wei"), make_enterprise("Baotou Steel"), make_regulator("SASAC")
    author = make_author("Jane Reporter")
    # Profiles readers can see: each is named in a published story.
    make_article(tags=["Magnets"], authors=[author], officials=[official], enterprises=[enterprise],
                 regulators=[regulator])
    pages = {
        official.get_absolute_url(): follow_url("official", official.slug),
        enterprise.get_absolute_url(): follow_url("enterprise", enterprise.slug),
        regulator.get_absolute_url(): follow_url("regulator", regulator.slug),
        author.get_absolute_url(): follow_url("author", author.slug),
        "/topics/magnets/": follow_url("topic", "magnets"),
        "/": follow_url("site"),
    }
    for page, target in pages.items():
        html = client.get(page).content.decode()
        assert f'method="get" action="{target}"' in html, page
        assert client.get(target).status_code == 200


def test_confirmation_mail_arrives_and_its_link_confirms(client, smtp):
    official = make_official("Li Wei", profile_published=True)
    response = ask(client, kind="official", slug=official.slug, email="Reader@Example.org", rhythm="weekly")
    assert response.status_code == 302 and response["Location"] == "/subscriptions/check-your-inbox/"
    assert client.get(response["Location"]).status_code == 200

    [message] = smtp.to("reader@example.org")
    assert message["Subject"] == "Confirm: follow Li Wei on REE Exchange"
    assert message["Message-ID"] and message["Date"]
    assert message["List-Unsubscribe"] is None  # nothing to unsubscribe from yet
    text, html = parts(message)
    assert "weekly emails about Li Wei" in text
    url = confirm_link(message)
    assert f'href="{url}"' in html
    assert 'style="' in html and "<table" not in html  # CSS inlined, no layout tables

    subscriber = Subscriber.objects.get(email="reader@example.org")
    assert subscriber.confirmed_at is None
    # Opening the link (a mail scanner does) confirms nothing; the button does.
    page = client.get(path_of(url))
    assert page.status_code == 200 and b"Confirm: follow Li Wei" in page.content
    subscriber.refresh_from_db()
    assert subscriber.confirmed_at is None
    done = client.post(path_of(url))
    assert done.status_code == 302 and done["Location"].startswith("/subscriptions/manage/")
    subscriber.refresh_from_db()
    follow = Follow.objects.get(subscriber=subscriber)
    assert subscriber.confirmed_at and follow.confirmed_at and follow.rhythm == "weekly"
    assert b"Li Wei" in client.get(done["Location"]).content
    # Every link in the mail resolves on the site.
    for link in links(text):
        assert client.get(path_of(link)).status_code == 200, link


def test_the_answer_is_the_same_whether_or_not_the_address_already_follows(client, smtp):
    official = make_official(profile_published=True)
    first = ask(client, kind="official", slug=official.slug)
    client.post(path_of(confirm_link(smtp.messages[0])))
    again = ask(client, kind="official", slug=official.slug)
    stranger = ask(client, kind="official", slug=official.slug, email="someone-else@example.org")
    assert first["Location"] == again["Location"] == stranger["Location"]
    assert client.get(again["Location"]).content == client.get(stranger["Location"]).content
    # The follower is told, by mail only, that they already follow.
    assert smtp.to("reader@example.org")[1]["Subject"].startswith("You already follow")
    assert Follow.objects.filter(subscriber__email="reader@example.org").count() == 1


def test_bad_input_is_a_form_error_or_a_404(client, smtp):
    official = make_official(profile_published=True)
    response = ask(client, kind="official", slug=official.slug, email="not an address")
    assert response.status_code == 200 and b"Enter a valid email address" in response.content
    assert ask(client, kind="official", slug=official.slug, rhythm="hourly").status_code == 200
    assert ask(client, kind="official", slug="nobody").status_code == 404
    assert client.get("/subscriptions/follow/planet/mars/").status_code == 404
    assert client.get("/subscriptions/follow/site/anything/").status_code == 404
    assert client.get("/subscriptions/confirm/forged-token/").status_code == 404
    assert client.get("/subscriptions/manage/forged-token/").status_code == 404
    assert smtp.messages == [] and not Subscriber.objects.exists()


def test_an_expired_confirmation_link_confirms_nothing_and_cleanup_deletes_the_address(client, smtp, settings):
    from subscriptions.retention import expire_unconfirmed

    official = make_official(profile_published=True)
    ask(client, kind="official", slug=official.slug)
    url = confirm_link(smtp.messages[0])
    settings.SUBSCRIPTIONS_CONFIRM_MAX_AGE = -1
    assert client.post(path_of(url)).status_code == 404
    expire_unconfirmed()
    assert not Subscriber.objects.exists() and not Follow.objects.exists()


def test_cleanup_keeps_confirmed_readers_and_fresh_requests(client, smtp):
    from subscriptions.retention import expire_unconfirmed

    official = make_official(profile_published=True)
    ask(client, kind="official", slug=official.slug)
    ask(client, kind="official", slug=official.slug, email="other@example.org")
    client.post(path_of(confirm_link(smtp.to("reader@example.org")[0])))
    expire_unconfirmed()
    assert Subscriber.objects.count() == 2


def test_a_topic_named_in_chinese_can_be_followed(client, smtp):
    from tests.factories import make_article

    tag = make_article(tags=["稀土配额"]).tags.get()
    html = client.get(f"/topics/{tag.slug}/").content.decode()
    assert "/subscriptions/follow/topic/" in html
    assert ask(client, kind="topic", slug=tag.slug).status_code == 302
    assert "稀土配额" in smtp.messages[0]["Subject"]


def test_nobody_only_an_unpublished_story_names_can_be_followed(client):
    from tests.factories import make_article

    hidden = make_official("Embargoed Person")
    make_article("Not yet", status="draft", officials=[hidden], tags=["Secret deal"])
    assert client.get(follow_url("official", hidden.slug)).status_code == 404
    assert client.get(follow_url("topic", "secret-deal")).status_code == 404
