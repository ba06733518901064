"""Reader search over published articles and the entities they mention.

Two engines behind one interface, chosen by the database:

- PostgreSQL: full-text search on ``ArticleSearchDocument.vector`` (weighted
  tsvector: A title, B standfirst/highlights/tags/entity names, C body; GIN
  index), ``websearch_to_tsquery`` so any input is a valid query, ``ts_rank``
  for relevance and ``ts_headline`` for snippets.
- Everywhere else (SQLite), and on PostgreSQL for queries in Chinese or
  Japanese/Korean script, which text search cannot split into words: every
  term must be a substring of the lower-cased ``document`` (trigram GIN index
  on PostgreSQL), ranked by hits in the title, then hits anywhere.

Both order by relevance, then newest first, and both start from
``Article.objects.published()``: the index holds every article whatever its
state, visibility is decided at read time.

Snippets are escaped text whose only markup is our ``<mark>`` tags: the
headline sentinels are characters stripped from indexed text, so nothing in
an article can forge them.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.core.cache import cache
from django.db import connection
from django.db.models import Count, F, Prefetch, Q, QuerySet, TextField, Value
from django.db.models.functions import Concat, Least, Left, Length, Lower, Replace
from django.utils import timezone
from taggit.models import Tag

from articles.models import Article, TaggedArticle
from articles.querysets import CARD_IMAGE_FIELDS, byline_prefetch
from core.cjk import CJK_RE

from .documents import MARK_END, MARK_START, SEARCH_CONFIG, cjk_query_tokens
from .query import QueryTerms, SearchFilters, normalize_query, query_terms, uses_fulltext
from .synonyms import expand_terms, typed_as_words

FACET_CACHE_SECONDS = 300
# Title hits weigh more than any number of hits elsewhere (capped).
TITLE_HIT_WEIGHT = 10
OTHER_HITS_CAP = 5
# How much of the body a snippet is looked for in (after the standfirst).
SNIPPET_SOURCE_CHARS = 1500
# Significant figures of a synonym search's rank that order results.
RANK_FIGURES = 2
_EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)


class RankedResults:
    """Ranked matches as a sequence the paginator can page: the candidate
    ids, best first, are known; an article row (with its snippets) is loaded
    only for the slice a page shows, in one query."""

    def __init__(self, ids: list[int], loader: QuerySet) -> None:
        self.ids = ids
        self.loader = loader

    def __len__(self) -> int:
        return len(self.ids)

    def count(self) -> int:
        return len(self.ids)

    def __getitem__(self, index: slice) -> list[Article]:
        if not isinstance(index, slice):
            raise TypeError("RankedResults is sliced by pages")
        wanted = self.ids[index]
        if not wanted:
            return []
        articles = list(self.loader.filter(pk__in=wanted))
        attach_tag_links(articles)
        by_id = {a.pk: a for a in articles}
        # An article that stopped being visible since the ids were read is
        # dropped (the loader applies visibility again).
        return [by_id[pk] for pk in wanted if pk in by_id]

    def __iter__(self) -> Iterator[Article]:
        return iter(self[:])


def attach_tag_links(articles: Sequence[Article]) -> None:
    """Give each article ``tag_links``: its ``TaggedArticle`` rows with their
    tags, in the order the tags were added, as the ``Prefetch("tagged_items",
    select_related("tag"), to_attr="tag_links")`` of filter listings does.

    One query for the whole page of results."""
    if not articles:
        return
    links = (
        TaggedArticle.objects.using(articles[0]._state.db or "default")
        .filter(content_object_id__in=[a.pk for a in articles])
        .select_related("tag")
        .only("id", "tag_id", "content_object_id", "tag__id", "tag__name", "tag__slug")
        .order_by("pk")
    )
    by_article: dict[int, list[TaggedArticle]] = {a.pk: [] for a in articles}
    for link in links:
        by_article[link.content_object_id].append(link)
    for article in articles:
        article.tag_links = by_article[article.pk]


@dataclass
class ArticleSearch:
    """The matching articles and how they were matched.

    ``queryset`` is what the results pages are cut from: for a filter-only
    listing an ordered queryset; for words, ``RankedResults`` over the
    candidates. ``matched`` is every match without ordering or annotations.

    Words that match a large share of the archive ("rare earth" matches
    nearly every article) would cost a rank computed for every match, a
    COUNT(*) over all of them and topic counts over all of them: tens of
    thousands of rows per request. So only the newest ``search_candidates()``
    matches are ranked (``capped`` says there were more), and the total is
    then the planner's estimate (``total_is_estimate``)."""

    queryset: QuerySet | RankedResults
    matched: QuerySet
    mode: str  # "fulltext", "substring" or "filter"
    terms: QueryTerms
    query: str = ""
    filters: SearchFilters = field(default_factory=SearchFilters)
    capped: bool = False
    # Each included term with its synonyms (search/synonyms.py).
    alternatives: tuple[tuple[str, ...], ...] = ()

    @property
    def highlight_terms(self) -> tuple[str, ...]:
        """What snippets mark: the terms and their synonyms."""
        flat = [*self.terms.include, *(alt for group in self.alternatives for alt in group)]
        return tuple(dict.fromkeys(flat))

    @property
    def has_matches(self) -> bool:
        """Whether anything matched (free for ranked searches: the ids are known)."""
        if isinstance(self.queryset, RankedResults):
            return bool(self.queryset.ids)
        return self.queryset.exists()

    @property
    def candidate_ids(self) -> list[int] | None:
        return self.queryset.ids if isinstance(self.queryset, RankedResults) else None

    @property
    def total_is_estimate(self) -> bool:
        return self.capped

    def total(self) -> int:
        """How many articles match: exact unless ``capped``, then an estimate."""
        if not self.capped:
            return self.queryset.count()
        return max(estimated_count(self.matched), len(self.queryset))


def search_candidates() -> int:
    """How many of the newest matches a search ranks (and pages through)."""
    return getattr(settings, "SEARCH_CANDIDATES", 500)


def estimated_count(qs: QuerySet) -> int:
    """The planner's row estimate for ``qs`` on PostgreSQL (no rows are
    read; good to a few per cent with current statistics), an exact count
    elsewhere."""
    if connection.vendor != "postgresql":
        return qs.count()
    plan = json.loads(qs.order_by().values("pk").explain(format="json"))
    return int(plan[0]["Plan"]["Plan Rows"])


def about(n: int) -> int:
    """``n`` to two significant figures, for "about N results"."""
    if n < 100:
        return n
    magnitude = 10 ** (len(str(n)) - 2)
    return round(n / magnitude) * magnitude


def _filtered(qs: QuerySet, filters: SearchFilters) -> QuerySet:
    if filters.topic:
        qs = qs.filter(tags__slug=filters.topic)
    for kind, slug in filters.entities:
        qs = qs.filter(**{f"{kind}s__slug": slug})
    tz = timezone.get_current_timezone()
    if filters.date_from:
        qs = qs.filter(published_at__gte=datetime.datetime.combine(filters.date_from, datetime.time.min, tz))
    if filters.date_to:
        next_day = filters.date_to + datetime.timedelta(days=1)
        qs = qs.filter(published_at__lt=datetime.datetime.combine(next_day, datetime.time.min, tz))
    return qs


def _hits(expression, term: str):
    """How many times ``term`` occurs in ``expression`` (both lower-case)."""
    return (Length(expression) - Length(Replace(expression, Value(term), Value("")))) / Value(len(term))


_LISTING_FIELDS = (
    "id", "title", "slug", "standfirst", "published_at", "updated_at", "status", *CARD_IMAGE_FIELDS,
)
# Tags through the through model, in the order they were added (as
# ``article.tags.all()`` gives them): taggit's own prefetch builds a
# throw-away queryset per article.
_LISTING_PREFETCH = (
    byline_prefetch(),
    Prefetch("tagged_items", queryset=TaggedArticle.objects.select_related("tag").order_by("pk"), to_attr="tag_links"),
)


def search_articles(
    *,
    query: str,
    filters: SearchFilters | None = None,
    now: datetime.datetime | None = None,
    substring: bool = False,
    within: QuerySet | None = None,
    synonyms: dict[str, tuple[str, ...]] | None = None,
) -> ArticleSearch:
    """Published articles matching ``query`` and ``filters``, most relevant
    first, newest first among equals. An empty query with filters lists the
    filtered articles newest first. ``substring`` forces the substring engine
    (on PostgreSQL: to find parts of words when whole words found nothing).
    ``within`` searches other articles than the published ones (the admin's
    own list, drafts included); ``synonyms`` (``synonyms.synonym_table()``)
    lets a term match every name of its synonym group."""
    query = normalize_query(query)
    terms = query_terms(query)
    filters = filters or SearchFilters()
    base = _filtered(Article.objects.published(now=now) if within is None else within, filters)
    groups = expand_terms(terms, synonyms)
    expanded = any(len(group) > 1 for group in groups)
    typed_words = terms.include if typed_as_words(terms, groups) else None
    if not query:
        # Filters alone list newest first, straight from the index: no ranking.
        qs = base.select_related("featured_image").only(*_LISTING_FIELDS).prefetch_related(*_LISTING_PREFETCH).order_by("-published_at", "-id")
        return ArticleSearch(qs, base, "filter", terms, query, filters)
    # A Chinese term with synonyms goes to the full-text index with them
    # (its characters as CJK tokens): as substrings, a group as broad as
    # 稀土 / rare earth ranked nearly every document (2.8 s on 100,000).
    fulltext = not substring and (uses_fulltext(query) or (connection.vendor == "postgresql" and expanded))
    if not terms.include and not fulltext:
        none = base.none()
        return ArticleSearch(none, none, "substring", terms, query, filters)

    if fulltext:
        ts_query = (
            _expanded_tsquery(groups, terms.exclude, typed_words=typed_words) if expanded
            else SearchQuery(query, search_type="websearch", config=SEARCH_CONFIG)
        )
        matched = base.filter(search_document__vector=ts_query)
        # With synonyms, cover density: ts_rank scores every word of a
        # query alone, so the words of a long name ("ministry of industry
        # and information technology") lifted any article with "industry"
        # in its title above those that name the ministry; a cover is a
        # whole match of one of the names.
        rank = SearchRank(F("search_document__vector"), ts_query, cover_density=expanded)
        marks = {"start_sel": MARK_START, "stop_sel": MARK_END, "config": SEARCH_CONFIG}
        # The snippet is looked for in the standfirst and the first part of
        # the body: ts_headline parses all the text it is given, and whole
        # bodies made it the dearest part of a results page.
        snippet_source = Concat(
            "search_document__summary", Value(" "), Left("search_document__body", SNIPPET_SOURCE_CHARS),
            output_field=TextField(),
        )
        loader = base.select_related("featured_image").only(*_LISTING_FIELDS).annotate(
            title_headline=SearchHeadline("search_document__title", ts_query, highlight_all=True, **marks),
            snippet_headline=SearchHeadline(
                snippet_source, ts_query, max_words=30, min_words=12, max_fragments=2,
                fragment_delimiter=" … ", **marks,
            ),
        )
        mode = "fulltext"
    else:
        matched = base
        for group in groups:
            # A typed synonym name as short as "Dy" is a whole word too.
            own = group[0]
            if typed_words:
                condition = Q()
                for word in typed_words:
                    condition &= _term_condition(word)
            elif len(group) > 1 and _whole_word_only(own):
                condition = _alternative_condition(own)
            else:
                condition = _term_condition(own)
            for alternative in group[1:]:
                condition |= _alternative_condition(alternative)
            matched = matched.filter(condition)
        for term in terms.exclude:
            matched = matched.exclude(search_document__document__contains=term)
        document, title = F("search_document__document"), Lower("search_document__title")
        counted = [
            alt for group in groups for i, alt in enumerate(group)
            if not _whole_word_only(alt) or (i == 0 and len(group) == 1)
        ]
        if typed_words:
            counted = list(dict.fromkeys([*typed_words, *(alt for alt in counted if alt != groups[0][0])]))
        rank = sum(
            (_hits(title, t) * Value(TITLE_HIT_WEIGHT) + Least(_hits(document, t), Value(OTHER_HITS_CAP))
             for t in counted),
            Value(0),
        )
        loader = base.select_related("search_document", "featured_image").only(
            *_LISTING_FIELDS, "search_document__title", "search_document__summary", "search_document__body"
        )
        mode = "substring"
    # The newest matches (one more than wanted, to know whether there are
    # more), ranked here: relevance, then newest first.
    limit = search_candidates()
    rows = list(
        matched.annotate(rank=rank).order_by("-published_at", "-id").values_list("pk", "rank", "published_at")[: limit + 1]
    )
    capped = len(rows) > limit
    if expanded and mode == "fulltext":
        # Cover density over Chinese names reads the distance between their
        # character tokens, which sit in the vector in code-point order, not
        # text order: articles that name a body the same way differed
        # slightly by that alone. Ranks that close are equal, so the newest
        # comes first among them.
        rows = [(pk, _significant(rank), published) for pk, rank, published in rows]
    # Undated articles (drafts, in the admin's search) after dated ones.
    rows = sorted(rows[:limit], key=lambda r: (r[1], r[2] is not None, r[2] or _EPOCH, r[0]), reverse=True)
    results = RankedResults([pk for pk, _rank, _published in rows], loader.prefetch_related(byline_prefetch()))
    return ArticleSearch(results, matched, mode, terms, query, filters, capped=capped, alternatives=groups)


def _significant(rank: float, figures: int = RANK_FIGURES) -> float:
    return float(f"{rank:.{figures}g}")


def _cjk_tsquery(text: str) -> SearchQuery | None:
    tokens = cjk_query_tokens(text)
    return SearchQuery(" & ".join(tokens), search_type="raw", config="simple") if tokens else None


def _word_tsquery(text: str) -> SearchQuery:
    """``text`` as whole words (a phrase if several) in the vector."""
    phrase = " ".join(text.replace('"', " ").split())
    return SearchQuery(f'"{phrase}"' if " " in phrase else phrase, search_type="websearch", config=SEARCH_CONFIG)


def _name_tsquery(name: str) -> SearchQuery | None:
    return _cjk_tsquery(name) if CJK_RE.search(name) else _word_tsquery(name)


def _all_words_tsquery(words: Sequence[str]) -> SearchQuery | None:
    combined = None
    for word in words:
        part = _name_tsquery(word)
        if part is not None:
            combined = part if combined is None else combined & part
    return combined


def _expanded_tsquery(
    groups: tuple[tuple[str, ...], ...], exclude: Sequence[str], *, typed_words: Sequence[str] | None = None
) -> SearchQuery:
    """Every group matched by any of its names (Chinese names through the
    CJK tokens), and no excluded word. ``typed_words``: the one group is a
    whole query of several words, matched first as those words anywhere
    (``synonyms.typed_as_words``), then as its other names."""
    combined = None
    for group in groups:
        either = None
        for i, name in enumerate(group):
            part = _all_words_tsquery(typed_words) if typed_words and i == 0 else _name_tsquery(name)
            if part is not None:
                either = part if either is None else either | part
        if either is not None:
            combined = either if combined is None else combined & either
    for word in exclude:
        combined = combined & ~_word_tsquery(word) if combined is not None else ~_word_tsquery(word)
    return combined


def _term_condition(term: str) -> Q:
    """A term the reader typed, as a substring of the document; on
    PostgreSQL a CJK term first needs its tokens, which the GIN index finds."""
    condition = Q(search_document__document__contains=term)
    if connection.vendor == "postgresql":
        tokens = _cjk_tsquery(term)
        if tokens is not None:
            condition &= Q(search_document__vector=tokens)
    return condition


def _whole_word_only(name: str) -> bool:
    """Short Latin synonyms (Dy, Nd, REE) only count as whole words: as
    substrings they are in every other word ("study")."""
    return not CJK_RE.search(name) and len(name) <= 3


def _alternative_condition(name: str) -> Q:
    """A synonym of a typed term: on PostgreSQL as whole words (GIN index
    on the vector) or through the CJK tokens; on SQLite as a substring, or
    as a whole word when short."""
    if connection.vendor == "postgresql":
        if CJK_RE.search(name):
            return _term_condition(name)
        return Q(search_document__vector=_word_tsquery(name))
    if _whole_word_only(name):
        return Q(search_document__document__regex=rf"(^|[^\w]){re.escape(name)}($|[^\w])")
    return Q(search_document__document__contains=name)



def topic_facets(search: ArticleSearch, *, limit: int = 8) -> list[tuple[str, str, int]]:
    """The topics most common among the matching articles (the ranked
    candidates when a search was capped): ``(slug, name, count)``, most
    common first.

    Counting tags over every match costs about as much as the search itself
    for broad queries, and a count a few minutes old misleads nobody, so the
    answer is cached briefly per query and filters."""
    key = "search:topics:" + hashlib.sha256(
        repr((connection.vendor, search.mode, search.query, search.filters, limit)).encode()
    ).hexdigest()
    rows = cache.get(key)
    if rows is None:
        # Ranked searches count over their candidates (all matches unless the
        # search was capped), so a broad query does not count tags on every
        # article in the archive.
        ids = search.candidate_ids
        matched_ids = search.matched.order_by().values("pk") if ids is None else ids
        rows = list(
            Tag.objects.filter(articles_taggedarticle_items__content_object__in=matched_ids)
            .annotate(n=Count("articles_taggedarticle_items"))
            .order_by("-n", "name")
            .values_list("slug", "name", "n")[:limit]
        )
        cache.set(key, rows, FACET_CACHE_SECONDS)
    return rows
