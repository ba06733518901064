"""Nearest neighbours by dot product, a block of rows at a time.

Worker-only, like recommendations/engine.py (it imports numpy and SciPy).
No n×n matrix is ever made: each block of query rows is multiplied by the
whole base (``block @ base.T``), its top k are kept with ``argpartition``
and the block is dropped, so memory is ``block_rows × n`` floats whatever
the archive's size. scikit-learn's ``NearestNeighbors(metric="cosine",
algorithm="brute")`` over sparse rows did the same sum but held far more
per block (8 GB and still growing at 100,000 articles).
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

# Cells of one block's similarity matrix (float32): 2**24 is 64 MB.
BLOCK_CELLS = 2**24


def block_rows(n: int) -> int:
    """Query rows per block so that a block's products hold about BLOCK_CELLS."""
    return max(1, min(4096, BLOCK_CELLS // max(n, 1)))


def top_k(sims: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Columns and values of each row's ``k`` largest values, best first
    (ties by column, so the order is stable)."""
    k = min(k, sims.shape[1])
    if k <= 0:
        return np.empty((sims.shape[0], 0), dtype=np.int64), np.empty((sims.shape[0], 0), dtype=np.float32)
    part = np.argpartition(-sims, k - 1, axis=1)[:, :k] if k < sims.shape[1] else np.tile(
        np.arange(sims.shape[1]), (sims.shape[0], 1))
    vals = np.take_along_axis(sims, part, axis=1)
    order = np.lexsort((part, -vals), axis=1)
    cols = np.take_along_axis(part, order, axis=1).astype(np.int64)
    return cols, np.take_along_axis(vals, order, axis=1).astype(np.float32)


def nearest(queries, base, k: int, *, exclude: np.ndarray | None = None, rows_per_block: int | None = None,
            min_sim: float | None = None, base_t=None) -> tuple[np.ndarray, np.ndarray]:
    """Each query row's ``k`` nearest rows of ``base`` by dot product (the
    cosine, for L2-normalised rows): (columns, similarities), best first.

    ``exclude[i]`` is a base row never returned for query ``i`` (itself;
    -1 for none). With ``min_sim``, rows not above it come back as -1.
    ``queries`` and ``base`` may be dense arrays or sparse matrices;
    ``base_t`` is ``base.T`` made once by a caller that asks many times."""
    nq, n = queries.shape[0], base.shape[0]
    k = min(k, n)
    cols = np.full((nq, k), -1, dtype=np.int64)
    vals = np.zeros((nq, k), dtype=np.float32)
    step = rows_per_block or block_rows(n)
    if base_t is None:
        base_t = base.T.tocsr() if sp.issparse(base) else base.T
    for start in range(0, nq, step):
        stop = min(start + step, nq)
        sims = queries[start:stop] @ base_t
        sims = sims.toarray() if sp.issparse(sims) else np.asarray(sims)
        sims = sims.astype(np.float32, copy=False)
        if exclude is not None:
            own = exclude[start:stop]
            has = own >= 0
            sims[np.flatnonzero(has), own[has]] = -np.inf
        c, v = top_k(sims, k)
        if min_sim is not None:
            c[~(v > min_sim)] = -1
        if exclude is not None:
            c[~np.isfinite(v)] = -1
        cols[start:stop], vals[start:stop] = c, np.where(np.isfinite(v), v, 0.0)
    return cols, vals


def pair_dot(m, a: np.ndarray, b: np.ndarray, *, pairs_per_block: int = 8192) -> np.ndarray:
    """Row ``a[i]`` of ``m`` dotted with row ``b[i]``, for every i (in
    blocks, so a sparse product never holds more than a few thousand rows)."""
    out = np.empty(len(a), dtype=np.float64)
    for start in range(0, len(a), pairs_per_block):
        x, y = a[start : start + pairs_per_block], b[start : start + pairs_per_block]
        if sp.issparse(m):
            out[start : start + len(x)] = np.asarray(m[x].multiply(m[y]).sum(axis=1)).ravel()
        else:
            out[start : start + len(x)] = np.einsum("ij,ij->i", m[x], m[y])
    return out
