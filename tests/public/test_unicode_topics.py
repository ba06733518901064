import pytest

from tests.factories import make_article

pytestmark = pytest.mark.django_db


def test_a_topic_named_in_chinese_has_a_working_page_and_feed(client):
    article = make_article("Quota news", tags=["稀土配额"])
    tag = article.tags.get()
    page = client.get(article.get_absolute_url())
    assert page.status_code == 200
    topic = client.get(f"/topics/{tag.slug}/")
    assert topic.status_code == 200 and "Quota news" in topic.text
    assert client.get(f"/topics/{tag.slug}/feed/").status_code == 200
