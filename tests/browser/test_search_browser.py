"""The search page in headless Chromium: no serious or critical axe-core
violations at phone and desktop widths, and a reader can go from a query to
an article and to a profile."""


import pytest

from tests.browser.conftest import run_axe, screenshot
from tests.factories import make_article, make_author, make_enterprise, make_official

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BLOCKING = {"serious", "critical"}


def _axe_violations(page) -> list[str]:
    return [f"{v['id']} ({v['impact']}): {v['help']}" for v in run_axe(page) if v["impact"] in BLOCKING]


@pytest.fixture
def coverage():
    sun = make_official("Sun Shaocheng", native_name="孙绍骋", aliases=["Sun Shao-cheng"])
    group = make_enterprise("China Northern Rare Earth Group", native_name="北方稀土")
    writer = make_author("Mei Lin")
    for i in range(3):
        make_article(
            f"Quota round {i} for northern producers",
            body="<p>The quota &lt;b&gt;notice&lt;/b&gt; named 北方稀土 again.</p>",
            tags=["Quotas", "Inner Mongolia"],
            authors=[writer],
            officials=[sun],
            enterprises=[group],
        )
    return {"official": sun, "enterprise": group}


def test_search_page_is_accessible_at_phone_and_desktop_widths(live_server, page, phone_page, coverage):
    for name, p in (("desktop", page), ("phone", phone_page)):
        p.goto(f"{live_server.url}/search/?q=quota&topic=quotas")
        assert p.get_by_role("heading", level=1).inner_text() == "Search"
        assert p.locator("article.search-result mark").count() >= 3
        assert _axe_violations(p) == [], name
        screenshot(p, f"search-results-{name}")
        p.goto(f"{live_server.url}/search/")
        assert _axe_violations(p) == [], name
        screenshot(p, f"search-empty-{name}")


def test_reader_goes_from_a_query_to_an_article_and_a_profile(live_server, page, coverage):
    page.goto(f"{live_server.url}/search/")
    box = page.get_by_role("searchbox", name="Search articles, people and organisations")
    box.fill("孙绍骋")
    # Submit this form, not the header's search form.
    box.press("Enter")
    page.wait_for_url("**/search/?q=*")
    people = page.locator("section.search-entities")
    assert "Official" in people.inner_text()
    people.get_by_role("link", name="Sun Shaocheng", exact=True).click()
    page.wait_for_url(f"**{coverage['official'].get_absolute_url()}")

    page.goto(f"{live_server.url}/search/?q=northern+producers")
    page.get_by_role("link", name="Quota round 2 for northern producers").click()
    page.wait_for_url("**/articles/quota-round-2-for-northern-producers/")
    assert "Quota round 2" in page.get_by_role("heading", level=1).inner_text()
