"""Headless Chromium for browser tests: Debian's ``chromium`` package driven
by Playwright. Playwright never downloads a browser here: we hand it the
system executable. Without chromium the tests skip, unless REQUIRE_BROWSER=1
(CI), where a missing browser is a failure."""

import os
import shutil
from pathlib import Path

import pytest
from django.conf import settings

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic",
                 "--no-first-run", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]
ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts" / "screenshots"

# Playwright's sync API runs an event loop; Django's async-safety check would
# otherwise refuse the ORM calls tests make around it.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def _chromium_path() -> str | None:
    return os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="session")
def browser():
    path = _chromium_path()
    if not path:
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail("chromium is not installed (apt-get install chromium)")
        pytest.skip("chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=path, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def phone_page(browser):
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def screenshot(page, name: str) -> Path:
    """Save a full-page screenshot under test-artifacts/screenshots/."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def run_axe(page) -> list[dict]:
    """axe-core's violations on the current page. axe ships inside the pinned
    axe-playwright-python wheel (nothing downloaded). It is injected through
    the DevTools protocol, which the page's CSP does not govern, so the site
    keeps its real policy while being audited."""
    import axe_playwright_python

    source = (Path(axe_playwright_python.__file__).with_name("axe.min.js")).read_text(encoding="utf-8")
    page.evaluate(f"() => {{ {source}\n; window.axe = axe; }}")
    return page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations")
