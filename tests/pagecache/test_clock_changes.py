"""Clock-driven visibility on cached pages: when a scheduled story's time
comes or a story expires, every page that lists it (topic, profiles, author
page, their feeds, archive, sitemaps) and its "N stories" count follow at
that moment, as the home page does, on the memory cache and on Redis."""

from __future__ import annotations

import datetime
import time

import pytest
from django.test import TestCase
from django.utils import timezone

from articles.events import public_content_changed
from articles.models import Article
from articles.tasks import public_content_changed_task
from tests.factories import make_article, make_author, make_enterprise, make_official, make_regulator

pytestmark = pytest.mark.django_db

LEAD = 5.0  # seconds until the scheduled moment: room for the "before" checks on a loaded machine


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.PAGE_CACHE_ENABLED = True


@pytest.fixture
def beat():
    """The subjects one story is filed under, with older stories on each."""
    subjects = {
        "official": make_official("Wang Clock"),
        "enterprise": make_enterprise("Clockwork Rare Earth Group"),
        "regulator": make_regulator("Clock SASAC"),
        "author": make_author("Tess Timely"),
    }
    for i in range(21):  # a second page on every list
        make_article(f"Older quota story {i}", tags=["quotas"], officials=[subjects["official"]],
                     enterprises=[subjects["enterprise"]], regulators=[subjects["regulator"]],
                     authors=[subjects["author"]])
    return subjects


def urls(beat) -> dict[str, str]:
    return {
        "topic": "/topics/quotas/",
        "official": beat["official"].get_absolute_url(),
        "enterprise": beat["enterprise"].get_absolute_url(),
        "regulator": beat["regulator"].get_absolute_url(),
        "author": beat["author"].get_absolute_url(),
    }


def committed_change(article: Article) -> None:
    """What the workflow does after the save: the task enqueued on commit
    (run at once by the tests' backend; its run_after copies are what the
    test runs by hand at the moment)."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        public_content_changed(article_ids=[article.pk], reason="schedule")


def filed(beat, title: str, **fields) -> Article:
    return make_article(title, tags=["quotas"], officials=[beat["official"]], enterprises=[beat["enterprise"]],
                        regulators=[beat["regulator"]], authors=[beat["author"]], **fields)


def assert_lists(client, pages: dict[str, str], title: str, *, shown: bool,
                 before: datetime.datetime | None = None) -> None:
    """Each page lists ``title`` (or not), the topic counts it, and page 2
    holds what is left over from page 1 (two stories with it, one without).
    ``before``: the moment these checks are about the time ahead of; on a
    machine so loaded that a page came back after it, the remaining "before"
    checks are left out (the test goes on to the checks after the moment)."""
    for name, url in pages.items():
        page = client.get(url).content.decode()
        second = client.get(url + "?page=2").content.decode()
        if before is not None and timezone.now() >= before:
            return
        assert (title in page) is shown, name
        if name == "topic":
            assert ("22 stories" if shown else "21 stories") in page, name
        assert "Older quota story 20" in second, name
        assert ("Older quota story 19" in second) is shown, name


def wait_until(moment: datetime.datetime) -> None:
    time.sleep(max(0.0, (moment - timezone.now()).total_seconds()) + 0.2)


def test_a_scheduled_story_joins_every_list_at_its_time(client, cache_backend, beat):
    pages = urls(beat)
    for url in pages.values():  # cached before the story is scheduled
        client.get(url)
        client.get(url + "?page=2")
    when = timezone.now() + datetime.timedelta(seconds=LEAD)
    story = filed(beat, "Embargoed quota story", status=Article.Status.SCHEDULED, published_at=when)
    committed_change(story)
    assert_lists(client, pages, "Embargoed quota story", shown=False, before=when)
    wait_until(when)
    public_content_changed_task.call(article_ids=[story.pk], reason="at its time")
    assert_lists(client, pages, "Embargoed quota story", shown=True)


def test_pages_follow_the_clock_even_before_the_task_runs(client, cache_backend, beat):
    """The worker may be busy at the moment: pages and counts read after it
    must not wait for the task."""
    pages = urls(beat)
    when = timezone.now() + datetime.timedelta(seconds=LEAD)
    story = filed(beat, "Embargoed quota story", status=Article.Status.SCHEDULED, published_at=when)
    committed_change(story)
    assert_lists(client, pages, "Embargoed quota story", shown=False, before=when)
    wait_until(when)
    assert_lists(client, pages, "Embargoed quota story", shown=True)


def test_pages_cached_before_the_schedule_follow_without_the_task(client, cache_backend, beat):
    """Pages stored before the story was scheduled, and the worker has not
    run the schedule's task yet: they must still not outlive the moment."""
    pages = urls(beat)
    assert_lists(client, pages, "Embargoed quota story", shown=False)
    when = timezone.now() + datetime.timedelta(seconds=LEAD)
    with TestCase.captureOnCommitCallbacks(execute=True):  # the save's own invalidation, no task
        filed(beat, "Embargoed quota story", status=Article.Status.SCHEDULED, published_at=when)
    wait_until(when)
    assert_lists(client, pages, "Embargoed quota story", shown=True)


def test_an_expiring_story_leaves_every_list_at_its_time(client, cache_backend, beat):
    pages = urls(beat)
    ends = timezone.now() + datetime.timedelta(seconds=LEAD)
    story = filed(beat, "Short-lived quota notice", published_at=timezone.now() - datetime.timedelta(minutes=1),
                  expires_at=ends)
    committed_change(story)
    assert_lists(client, pages, "Short-lived quota notice", shown=True, before=ends)
    wait_until(ends)
    public_content_changed_task.call(article_ids=[story.pk], reason="at its time")
    assert_lists(client, pages, "Short-lived quota notice", shown=False)


def test_an_expiring_story_leaves_every_list_even_before_the_task_runs(client, cache_backend, beat):
    pages = urls(beat)
    ends = timezone.now() + datetime.timedelta(seconds=LEAD)
    story = filed(beat, "Short-lived quota notice", published_at=timezone.now() - datetime.timedelta(minutes=1),
                  expires_at=ends)
    committed_change(story)
    assert_lists(client, pages, "Short-lived quota notice", shown=True, before=ends)
    wait_until(ends)
    assert_lists(client, pages, "Short-lived quota notice", shown=False)


def test_feeds_archive_and_sitemaps_follow_the_clock(client, cache_backend, beat):
    """The other pages that list a story: its topic's, profiles' and
    author's feeds, the month's archive and the sitemaps."""
    lists = [
        "/topics/quotas/feed/",
        beat["official"].get_absolute_url() + "feed/",
        beat["enterprise"].get_absolute_url() + "feed/atom/",
        beat["regulator"].get_absolute_url() + "feed/json/",
        beat["author"].get_absolute_url() + "feed/",
        "/sitemap-articles.xml",
        "/sitemap-news.xml",
    ]
    when = timezone.now() + datetime.timedelta(seconds=LEAD)
    archive = f"/archive/{when:%Y}/{when:%m}/"
    story = filed(beat, "Embargoed quota story", status=Article.Status.SCHEDULED, published_at=when,
                  slug="embargoed-quota-story")
    committed_change(story)
    for url in [*lists, archive]:
        response = client.get(url)
        if timezone.now() >= when:
            break  # a loaded machine: the checks after the moment still run
        assert response.status_code == 200 and b"mbargoed" not in response.content, url
    wait_until(when)
    for url in [*lists, archive]:
        assert b"mbargoed" in client.get(url).content, url


def test_scheduling_a_story_refreshes_subject_pages_once_and_editing_it_does_not(
    client, django_capture_on_commit_callbacks, beat
):
    """The "clock" bump comes with a new future moment only: other saves of
    a scheduled story leave the topic page cached."""
    client.get("/topics/quotas/")
    with django_capture_on_commit_callbacks(execute=True):
        story = filed(beat, "Embargoed quota story", status=Article.Status.SCHEDULED,
                      published_at=timezone.now() + datetime.timedelta(days=1))
    assert client.get("/topics/quotas/")["X-Page-Cache"] == "miss, stored"
    story = Article.objects.get(pk=story.pk)
    with django_capture_on_commit_callbacks(execute=True):
        story.title = "Embargoed quota story, retitled"
        story.save()
    assert client.get("/topics/quotas/")["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        story.published_at += datetime.timedelta(hours=1)
        story.save()
    assert client.get("/topics/quotas/")["X-Page-Cache"] == "miss, stored"
