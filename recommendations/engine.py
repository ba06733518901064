""""You Might Also Like": the engine that computes the stored lists.

With index.py, knn.py and snapshot.py, the only modules that import numpy, SciPy and
scikit-learn; they run in the task worker (recommendations/tasks.py), never in a web
process, which reads the stored lists (recommendations/selectors.py).

Each published article's list blends four signals:

* **text**: scikit-learn's ``HashingVectorizer`` weighted by BM25 (word unigrams
  and bigrams of plural-folded words, character bigrams for Chinese; the
  analyzer is recommendations/corpus.py's) over title, lead, body and the
  names of the entities the article is about. The sparse cosine is blended
  with a latent semantic cosine (``TruncatedSVD``), which finds articles on
  the same subject written with different words, and with a second-order
  score (how much two articles' text neighbourhoods overlap), which irons
  out one-off word coincidences.
* **tags**: shared tags weighted by rarity; each adds ``(idf / max idf)²``.
* **entities**: the same official, enterprise or regulator (linked, or named
  in the text), and close links at lower weight, likewise by rarity.
* **recency**: a gentle preference for articles published close in time.

Candidates come from nearest neighbours found a block of rows at a time
(recommendations/knn.py, never an n×n matrix): by text, the dense LSA
vectors' nearest rescored with the words (each article's text neighbours are
kept in the index: a rebuild computes them once, a refresh only the new
article's); by tags and entities, their sparse cosine. Each candidate is
then scored exactly. A rebuild saves the index (recommendations/snapshot.py)
so a worker's first refresh loads it instead of building it. Lists never hold
the article itself, anything unpublished, or two near-duplicates of each
other. Order is stable: score, then newer, then id.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from django.db import transaction
from django.db.models import Q
from taggit.models import Tag

from articles.models import Article
from recommendations.models import RelatedArticle

from . import knn, snapshot
from .corpus import Doc, EntityNames, load_docs
from .index import W_ENTITIES, W_LSA, W_TAGS, Index, build_index, updated_index

LIST_LENGTH = 6  # stored per article; the page shows 4 to 6
BLOCK_ROWS = 500  # source articles scored (and, in a rebuild, stored) together

# Text carries untagged archives on its own; a shared rare tag or a shared
# official is stronger evidence than most text overlap (W_TAGS and
# W_ENTITIES are the index's, which scales its vectors by them).
W_TEXT, W_RECENCY = 1.0, 0.02
RECENCY_DAYS = 60.0  # the recency bonus halves at this distance in time
NEAR_DUPLICATE = 0.9  # word cosine above which two candidates are one story
W_SECOND_ORDER = 0.35  # share of the neighbourhood overlap in the final text score
SMALL_CORPUS = 3000  # below this, every refresh rebuilds (well under a second)
REBUILD_ABOVE = 1000  # refreshing more articles than this (or a tenth) rebuilds all


def _saturate(x: np.ndarray) -> np.ndarray:
    """Sums of (idf/max idf)² over shared features, mapped to 0..1."""
    return 1.0 - np.exp(-1.5 * x)


@dataclass
class Pick:
    related_id: int
    score: float
    reason: str
    signals: dict


@dataclass
class Labels:
    """Names of tags and entities, for reasons and the editors' view."""

    tags: dict[int, str]
    entities: dict[str, str]

    @classmethod
    def load(cls, names: EntityNames) -> Labels:
        return cls(dict(Tag.objects.values_list("id", "name")), names.label)

    def tag_names(self, index: Index, shared: set) -> list[str]:
        rarity = lambda t: index.tag_rarity[index.tag_vocab[t]] if t in index.tag_vocab else 0.0  # noqa: E731
        return [self.tags.get(t, str(t)) for t in sorted(shared, key=lambda t: (-rarity(t), self.tags.get(t, "")))]

    def entity_names(self, index: Index, a: dict, b: dict) -> list[str]:
        rarity = lambda e: index.entity_rarity[index.entity_vocab[e]] if e in index.entity_vocab else 0.0  # noqa: E731
        shared = sorted(a.keys() & b.keys(), key=lambda e: (-a[e] * b[e] * rarity(e), self.entities.get(e, e)))
        return [self.entities.get(e, e) for e in shared]


def _reason(s: dict) -> str:
    """A few words for readers, from the strongest of the named signals."""
    tags, entities = W_TAGS * s["tags"], W_ENTITIES * s["entities"]
    if s["shared_entities"] and entities >= tags and entities >= 0.1:
        return f"Also about {s['shared_entities'][0]}"
    if s["shared_tags"] and tags >= 0.05:
        return f"More on {s['shared_tags'][0]}"
    if s["shared_entities"] and entities >= 0.1:
        return f"Also about {s['shared_entities'][0]}"
    return "Related coverage"


def lists_for(index: Index, article_ids: Iterable[int], *, labels: Labels,
              limit: int = LIST_LENGTH) -> dict[int, list[Pick]]:
    """The lists of these articles (those in the index), scored exactly."""
    rows_all = np.array(sorted(index.row_of[a] for a in set(article_ids) if a in index.row_of), dtype=np.int64)
    out: dict[int, list[Pick]] = {}
    if len(index) < 2:
        return {int(index.ids[r]): [] for r in rows_all}
    for start in range(0, len(rows_all), BLOCK_ROWS):
        out.update(_rank(index, rows_all[start : start + BLOCK_ROWS], labels=labels, limit=limit))
    return out


def _rank(index: Index, rows: np.ndarray, *, labels: Labels, limit: int) -> dict[int, list[Pick]]:
    cand = index.neighbours(rows)
    cand = np.where(cand == rows[:, None], -1, cand)
    # Each row's candidates' own text neighbourhoods, for the second order.
    uniq = np.unique(np.concatenate([rows, cand[cand >= 0]]))
    hood = index.text_neighbourhoods(uniq)
    hood_row = {int(r): i for i, r in enumerate(uniq)}
    k = cand.shape[1]
    src = np.repeat(rows, k)
    flat = cand.ravel()
    ok = flat >= 0
    src, flat = src[ok], flat[ok]
    words = knn.pair_dot(index.words, src, flat)
    first = words if index.latent is None else (1 - W_LSA) * words + W_LSA * np.clip(
        knn.pair_dot(index.latent, src, flat), 0, None)
    second = knn.pair_dot(hood, np.array([hood_row[int(r)] for r in src]), np.array([hood_row[int(c)] for c in flat]))
    text = (1 - W_SECOND_ORDER) * first + W_SECOND_ORDER * second
    tags = _saturate(knn.pair_dot(index.tags, src, flat))
    ents = _saturate(knn.pair_dot(index.entities, src, flat))
    recency = 1.0 / (1.0 + np.abs(index.published[src] - index.published[flat]) / 86400.0 / RECENCY_DAYS)
    total = W_TEXT * text + W_TAGS * tags + W_ENTITIES * ents + W_RECENCY * recency
    signals = {"text": text, "words": words, "tags": tags, "entities": ents, "recency": recency}
    out: dict[int, list[Pick]] = {}
    by_src: dict[int, list[int]] = {}
    for j, r in enumerate(src):
        by_src.setdefault(int(r), []).append(j)
    for r in rows:
        source = index.docs[r]
        seen: set[int] = set()
        positions = []
        for j in sorted(by_src.get(int(r), []), key=lambda j: (-round(total[j], 9), -index.published[flat[j]],
                                                                 index.ids[flat[j]])):
            if flat[j] not in seen:
                seen.add(int(flat[j]))
                positions.append(j)
        chosen = _without_near_duplicates(index, flat, positions, limit)
        picks = []
        for j in chosen:
            other = index.docs[flat[j]]
            s = {name: round(float(v[j]), 4) for name, v in signals.items()}
            s["shared_tags"] = labels.tag_names(index, set(source.tags) & set(other.tags))
            s["shared_entities"] = labels.entity_names(index, source.entities, other.entities)
            picks.append(Pick(other.id, round(float(total[j]), 6), _reason(s), s))
        out[source.id] = picks
    return out


def _without_near_duplicates(index: Index, flat: np.ndarray, positions: list[int], limit: int) -> list[int]:
    ranked = positions[: limit + 8]
    if not ranked:
        return []
    vecs = index.words[flat[ranked]]
    gram = (vecs @ vecs.T).toarray()
    chosen: list[int] = []
    for p in range(len(ranked)):
        if any(gram[p, q] > NEAR_DUPLICATE for q in chosen):
            continue
        chosen.append(p)
        if len(chosen) == limit:
            break
    return [ranked[p] for p in chosen]


def store(lists: dict[int, list[Pick]]) -> int:
    """Replace the computed entries of these articles' lists; pinned entries
    stay, and a computed pick an editor already pinned is left out."""
    if not lists:
        return 0
    pinned = set(RelatedArticle.objects.filter(article_id__in=list(lists), pinned=True)
                 .values_list("article_id", "related_id"))
    rows = [
        RelatedArticle(article_id=a, related_id=p.related_id, rank=r, score=p.score, reason=p.reason[:200],
                       signals=p.signals)
        for a, picks in lists.items()
        for r, p in enumerate(q for q in picks if (a, q.related_id) not in pinned)
    ]
    with transaction.atomic():
        RelatedArticle.objects.filter(article_id__in=list(lists), pinned=False).delete()
        RelatedArticle.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


# The worker's index between tasks; a web process never builds one.
_HELD: dict[str, Index] = {}


def _state(index: Index) -> dict:
    docs = [(d.id, d.published_at, d.tags, d.entities) for d in index.docs]
    return {"built_at": index.built_at, "docs": docs, "vectorizer": index.vectorizer, "svd": index.svd,
            "lsa_columns": index.lsa_columns,
            "words": index.words, "latent": index.latent, "near": index.near, "near_sims": index.near_sims}


def _from_state(state: dict, *, names: EntityNames) -> Index | None:
    """The saved index brought up to date: articles published, edited or
    unpublished since it was saved are re-read; None if that is most of them."""
    docs = [Doc(i, published_at, "", list(tags), dict(entities)) for i, published_at, tags, entities in state["docs"]]
    index = Index(docs=docs, vectorizer=state["vectorizer"], svd=state["svd"], words=state["words"],
                  lsa_columns=state["lsa_columns"],
                  latent=state["latent"], near=state["near"], near_sims=state["near_sims"], built_at=state["built_at"])
    published = Article.objects.published()
    now_ids = set(published.values_list("id", flat=True))
    edited = set(published.filter(updated_at__gt=state["built_at"]).values_list("id", flat=True))
    changed = (now_ids - set(index.row_of)) | edited
    removed = set(index.row_of) - now_ids
    if len(changed) + len(removed) > max(REBUILD_ABOVE, len(now_ids) // 10):
        return None
    if changed or removed:
        index = updated_index(index, changed=load_docs(changed, names=names), removed=removed)
    return index


def held_index(*, names: EntityNames, published_count: int) -> tuple[Index, bool]:
    """The index this worker holds, else the saved one, else a new one
    (saved for the next worker); and whether it was just built from the
    database (so it needs no update)."""
    index = _HELD.get("index")
    if index is not None and (published_count <= SMALL_CORPUS
                              or abs(len(index) - published_count) > published_count // 10):
        index = None
    if index is None and published_count > SMALL_CORPUS:
        state = snapshot.load()
        index = _from_state(state, names=names) if state else None
    fresh = index is None
    if fresh:
        index = build_index(names=names)
        if published_count > SMALL_CORPUS:
            snapshot.save(_state(index))
    _HELD["index"] = index
    return index, fresh


def warm() -> bool:
    """Load the saved index into this worker, brought up to date, before it
    takes its first task (``core.task_worker.worker_starting``): reading
    100,000 articles' vectors and metadata takes seconds, which a new
    article's list would otherwise wait for. Builds nothing: without a
    usable saved index the first refresh decides, as before. True if an
    index is now held."""
    if "index" in _HELD:
        return True
    if Article.objects.published().count() <= SMALL_CORPUS:
        return False
    state = snapshot.load()
    index = _from_state(state, names=EntityNames.load()) if state else None
    if index is None:
        return False
    _HELD["index"] = index
    return True


def rebuild_all() -> dict:
    """Recompute every published article's list, and save the index for
    the refreshes that follow (recommendations/snapshot.py)."""
    started = datetime.datetime.now()
    names = EntityNames.load()
    _HELD.pop("index", None)  # the old index is freed before the new one is built
    index = _HELD["index"] = build_index(names=names)
    snapshot.save(_state(index))
    RelatedArticle.objects.filter(pinned=False).exclude(
        article_id__in=Article.objects.published().values("id")).delete()
    labels, stored = Labels.load(names), 0
    # Stored a block at a time: the picks of 100,000 articles (with their
    # signals) would take more memory than the index.
    for start in range(0, len(index), BLOCK_ROWS):
        stored += store(lists_for(index, index.ids[start : start + BLOCK_ROWS].tolist(), labels=labels))
    return {"articles": len(index), "stored": stored,
            "seconds": (datetime.datetime.now() - started).total_seconds()}


def refresh(*, article_ids: Iterable[int]) -> list[int]:
    """Recompute after articles were published, changed or unpublished: their
    own lists, the lists they appear in, and their nearest neighbours' lists
    (where a new article belongs). Returns the articles whose list changed."""
    ids = {int(i) for i in article_ids}
    if not ids:
        return []
    published_count = Article.objects.published().count()
    if len(ids) > max(REBUILD_ABOVE, published_count // 10):
        rebuild_all()  # a bulk import or a tag merge: one rebuild beats many refreshes
        return list(Article.objects.published().values_list("id", flat=True))
    visible = set(Article.objects.published().filter(pk__in=ids).values_list("id", flat=True))
    gone = ids - visible
    containing = set(RelatedArticle.objects.filter(related_id__in=ids, pinned=False).values_list("article_id", flat=True))
    if gone:
        RelatedArticle.objects.filter(pinned=False).filter(Q(article_id__in=gone) | Q(related_id__in=gone)).delete()
    names = EntityNames.load()
    index, fresh = held_index(names=names, published_count=published_count)
    if not fresh:
        index = _HELD["index"] = updated_index(index, changed=load_docs(visible, names=names), removed=gone)
    affected = (visible | containing) - gone
    rows = np.array([index.row_of[a] for a in visible if a in index.row_of], dtype=np.int64)
    if len(rows) and len(index) > 1:
        cand = index.neighbours(rows)
        affected |= {int(index.ids[c]) for c in cand.ravel() if c >= 0}
    store(lists_for(index, sorted(affected), labels=Labels.load(names)))
    return sorted(affected | containing)
