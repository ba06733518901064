"""Production settings: refuse to start without a key, pass the deploy check,
send the security headers."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _clean_env(**env) -> dict:
    # The browser tests' DJANGO_ALLOW_ASYNC_UNSAFE must not reach a
    # production process: the deploy check rightly refuses it.
    drop = ("SECRET_KEY", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE")
    return {**{k: v for k, v in os.environ.items() if k not in drop}, **env}


def _run(code: str, **env) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=_clean_env(**env), capture_output=True,
                          text=True, timeout=120)


PROD = "ree_exchange.settings.prod"


@pytest.mark.parametrize("key", ["", "short", "dev-" + "x" * 60])
def test_production_refuses_to_start_without_a_real_secret_key(key):
    result = _run("import django; django.setup()", DJANGO_SETTINGS_MODULE=PROD, SECRET_KEY=key)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_wsgi_defaults_to_production_settings():
    result = _run("import ree_exchange.wsgi")
    assert result.returncode != 0 and "SECRET_KEY must be set" in result.stderr


def test_production_passes_the_deploy_check_with_no_warnings():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"], cwd=ROOT,
        env=_clean_env(DJANGO_SETTINGS_MODULE=PROD, SECRET_KEY=secrets.token_urlsafe(64),
                       ALLOWED_HOSTS="news.example.com", SITE_URL="https://news.example.com"),
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_cookies_and_transport_are_locked_down():
    code = (
        "import json, django; django.setup(); from django.conf import settings as s;"
        "print(json.dumps({k: getattr(s, k) for k in ['DEBUG','SESSION_COOKIE_SECURE','CSRF_COOKIE_SECURE',"
        "'SESSION_COOKIE_HTTPONLY','SECURE_HSTS_SECONDS','SECURE_CONTENT_TYPE_NOSNIFF','SECURE_REFERRER_POLICY',"
        "'X_FRAME_OPTIONS','SECURE_SSL_REDIRECT']}))"
    )
    result = _run(code, DJANGO_SETTINGS_MODULE=PROD, SECRET_KEY=secrets.token_urlsafe(64))
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout.strip().splitlines()[-1])
    assert values == {
        "DEBUG": False, "SESSION_COOKIE_SECURE": True, "CSRF_COOKIE_SECURE": True, "SESSION_COOKIE_HTTPONLY": True,
        "SECURE_HSTS_SECONDS": 31536000, "SECURE_CONTENT_TYPE_NOSNIFF": True,
        "SECURE_REFERRER_POLICY": "strict-origin-when-cross-origin", "X_FRAME_OPTIONS": "DENY",
        "SECURE_SSL_REDIRECT": True,
    }


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/admin/login/"])
def test_every_answer_carries_the_security_headers(client, path):
    response = client.get(path)
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"]


@pytest.mark.django_db
def test_pages_served_from_the_page_cache_keep_the_security_headers(client, settings):
    from tests.factories import make_article

    settings.PAGE_CACHE_ENABLED = True
    url = make_article("Cached story").get_absolute_url()
    client.get(url)
    hit = client.get(url)
    assert hit["X-Page-Cache"] == "hit"
    for header in ("Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options", "Referrer-Policy"):
        assert header in hit.headers, header
