"""Following an official from its page in headless Chromium with JavaScript
off, through to the confirmation mail (a real SMTP server) and the
preferences page; screenshots of the follow and preferences pages and of a
digest email at phone and desktop widths (test-artifacts/screenshots/)."""

from __future__ import annotations

import pytest
from django.utils import timezone

from subscriptions import digests, sending, tokens
from subscriptions.models import Follow, Subscriber
from tests.browser.conftest import run_axe, screenshot
from tests.factories import make_article, make_enterprise, make_official
from tests.subscriptions.conftest import parts, path_of, smtp  # noqa: F401 (the SMTP server fixture)
from tests.subscriptions.helpers import confirm_link, confirmed_reader

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def no_js(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def test_a_reader_follows_an_official_from_its_page_without_javascript(no_js, live_server, smtp):  # noqa: F811
    official = make_official("Li Wei")
    make_article("Li Wei visits Baotou", officials=[official])
    page = no_js
    page.goto(live_server.url + official.get_absolute_url())
    page.get_by_role("button", name="Follow Li Wei by email").click()
    page.wait_for_url("**/subscriptions/follow/official/**")
    screenshot(page, "follow-page-1280")
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot(page, "follow-page-390")
    page.get_by_label("Your email address").fill("reader@example.org")
    page.get_by_label("Weekly").check()
    page.get_by_role("button", name="Follow by email").click()
    page.wait_for_url("**/subscriptions/check-your-inbox/")
    assert page.get_by_role("heading", name="Check your inbox").is_visible()

    [message] = smtp.to("reader@example.org")
    page.goto(live_server.url + path_of(confirm_link(message)))
    page.get_by_role("button", name="Yes, send me these emails").click()
    page.wait_for_url("**/subscriptions/manage/**")
    assert page.get_by_role("heading", name="What you follow").is_visible()
    assert page.get_by_text("Li Wei", exact=True).is_visible()
    page.set_viewport_size({"width": 1280, "height": 900})
    screenshot(page, "preferences-1280")
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot(page, "preferences-390")
    page.get_by_role("button", name="Stop following Li Wei").click()
    page.get_by_text("You follow nothing at the moment").wait_for(state="visible")


def test_follow_page_passes_axe(page, live_server):
    official = make_official("Li Wei")
    page.goto(live_server.url + f"/subscriptions/follow/official/{official.slug}/")
    violations = [v for v in run_axe(page) if v["impact"] in {"serious", "critical"}]
    assert violations == []


def test_confirm_preferences_and_unsubscribe_pages_pass_axe(page, live_server):
    official = make_official("Li Wei")
    reader = confirmed_reader("reader@example.org", ("official", official, "daily"), ("site", None, "weekly"))
    pending = Subscriber.objects.create(email="pending@example.org")
    follow = Follow.objects.create(subscriber=pending, kind="official", official=official, rhythm="daily")
    unsubscribe = f"/subscriptions/unsubscribe/{tokens.make(tokens.UNSUBSCRIBE, reader)}/"
    found = {}
    for name, url in {
        "briefing": "/subscriptions/briefing/",
        "confirm": f"/subscriptions/confirm/{tokens.make(tokens.CONFIRM, pending, f=follow.pk)}/",
        "preferences": f"/subscriptions/manage/{tokens.make(tokens.MANAGE, reader)}/",
        "new link": "/subscriptions/manage/",
        "unsubscribe": unsubscribe,
    }.items():
        page.goto(live_server.url + url)
        found[name] = [v["id"] for v in run_axe(page) if v["impact"] in {"serious", "critical"}]
    page.goto(live_server.url + unsubscribe)
    page.get_by_role("button", name="Unsubscribe").click()
    page.get_by_role("heading", name="You are unsubscribed").wait_for(state="visible")
    found["unsubscribed"] = [v["id"] for v in run_axe(page) if v["impact"] in {"serious", "critical"}]
    assert found == {name: [] for name in found}


def test_digest_email_screenshots(browser, smtp):  # noqa: F811
    baotou = make_enterprise("Baotou Steel Group")
    now = timezone.now()
    for i, title in enumerate(["Baotou doubles magnet output", "Quota for 2027 announced",
                               "Rare-earth prices slip for a third week"]):
        make_article(title, enterprises=[baotou], tags=["Magnets"], published_at=now - timezone.timedelta(hours=i + 1))
    confirmed_reader("reader@example.org", ("enterprise", baotou, "daily"))
    edition = digests.edition_for("daily")
    digests.queue_edition(edition)
    sending.send_many(sending.queued_ids(edition_id=edition.pk))
    _, html = parts(smtp.messages[0])
    for width in (390, 1280):
        for scheme in ("light", "dark"):
            context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
            page = context.new_page()
            page.set_content(html)
            assert page.get_by_text("Baotou doubles magnet output").is_visible()
            screenshot(page, f"digest-email-{width}-{scheme}")
            context.close()
