"""Small things a new reader notices: machine-readable dates, the favicon,
absolute URLs on the port the development site really serves."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders

pytestmark = pytest.mark.django_db

# HTML's valid date/time strings: at most three digits of a second's fraction.
VALID = re.compile(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$")


def test_every_time_element_has_a_valid_datetime(client, newsroom):
    pages = ["/", newsroom.lead.get_absolute_url(), newsroom.old.get_absolute_url(), "/corrections/",
             newsroom.wang.get_absolute_url(), "/search/?q=rare", "/topics/policy/"]
    seen = 0
    for url in pages:
        html = client.get(url).content.decode()
        for value in re.findall(r'<time datetime="([^"]*)"', html):
            assert VALID.match(value), (url, value)
            seen += 1
    assert seen > 10


def test_favicon_is_linked_and_answers(client):
    html = client.get("/").content.decode()
    assert 'rel="icon"' in html
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"].endswith("icons/favicon.ico")
    assert finders.find("icons/favicon.ico") and finders.find("icons/favicon.svg")


@pytest.mark.parametrize("env, expected", [
    ({"PORT": "8765"}, "http://localhost:8765"),
    ({}, "http://localhost:8000"),
    ({"PORT": "8765", "SITE_URL": "https://news.example.com/"}, "https://news.example.com"),
])
def test_the_development_site_url_follows_the_port(env, expected):
    clean = {k: v for k, v in os.environ.items() if k not in ("PORT", "SITE_URL")}
    code = "import django; django.setup(); from django.conf import settings; print(settings.SITE_URL)"
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=settings.BASE_DIR, capture_output=True, text=True, check=True,
        env={**clean, **env, "DJANGO_SETTINGS_MODULE": "ree_exchange.settings.dev"},
    )
    assert out.stdout.strip() == expected
