import datetime

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from articles.models import Article
from tests.factories import make_article

pytestmark = pytest.mark.django_db


def test_slug_is_filled_from_title_and_kept_unique():
    a = make_article("Northern Rare Earth raises prices")
    b = make_article("Northern Rare Earth raises prices")
    assert a.slug == "northern-rare-earth-raises-prices"
    assert b.slug == "northern-rare-earth-raises-prices-2"


def test_slug_from_a_chinese_only_title_is_not_empty():
    a = make_article("稀土改革")
    assert a.slug


def test_explicit_duplicate_slug_is_refused_by_the_database():
    make_article("One", slug="same")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_article("Two", slug="same")


def test_editor_can_set_the_slug():
    a = make_article("A long headline about quotas", slug="quotas")
    assert a.get_absolute_url() == "/articles/quotas/"


def test_body_sanitizer_strips_scripts_and_event_handlers_but_keeps_tables_and_links():
    body = (
        '<p onclick="steal()">Intro <a href="https://example.com/x" onmouseover="x()">link</a></p>'
        "<script>alert(1)</script>"
        '<table><caption>Targets</caption><thead><tr><th scope="col">Target</th></tr></thead>'
        "<tbody><tr><td>2029</td></tr></tbody></table>"
        '<a href="javascript:alert(1)">bad</a><img src="data:image/png;base64,AAAA" onerror="x()">'
    )
    a = make_article(body=body)
    a.refresh_from_db()
    assert "<script" not in a.body and "alert(1)" not in a.body
    assert "onclick" not in a.body and "onmouseover" not in a.body and "onerror" not in a.body
    assert "javascript:" not in a.body and "data:" not in a.body
    assert '<a href="https://example.com/x">link</a>' in a.body
    assert '<th scope="col">Target</th>' in a.body and "<caption>Targets</caption>" in a.body


def test_highlights_keep_order_and_drop_blanks():
    a = make_article(highlights=["Third plenum targets", "  ", "SOE reform", ""])
    a.refresh_from_db()
    assert a.highlights == ["Third plenum targets", "SOE reform"]


def test_published_queryset_is_decided_by_status_and_clock():
    now = timezone.now()
    live = make_article("live", published_at=now - datetime.timedelta(minutes=1))
    make_article("draft", status=Article.Status.DRAFT)
    make_article("review", status=Article.Status.REVIEW)
    make_article("archived", status=Article.Status.ARCHIVED)
    due = make_article("due", status=Article.Status.SCHEDULED, published_at=now + datetime.timedelta(seconds=1))
    expiring = make_article("expiring", published_at=now - datetime.timedelta(days=1),
                            expires_at=now + datetime.timedelta(seconds=1))
    visible_now = set(Article.objects.published(now=now))
    assert visible_now == {live, expiring}
    later = now + datetime.timedelta(seconds=2)
    assert set(Article.objects.published(now=later)) == {live, due}
    one_second_before = due.published_at - datetime.timedelta(seconds=1)
    assert due not in Article.objects.published(now=one_second_before)


def test_tags_are_case_insensitive():
    a = make_article(tags=["SOE reform"])
    b = make_article(tags=["soe reform"])
    assert list(a.tags.all()) == list(b.tags.all())
