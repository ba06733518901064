"""In a real browser, with the CSP switched off so escaping alone is on
trial: no payload raises a dialog on the article page or the admin list."""

import pytest

from tests.factories import PASSWORD, make_article, make_official, make_user
from tests.security.payloads import PAYLOADS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_no_payload_runs_script_in_the_browser(live_server, page, settings):
    settings.CONTENT_SECURITY_POLICY = None
    official = make_official("Payload holder", bio="\n".join(PAYLOADS))
    articles = [
        make_article(p[:255], standfirst=p, highlights=[p], body=p, featured_image_caption=p[:400],
                     tags=[p[:100]], officials=[official])
        for p in PAYLOADS
    ]
    make_user("chief", superuser=True)
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    for path in ["/", articles[0].get_absolute_url(), articles[8].get_absolute_url(),
                 articles[-1].get_absolute_url(), official.get_absolute_url()]:
        page.goto(live_server.url + path)
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", "chief")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(live_server.url + "/admin/")
    for path in ["/admin/articles/article/", f"/admin/articles/article/{articles[8].pk}/change/",
                 "/admin/taggit/tag/"]:
        page.goto(live_server.url + path)
        page.wait_for_load_state("networkidle")
    assert dialogs == []
