"""The deploy check refuses a SITE_URL that would put http links (the
one-click unsubscribe among them) in every email."""

from __future__ import annotations

from django.core import checks


def test_an_http_site_url_fails_the_deploy_check(settings):
    settings.SITE_URL = "http://localhost:8000"
    found = [m.id for m in checks.run_checks(include_deployment_checks=True, tags=[checks.Tags.security])]
    assert "subscriptions.W001" in found
    settings.SITE_URL = "https://news.example.com"
    found = [m.id for m in checks.run_checks(include_deployment_checks=True, tags=[checks.Tags.security])]
    assert "subscriptions.W001" not in found
