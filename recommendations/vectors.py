"""Article text as BM25-weighted word vectors (worker-only: scikit-learn).

The analyzer is recommendations/corpus.py's (words and bigrams of
plural-folded words, character bigrams for Chinese); scikit-learn's
``HashingVectorizer`` counts the terms without holding a vocabulary, so an
archive is counted a block at a time."""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from functools import partial

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, HashingVectorizer
from sklearn.preprocessing import normalize

from .corpus import EXTRA_STOP_WORDS, analyze

STOP_WORDS = frozenset(ENGLISH_STOP_WORDS) | EXTRA_STOP_WORDS


class BM25Vectorizer:
    """Word counts by scikit-learn's ``HashingVectorizer`` (no vocabulary
    held while counting, so an archive is counted a block at a time), the
    columns of terms on at least ``min_df`` and at most ``max_df`` of the
    articles kept, then BM25-saturated term frequency with document-length
    normalisation, smoothed idf and L2 rows (measured slightly better than
    TfidfVectorizer's sublinear tf on both evaluation sets; scikit-learn has
    no BM25 weighting of its own)."""

    k1, b = 1.2, 0.75
    # Terms kept per article: the most frequent COUNTED while counting, then
    # the TERMS heaviest by BM25. A long article has 1,000 and more distinct
    # words and bigrams; past a few hundred they add memory (8 bytes each,
    # per article) but hardly change a cosine. Shorter articles keep all.
    counted, terms = 600, 400
    n_features = 2**22  # hash buckets: collisions are rare at a few million distinct terms

    def __init__(self, *, min_df: int = 1, max_df: float = 1.0) -> None:
        self.min_df, self.max_df = min_df, max_df
        self.hasher = HashingVectorizer(analyzer=partial(analyze, stop_words=STOP_WORDS), n_features=self.n_features,
                                        alternate_sign=False, norm=None, dtype=np.float32)

    def fit_transform(self, texts: Iterable[str], *, block: int = 2000) -> sp.csr_matrix:
        """Rows of ``texts`` (any iterable, consumed once, ``block`` at a time)."""
        parts, batch = [], []
        df = np.zeros(self.n_features, dtype=np.int64)
        for text in itertools.chain(texts, [None]):
            if text is not None:
                batch.append(text)
            if batch and (text is None or len(batch) == block):
                part = _heaviest(self.hasher.transform(batch), self.counted)
                df += np.bincount(part.indices, minlength=self.n_features)
                parts.append(part)
                batch = []
        n = sum(p.shape[0] for p in parts)
        self.columns_ = np.flatnonzero((df >= self.min_df) & (df <= self.max_df * n)) if n else np.empty(0, int)
        if not len(self.columns_):
            raise ValueError("no term is on enough articles")
        for i, part in enumerate(parts):  # pruned a block at a time, so only one unpruned copy is held
            parts[i] = part[:, self.columns_]
        self.idf_ = (np.log((1 + n) / (1 + df[self.columns_])) + 1).astype(np.float32)
        self.avgdl_ = max(sum(float(p.sum()) for p in parts) / max(n, 1), 1.0)
        for i, part in enumerate(parts):  # weighed a block at a time too: the sorts hold 8 bytes a term
            parts[i] = self._weigh(part)
        return sp.vstack(parts, format="csr")

    def transform(self, texts: list[str]) -> sp.csr_matrix:
        return self._weigh(_heaviest(self.hasher.transform(texts), self.counted)[:, self.columns_])

    def _weigh(self, counts: sp.csr_matrix) -> sp.csr_matrix:
        counts = sp.csr_matrix(counts, dtype=np.float32)
        lengths = np.asarray(counts.sum(axis=1)).ravel()
        norm = np.repeat(self.k1 * (1 - self.b + self.b * lengths / self.avgdl_), np.diff(counts.indptr))
        counts.data = counts.data * (self.k1 + 1) / (counts.data + norm) * self.idf_[counts.indices]
        return normalize(_heaviest(counts, self.terms))


def _heaviest(m: sp.csr_matrix, k: int) -> sp.csr_matrix:
    """``m`` with only each row's ``k`` largest values (ties: lower column)."""
    m = sp.csr_matrix(m)
    counts = np.diff(m.indptr)
    if not len(counts) or counts.max() <= k:
        return m
    rows = np.repeat(np.arange(m.shape[0]), counts)
    order = np.lexsort((m.indices, -m.data, rows))
    rank = np.arange(m.nnz) - m.indptr[rows[order]]
    keep = np.sort(order[rank < k])
    kept_rows = rows[keep]
    indptr = np.concatenate([[0], np.cumsum(np.bincount(kept_rows, minlength=m.shape[0]))])
    return sp.csr_matrix((m.data[keep], m.indices[keep], indptr), shape=m.shape)
