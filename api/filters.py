"""Query-string filters of the article list, validated like a form: a
malformed value is a 400 naming the parameter, an unknown slug an empty list."""

from __future__ import annotations

import datetime

from django.db.models import QuerySet
from django.utils import timezone
from rest_framework import serializers

from articles.models import Article


class ArticleFilterSerializer(serializers.Serializer):
    tag = serializers.CharField(required=False, max_length=255, help_text="Topic (tag) slug, e.g. `export-controls`.")
    official = serializers.CharField(required=False, max_length=200, help_text="Slug of an official mentioned.")
    enterprise = serializers.CharField(required=False, max_length=200, help_text="Slug of an enterprise mentioned.")
    regulator = serializers.CharField(required=False, max_length=200, help_text="Slug of a regulator mentioned.")
    author = serializers.CharField(required=False, max_length=160, help_text="Slug of an author on the byline.")
    published_from = serializers.DateField(
        required=False, help_text="Published on or after this day (YYYY-MM-DD, site time zone)."
    )
    published_to = serializers.DateField(
        required=False, help_text="Published on or before this day (YYYY-MM-DD, site time zone)."
    )

    def validate(self, attrs: dict) -> dict:
        start, end = attrs.get("published_from"), attrs.get("published_to")
        if start and end and start > end:
            raise serializers.ValidationError({"published_to": "published_to must not be before published_from."})
        return attrs


_RELATIONS = {
    "tag": "tags__slug",
    "official": "officials__slug",
    "enterprise": "enterprises__slug",
    "regulator": "regulators__slug",
    "author": "authors__slug",
}


def _start_of(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=timezone.get_current_timezone())


def filter_articles(queryset: QuerySet[Article], params) -> QuerySet[Article]:
    """``queryset`` narrowed by the query parameters; raises DRF's
    ValidationError (a 400) for malformed values."""
    form = ArticleFilterSerializer(data=params)
    form.is_valid(raise_exception=True)
    data = form.validated_data
    for name, lookup in _RELATIONS.items():
        if data.get(name):
            # Slugs are unique, so each join matches at most one row per
            # article and no DISTINCT is needed.
            queryset = queryset.filter(**{lookup: data[name]})
    if data.get("published_from"):
        queryset = queryset.filter(published_at__gte=_start_of(data["published_from"]))
    if data.get("published_to") and data["published_to"] < datetime.date.max:
        queryset = queryset.filter(published_at__lt=_start_of(data["published_to"] + datetime.timedelta(days=1)))
    return queryset
