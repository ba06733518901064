"""The Content-Security-Policy is strict (no inline script, no inline
style); these tests prove the site's own pages and the admin live with it."""

import pytest

from tests.factories import PASSWORD, make_article, make_official, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WATCH = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', e => {
  window.__cspViolations.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline') + ' ' + (e.sourceFile || '') + ':' + e.lineNumber);
});
"""


def _violations(page):
    return page.evaluate("window.__cspViolations")


def test_public_pages_and_admin_cause_no_csp_violations(live_server, page):
    official = make_official("Sun Shaocheng", native_name="孙绍骋")
    article = make_article("Reform drive in Baotou", tags=["SOE reform"], officials=[official],
                           body='<p>See <a href="https://example.com/">a source</a>.</p><table><tr><td>1</td></tr></table>')
    make_user("chief", superuser=True)
    page.add_init_script(WATCH)
    seen = {}
    for path in ["/", article.get_absolute_url(), official.get_absolute_url(), "/no-such-page/"]:
        page.goto(live_server.url + path)
        seen[path] = _violations(page)
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", "chief")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(live_server.url + "/admin/")
    seen["/admin/"] = _violations(page)
    for path in [f"/admin/articles/article/{article.pk}/change/", "/admin/articles/article/",
                 "/admin/articles/article/add/", f"/admin/entities/official/{official.pk}/change/"]:
        page.goto(live_server.url + path)
        page.wait_for_load_state("networkidle")
        seen[path] = _violations(page)
    assert {p: v for p, v in seen.items() if v} == {}
