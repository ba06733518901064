"""Bad input never 500s: hypothesis throws random paths, query strings, page
numbers, search strings and filter values at every public URL shape and the
admin; every answer must be 2xx, 3xx, 400 or 404."""

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import make_article, make_official, make_user

pytestmark = pytest.mark.django_db

OK = {200, 301, 302, 304, 400, 404, 405}
FUZZ = settings(max_examples=40, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

# Text a hostile or clumsy client might send: unicode, control characters,
# SQL and template syntax, huge numbers, percent-encoding.
nasty_text = st.one_of(
    st.text(max_size=60),
    st.sampled_from(["'", '"', "\\", "%", "%00", "%ff", "' OR 1=1 --", "{{x}}", "../../etc/passwd", "-1", "0",
                     "99999999999999999999", "1e9", "NaN", "2024-02-30", "<script>", "a" * 3000, "孙绍骋", "\x00"]),
)
PATHS = ["/", "/articles/{}/", "/topics/{}/", "/officials/{}/", "/enterprises/{}/", "/regulators/{}/",
         "/authors/{}/", "/archive/{}/", "/archive/2025/{}/", "/search/", "/corrections/", "/officials/",
         "/enterprises/", "/regulators/", "/topics/", "/feeds/rss/", "/feeds/json/", "/topics/{}/feed/",
         "/api/articles/", "/api/articles/{}/", "/api/officials/", "/sitemap.xml", "/preview/{}/"]
PARAMS = ["page", "q", "topic", "official", "enterprise", "regulator", "from", "to", "ownership", "level",
          "tag", "author", "page_size", "format", "o"]


@pytest.fixture
def content():
    official = make_official("Sun Shaocheng", native_name="孙绍骋")
    for i in range(3):
        make_article(f"Rare earth story {i}", tags=["Prices"], officials=[official])
    make_article("Hidden draft", status="draft")


def _encode(value: str) -> str:
    from urllib.parse import quote

    return quote(value.replace("\x00", "%00"), safe="")


@FUZZ
@given(path=st.sampled_from(PATHS), segment=nasty_text,
       params=st.dictionaries(st.sampled_from(PARAMS), nasty_text, max_size=4))
def test_public_urls_never_fail(content, path, segment, params):
    client = Client()
    url = path.format(_encode(segment)) if "{}" in path else path
    response = client.get(url, {k: v.replace("\x00", "") for k, v in params.items()})
    assert response.status_code in OK, (url, params, response.status_code)
    assert "Hidden draft" not in response.content.decode("utf-8", "replace")


ADMIN_PATHS = ["/admin/articles/article/", "/admin/entities/official/", "/admin/entities/enterprise/",
               "/admin/taggit/tag/", "/admin/articles/article/{}/change/", "/admin/autocomplete/"]


@FUZZ
@given(path=st.sampled_from(ADMIN_PATHS), segment=nasty_text,
       params=st.dictionaries(st.sampled_from(["q", "p", "o", "status", "e", "term", "app_label", "model_name",
                                               "field_name", "published_at__gte", "tags__id__exact"]),
                              nasty_text, max_size=4))
def test_admin_lists_and_forms_never_fail(content, path, segment, params):
    client = Client()
    client.force_login(make_user(group="Editors"))
    url = path.format(_encode(segment)) if "{}" in path else path
    response = client.get(url, {k: v.replace("\x00", "") for k, v in params.items()})
    assert response.status_code in OK | {403}, (url, params, response.status_code)


@FUZZ
@given(data=st.dictionaries(
    st.sampled_from(["title", "slug", "standfirst", "highlights", "body", "status", "published_at_0",
                     "published_at_1", "expires_at_0", "tags", "officials", "featured_image",
                     "bylines-TOTAL_FORMS", "bylines-INITIAL_FORMS", "corrections-TOTAL_FORMS"]),
    nasty_text, max_size=8))
def test_admin_add_form_posts_never_fail(content, data):
    client = Client()
    client.force_login(make_user(group="Editors"))
    response = client.post("/admin/articles/article/add/", {k: v.replace("\x00", "") for k, v in data.items()})
    assert response.status_code in {200, 302, 400, 403}, (data, response.status_code)
