""""You Might Also Like": the engine that computes the stored lists.

The only module of the project that imports numpy, SciPy and scikit-learn;
it runs in the task worker (recommendations/tasks.py), never in a web
process, which reads the stored lists (recommendations/selectors.py).

Each published article's list blends four signals:

* **text**: scikit-learn's ``CountVectorizer`` weighted by BM25 (word unigrams
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

Candidates come from scikit-learn's brute-force cosine ``NearestNeighbors``
(text, and tags with entities); each is then scored exactly. Lists never hold
the article itself, anything unpublished, or two near-duplicates of each
other. Order is stable: score, then newer, then id.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import partial

import numpy as np
import scipy.sparse as sp
from django.db import transaction
from django.db.models import Q
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, CountVectorizer
from sklearn.neighbors import NearestNeighbors
from sklearn.preprocessing import normalize
from taggit.models import Tag

from articles.models import Article
from recommendations.models import RelatedArticle

from .corpus import EXTRA_STOP_WORDS, Doc, EntityNames, analyze, load_docs

LIST_LENGTH = 6  # stored per article; the page shows 4 to 6
CANDIDATES = 40  # text neighbours rescored exactly per article
META_CANDIDATES = 20  # tag and entity neighbours rescored too
BLOCK_ROWS = 1000  # source articles scored together

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
W_LSA = 0.35  # share of the latent cosine in the first-order text score
W_SECOND_ORDER = 0.35  # share of the neighbourhood overlap in the final text score
SECOND_ORDER_NEIGHBOURS = 20
SMALL_CORPUS = 3000  # below this, every refresh rebuilds (well under a second)
REBUILD_ABOVE = 1000  # refreshing more articles than this (or a tenth) rebuilds all
STOP_WORDS = frozenset(ENGLISH_STOP_WORDS) | EXTRA_STOP_WORDS


class BM25Vectorizer(CountVectorizer):
    """scikit-learn's CountVectorizer, then BM25-saturated term frequency
    with document-length normalisation, smoothed idf and L2 rows (measured
    slightly better than TfidfVectorizer's sublinear tf on both evaluation
    sets; scikit-learn has no BM25 weighting of its own)."""

    k1, b = 1.2, 0.75

    def fit_transform(self, raw_documents, y=None):
        counts = super().fit_transform(raw_documents).astype(np.float32)
        n = counts.shape[0]
        df = np.bincount(counts.indices, minlength=counts.shape[1])
        self.idf_ = (np.log((1 + n) / (1 + df)) + 1).astype(np.float32)
        self.avgdl_ = max(float(counts.sum()) / max(n, 1), 1.0)
        return self._weigh(counts)

    def transform(self, raw_documents):
        return self._weigh(super().transform(raw_documents).astype(np.float32))

    def _weigh(self, counts: sp.csr_matrix) -> sp.csr_matrix:
        lengths = np.asarray(counts.sum(axis=1)).ravel()
        norm = np.repeat(self.k1 * (1 - self.b + self.b * lengths / self.avgdl_), np.diff(counts.indptr))
        counts.data = counts.data * (self.k1 + 1) / (counts.data + norm) * self.idf_[counts.indices]
        return normalize(counts)


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


def _pair_dot(m, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Row ``a[i]`` of ``m`` dotted with row ``b[i]``, for every i."""
    if sp.issparse(m):
        return np.asarray(m[a].multiply(m[b]).sum(axis=1), dtype=np.float64).ravel()
    return np.einsum("ij,ij->i", m[a], m[b]).astype(np.float64)


@dataclass
class Index:
    """Vectors of the published articles, held by the worker between tasks."""

    docs: list[Doc]
    vectorizer: BM25Vectorizer | None
    svd: TruncatedSVD | None
    words: sp.csr_matrix  # L2-normalised TF-IDF rows
    latent: np.ndarray | None  # L2-normalised LSA rows; None on small corpora
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
        text = self.words * np.sqrt(1 - W_LSA) if self.latent is not None else self.words
        if self.latent is not None:
            # Cosine over [words, latent] with these weights is the blended
            # first-order text score: both parts are unit rows.
            text = sp.hstack([text, sp.csr_matrix(self.latent * np.sqrt(W_LSA))], format="csr")
        self.text = text
        n = len(self.docs)
        self.text_nn = NearestNeighbors(n_neighbors=min(CANDIDATES + 1, n), metric="cosine", algorithm="brute")
        self.text_nn.fit(text)
        meta = normalize(sp.hstack([self.tags * np.sqrt(W_TAGS), self.entities * np.sqrt(W_ENTITIES)], format="csr"))
        self.meta = meta
        self.meta_nn = NearestNeighbors(n_neighbors=min(META_CANDIDATES + 1, n), metric="cosine", algorithm="brute")
        self.meta_nn.fit(meta)

    def __len__(self) -> int:
        return len(self.docs)

    def neighbours(self, rows: np.ndarray) -> np.ndarray:
        """Candidate rows for each of ``rows``: nearest by text, then by
        tags and entities (-1 where there is none)."""
        _, text = self.text_nn.kneighbors(self.text[rows])
        has_meta = np.asarray(self.meta[rows].getnnz(axis=1)) > 0
        meta = np.full((len(rows), self.meta_nn.n_neighbors), -1, dtype=np.int64)
        if has_meta.any():
            dist, found = self.meta_nn.kneighbors(self.meta[rows[has_meta]])
            found[dist >= 1 - 1e-6] = -1  # nothing shared
            meta[has_meta] = found
        return np.concatenate([text, meta], axis=1)

    def text_neighbourhoods(self, rows: np.ndarray) -> sp.csr_matrix:
        """Each row's nearest articles by text with their similarity (itself
        at 1), L2-normalised: two rows' dot product is the second order."""
        dist, near = self.text_nn.kneighbors(self.text[rows], n_neighbors=min(SECOND_ORDER_NEIGHBOURS + 1, len(self)))
        sims = np.clip(1 - dist, 0, None)
        sims[near == rows[:, None]] = 1.0
        m = sp.csr_matrix((sims.ravel().astype(np.float32), near.ravel(), np.arange(0, near.size + 1, near.shape[1])),
                          shape=(len(rows), len(self)))
        m.sum_duplicates()
        return normalize(m)


def build_index(*, names: EntityNames | None = None, docs: list[Doc] | None = None) -> Index:
    docs = load_docs(names=names) if docs is None else docs
    n = len(docs)
    vectorizer = BM25Vectorizer(analyzer=partial(analyze, stop_words=STOP_WORDS), min_df=2 if n >= 1000 else 1,
                                max_df=0.5 if n >= 100 else 1.0, dtype=np.float32)
    try:
        words = vectorizer.fit_transform([d.text for d in docs])
    except ValueError:  # no article has a single indexable word (or there are none)
        vectorizer, words = None, sp.csr_matrix((n, 1), dtype=np.float32)
    latent, svd = None, None
    if n >= LSA_MIN_DOCS and words.shape[1] > 10:
        svd = TruncatedSVD(n_components=min(LSA_COMPONENTS, words.shape[1] - 1, n // 2), n_iter=4, random_state=0)
        sample = np.sort(np.random.default_rng(0).choice(n, LSA_FIT_ROWS, replace=False)) if n > LSA_FIT_ROWS else None
        svd.fit(words if sample is None else words[sample])
        latent = normalize(svd.transform(words)).astype(np.float32)
    for d in docs:
        d.text = ""  # vectorized: the held index needs no copy of the archive's text
    return Index(docs=docs, vectorizer=vectorizer, svd=svd, words=words, latent=latent)


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
            latent = np.vstack([latent, normalize(index.svd.transform(new)).astype(np.float32)])
    elif changed:
        words = sp.vstack([words, sp.csr_matrix((len(changed), words.shape[1]), dtype=np.float32)], format="csr")
    for d in changed:
        d.text = ""
    docs = [index.docs[i] for i in keep] + list(changed)
    return Index(docs=docs, vectorizer=index.vectorizer, svd=index.svd, words=words, latent=latent)


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
    words = _pair_dot(index.words, src, flat)
    first = words if index.latent is None else (1 - W_LSA) * words + W_LSA * np.clip(
        _pair_dot(index.latent, src, flat), 0, None)
    second = _pair_dot(hood, np.array([hood_row[int(r)] for r in src]), np.array([hood_row[int(c)] for c in flat]))
    text = (1 - W_SECOND_ORDER) * first + W_SECOND_ORDER * second
    tags = _saturate(_pair_dot(index.tags, src, flat))
    ents = _saturate(_pair_dot(index.entities, src, flat))
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


def rebuild_all() -> dict:
    """Recompute every published article's list."""
    started = datetime.datetime.now()
    names = EntityNames.load()
    index = _HELD["index"] = build_index(names=names)
    RelatedArticle.objects.filter(pinned=False).exclude(
        article_id__in=Article.objects.published().values("id")).delete()
    stored = store(lists_for(index, index.ids.tolist(), labels=Labels.load(names)))
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
    index = _HELD.get("index")
    if index is None or published_count <= SMALL_CORPUS or abs(len(index) - published_count) > published_count // 10:
        index = build_index(names=names)
    else:
        index = updated_index(index, changed=load_docs(visible, names=names), removed=gone)
    _HELD["index"] = index
    affected = (visible | containing) - gone
    rows = np.array([index.row_of[a] for a in visible if a in index.row_of], dtype=np.int64)
    if len(rows) and len(index) > 1:
        cand = index.neighbours(rows)
        affected |= {int(index.ids[c]) for c in cand.ravel() if c >= 0}
    store(lists_for(index, sorted(affected), labels=Labels.load(names)))
    return sorted(affected | containing)
