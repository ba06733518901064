"""Mention suggestions: which followed officials, enterprises and regulators
an article names without linking them.

All names, aliases, acronyms and native-script names of all entities are
compiled into two regular expressions built from a trie (so the engine walks
shared prefixes once instead of trying thousands of alternatives at each
position): Latin names must stand as whole words, case-insensitively;
Chinese/Japanese/Korean names are matched as plain substrings, since those
scripts put no spaces between words. Where matches overlap, the longest wins,
so "China Northern Rare Earth" is not also reported as "Northern Rare Earth".
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, Max

from articles.models import Article
from core.cjk import CJK_RE
from core.sanitize import html_to_text
from entities.models import Enterprise, Official, Regulator

from .models import MentionSuggestion

ENTITY_MODELS = {
    MentionSuggestion.EntityType.OFFICIAL: Official,
    MentionSuggestion.EntityType.ENTERPRISE: Enterprise,
    MentionSuggestion.EntityType.REGULATOR: Regulator,
}
# The article's many-to-many field for each entity type.
ARTICLE_FIELDS = {
    MentionSuggestion.EntityType.OFFICIAL: "officials",
    MentionSuggestion.EntityType.ENTERPRISE: "enterprises",
    MentionSuggestion.EntityType.REGULATOR: "regulators",
}

_CJK = CJK_RE
# Letters and digits that would make a Latin match part of a longer word.
# CJK characters are deliberately not in it: "在SASAC的" names SASAC.
_WORD_CHARS = "A-Za-z0-9\u00c0-\u024f"
# Shorter Latin names ("CR", "AB") match too much ordinary text.
MIN_LATIN_LENGTH = 3
MIN_CJK_LENGTH = 2
# Joins an article's fields so that no name is found across two of them.
_FIELD_SEPARATOR = " \u00b6 "

Key = tuple[str, int]  # (entity type, entity id)


@dataclass(frozen=True)
class Mention:
    entity_type: str
    entity_id: int
    matched_text: str
    start: int


def normalize(text: str) -> str:
    """Whitespace collapsed to single spaces (names and text alike)."""
    return " ".join((text or "").split())


def _trie_pattern(words: Iterable[str]) -> str:
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        # Greedy "?": the longer name is tried first at each position.
        return f"(?:{body})?" if "" in node else body

    return build(trie)


class MentionMatcher:
    """Finds known names in text. Build once, use for many articles."""

    def __init__(self, names: Iterable[tuple[str, str, int]]) -> None:
        """``names``: (name, entity type, entity id) triples."""
        self.targets: dict[str, list[Key]] = {}
        for name, entity_type, entity_id in names:
            key = normalize(name).lower()
            minimum = MIN_CJK_LENGTH if _CJK.search(key) else MIN_LATIN_LENGTH
            if len(key) < minimum:
                continue
            keys = self.targets.setdefault(key, [])
            if (entity_type, entity_id) not in keys:
                keys.append((entity_type, entity_id))
        latin = [k for k in self.targets if not _CJK.search(k)]
        cjk = [k for k in self.targets if _CJK.search(k)]
        self._patterns = []
        if latin:
            self._patterns.append(re.compile(
                rf"(?<![{_WORD_CHARS}])(?=({_trie_pattern(latin)})(?![{_WORD_CHARS}]))", re.IGNORECASE
            ))
        if cjk:
            self._patterns.append(re.compile(rf"(?=({_trie_pattern(cjk)}))", re.IGNORECASE))

    def find(self, text: str) -> list[Mention]:
        """Every entity named in ``text``, once each, with the words as
        written at their first (longest-match) occurrence, in text order."""
        text = normalize(text)
        spans = {
            (m.start(1), m.end(1))
            for pattern in self._patterns
            for m in pattern.finditer(text)
            if m.end(1) > m.start(1)
        }
        taken = bytearray(len(text))
        chosen: list[tuple[int, int]] = []
        for start, end in sorted(spans, key=lambda s: (s[0] - s[1], s[0])):
            if not any(taken[start:end]):
                taken[start:end] = b"\x01" * (end - start)
                chosen.append((start, end))
        found: dict[Key, Mention] = {}
        for start, end in sorted(chosen):
            words = text[start:end]
            for entity_type, entity_id in self.targets.get(words.lower(), ()):
                found.setdefault((entity_type, entity_id), Mention(entity_type, entity_id, words, start))
        return list(found.values())


_cache_lock = threading.Lock()
_cache: dict[str, tuple[tuple, MentionMatcher]] = {}


def _names_signature() -> tuple:
    # Any entity added, edited or deleted changes a count or a timestamp.
    return tuple(
        tuple(model.objects.aggregate(n=Count("id"), last=Max("updated_at")).values())
        for model in ENTITY_MODELS.values()
    )


def get_matcher() -> MentionMatcher:
    """The matcher for all entities as they are now; rebuilt only when an
    entity changed since it was built (checked with three small queries)."""
    signature = _names_signature()
    with _cache_lock:
        cached = _cache.get("matcher")
        if cached and cached[0] == signature:
            return cached[1]
    triples: list[tuple[str, str, int]] = []
    for entity_type, model in ENTITY_MODELS.items():
        for entity in model.objects.all():
            triples.extend((name, entity_type.value, entity.pk) for name in entity.all_names())
    matcher = MentionMatcher(triples)
    with _cache_lock:
        _cache["matcher"] = (signature, matcher)
    return matcher


def article_text(article) -> str:
    """The text readers see: title, standfirst, highlights and body."""
    parts = [article.title, article.standfirst, *(article.highlights or []), html_to_text(article.body)]
    return _FIELD_SEPARATOR.join(p for p in parts if p)


def _linked_keys(article_ids: list[int]) -> dict[int, set[Key]]:
    linked: dict[int, set[Key]] = {i: set() for i in article_ids}
    for entity_type, field_name in ARTICLE_FIELDS.items():
        through = Article._meta.get_field(field_name).remote_field.through
        target = f"{ENTITY_MODELS[entity_type]._meta.model_name}_id"
        for article_id, entity_id in through.objects.filter(article_id__in=article_ids).values_list(
            "article_id", target
        ):
            linked[article_id].add((entity_type.value, entity_id))
    return linked


def _refresh(articles: list, matcher: MentionMatcher) -> int:
    ids = [a.pk for a in articles]
    linked = _linked_keys(ids)
    existing: dict[int, dict[Key, MentionSuggestion]] = {i: {} for i in ids}
    for s in MentionSuggestion.objects.filter(article_id__in=ids):
        existing[s.article_id][(s.entity_type, s.entity_id)] = s
    to_create: list[MentionSuggestion] = []
    stale: list[int] = []
    for article in articles:
        found = {(m.entity_type, m.entity_id): m for m in matcher.find(article_text(article))}
        for key, mention in found.items():
            if key in linked[article.pk] or key in existing[article.pk]:
                continue
            to_create.append(MentionSuggestion(
                article_id=article.pk, entity_type=key[0], entity_id=key[1],
                matched_text=mention.matched_text[:200],
            ))
        # Pending suggestions go once the name left the text or the link was
        # made by hand; dismissed ones stay, so they are never suggested again.
        stale.extend(
            s.pk for key, s in existing[article.pk].items()
            if s.status == MentionSuggestion.Status.PENDING and (key not in found or key in linked[article.pk])
        )
    with transaction.atomic():
        if stale:
            MentionSuggestion.objects.filter(pk__in=stale).delete()
        MentionSuggestion.objects.bulk_create(to_create, ignore_conflicts=True)
    return len(to_create)


def mentions_in_text(*, title: str = "", standfirst: str = "", highlights: Iterable[str] = (), body: str = "",
                     article: Article | None = None) -> list[tuple[Mention, object]]:
    """The entities named in text being written (not saved yet), with the
    same matcher as the saved-text suggestions: (mention, entity) pairs in
    text order. With ``article``, what an editor dismissed there is left out,
    as the suggestions panel does."""
    draft = Article(title=title, standfirst=standfirst, highlights=list(highlights), body=body)
    found = get_matcher().find(article_text(draft))
    dismissed: set[Key] = set()
    if article is not None and article.pk:
        dismissed = set(article.mention_suggestions.filter(status=MentionSuggestion.Status.DISMISSED)
                        .values_list("entity_type", "entity_id"))
    by_type: dict[str, set[int]] = {}
    for m in found:
        by_type.setdefault(m.entity_type, set()).add(m.entity_id)
    entities = {t: ENTITY_MODELS[t].objects.in_bulk(ids) for t, ids in by_type.items()}
    return [
        (m, entities[m.entity_type][m.entity_id])
        for m in found
        if (m.entity_type, m.entity_id) not in dismissed and m.entity_id in entities[m.entity_type]
    ]


def suggest_mentions(*, article) -> list[MentionSuggestion]:
    """Refresh ``article``'s suggestions from its saved text and links; call
    after the article and its many-to-many links are saved. Returns the
    pending suggestions."""
    _refresh([article], get_matcher())
    return list(article.mention_suggestions.filter(status=MentionSuggestion.Status.PENDING))


def suggest_mentions_bulk(*, article_ids: Iterable[int], chunk_size: int = 200) -> int:
    """Refresh suggestions for many articles (importers call it once at the
    end); the matcher is built once. Returns how many were created."""
    matcher = get_matcher()
    ids = sorted({int(i) for i in article_ids})
    created = 0
    for offset in range(0, len(ids), chunk_size):
        chunk = list(
            Article.objects.filter(pk__in=ids[offset:offset + chunk_size]).only(
                "id", "title", "standfirst", "highlights", "body"
            )
        )
        created += _refresh(chunk, matcher)
    return created
