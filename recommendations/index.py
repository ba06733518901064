"""The recommendation index: vectors of the published articles and each
one's nearest neighbours by text, held by the task worker between tasks
(recommendations/engine.py) and saved after a rebuild
(recommendations/snapshot.py).

Text is scikit-learn's ``HashingVectorizer`` weighted by BM25
(recommendations/vectors.py) and a latent space (``TruncatedSVD``) learnt
from a sample of the archive; tags and entities are sparse rows weighted
by rarity. A refresh updates the index in place of a rebuild
(:func:`updated_index`): changed rows re-vectorized with the fitted
vocabulary, their neighbour tables found, and every row they are now
closer to told.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp
from django.utils import timezone
from sklearn.decomposition import TruncatedSVD
from sklearn.preprocessing import normalize

from articles.models import Article

from . import knn
from .corpus import Doc, EntityNames, iter_docs
from .vectors import BM25Vectorizer

CANDIDATES = 40  # text neighbours rescored exactly per article
TEXT_POOL = 100  # nearest by the latent vectors, rescored with the words to find those 40
META_CANDIDATES = 20  # tag and entity neighbours rescored too
# The weights of shared tags and entities in an article's score
# (recommendations/engine.py); the tags-and-entities vectors are scaled by
# them, so their nearest are the best candidates by those two signals.
W_TAGS, W_ENTITIES = 0.5, 0.6
LSA_COMPONENTS = 150
LSA_MIN_DOCS = 500  # on a few dozen articles the latent space is mostly noise
# The latent space is learnt from an even sample of a large archive, then
# every article is projected into it: the sample already holds every topic.
LSA_FIT_ROWS = 20_000
LSA_FEATURES = 2**16  # terms the latent space is learnt from (the commonest of those kept)
W_LSA = 0.35  # share of the latent cosine in the first-order text score
SECOND_ORDER_NEIGHBOURS = 20


def _rarity(m: sp.csr_matrix) -> np.ndarray:
    """idf / max idf of each column (scikit-learn's smoothed idf): 1 for a
    feature on one article, small for one on half of them."""
    n = m.shape[0]
    df = np.bincount(m.indices, minlength=m.shape[1]).astype(np.float64)
    return ((np.log((1 + n) / (1 + df)) + 1) / (np.log((1 + n) / 2) + 1)).astype(np.float32)


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
