"""Offline evaluation of the recommendation engine against labelled articles.

Reads JSON Lines in the article import format plus ``labels``, loads them into
the database inside a transaction that is rolled back at the end (unless
``keep``), and measures precision@k — the share of recommended articles that
share a label with their source — and coverage for the engine and two
baselines: random picks and shared-tags-only (what django-taggit's
``similar_objects()`` and most WordPress plugins do).
"""

from __future__ import annotations

import datetime
import json
import random
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from articles.models import Article, TaggedArticle
from core.sanitize import sanitize_html
from entities.models import Enterprise, Official, Regulator

from . import engine


class _Rollback(Exception):
    pass


@dataclass
class Result:
    name: str
    precision: float
    coverage: float
    articles: int


def read_jsonl(path: str | Path) -> list[dict]:
    records = []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            line = line.strip()
            if not line:
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"line {n}: not JSON ({exc.msg})") from None
            if not isinstance(record, dict) or not record.get("title"):
                raise ValueError(f"line {n}: an article needs at least a title")
            records.append(record)
    return records


def _names(value) -> list[str]:
    out = []
    for item in value or []:
        if isinstance(item, str) and item.strip():
            out.append(item.strip())
        elif isinstance(item, dict) and (item.get("name") or item.get("slug")):
            out.append(str(item.get("name") or item.get("slug")).strip())
    return out


def import_records(records: list[dict], *, with_tags: bool = True) -> dict[int, set[str]]:
    """Create the records as published articles; returns id -> labels."""
    now = timezone.now()
    articles = []
    for n, r in enumerate(records):
        published = parse_datetime(str(r.get("published_at") or "")) or (now - datetime.timedelta(hours=n + 1))
        if timezone.is_naive(published):
            published = timezone.make_aware(published, datetime.UTC)
        articles.append(Article(
            title=str(r["title"])[:255], slug=f"eval-{n}-{random.getrandbits(32):x}",
            standfirst=str(r.get("standfirst") or ""),
            highlights=[h for h in r.get("highlights") or [] if isinstance(h, str)],
            body=sanitize_html(str(r.get("body_html") or r.get("body") or "")),
            status=Article.Status.PUBLISHED, published_at=min(published, now),
        ))
    # bulk_create skips save(), so the body is sanitized here (--keep keeps it).
    created = Article.objects.bulk_create(articles, batch_size=1000)
    labels = {a.pk: {str(x) for x in (r.get("labels") or [])} for a, r in zip(created, records, strict=True)}
    entity_cache: dict[tuple, object] = {}
    for a, r in zip(created, records, strict=True):
        if with_tags and r.get("tags"):
            a.tags.add(*_names(r["tags"]))
        for field, model in (("officials", Official), ("enterprises", Enterprise), ("regulators", Regulator)):
            objs = []
            for name in _names(r.get(field)):
                key = (field, name.lower())
                if key not in entity_cache:
                    entity_cache[key] = (
                        model.objects.filter(name__iexact=name).first() or model.objects.create(name=name)
                    )
                objs.append(entity_cache[key])
            if objs:
                getattr(a, field).add(*objs)
    return labels


def _precision(recommended: dict[int, list[int]], labels: dict[int, set[str]], k: int) -> Result:
    hits, counted, covered = 0.0, 0, 0
    sources = [a for a, ls in labels.items() if ls]
    for a in sources:
        picks = recommended.get(a, [])[:k]
        if not picks:
            continue
        covered += 1
        hits += sum(1 for p in picks if labels.get(p, set()) & labels[a]) / len(picks)
        counted += 1
    return Result("", hits / counted if counted else 0.0, covered / len(sources) if sources else 0.0, len(sources))


def random_baseline(ids: list[int], k: int, seed: int = 0) -> dict[int, list[int]]:
    rng = random.Random(seed)
    out = {}
    for a in ids:
        others = rng.sample(ids, min(k + 1, len(ids)))
        out[a] = [o for o in others if o != a][:k]
    return out


def tags_baseline(ids: list[int], k: int) -> dict[int, list[int]]:
    """Most shared tags first, then newest: django-taggit's similar_objects()."""

    tags_of: dict[int, set[int]] = {a: set() for a in ids}
    by_tag: dict[int, set[int]] = {}
    for a, t in TaggedArticle.objects.filter(content_object_id__in=ids).values_list("content_object_id", "tag_id"):
        tags_of[a].add(t)
        by_tag.setdefault(t, set()).add(a)
    published = dict(Article.objects.filter(pk__in=ids).values_list("id", "published_at"))
    out = {}
    for a in ids:
        counts = Counter(o for t in tags_of[a] for o in by_tag[t] if o != a)
        out[a] = sorted(counts, key=lambda o: (-counts[o], -published[o].timestamp(), o))[:k]
    return out


def engine_lists(ids: list[int], k: int) -> dict[int, list[int]]:
    names = engine.EntityNames.load()
    index = engine.build_index(names=names)
    lists = engine.lists_for(index, ids, labels=engine.Labels.load(names))
    return {a: [p.related_id for p in picks[:k]] for a, picks in lists.items()}


def evaluate(path: str | Path, *, k: int = 5, with_tags: bool = True, keep: bool = False,
             only_corpus: bool = True) -> list[Result]:
    """Precision@k and coverage of the engine and the baselines.

    With ``only_corpus`` (the default) articles already in the database are
    hidden for the run, so only the file's articles are scored."""
    records = read_jsonl(path)
    results: list[Result] = []
    try:
        with transaction.atomic():
            if only_corpus and not keep:
                Article.objects.exclude(status=Article.Status.DRAFT).update(status=Article.Status.DRAFT)
            labels = import_records(records, with_tags=with_tags)
            ids = sorted(labels)
            for name, lists in (
                ("engine", engine_lists(ids, k)),
                ("random", random_baseline(ids, k)),
                ("shared tags only", tags_baseline(ids, k)),
            ):
                r = _precision(lists, labels, k)
                r.name = name
                results.append(r)
            if not keep:
                raise _Rollback
    except _Rollback:
        pass
    return results
