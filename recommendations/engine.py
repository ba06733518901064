""""You Might Also Like": the engine that computes the stored lists.

With knn.py and snapshot.py, the only modules that import numpy, SciPy and
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
from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from sklearn.decomposition import TruncatedSVD
from sklearn.preprocessing import normalize
from taggit.models import Tag

from articles.models import Article
from recommendations.models import RelatedArticle

from . import knn, snapshot
from .corpus import Doc, EntityNames, iter_docs, load_docs
from .vectors import BM25Vectorizer

LIST_LENGTH = 6  # stored per article; the page shows 4 to 6
CANDIDATES = 40  # text neighbours rescored exactly per article
TEXT_POOL = 100  # nearest by the latent vectors, rescored with the words to find those 40
META_CANDIDATES = 20  # tag and entity neighbours rescored too
BLOCK_ROWS = 500  # source articles scored (and, in a rebuild, stored) together

# Text carries untagged archives on its own; a shared rare tag or a shared
# official is stronger evidence than most text overlap.
W_TEXT, W_TAGS, W_ENTITIES, W_RECENCY = 1.0, 0.5, 0.6, 0.02
RECENCY_DAYS = 60.0  # the recency bonus halves at this distance in time
NEAR_DUPLICATE = 0.9  # word cosine above which two candidates are one story
LSA_COMPONENTS = 150
LSA_MIN_DOCS = 500  # on a few dozen articles the latent space is mostly noise
# The latent space is learnt from an even sample of a large archive, then
# every article is projected into it: the sample already holds every topic.
LSA_FIT_ROWS = 20_000
LSA_FEATURES = 2**16  # terms the latent space is learnt from (the commonest of those kept)
W_LSA = 0.35  # share of the latent cosine in the first-order text score
W_SECOND_ORDER = 0.35  # share of the neighbourhood overlap in the final text score
SECOND_ORDER_NEIGHBOURS = 20
SMALL_CORPUS = 3000  # below this, every refresh rebuilds (well under a second)
REBUILD_ABOVE = 1000  # refreshing more articles than this (or a tenth) rebuilds all


def _rarity(m: sp.csr_matrix) -> np.ndarray:
    """idf / max idf of each column (scikit-learn's smoothed idf): 1 for a
    feature on one article, small for one on half of them."""
    n = m.shape[0]
    df = np.bincount(m.indices, minlength=m.shape[1]).astype(np.float64)
    return ((np.log((1 + n) / (1 + df)) + 1) / (np.log((1 + n) / 2) + 1)).astype(np.float32)


def _saturate(x: np.ndarray) -> np.ndarray:
    """Sums of (idf/max idf)² over shared features, mapped to 0..1."""
    return 1.0 - np.exp(-1.5 * x)


def _features(rows: list[dict], vocab: dict) -> sp.csr_matrix:
    indptr, indices, data = [0], [], []
    for row in rows:
        for key, weight in row.items():
            indices.append(vocab.setdefault(key, len(vocab)))
            data.append(weight)
        indptr.append(len(indices))
    return sp.csr_matrix((np.asarray(data, dtype=np.float32), np.asarray(indices, dtype=np.int64), indptr),
                         shape=(len(rows), max(len(vocab), 1)))


@dataclass
class Index:
    """Vectors of the published articles, held by the worker between tasks
    (and stored on disk by recommendations/snapshot.py after a rebuild)."""

    docs: list[Doc]
    vectorizer: BM25Vectorizer | None
    svd: TruncatedSVD | None
    words: sp.csr_matrix  # L2-normalised BM25 rows
    latent: np.ndarray | None  # L2-normalised LSA rows (float32); None on small corpora
    # The word columns the latent space reads (None: all of them).
    lsa_columns: np.ndarray | None = None
    # Each row's CANDIDATES nearest rows by the blended text score, best
    # first (-1 where there is none), and those scores: computed once per
    # rebuild, kept up to date by refreshes.
    near: np.ndarray | None = None
    near_sims: np.ndarray | None = None
    # When the articles were read: edits after it are not in the vectors.
    built_at: datetime.datetime = field(default_factory=timezone.now)
    ids: np.ndarray = field(init=False)
    published: np.ndarray = field(init=False)
    row_of: dict[int, int] = field(init=False)

    def __post_init__(self) -> None:
        self.ids = np.array([d.id for d in self.docs], dtype=np.int64)
        self.published = np.array([d.published_at.timestamp() for d in self.docs], dtype=np.float64)
        self.row_of = {d.id: i for i, d in enumerate(self.docs)}
        self.tag_vocab: dict = {}
        self.entity_vocab: dict = {}
        tags = _features([dict.fromkeys(d.tags, 1.0) for d in self.docs], self.tag_vocab)
        entities = _features([d.entities for d in self.docs], self.entity_vocab)
        self.tag_rarity, self.entity_rarity = _rarity(tags), _rarity(entities)
        self.tags = sp.csr_matrix(tags @ sp.diags(self.tag_rarity), dtype=np.float32)
        self.entities = sp.csr_matrix(entities @ sp.diags(self.entity_rarity), dtype=np.float32)
        meta = normalize(sp.hstack([self.tags * np.sqrt(W_TAGS), self.entities * np.sqrt(W_ENTITIES)], format="csr"))
        self.meta = sp.csr_matrix(meta, dtype=np.float32)
        self.meta_t = self.meta.T.tocsr()  # the base of every tags-and-entities product
        if self.near is None:
            # A few thousand rows at a time: each holds TEXT_POOL candidates.
            blocks = [self.text_nearest(np.arange(i, min(i + 4000, len(self.docs)), dtype=np.int64))
                      for i in range(0, len(self.docs), 4000)] or [self.text_nearest(np.empty(0, dtype=np.int64))]
            self.near = np.vstack([b[0] for b in blocks])
            self.near_sims = np.vstack([b[1] for b in blocks])

    def __len__(self) -> int:
        return len(self.docs)

    def text_nearest(self, rows: np.ndarray, *, rows_per_block: int | None = None) -> tuple[np.ndarray, np.ndarray]:
        """The CANDIDATES nearest rows of each of ``rows`` by the first-order
        text score ((1 - W_LSA) · word cosine + W_LSA · latent cosine) and
        those scores, best first. With a latent space, candidates come from
        the dense LSA vectors (a block of rows times all of them, top
        TEXT_POOL kept) and are then rescored exactly with the words."""
        n, k = len(self.docs), min(CANDIDATES, max(len(self.docs) - 1, 0))
        if not len(rows) or k == 0:
            return np.full((len(rows), k), -1, dtype=np.int64), np.zeros((len(rows), k), dtype=np.float32)
        if self.latent is None:
            return knn.nearest(self.words[rows], self.words, k, exclude=rows, rows_per_block=rows_per_block)
        pool, lat = knn.nearest(self.latent[rows], self.latent, min(TEXT_POOL, n - 1), exclude=rows,
                                rows_per_block=rows_per_block)
        src = np.repeat(rows, pool.shape[1])
        flat = pool.ravel()
        ok = flat >= 0
        words = np.zeros(len(flat), dtype=np.float64)
        words[ok] = knn.pair_dot(self.words, src[ok], flat[ok])
        exact = np.where(ok, (1 - W_LSA) * words + W_LSA * lat.ravel(), -np.inf).reshape(pool.shape)
        cols, sims = knn.top_k(exact.astype(np.float32), k)
        near = np.take_along_axis(pool, cols, axis=1)
        near[~np.isfinite(sims)] = -1
        return near, np.where(np.isfinite(sims), sims, 0.0).astype(np.float32)

    def neighbours(self, rows: np.ndarray) -> np.ndarray:
        """Candidate rows for each of ``rows``: nearest by text, then by
        tags and entities (-1 where there is none)."""
        meta, _ = knn.nearest(self.meta[rows], self.meta, min(META_CANDIDATES, len(self)), exclude=rows,
                              min_sim=1e-6, base_t=self.meta_t)
        return np.concatenate([self.near[rows], meta], axis=1)

    def text_neighbourhoods(self, rows: np.ndarray) -> sp.csr_matrix:
        """Each row's nearest articles by text with their similarity (itself
        at 1), L2-normalised: two rows' dot product is the second order."""
        m = SECOND_ORDER_NEIGHBOURS
        near = np.concatenate([rows[:, None], self.near[rows, :m]], axis=1)
        sims = np.concatenate([np.ones((len(rows), 1), dtype=np.float32),
                               np.clip(self.near_sims[rows, :m], 0, None)], axis=1)
        sims[near < 0] = 0.0
        near = np.where(near < 0, rows[:, None], near)
        out = sp.csr_matrix((sims.ravel(), near.ravel(), np.arange(0, near.size + 1, near.shape[1])),
                            shape=(len(rows), len(self)))
        out.sum_duplicates()
        return normalize(out)


def build_index(*, names: EntityNames | None = None, docs: list[Doc] | None = None) -> Index:
    """Vectors of every published article (or of ``docs``), and each one's
    text neighbours; each article's text is dropped once it is counted."""
    built_at, collect = timezone.now(), docs is None
    if collect:
        n, docs, stream = Article.objects.published().count(), [], iter_docs(names=names)
    else:
        n, stream = len(docs), list(docs)

    def texts():
        for d in stream:
            if collect:
                docs.append(d)
            yield d.text
            d.text = ""  # counted: the held index needs no copy of the archive's text

    vectorizer = BM25Vectorizer(min_df=2 if n >= 1000 else 1, max_df=0.5 if n >= 100 else 1.0)
    try:
        words = vectorizer.fit_transform(texts())
    except ValueError:  # no article has a single indexable word (or there are none)
        vectorizer, words = None, sp.csr_matrix((len(docs), 1), dtype=np.float32)
    n = len(docs)
    latent, svd, lsa_columns = None, None, None
    if n >= LSA_MIN_DOCS and words.shape[1] > 10:
        # The commonest LSA_FEATURES terms (of those kept): the randomized
        # SVD holds a float64 matrix of columns × components, 1.3 GB for the
        # million or so terms of 100,000 articles' words and bigrams.
        if words.shape[1] > LSA_FEATURES:
            lsa_columns = np.sort(np.argsort(vectorizer.idf_, kind="stable")[:LSA_FEATURES])
        svd = TruncatedSVD(n_components=min(LSA_COMPONENTS, words.shape[1] - 1, n // 2), n_iter=4, random_state=0)
        sample = np.sort(np.random.default_rng(0).choice(n, LSA_FIT_ROWS, replace=False)) if n > LSA_FIT_ROWS else None
        svd.fit(_lsa_input(words if sample is None else words[sample], lsa_columns))
        latent = np.vstack([_latent(svd, words[i : i + 10_000], lsa_columns) for i in range(0, n, 10_000)])
    return Index(docs=docs, vectorizer=vectorizer, svd=svd, words=words, latent=latent, lsa_columns=lsa_columns,
                 built_at=built_at)


def _lsa_input(words: sp.csr_matrix, columns: np.ndarray | None) -> sp.csr_matrix:
    return words if columns is None else words[:, columns]


def _latent(svd: TruncatedSVD, words: sp.csr_matrix, columns: np.ndarray | None) -> np.ndarray:
    return normalize(svd.transform(_lsa_input(words, columns))).astype(np.float32)


def updated_index(index: Index, *, changed: list[Doc], removed: Iterable[int]) -> Index:
    """``index`` with ``changed`` articles re-vectorized (with the fitted
    vocabulary and latent space) and ``removed`` ones gone."""
    drop = {d.id for d in changed} | set(removed)
    keep = np.array([i for i, d in enumerate(index.docs) if d.id not in drop], dtype=np.int64)
    words = index.words[keep]
    latent = index.latent[keep] if index.latent is not None else None
    if changed and index.vectorizer is not None:
        new = index.vectorizer.transform([d.text for d in changed])
        words = sp.vstack([words, new], format="csr")
        if index.svd is not None:
            latent = np.vstack([latent, _latent(index.svd, new, index.lsa_columns)])
    elif changed:
        words = sp.vstack([words, sp.csr_matrix((len(changed), words.shape[1]), dtype=np.float32)], format="csr")
    for d in changed:
        d.text = ""
    docs = [index.docs[i] for i in keep] + list(changed)
    # The neighbour tables follow the rows: kept rows keep theirs (entries
    # of dropped rows become -1), new rows get theirs, and each new row
    # joins the table of every row it is now closer to than that row's last.
    remap = np.full(len(index) + 1, -1, dtype=np.int64)  # [-1] maps -1 to -1
    remap[keep] = np.arange(len(keep))
    near, near_sims = remap[index.near[keep]], np.array(index.near_sims[keep])
    k = min(CANDIDATES, max(len(docs) - 1, 0))
    near, near_sims = _widen(near, near_sims, k)
    updated = Index(docs=docs, vectorizer=index.vectorizer, svd=index.svd, words=words, latent=latent,
                    lsa_columns=index.lsa_columns,
                    near=np.vstack([near, np.full((len(changed), k), -1, dtype=np.int64)]),
                    near_sims=np.vstack([near_sims, np.zeros((len(changed), k), dtype=np.float32)]),
                    built_at=index.built_at)
    new_rows = np.arange(len(keep), len(docs), dtype=np.int64)
    if len(new_rows) and k:
        found, sims = updated.text_nearest(new_rows)
        updated.near[new_rows], updated.near_sims[new_rows] = found, sims
        for r, row_found, row_sims in zip(new_rows, found, sims, strict=True):
            for other, sim in zip(row_found, row_sims, strict=True):
                if other >= 0 and other not in new_rows:
                    _join(updated, int(other), int(r), float(sim))
    return updated


def _widen(near: np.ndarray, sims: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Tables of ``k`` columns (a corpus that grew past a few dozen rows)."""
    if near.shape[1] >= k:
        return near[:, :k], sims[:, :k]
    pad = k - near.shape[1]
    return (np.hstack([near, np.full((len(near), pad), -1, dtype=np.int64)]),
            np.hstack([sims, np.zeros((len(near), pad), dtype=np.float32)]))


def _join(index: Index, row: int, new: int, sim: float) -> None:
    """Put ``new`` in ``row``'s neighbour table if it is closer than its last."""
    near, sims = index.near[row], index.near_sims[row]
    free = np.flatnonzero(near < 0)
    slot = free[0] if len(free) else len(near) - 1
    if not len(free) and sim <= sims[slot]:
        return
    near[slot], sims[slot] = new, sim
    order = np.lexsort((np.where(near < 0, np.iinfo(np.int64).max, near), -np.where(near < 0, -np.inf, sims)))
    index.near[row], index.near_sims[row] = near[order], sims[order]


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
