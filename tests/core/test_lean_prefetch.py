"""prefetch_relations loads what ``obj.<rel>.all()`` would, in one query for
all the relations on PostgreSQL (one per relation elsewhere), and its rows
are ordinary model instances."""

import datetime

import pytest
from django.db import connection

from articles.models import Article, Correction
from articles.views import ARTICLE_PAGE_RELATIONS
from core import cache as page_cache
from core.lean_prefetch import prefetch_relations
from tests.factories import make_article, make_author, make_enterprise, make_official, make_regulator

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    article = make_article(
        "Lean",
        tags=["zeta", "alpha", "mid"],
        authors=[make_author("Zoe"), make_author("Adam")],
        officials=[make_official("Wu"), make_official("Li")],
        enterprises=[make_enterprise("Baotou Steel")],
        regulators=[make_regulator("SASAC", acronym="SASAC")],
    )
    Correction.objects.create(article=article, text="A date was wrong.")
    Correction.objects.create(article=article, text="A name was misspelt.")
    make_article("Other", tags=["alpha", "other"], authors=[make_author("Else")])  # must not leak in
    return article


def _lists(obj) -> dict[str, list]:
    return {name: [(type(o), o.pk, str(o)) for o in getattr(obj, name).all()] for name in ARTICLE_PAGE_RELATIONS}


def test_same_objects_in_the_same_order_as_without_prefetching(article):
    expected = _lists(Article.objects.get(pk=article.pk))
    lean = Article.objects.get(pk=article.pk)
    prefetch_relations(lean, ARTICLE_PAGE_RELATIONS)
    assert _lists(lean) == expected
    assert [t.name for t in lean.tags.all()] == ["zeta", "alpha", "mid"]  # the order they were added


def _values(obj) -> dict[str, list[dict]]:
    """Every loaded field value of every related object, with its type."""
    return {
        name: [
            {k: (type(v), v) for k, v in o.__dict__.items() if not k.startswith("_")}
            for o in getattr(obj, name).all()
        ]
        for name in ARTICLE_PAGE_RELATIONS
    }


def test_field_values_and_types_are_the_orms(article):
    """Read as JSON on PostgreSQL, the values are still what the driver and
    the fields' converters give: aware datetimes, parsed JSON, integer keys,
    None for NULL."""
    official = article.officials.get(name="Wu")
    official.same_as = ["https://www.wikidata.org/wiki/Q1", {"nested": [1, 2.5, None, True]}]
    official.save()
    correction = article.corrections.first()
    correction.created_at = datetime.datetime(2024, 2, 29, 23, 59, 58, 123456, tzinfo=datetime.UTC)
    correction.save()
    expected = _values(Article.objects.get(pk=article.pk))
    lean = Article.objects.get(pk=article.pk)
    prefetch_relations(lean, ARTICLE_PAGE_RELATIONS)
    assert _values(lean) == expected
    loaded = {o.name: o for o in lean.officials.all()}
    assert loaded["Wu"].same_as == ["https://www.wikidata.org/wiki/Q1", {"nested": [1, 2.5, None, True]}]
    loaded_correction = next(c for c in lean.corrections.all() if c.pk == correction.pk)
    assert loaded_correction.created_at == correction.created_at and loaded_correction.created_at.tzinfo
    assert loaded_correction.created_by_id is None and isinstance(loaded_correction.article_id, int)


def test_an_object_with_empty_relations(django_assert_num_queries):
    bare = make_article("Bare")
    lean = Article.objects.get(pk=bare.pk)
    prefetch_relations(lean, ARTICLE_PAGE_RELATIONS)
    with django_assert_num_queries(0):
        assert all(list(getattr(lean, name).all()) == [] for name in ARTICLE_PAGE_RELATIONS)


def test_one_query_for_all_relations_then_none(article, django_assert_num_queries):
    lean = Article.objects.get(pk=article.pk)
    prefetch_relations(lean, ARTICLE_PAGE_RELATIONS)  # compiles the SQL once per process
    again = Article.objects.get(pk=article.pk)
    expected = 1 if connection.vendor == "postgresql" else len(ARTICLE_PAGE_RELATIONS)
    with django_assert_num_queries(expected):
        prefetch_relations(again, ARTICLE_PAGE_RELATIONS)
    with django_assert_num_queries(0):
        _lists(again)
        # converters ran (JSON fields are Python objects) and children know their parent
        assert all(isinstance(o.same_as, list) for o in again.officials.all())
        assert all(c.article is again for c in again.corrections.all())
        prefetch_relations(again, ARTICLE_PAGE_RELATIONS)  # already loaded: nothing to do


def test_filtering_a_prefetched_relation_still_filters_by_its_object(article):
    lean = Article.objects.get(pk=article.pk)
    prefetch_relations(lean, ARTICLE_PAGE_RELATIONS)
    assert sorted(t.name for t in lean.tags.filter(name__in=["alpha", "other"])) == ["alpha"]
    assert [a.display_name for a in lean.authors.exclude(display_name="Zoe")] == ["Adam"]


def test_loaded_rows_are_page_cache_dependencies(article):
    token = page_cache.start_collecting()
    try:
        lean = Article.objects.get(pk=article.pk)
        prefetch_relations(lean, ARTICLE_PAGE_RELATIONS)
    finally:
        collected = page_cache.stop_collecting(token)
    for tag in lean.tags.all():
        assert f"tag:{tag.pk}" in collected.loaded
    for official in lean.officials.all():
        assert f"official:{official.pk}" in collected.loaded
    assert {f"author:{a.pk}" for a in lean.authors.all()} <= collected.loaded


def test_a_loaded_relation_answers_like_the_orm_without_building_sql_it_does_not_need(
    article, django_assert_num_queries
):
    lean = Article.objects.get(pk=article.pk)
    prefetch_relations(lean, ARTICLE_PAGE_RELATIONS)
    with django_assert_num_queries(0):
        assert lean.tags.count() == 3 and lean.tags.exists() and len(lean.corrections.all()) == 2
    # Anything beyond the rows is the queryset the manager builds: this
    # article's rows only, in the order asked for.
    assert [t.name for t in lean.tags.order_by("name")] == ["alpha", "mid", "zeta"]
    assert lean.corrections.order_by("-id").first().text == "A name was misspelt."
    assert not lean.regulators.filter(acronym="nope").exists()
    # ...and the rows are still served from memory afterwards.
    with django_assert_num_queries(0):
        assert [t.name for t in lean.tags.all()] == ["zeta", "alpha", "mid"]
