"""The byline reads in the order the editor set, not alphabetically."""

import pytest

from tests.factories import make_article, make_author

pytestmark = pytest.mark.django_db


def test_byline_keeps_the_editors_order_on_the_article_page_and_in_lists(client):
    zhao, anna = make_author("Zhao Min"), make_author("Anna Berg")
    article = make_article("Quota story", tags=["Quotas"], authors=[zhao, anna])
    make_article("Second story", tags=["Quotas"], authors=[anna, zhao])
    page = client.get(article.get_absolute_url()).content.decode()
    assert page.index(">Zhao Min</a>") < page.index(">Anna Berg</a>")
    topic = client.get("/topics/quotas/").content.decode()
    first, second = topic.index("Quota story"), topic.index("Second story")
    # each card's byline follows that article's own order
    block_a = topic[first:] if first > second else topic[first:second]
    block_b = topic[second:] if second > first else topic[second:first]
    assert block_a.index(">Zhao Min</a>") < block_a.index(">Anna Berg</a>")
    assert block_b.index(">Anna Berg</a>") < block_b.index(">Zhao Min</a>")
