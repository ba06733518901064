"""Daily and weekly digests through a real SMTP server: content, headers,
one-click unsubscribe, nothing unpublished, idempotent after a kill."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from articles.models import Article
from subscriptions import digests, sending
from subscriptions.models import Delivery, Subscriber
from tests.factories import make_article, make_enterprise, make_official

from .conftest import links, parts, path_of, unsubscribe_url
from .helpers import confirmed_reader

pytestmark = pytest.mark.django_db

HOUR = datetime.timedelta(hours=1)


def run_daily(now=None) -> dict:
    edition = digests.edition_for("daily", now=now)
    digests.queue_edition(edition)
    return sending.send_many(sending.queued_ids(edition_id=edition.pk))


@pytest.fixture
def day():
    """Baotou Steel Group's news of the day and some that must stay out."""
    now = timezone.now()
    baotou = make_enterprise("Baotou Steel Group", profile_published=True)
    li = make_official("Li Wei", profile_published=True)
    stories = {
        "newest": make_article("Baotou doubles output", enterprises=[baotou], published_at=now - HOUR),
        "both": make_article("Magnet quotas and Baotou", enterprises=[baotou], tags=["Magnets"],
                             published_at=now - 2 * HOUR),
        "topic": make_article("Magnet prices slip", tags=["Magnets"], published_at=now - 3 * HOUR),
        "other": make_article("Unrelated mining news", officials=[li], published_at=now - 4 * HOUR),
        "old": make_article("Baotou last month", enterprises=[baotou], published_at=now - 30 * 24 * HOUR),
    }
    make_article("Baotou draft", enterprises=[baotou], status=Article.Status.DRAFT)
    make_article("Baotou tomorrow", enterprises=[baotou], status=Article.Status.SCHEDULED,
                 published_at=now + 5 * HOUR)
    make_article("Baotou trashed", enterprises=[baotou], published_at=now - HOUR, deleted_at=now)
    return {"baotou": baotou, "li": li, **stories}


def test_a_digest_lists_each_matching_story_once_newest_first_with_why(smtp, day, client):
    from taggit.models import Tag

    confirmed_reader("reader@example.org", ("enterprise", day["baotou"], "daily"),
                     ("topic", Tag.objects.get(name="Magnets"), "daily"))
    assert run_daily() == {"sent": 1}
    [message] = smtp.to("reader@example.org")
    text, html = parts(message)
    order = [text.index(day[k].title) for k in ("newest", "both", "topic")]
    assert order == sorted(order)
    assert text.count("Magnet quotas and Baotou") == 1
    for absent in ("Unrelated mining news", "Baotou last month", "Baotou draft", "Baotou tomorrow", "Baotou trashed"):
        assert absent not in text and absent not in html
    assert "You follow Baotou Steel Group" in text and "You follow the topic Magnets" in text
    assert message["Subject"] == "Your daily REE Exchange digest: 3 stories"
    assert message["Message-ID"].endswith("@news.example.com>") and message["Date"]
    assert message["List-Unsubscribe"].strip().startswith("<https://news.example.com/subscriptions/unsubscribe/")
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message.get_content_type() == "multipart/alternative"
    assert f'href="https://news.example.com{day["newest"].get_absolute_url()}"' in html
    assert 'href="/' not in html and 'src="/' not in html  # every link absolute
    assert "prefers-color-scheme: dark" in html and "<table" not in html
    for link in links(text):
        assert client.get(path_of(link)).status_code == 200, link


def test_one_click_unsubscribe_is_a_post_with_no_confirmation(smtp, day, client):
    confirmed_reader("reader@example.org", ("enterprise", day["baotou"], "daily"))
    run_daily()
    [message] = smtp.messages
    url = unsubscribe_url(message)
    # What a mail provider sends (RFC 8058): a POST with no cookie and no CSRF token.
    client.handler.enforce_csrf_checks = True
    response = client.post(path_of(url), "List-Unsubscribe=One-Click",
                           content_type="application/x-www-form-urlencoded")
    assert response.status_code == 200
    assert not Subscriber.objects.exists()
    assert client.post(path_of(url)).status_code == 200  # twice is fine


def test_a_story_withdrawn_before_the_batch_goes_out_is_left_out(smtp, day):
    confirmed_reader("reader@example.org", ("enterprise", day["baotou"], "daily"))
    confirmed_reader("only-newest@example.org", ("enterprise", day["baotou"], "daily"))
    edition = digests.edition_for("daily")
    digests.queue_edition(edition)
    Article.objects.filter(pk=day["newest"].pk).update(status=Article.Status.ARCHIVED)
    sending.send_many(sending.queued_ids(edition_id=edition.pk))
    for message in smtp.messages:
        text, html = parts(message)
        assert "Baotou doubles output" not in text + html
        assert "Magnet quotas and Baotou" in text


def test_an_empty_digest_is_not_sent(smtp, day):
    confirmed_reader("reader@example.org", ("official", make_official("Nobody in the news", profile_published=True), "daily"))
    bao = confirmed_reader("baotou@example.org", ("enterprise", day["baotou"], "daily"))
    edition = digests.edition_for("daily")
    digests.queue_edition(edition)
    # Everything Baotou's reader had is withdrawn before the send.
    Article.objects.filter(enterprises=day["baotou"]).update(status=Article.Status.ARCHIVED)
    sending.send_many(sending.queued_ids(edition_id=edition.pk))
    assert smtp.messages == []
    assert Delivery.objects.get(subscriber=bao).status == Delivery.Status.EMPTY
    assert not Delivery.objects.filter(subscriber__email="reader@example.org").exists()


def test_unconfirmed_and_stopped_addresses_get_no_digest(smtp, day):
    from subscriptions.models import Follow

    pending = Subscriber.objects.create(email="pending@example.org")
    Follow.objects.create(subscriber=pending, kind="site", rhythm="daily")
    stopped = confirmed_reader("stopped@example.org", ("site", None, "daily"))
    stopped.suppressed_at = timezone.now()
    stopped.save()
    confirmed_reader("reader@example.org", ("site", None, "daily"))
    run_daily()
    assert [m["To"] for m in smtp.messages] == ["reader@example.org"]


def test_the_next_digest_starts_where_the_last_ended(smtp, day):
    confirmed_reader("reader@example.org", ("enterprise", day["baotou"], "daily"))
    yesterday = timezone.now() - datetime.timedelta(days=1)
    make_article("Baotou, the day before", enterprises=[day["baotou"]], published_at=yesterday - HOUR)
    run_daily(now=yesterday)
    run_daily()
    first, second = (parts(m)[0] for m in smtp.messages)
    assert "Baotou, the day before" in first and "Baotou doubles output" not in first
    assert "Baotou doubles output" in second and "Baotou, the day before" not in second
    assert run_daily() == {}  # the same day again: nobody gets a second copy
    assert len(smtp.messages) == 2


class Killed(BaseException):
    """What SIGKILL looks like from inside: nothing after it runs."""


def test_a_send_killed_part_way_and_run_again_sends_everyone_exactly_one(smtp, day, monkeypatch):
    readers = [f"reader{i}@example.org" for i in range(7)]
    for address in readers:
        confirmed_reader(address, ("enterprise", day["baotou"], "daily"))
    edition = digests.edition_for("daily")
    digests.queue_edition(edition)
    real_build, calls = sending.emails.build, []

    def dying_build(**kwargs):
        calls.append(1)
        if len(calls) == 4:
            raise Killed
        return real_build(**kwargs)

    monkeypatch.setattr(sending.emails, "build", dying_build)
    with pytest.raises(Killed):
        sending.send_many(sending.queued_ids(edition_id=edition.pk))
    assert len(smtp.messages) == 3
    monkeypatch.setattr(sending.emails, "build", real_build)
    # The worker restarts: the whole run again, queueing included.
    digests.queue_edition(digests.edition_for("daily"))
    sending.send_many(sending.queued_ids(edition_id=edition.pk))
    sending.send_many(sending.queued_ids(edition_id=edition.pk))
    assert sorted(m["To"] for m in smtp.messages) == sorted(readers)
    assert Delivery.objects.filter(edition=edition, status=Delivery.Status.SENT).count() == 7


def test_sends_are_throttled_to_the_configured_rate(smtp, day, settings):
    for i in range(5):
        confirmed_reader(f"reader{i}@example.org", ("enterprise", day["baotou"], "daily"))
    edition = digests.edition_for("daily")
    digests.queue_edition(edition)
    started = timezone.now()
    sending.send_many(sending.queued_ids(edition_id=edition.pk), rate=10)
    assert (timezone.now() - started).total_seconds() >= 0.4  # 5 messages at 10/s: 4 gaps of 0.1 s
    assert len(smtp.messages) == 5
