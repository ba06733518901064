"""Bylines read "By A", "By A and B", "By A, B and C", each linked and
escaped; a story without one is credited to the outlet."""

import pytest
from django.conf import settings
from django.template import Context, Template

from tests.factories import make_article, make_author

pytestmark = pytest.mark.django_db


def _byline(article) -> str:
    return Template("{% load bylines %}{% byline article %}").render(Context({"article": article}))


def test_one_two_and_three_authors():
    a, b, c = make_author("Ann <Li>"), make_author("Bo Wu"), make_author("Cai Xu")
    assert _byline(make_article(authors=[a])) == f'By <a href="{a.get_absolute_url()}">Ann &lt;Li&gt;</a>'
    two = _byline(make_article(authors=[a, b]))
    assert two.endswith(f' and <a href="{b.get_absolute_url()}">Bo Wu</a>') and ", " not in two
    three = _byline(make_article(authors=[a, b, c]))
    assert three.count(", ") == 1 and three.count(" and ") == 1
    assert three.index("Ann") < three.index("Bo Wu") < three.index("Cai Xu")


def test_no_byline_credits_the_outlet(client):
    article = make_article("Unsigned")
    assert _byline(article) == settings.SITE_NAME
    assert f'<p class="meta byline">{settings.SITE_NAME}</p>' in client.get(article.get_absolute_url()).content.decode()
