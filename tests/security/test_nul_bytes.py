"""A NUL byte in a URL segment or a query parameter is refused (404 or 400)
or ignored, never a 500: PostgreSQL refuses NUL in text, SQLite does not, so
these run on both."""

import pytest

from tests.factories import make_article, make_official

pytestmark = pytest.mark.django_db

NUL_PATHS = [
    "/topics/a%00b/", "/topics/a%00b/feed/", "/topics/a%00b/feed/atom/", "/topics/a%00b/feed/json/",
    "/articles/a%00b/", "/officials/a%00b/", "/enterprises/a%00b/", "/regulators/a%00b/",
    "/authors/a%00b/", "/authors/a%00b/feed/", "/officials/a%00b/feed/", "/preview/a%00b/",
    "/api/articles/a%00b/", "/api/officials/a%00b/", "/api/enterprises/a%00b/", "/api/regulators/a%00b/",
    "/sitemap-a%00b.xml",
]
NUL_QUERIES = [
    ("/search/", "q"), ("/search/", "page"), ("/", "page"), ("/topics/prices/", "page"),
    ("/officials/", "page"), ("/officials/", "q"), ("/enterprises/", "ownership"), ("/regulators/", "level"),
    ("/corrections/", "page"), ("/archive/2025/", "page"), ("/feeds/rss/", "page"),
    *[("/api/articles/", name) for name in ("q", "topic", "tag", "official", "enterprise", "regulator",
                                            "author", "from", "to", "page", "page_size", "ordering", "cursor")],
    *[("/api/officials/", name) for name in ("q", "page", "search")],
    ("/api/enterprises/", "ownership"), ("/api/regulators/", "level"),
]


@pytest.fixture
def content():
    official = make_official("Sun Shaocheng")
    make_article("Rare earth story", tags=["Prices"], officials=[official])


@pytest.mark.parametrize("path", NUL_PATHS)
def test_a_nul_byte_in_a_path_segment_is_a_404(client, content, path):
    assert client.get(path).status_code == 404


@pytest.mark.parametrize(("path", "param"), NUL_QUERIES)
def test_a_nul_byte_in_a_query_parameter_is_not_a_500(client, content, path, param):
    response = client.get(f"{path}?{param}=a%00b")
    assert response.status_code in {200, 400, 404}, response.status_code
