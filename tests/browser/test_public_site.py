"""The public site in headless Chromium: axe-core on every page type, a
reader's path through home, article, topic, profile and search, and
screenshots at phone and desktop widths (test-artifacts/screenshots/)."""

from __future__ import annotations

import pytest

from tests.browser.conftest import run_axe, screenshot
from tests.public.conftest import build_newsroom

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BLOCKING = {"serious", "critical"}


def _axe(page) -> list[dict]:
    return [v for v in run_axe(page) if v["impact"] in BLOCKING]


def _describe(violations: list[dict]) -> str:
    return "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} -> {[n['target'] for n in v['nodes'][:3]]}" for v in violations
    )


@pytest.fixture
def world(transactional_db):
    return build_newsroom(images=True)


def _page_types(w) -> dict[str, str]:
    return {
        "home": "/",
        "article": w.lead.get_absolute_url(),
        "article-corrected": w.old.get_absolute_url(),
        "topic": "/topics/policy/",
        "topics": "/topics/",
        "author": w.author.get_absolute_url(),
        "archive-year": "/archive/2020/",
        "archive-month": "/archive/2020/05/",
        "official": w.wang.get_absolute_url(),
        "enterprise": w.northern.get_absolute_url(),
        "regulator": w.im_sasac.get_absolute_url(),
        "officials": "/officials/",
        "enterprises": "/enterprises/?ownership=local_soe",
        "regulators": "/regulators/",
        "corrections": "/corrections/",
        "not-found": "/no-such-page/",
    }


def test_axe_finds_no_serious_or_critical_violations_on_any_page_type(live_server, page, phone_page, world):
    failures = {}
    for name, url in _page_types(world).items():
        for label, p in (("desktop", page), ("phone", phone_page)):
            response = p.goto(live_server.url + url)
            assert response.status == (404 if name == "not-found" else 200), (name, response.status)
            found = _axe(p)
            screenshot(p, f"page-{name}-{1280 if label == 'desktop' else 360}")
            if found:
                failures[f"{name} [{label}]"] = _describe(found)
    assert not failures, "\n\n".join(f"{k}:\n{v}" for k, v in failures.items())


def test_a_reader_follows_links_from_home_to_article_topic_and_profiles(live_server, page, world):
    page.goto(live_server.url + "/")
    screenshot(page, "home-1280")
    page.get_by_role("link", name=world.lead.title).first.click()
    page.wait_for_url(f"**{world.lead.get_absolute_url()}")
    assert page.get_by_role("heading", level=1).inner_text() == world.lead.title
    assert page.get_by_role("heading", name="You Might Also Like").is_visible()
    screenshot(page, "article-1280")

    page.locator(".tags").get_by_role("link", name="Mining").click()
    page.wait_for_url("**/topics/mining/")
    assert page.get_by_role("heading", level=1).inner_text() == "Mining"
    screenshot(page, "topic-1280")

    page.get_by_role("link", name=world.lead.title).click()
    page.locator(".mentions").get_by_role("link", name="Wang Lei").click()
    page.wait_for_url(f"**{world.wang.get_absolute_url()}")
    assert "Wang Lei" in page.get_by_role("heading", level=1).inner_text()
    screenshot(page, "official-1280")

    # From the official's positions timeline to the company, then its regulator.
    page.locator(".timeline").get_by_role("link", name="Northern Rare Earth").click()
    page.wait_for_url(f"**{world.northern.get_absolute_url()}")
    screenshot(page, "enterprise-1280")
    page.locator(".facts").get_by_role("link", name=world.im_sasac.name).click()
    page.wait_for_url(f"**{world.im_sasac.get_absolute_url()}")
    screenshot(page, "regulator-1280")

    # The diagram's boxes are links, with no JavaScript involved.
    page.locator("svg.graph a").first.click()
    page.wait_for_url(f"**{world.sasac.get_absolute_url()}")


def test_the_header_search_form_submits_to_search(live_server, page, world):
    page.goto(live_server.url + "/")
    page.get_by_role("searchbox", name="Search articles, people and companies").fill("baotou quotas")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url("**/search/?q=baotou+quotas")


def test_phone_layout_has_no_sideways_scroll_and_keeps_content(live_server, phone_page, world):
    for name, url in (("home", "/"), ("article", world.lead.get_absolute_url()),
                      ("official", world.wang.get_absolute_url()), ("enterprise", world.northern.get_absolute_url()),
                      ("topic", "/topics/policy/")):
        phone_page.goto(live_server.url + url)
        overflow = phone_page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, (name, overflow)
        screenshot(phone_page, f"{name}-360")


def test_skip_link_is_first_and_moves_focus_to_main(live_server, page, world):
    page.goto(live_server.url + world.lead.get_absolute_url())
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused == "Skip to content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_pages_read_without_javascript(live_server, browser, world):
    context = browser.new_context(java_script_enabled=False)
    p = context.new_page()
    try:
        p.goto(live_server.url + world.wang.get_absolute_url())
        assert p.locator("svg.graph").count() == 1
        assert p.get_by_role("heading", name="Coverage").is_visible()
        p.goto(live_server.url + world.lead.get_absolute_url())
        assert p.get_by_role("heading", level=1).inner_text() == world.lead.title
    finally:
        context.close()


def test_the_axe_harness_does_report_a_real_violation(page):
    # Guards the check above against passing because axe never ran.
    page.set_content('<html><body><main><img src="x.png"><a href="/x"></a></main></body></html>')
    ids = {v["id"] for v in _axe(page)}
    assert "image-alt" in ids


def test_profile_reads_with_css_off(live_server, page, world):
    page.route("**/*.css", lambda route: route.abort())
    page.goto(live_server.url + world.northern.get_absolute_url())
    # Without the stylesheet the diagram keeps its own light boxes and dark text.
    fill = page.evaluate("getComputedStyle(document.querySelector('svg.graph a rect')).fill")
    assert fill not in ("rgb(0, 0, 0)", "none")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Northern Rare Earth")
    screenshot(page, "enterprise-no-css-1280")
