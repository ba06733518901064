"""The cached forms of reverse() give exactly what reverse() gives."""

import pytest
from django.urls import NoReverseMatch, reverse, set_script_prefix

from core.urls import fixed_path, slug_path


@pytest.mark.parametrize("name", ["articles:detail", "articles:topic", "entities:official", "authors:detail",
                                  "articles:topic_feed_rss"])
@pytest.mark.parametrize("slug", ["quotas", "a-b_c", "2024", "稀土", "rare earths", "a%2Fb", "x?y"])
def test_slug_path_matches_reverse(name, slug):
    try:
        expected = reverse(name, kwargs={"slug": slug})
    except NoReverseMatch:
        with pytest.raises(NoReverseMatch):
            slug_path(name, slug)
        return
    assert slug_path(name, slug) == expected
    assert slug_path(name, slug) == expected  # and again, from the cached template


@pytest.mark.parametrize("name", ["articles:home", "articles:topics", "articles:corrections", "articles:feed_rss"])
def test_fixed_path_matches_reverse(name):
    assert fixed_path(name) == reverse(name)


def test_the_script_prefix_is_part_of_the_answer():
    assert slug_path("articles:detail", "story") == "/articles/story/"
    set_script_prefix("/news/")
    try:
        assert slug_path("articles:detail", "story") == "/news/articles/story/"
        assert fixed_path("articles:home") == "/news/"
    finally:
        set_script_prefix("/")
    assert fixed_path("articles:home") == "/"
