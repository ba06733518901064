"""What a reader asked for: the query text bounded and split into terms, and
the filters (topic, entities, dates) read from the request's parameters."""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from django.db import connection

from core.cjk import CJK_RE
from entities.models import Enterprise, Official, Regulator

from .documents import UNSAFE_CHARS

MAX_QUERY_CHARS = 200
MAX_TERMS = 12
# Scripts written without spaces between words.
_CJK = CJK_RE
_TOKEN = re.compile(r'"([^"]*)"|(\S+)')
_EDGE_PUNCTUATION = "\"'`.,;:!?()[]{}<>*&|\\/~^$#@%+=“”‘’「」『』，。、？！：；（）《》【】"
_SLUG = re.compile(r"^[-\w]{1,200}$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

ENTITY_MODELS: dict[str, type] = {"official": Official, "enterprise": Enterprise, "regulator": Regulator}
ENTITY_LABELS = {"official": "Official", "enterprise": "Enterprise", "regulator": "Regulator"}


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
    # ``spell=0``: search the words as typed ("Search instead for …").
    exact: bool = False

    @property
    def empty(self) -> bool:
        return not self.query and not self.filters.active


def normalize_query(raw: str) -> str:
    """``raw`` as safe, bounded text: no lone surrogates (unencodable), no
    control characters (PostgreSQL refuses NUL), whitespace collapsed."""
    text = (raw or "").encode("utf-8", "ignore").decode("utf-8")
    return " ".join(UNSAFE_CHARS.sub(" ", text).split())[:MAX_QUERY_CHARS].strip()


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
    request.exact = (params.get("spell", "") or "").strip() == "0"
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
