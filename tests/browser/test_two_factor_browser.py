"""Turning on two-factor sign-in in a real browser, as a member of staff
would with a phone: scan (here: read the key off the page), type the code,
then sign in again with password and code."""

import base64
import time

import pytest
from django_otp.oath import TOTP

from tests.browser.conftest import run_axe, screenshot
from tests.browser.test_csp import WATCH
from tests.factories import PASSWORD, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _code(secret: str, when: float) -> str:
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    totp = TOTP(key)
    totp.time = when
    return f"{totp.token():06d}"


def _sign_in(page, base: str, code: str | None = None) -> None:
    page.goto(base + "/admin/login/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", PASSWORD)
    if code is not None:
        page.get_by_label("Authentication code").fill(code)
    page.click("input[type=submit]")


def test_an_editor_turns_on_two_factor_and_signs_in_with_a_code(live_server, page):
    make_user("editor", group="Editors")
    base = live_server.url
    page.add_init_script(WATCH)
    _sign_in(page, base)
    page.wait_for_url(base + "/admin/")

    page.get_by_role("link", name="Two-factor sign-in").click()
    page.get_by_role("button", name="Set up two-factor sign-in").click()
    assert page.get_by_role("img", name="QR code holding the secret key for your authenticator app").is_visible()
    screenshot(page, "two-factor-set-up")
    secret = page.locator(".totp-secret").inner_text().replace(" ", "")
    page.get_by_label("Authentication code").fill(_code(secret, time.time()))
    page.get_by_role("button", name="Turn on two-factor sign-in").click()
    page.wait_for_selector("text=this page is the only time they are shown")
    assert page.locator(".recovery-codes li").count() == 10
    screenshot(page, "two-factor-recovery-codes")
    page.get_by_role("link", name="I have kept them: continue").click()
    page.wait_for_selector("text=Recovery codes left")
    screenshot(page, "two-factor-on")
    assert page.evaluate("window.__cspViolations") == []
    problems = [(v["id"], [n["target"] for n in v["nodes"]]) for v in run_axe(page)
                if v["impact"] in ("serious", "critical")]
    assert problems == []

    page.get_by_role("button", name="Log out").click()
    _sign_in(page, base)
    page.wait_for_selector("text=enter the six digits your authenticator app shows")
    screenshot(page, "two-factor-code-asked")
    assert page.url.startswith(base + "/admin/login/")
    # The set-up code is spent; the app's next code (a step ahead, within
    # the allowed drift) signs in.
    _sign_in(page, base, _code(secret, time.time() + 30))
    page.wait_for_url(base + "/admin/")
    assert page.get_by_role("link", name="Two-factor sign-in").is_visible()
