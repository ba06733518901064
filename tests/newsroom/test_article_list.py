"""The article list in the admin: each row in words (state, byline,
topics, dates), no red icons for "nothing pending", in a number of queries
that does not grow with the page."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Article
from core.templatetags.dates import datetime_attr
from newsroom import editing
from tests.factories import make_article, make_author, staff_login
from tests.newsroom.workflow_support import changelist_url

pytestmark = pytest.mark.django_db
S = Article.Status


def stories(n: int) -> None:
    for i in range(n):
        make_article(f"Story {i}", authors=[make_author(), make_author()], tags=[f"topic {i}", "quotas"])


def test_rows_say_state_byline_topics_and_dates_in_words(client, editor):
    live = make_article("Quota talks", authors=[make_author("Li Wei")], tags=["quotas"])
    make_article("Draft on gallium", status=S.DRAFT)
    editing.article_save(article=live, user=editor, data={"title": "Quota talks resume"}, expected_version=None)
    staff_login(client, editor)
    page = client.get(changelist_url()).content.decode()
    assert "icon-no" not in page and "icon-yes" not in page  # no ✖/✔ for "unpublished changes"
    live_row = page.split("Quota talks</a>")[1].split("</tr>")[0]
    assert ">Published</span>" in live_row and "with unpublished changes" in live_row
    assert "Li Wei" in live_row and "quotas" in live_row and f'datetime="{datetime_attr(live.published_at)}"' in live_row
    draft_row = page.split("Draft on gallium</a>")[1].split("</tr>")[0]
    assert ">Draft</span>" in draft_row and "No byline" in draft_row and "Not scheduled" in draft_row


def test_the_list_costs_the_same_queries_for_few_or_many_rows(client, editor, django_assert_max_num_queries):
    stories(3)
    staff_login(client, editor)
    with CaptureQueriesContext(connection) as few:
        assert client.get(changelist_url()).status_code == 200
    stories(30)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(changelist_url()).content.decode()
    assert page.count('class="field-byline"') == 33
