""""You Might Also Like" fills its rows on a desktop and keeps a readable
text column on a phone."""

from __future__ import annotations

import pytest

from recommendations.models import RelatedArticle
from tests.browser.conftest import screenshot
from tests.factories import make_article


@pytest.fixture
def story(transactional_db):
    def build(count: int):
        article = make_article("Magnet makers weigh a new quota", tags=["Magnets"])
        for i in range(count):
            other = make_article(f"Related story number {i} on separation plants and their long supply chains")
            RelatedArticle.objects.create(article=article, related=other, rank=i, reason="More on magnets")
        return article
    return build


def _rows(page) -> list[int]:
    tops = page.eval_on_selector_all(".related-list > li", "els => els.map(e => Math.round(e.getBoundingClientRect().top))")
    return [tops.count(t) for t in sorted(set(tops))]


@pytest.mark.parametrize("count, rows", [(4, [4]), (5, [3, 2]), (6, [3, 3])])
def test_no_lone_card_at_1280px(live_server, page, story, count, rows):
    article = story(count)
    page.goto(live_server.url + article.get_absolute_url())
    assert _rows(page) == rows
    screenshot(page, f"related-1280-{count}")


def test_the_text_column_is_wide_at_390px(live_server, browser, story):
    article = story(5)
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    page.goto(live_server.url + article.get_absolute_url())
    widths = page.eval_on_selector_all(".related-card .card-body", "els => els.map(e => e.getBoundingClientRect().width)")
    assert len(widths) == 5 and min(widths) > 200, widths
    screenshot(page, "related-390")
    context.close()
