"""The OpenAPI description the site serves."""

import pytest
from drf_spectacular.validation import validate_schema

pytestmark = pytest.mark.django_db


def test_openapi_json_is_served_valid_and_describes_every_endpoint(client):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.oai.openapi+json")
    schema = response.json()
    validate_schema(schema)  # raises on an invalid OpenAPI 3 document
    for p in ("/api/articles/", "/api/articles/{slug}/", "/api/officials/", "/api/enterprises/{slug}/",
              "/api/regulators/", "/api/tags/", "/api/authors/"):
        assert p in schema["paths"], p
    params = {p["name"] for p in schema["paths"]["/api/articles/"]["get"]["parameters"]}
    assert {"tag", "official", "enterprise", "regulator", "author", "published_from", "published_to",
            "page", "page_size"} <= params
    assert set(schema["paths"]["/api/articles/"]) == {"get"}  # read-only


def test_schema_generation_has_no_warnings(tmp_path):
    from django.core.management import call_command

    # --fail-on-warn: an undocumented field type would fail here first.
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yaml"))


def test_api_root_lists_the_endpoints(client):
    data = client.get("/api/").json()
    assert {"articles", "officials", "enterprises", "regulators", "authors", "tags"} <= set(data)


def test_anonymous_clients_are_throttled(client, settings):
    from rest_framework.throttling import AnonRateThrottle

    original = AnonRateThrottle.THROTTLE_RATES
    AnonRateThrottle.THROTTLE_RATES = {"anon": "3/minute"}
    try:
        codes = [client.get("/api/tags/").status_code for _ in range(4)]
    finally:
        AnonRateThrottle.THROTTLE_RATES = original
    assert codes == [200, 200, 200, 429]


def test_docs_page_lists_endpoints_and_filters(client):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "GET /api/articles/</code>" in html and "GET /api/officials/{slug}/</code>" in html
    assert "<code>published_from</code>" in html and "Published on or after this day" in html
    assert 'href="/api/openapi.json"' in html
