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
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, TrigramWordSimilarity
from django.core.cache import cache
from django.db import connection
from django.db.models import Count, F, FloatField, Prefetch, Q, QuerySet, TextField, Value
from django.db.models.functions import Concat, Least, Left, Length, Lower, Replace
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from taggit.models import Tag

from articles.models import Article, TaggedArticle
from articles.querysets import byline_prefetch
from core.cjk import CJK_CHARS, CJK_RE
from core.sanitize import html_to_text
from entities.models import Enterprise, Official, Regulator

from .models import ArticleSearchDocument

SEARCH_CONFIG = "english"
MAX_QUERY_CHARS = 200
MAX_TERMS = 12
INDEX_CHUNK = 500
ENTITY_LIMIT = 12
FACET_CACHE_SECONDS = 300
# Title hits weigh more than any number of hits elsewhere (capped).
TITLE_HIT_WEIGHT = 10
OTHER_HITS_CAP = 5
# How much of the body a snippet is looked for in (after the standfirst).
SNIPPET_SOURCE_CHARS = 1500

# Private-use characters: ts_headline wraps matches in them; indexing strips
# them (and control characters, which PostgreSQL may refuse) from all text.
MARK_START, MARK_END = "\ue000", "\ue001"
_UNSAFE_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ue000\ue001]")
# Scripts written without spaces between words.
_CJK = CJK_RE
_TOKEN = re.compile(r'"([^"]*)"|(\S+)')
_EDGE_PUNCTUATION = "\"'`.,;:!?()[]{}<>*&|\\/~^$#@%+=“”‘’「」『』，。、？！：；（）《》【】"
_SLUG = re.compile(r"^[-\w]{1,200}$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

ENTITY_MODELS: dict[str, type] = {"official": Official, "enterprise": Enterprise, "regulator": Regulator}
ENTITY_LABELS = {"official": "Official", "enterprise": "Enterprise", "regulator": "Regulator"}


# ---------------------------------------------------------------- the index


def _clean_text(text: str) -> str:
    return " ".join(_UNSAFE_CHARS.sub(" ", text or "").split())


def build_document_fields(article: Article) -> dict[str, str]:
    """The searchable text of one article (with tags and mentioned entities
    prefetched): what ``ArticleSearchDocument`` stores."""
    highlights = [h for h in (article.highlights or []) if isinstance(h, str)]
    title = _clean_text(article.title)
    summary = _clean_text(" · ".join(p for p in [article.standfirst or "", *highlights] if p.strip()))
    names = [tag.name for tag in article.tags.all()]
    for entity in article.mentioned_entities():
        names.extend((entity.search_names or "").split("\n"))
    keywords = _clean_text(" · ".join(n for n in names if n.strip()))
    body = _clean_text(html_to_text(article.body))
    document = "\n".join((title, summary, keywords, body)).lower()
    return {"title": title, "summary": summary, "keywords": keywords, "body": body, "document": document}


_CJK_RUN = re.compile(f"[{CJK_CHARS}]+")


def _cjk_tokens(text: str, *, every_char: bool) -> list[str]:
    """Bigrams of each CJK run, and single characters: all of them
    (``every_char``) or only runs of one. One pass over the text."""
    tokens = set()
    for run in _CJK_RUN.findall(text or ""):
        if every_char or len(run) == 1:
            tokens.update(cjk_unigram_token(c) for c in run)
        tokens.update(f"cjk{ord(a):05x}{ord(b):05x}" for a, b in zip(run, run[1:], strict=False))
    return sorted(tokens)


def cjk_bigram_tokens(text: str) -> list[str]:
    """The character bigrams of the Chinese/Japanese/Korean runs in ``text``,
    as ASCII tokens (``cjk`` + both code points in hex) for the tsvector.

    A two-character Chinese query (稀土, "rare earth") is too short for the
    trigram index, so it would scan every document; indexing bigrams, as
    CJK search engines do, lets the GIN index answer it. ASCII tokens index
    the same under any database locale and text-search configuration."""
    return [t for t in _cjk_tokens(text, every_char=False) if t.startswith("cjk")]


def cjk_unigram_token(char: str) -> str:
    """One CJK character as an ASCII token (``cju`` + its code point in hex)."""
    return f"cju{ord(char):05x}"


def cjk_index_tokens(text: str) -> list[str]:
    """What a document's CJK text adds to its tsvector: its bigrams, and
    every character alone. The single characters are for one-character
    queries, common in this beat: the rare earths' Chinese names are one
    character each (钕 neodymium, 镝 dysprosium, 铽 terbium); without them
    such a query read every document (1.0 s on 100,000 articles, against
    3.5 ms with them)."""
    return _cjk_tokens(text, every_char=True)


def cjk_query_tokens(term: str) -> list[str]:
    """The index tokens every match of ``term`` must hold: the bigrams of
    its CJK runs, and a lone CJK character (a run of one) as itself."""
    return _cjk_tokens(term, every_char=False)


def search_index_update(*, article_ids: Iterable[int]) -> int:
    """Rebuild the search documents of these articles (any state; missing ids
    are skipped). Returns how many documents were written."""
    ids = sorted({int(i) for i in article_ids})
    written = 0
    names_only = ("id", "search_names")
    for start in range(0, len(ids), INDEX_CHUNK):
        chunk = ids[start : start + INDEX_CHUNK]
        articles = (
            Article.objects.filter(pk__in=chunk)
            .only("id", "title", "standfirst", "highlights", "body")
            .prefetch_related(
                "tags",
                Prefetch("officials", queryset=Official.objects.only(*names_only)),
                Prefetch("enterprises", queryset=Enterprise.objects.only(*names_only)),
                Prefetch("regulators", queryset=Regulator.objects.only(*names_only)),
            )
        )
        rows = [(a.pk, build_document_fields(a)) for a in articles]
        if not rows:
            continue
        if connection.vendor == "postgresql":
            _upsert_with_vectors(rows)
        else:
            ArticleSearchDocument.objects.bulk_create(
                [ArticleSearchDocument(article_id=pk, **fields) for pk, fields in rows],
                update_conflicts=True,
                unique_fields=["article"],
                update_fields=[*DOCUMENT_FIELDS, "updated_at"],
            )
        written += len(rows)
    return written


DOCUMENT_FIELDS = ("title", "summary", "keywords", "body", "document")


def _upsert_with_vectors(rows: list[tuple[int, dict[str, str]]]) -> None:
    """Insert or update documents with their weighted tsvector computed in
    the same statement, so each row (and its GIN entries) is written once."""
    table = connection.ops.quote_name(ArticleSearchDocument._meta.db_table)
    columns = ", ".join(DOCUMENT_FIELDS)
    updates = ", ".join(f"{c} = EXCLUDED.{c}" for c in (*DOCUMENT_FIELDS, "vector", "updated_at"))
    sql = f"""
        INSERT INTO {table} (article_id, {columns}, vector, updated_at)
        SELECT d.article_id, {", ".join(f"d.{c}" for c in DOCUMENT_FIELDS)},
               setweight(to_tsvector(%(config)s::regconfig, d.title), 'A')
               || setweight(to_tsvector(%(config)s::regconfig, d.summary || ' ' || d.keywords), 'B')
               || setweight(to_tsvector(%(config)s::regconfig, d.body), 'C')
               || setweight(to_tsvector('simple', d.cjk), 'D'),
               now()
        FROM unnest(%(ids)s::bigint[], {", ".join(f"%({c})s::text[]" for c in DOCUMENT_FIELDS)}, %(cjk)s::text[])
             AS d(article_id, {columns}, cjk)
        ON CONFLICT (article_id) DO UPDATE SET {updates}
    """  # noqa: S608 - identifiers are ours; every value is a parameter
    params = {"config": SEARCH_CONFIG, "ids": [pk for pk, _ in rows]}
    params.update({c: [fields[c] for _, fields in rows] for c in DOCUMENT_FIELDS})
    params["cjk"] = [" ".join(cjk_index_tokens(fields["document"])) for _, fields in rows]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


# -------------------------------------------------------------- the request


@dataclass(frozen=True)
class SearchFilters:
    """Narrowing beyond the words: a topic (tag slug), mentioned entities
    by type and slug, and a publication date range (both ends inclusive)."""

    topic: str = ""
    entities: tuple[tuple[str, str], ...] = ()
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None

    @property
    def active(self) -> bool:
        return bool(self.topic or self.entities or self.date_from or self.date_to)


@dataclass
class SearchRequest:
    query: str = ""
    filters: SearchFilters = field(default_factory=SearchFilters)
    notices: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.query and not self.filters.active


def normalize_query(raw: str) -> str:
    """``raw`` as safe, bounded text: no lone surrogates (unencodable), no
    control characters (PostgreSQL refuses NUL), whitespace collapsed."""
    text = (raw or "").encode("utf-8", "ignore").decode("utf-8")
    return " ".join(_UNSAFE_CHARS.sub(" ", text).split())[:MAX_QUERY_CHARS].strip()


def _parse_date(value: str) -> datetime.date:
    if not _ISO_DATE.match(value):
        raise ValueError(value)
    day = datetime.date.fromisoformat(value)
    if not 1900 <= day.year <= 2200:
        raise ValueError(value)
    return day


def parse_search_request(params: Mapping[str, str]) -> SearchRequest:
    """Read the search form. Bad values are dropped with a notice for the
    reader, never an error."""
    request = SearchRequest()
    raw_query = params.get("q", "") or ""
    request.query = normalize_query(raw_query)
    if len(" ".join(raw_query.split())) > MAX_QUERY_CHARS:
        request.notices.append(f"Your search was shortened to its first {MAX_QUERY_CHARS} characters.")
    topic = (params.get("topic", "") or "").strip()
    if topic and not _SLUG.match(topic):
        request.notices.append("The topic filter was not recognised and was ignored.")
        topic = ""
    entities = []
    for kind in ENTITY_MODELS:
        slug = (params.get(kind, "") or "").strip()
        if not slug:
            continue
        if _SLUG.match(slug):
            entities.append((kind, slug))
        else:
            request.notices.append(f"The {kind} filter was not recognised and was ignored.")
    dates: dict[str, datetime.date | None] = {}
    for key, label in (("from", "start"), ("to", "end")):
        value = (params.get(key, "") or "").strip()
        dates[key] = None
        if value:
            try:
                dates[key] = _parse_date(value)
            except ValueError:
                request.notices.append(f"The {label} date was not a date like 2024-03-31 and was ignored.")
    if dates["from"] and dates["to"] and dates["from"] > dates["to"]:
        request.notices.append("The start date is after the end date, so nothing can match.")
    request.filters = SearchFilters(
        topic=topic, entities=tuple(entities), date_from=dates["from"], date_to=dates["to"]
    )
    return request


@dataclass(frozen=True)
class QueryTerms:
    include: tuple[str, ...]
    exclude: tuple[str, ...]


def query_terms(query: str) -> QueryTerms:
    """Lower-cased terms of ``query`` for substring matching: quoted phrases
    kept whole, ``-word`` excluded, punctuation at word edges dropped, ``or``
    ignored (every term must match)."""
    include: list[str] = []
    exclude: list[str] = []
    for phrase, word in _TOKEN.findall(query.lower()):
        negate = bool(word) and word.startswith("-") and len(word) > 1
        term = " ".join((phrase or word.strip(_EDGE_PUNCTUATION + "-")).split())
        if not term or (word and term == "or"):
            continue
        target = exclude if negate else include
        if term not in target:
            target.append(term)
    return QueryTerms(tuple(include[:MAX_TERMS]), tuple(exclude[:MAX_TERMS]))


def uses_fulltext(query: str) -> bool:
    return connection.vendor == "postgresql" and not _CJK.search(query)


# --------------------------------------------------------------- searching


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
    "id", "title", "slug", "standfirst", "published_at", "updated_at",
    "featured_image", "featured_image_alt", "featured_image_renditions", "status",
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
) -> ArticleSearch:
    """Published articles matching ``query`` and ``filters``, most relevant
    first, newest first among equals. An empty query with filters lists the
    filtered articles newest first. ``substring`` forces the substring engine
    (on PostgreSQL: to find parts of words when whole words found nothing)."""
    query = normalize_query(query)
    terms = query_terms(query)
    filters = filters or SearchFilters()
    base = _filtered(Article.objects.published(now=now), filters)
    if not query:
        # Filters alone list newest first, straight from the index: no ranking.
        qs = base.only(*_LISTING_FIELDS).prefetch_related(*_LISTING_PREFETCH).order_by("-published_at", "-id")
        return ArticleSearch(qs, base, "filter", terms, query, filters)
    fulltext = uses_fulltext(query) and not substring
    if not terms.include and not fulltext:
        none = base.none()
        return ArticleSearch(none, none, "substring", terms, query, filters)

    if fulltext:
        ts_query = SearchQuery(query, search_type="websearch", config=SEARCH_CONFIG)
        matched = base.filter(search_document__vector=ts_query)
        rank = SearchRank(F("search_document__vector"), ts_query)
        marks = {"start_sel": MARK_START, "stop_sel": MARK_END, "config": SEARCH_CONFIG}
        # The snippet is looked for in the standfirst and the first part of
        # the body: ts_headline parses all the text it is given, and whole
        # bodies made it the dearest part of a results page.
        snippet_source = Concat(
            "search_document__summary", Value(" "), Left("search_document__body", SNIPPET_SOURCE_CHARS),
            output_field=TextField(),
        )
        loader = base.only(*_LISTING_FIELDS).annotate(
            title_headline=SearchHeadline("search_document__title", ts_query, highlight_all=True, **marks),
            snippet_headline=SearchHeadline(
                snippet_source, ts_query, max_words=30, min_words=12, max_fragments=2,
                fragment_delimiter=" … ", **marks,
            ),
        )
        mode = "fulltext"
    else:
        matched = base
        for term in terms.include:
            tokens = cjk_query_tokens(term) if connection.vendor == "postgresql" else []
            if tokens:
                # The CJK tokens' index finds the few candidates; contains keeps exact matches.
                matched = matched.filter(search_document__vector=SearchQuery(
                    " & ".join(tokens), search_type="raw", config="simple"))
            matched = matched.filter(search_document__document__contains=term)
        for term in terms.exclude:
            matched = matched.exclude(search_document__document__contains=term)
        document, title = F("search_document__document"), Lower("search_document__title")
        rank = sum(
            (_hits(title, t) * Value(TITLE_HIT_WEIGHT) + Least(_hits(document, t), Value(OTHER_HITS_CAP))
             for t in terms.include),
            Value(0),
        )
        loader = base.select_related("search_document").only(
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
    rows = sorted(rows[:limit], key=lambda r: (r[1], r[2], r[0]), reverse=True)
    results = RankedResults([pk for pk, _rank, _published in rows], loader.prefetch_related(byline_prefetch()))
    return ArticleSearch(results, matched, mode, terms, query, filters, capped=capped)


def _marked(headline: str | None) -> SafeString:
    """A ts_headline result as HTML: all text escaped, sentinels to <mark>."""
    html = escape(headline or "").replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")
    return mark_safe(html)  # escaped above: only our <mark> tags


def highlight(text: str, terms: Sequence[str]) -> SafeString:
    """``text`` escaped, with every occurrence of a term wrapped in <mark>."""
    terms = [t for t in terms if t]
    if not text or not terms:
        return escape(text or "")
    pattern = re.compile("|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)), re.IGNORECASE)
    out, last = [], 0
    for match in pattern.finditer(text):
        out.append(escape(text[last : match.start()]))
        out.append(f"<mark>{escape(match.group(0))}</mark>")
        last = match.end()
    out.append(escape(text[last:]))
    return mark_safe("".join(out))  # every piece escaped


def build_snippet(text: str, terms: Sequence[str], *, width: int = 240) -> SafeString:
    """About ``width`` characters of ``text`` around the first matching term,
    escaped, with matches in <mark> and ellipses where text was cut."""
    text = text or ""
    if not text:
        return mark_safe("")
    lowered, first = text.lower(), -1
    for term in terms:
        pos = lowered.find(term)
        if pos >= 0 and (first < 0 or pos < first):
            first = pos
    start = max(0, first - width // 3) if first >= 0 else 0
    if start:
        space = text.find(" ", start, start + 30)
        start = space + 1 if space >= 0 and (first < 0 or space < first) else start
    end = min(len(text), start + width)
    if end < len(text):
        space = text.rfind(" ", end - 30, end)
        end = space if space > start and (first < 0 or space > first) else end
    html = highlight(text[start:end], terms)
    return mark_safe(("… " if start else "") + html + (" …" if end < len(text) else ""))  # pieces escaped by highlight()


def attach_snippets(articles: Iterable[Article], search: ArticleSearch) -> list[Article]:
    """Give each article of a results page ``title_html`` and ``snippet_html``
    (safe HTML: escaped text and <mark> tags only)."""
    articles = list(articles)
    for article in articles:
        if search.mode == "fulltext":
            article.title_html = _marked(article.title_headline)
            article.snippet_html = _marked(article.snippet_headline)
        elif search.mode == "substring":
            doc = getattr(article, "search_document", None)
            terms = search.terms.include
            article.title_html = highlight(article.title, terms)
            text = f"{doc.summary} {doc.body}".strip() if doc else article.standfirst
            article.snippet_html = build_snippet(text, terms)
        else:
            article.title_html = escape(article.title)
            article.snippet_html = escape(article.standfirst)
    return articles


# ---------------------------------------------------------------- entities


@dataclass(frozen=True)
class EntityMatch:
    kind: str
    name: str
    native_name: str
    slug: str

    @property
    def label(self) -> str:
        return ENTITY_LABELS[self.kind]

    def get_absolute_url(self) -> str:
        return reverse(f"entities:{self.kind}", kwargs={"slug": self.slug})


def search_entities(query: str, *, limit: int = ENTITY_LIMIT) -> list[EntityMatch]:
    """Officials, enterprises and regulators whose name, native-script name,
    acronym or an alias matches ``query`` (every term, as a substring; on
    PostgreSQL also by trigram word similarity, which forgives misspellings),
    best first, in one query."""
    query = normalize_query(query)
    terms = query_terms(query).include
    if not terms:
        return []
    rows = _entity_rows(terms, " ".join(terms), limit)
    return [EntityMatch(kind, name, native, slug) for kind, name, native, slug, _score in rows]


def _entity_queryset(terms: Sequence[str], lowered: str, limit: int) -> QuerySet:
    condition = Q()
    for term in terms:
        condition &= Q(search_names__contains=term)
    if connection.vendor == "postgresql":
        condition |= Q(search_names__trigram_word_similar=lowered)
        score = TrigramWordSimilarity(lowered, "search_names")
    else:
        score = Value(1.0, output_field=FloatField())
    parts = [
        model.objects.filter(condition)
        .annotate(kind=Value(kind), score=score)
        .values_list("kind", "name", "native_name", "slug", "score")
        .order_by()
        for kind, model in ENTITY_MODELS.items()
    ]
    return parts[0].union(*parts[1:], all=True).order_by("-score", "name")[:limit]


# (database, number of terms, limit) -> (SQL, parameters, slots), or None
# when the compiled parameters did not reveal where each value goes.
_ENTITY_SQL: dict[tuple[str, int, int], tuple[str, list, list[tuple[int, int]]] | None] = {}
_LOWERED = -1  # the slot of the whole lowered query (the terms are 0..n-1)


def _compile_entity_query(n_terms: int, limit: int) -> tuple[str, list, list[tuple[int, int]]] | None:
    """The entity query's SQL for ``n_terms`` terms, built by the ORM once
    with sentinel terms, and where each term (as a LIKE pattern) and the
    whole query land among its parameters."""
    sentinels = [f"\x1fentity-term-{i}\x1f" for i in range(n_terms)]
    lowered = "\x1fentity-query\x1f"
    sql, params = _entity_queryset(sentinels, lowered, limit).query.get_compiler(connection.alias).as_sql()
    like = {f"%{connection.ops.prep_for_like_query(s)}%": i for i, s in enumerate(sentinels)}
    slots = []
    for position, value in enumerate(params):
        if value == lowered:
            slots.append((position, _LOWERED))
        elif isinstance(value, str) and value in like:
            slots.append((position, like[value]))
        elif isinstance(value, str) and "\x1f" in value:
            return None  # a sentinel in a form not recognised here
    if {i for _, i in slots} != {*range(n_terms), *([_LOWERED] if connection.vendor == "postgresql" else [])}:
        return None
    return sql, list(params), slots


def _entity_rows(terms: Sequence[str], lowered: str, limit: int) -> list[tuple]:
    """The rows of ``_entity_queryset``: the union of three filtered,
    annotated querysets cost more CPU to build and compile on every search
    than PostgreSQL takes to answer it, and its SQL depends only on the
    number of terms, so it is compiled once per term count."""
    key = (connection.alias, len(terms), limit)
    if key not in _ENTITY_SQL:
        _ENTITY_SQL[key] = _compile_entity_query(len(terms), limit)
    compiled = _ENTITY_SQL[key]
    if compiled is None:
        return list(_entity_queryset(terms, lowered, limit))
    sql, params, slots = compiled
    params = list(params)
    for position, i in slots:
        params[position] = lowered if i == _LOWERED else f"%{connection.ops.prep_for_like_query(terms[i])}%"
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def entity_labels(entities: Sequence[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """Display names of filter entities, ``(kind, slug) -> name``, in one query."""
    if not entities:
        return {}
    parts = [
        ENTITY_MODELS[kind].objects.filter(slug=slug).annotate(kind=Value(kind)).values_list("kind", "slug", "name").order_by()
        for kind, slug in entities
    ]
    rows = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    return {(kind, slug): name for kind, slug, name in rows}


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

