""""You Might Also Like": scoring, precomputed lists, refresh on publish.

Every published article gets a stored list of related articles
(``RelatedArticle``), computed from four signals:

* **text** — TF-IDF (scikit-learn) over title, standfirst, highlights, body and
  the names of the entities the article is about. BM25-saturated term
  frequency with length normalisation, word unigrams and bigrams, a light plural stemmer and character bigrams for
  Chinese (which has no spaces). The sparse cosine is blended with a latent
  semantic (TruncatedSVD) cosine, which finds articles on the same subject
  written with different words, and then with a second-order score (how much
  two articles' own neighbourhoods overlap), which irons out one-off word
  coincidences. scikit-learn was chosen over PostgreSQL full-text ranking
  because ``ts_rank`` scores a query against documents, not documents
  against each other, has no IDF, and cannot be computed for all 100,000
  articles at once in minutes, which sparse matrix products can.
* **tags** — shared tags weighted by rarity: each shared tag adds
  ``(idf / max idf)²``, so a rare shared tag counts far more than a common one.
* **entities** — the same official, enterprise or regulator (linked, or named
  in the text by any of its names, native-script names and aliases included),
  and close links at half weight: an enterprise's parent group, an official's
  organisation through his positions, a regulator's parent body.
* **recency** — a gentle preference for articles published close in time.

Lists never hold the article itself, anything unpublished (everything starts
from ``Article.objects.published()``, and reads filter again), or two
near-duplicates of each other. Order is stable: score, then newer, then id.
"""

from __future__ import annotations

import datetime
import html
import io
import itertools
import json
import math
import re
import time
from collections import defaultdict, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import scipy.sparse as sp
from django.db import connection, transaction
from django.db.models import F, Q
from django.utils import timezone
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS
from sklearn.preprocessing import normalize

from core.cjk import CJK_CHARS
from entities.models import Enterprise, Official, Position, Regulator
from recommendations.models import RelatedArticle

from .models import Article, TaggedArticle

LIST_LENGTH = 6  # stored per article; the page shows 4 to 6
CANDIDATES = 40  # per article, kept after the first pass, rescored exactly
BLOCK_ROWS = 1000  # rows per sparse/dense matrix product (fewer on large corpora, see block_rows)

# Signal weights. Text carries untagged archives on its own; a shared rare tag
# or a shared official is stronger evidence than most text overlap.
W_TEXT = 1.0
W_TAGS = 0.5
W_ENTITIES = 0.6
W_RECENCY = 0.02
RECENCY_DAYS = 60.0  # the recency bonus halves at this distance in time
LINK_WEIGHT = 0.4  # a parent group or an official's organisation
MENTION_WEIGHT = 0.5  # named in the text but not linked: mostly left to the text signal
NEAR_DUPLICATE = 0.9  # word cosine above which two candidates are one story

# How the text score is made (see module docstring).
LSA_COMPONENTS = 150
LSA_MIN_DOCS = 500  # on a few dozen articles the latent space is mostly noise
# The latent space is learnt from at most this many articles (an even random
# sample of a larger archive) and every article is then projected into it:
# the decomposition's cost grows with the rows it sees, and a sample of this
# size already holds every topic a newsroom writes about.
LSA_FIT_ROWS = 20_000
W_LSA = 0.35  # share of the latent cosine in the first-order text score
W_SECOND_ORDER = 0.35  # share of the neighbourhood overlap in the final text score
SECOND_ORDER_NEIGHBOURS = 20
# Multiply-adds allowed for the all-pairs word product (see Index.words_specific).
PRODUCT_BUDGET = 4e9
COMMON_SHARE = 0.01  # see Index._without_common
THREADS = 2

# Below this size the corpus is vectorized afresh on every refresh (well under
# a second); above it a fitted index is kept in memory and updated in place.
SMALL_CORPUS = 3000

_CJK = CJK_CHARS
# A word: a letter, then letters or digits, with ' ’ . & - allowed between
# two letters (O'Neill, U.S., M&A, rare-earth). Written without a lookahead
# per character, which made tokenizing a large archive several times slower.
_LATIN_TOKEN_RE = re.compile(r"[^\W\d_][^\W_]*(?:['’.&-][^\W\d_][^\W_]*)*")
_TOKEN_RE = re.compile(rf"[{_CJK}]+|{_LATIN_TOKEN_RE.pattern}")
_HAS_CJK_RE = re.compile(rf"[{_CJK}]")
_CJK_RE = re.compile(rf"^[{_CJK}]")
_CJK_RUN_RE = re.compile(rf"[{_CJK}]{{2,}}")
_WORD_RE = re.compile(rf"[^\W_{_CJK}]+")
_TAG_RE = re.compile(r"<[^>]+>")
_STOP = frozenset(ENGLISH_STOP_WORDS) | {"said", "says", "say", "also", "would", "could", "year", "percent", "pct"}


@lru_cache(maxsize=200_000)
def _stem(word: str) -> str:
    """Harman's S-stemmer: folds English plurals (quotas → quota, companies
    → company) and nothing else, so it never mangles names."""
    if len(word) <= 3 or not word.endswith("s"):
        return word
    if word.endswith("ies") and not word.endswith(("eies", "aies")):
        return word[:-3] + "y"
    if word.endswith("es") and not word.endswith(("aes", "ees", "oes")):
        return word[:-1]
    if not word.endswith(("us", "ss")):
        return word[:-1]
    return word


_WORD_OF: dict[str, str] = {}  # token -> its stemmed word, "" for a stop word


def _words_of(tokens: list[str]) -> list[str]:
    """Stemmed words of Latin ``tokens`` ("" for stop words and one-letter
    tokens, which break bigrams), through a cache: an archive uses a few
    hundred thousand distinct tokens, so almost every token is a dict hit."""
    cache = _WORD_OF
    for token in set(tokens).difference(cache):
        word = token.strip(".'’-&")
        if len(cache) > 1_000_000:
            cache.clear()
        cache[token] = "" if len(word) < 2 or word in _STOP else _stem(word)
    return [cache[t] for t in tokens]


def analyze(text: str) -> list[str]:
    """Terms of ``text``: stemmed words that are not stop words, bigrams of
    neighbouring words, and for Chinese/Japanese/Korean runs single characters
    plus character bigrams (the usual way to index text without spaces).
    Entity markers (``\x00e:o:12``) pass through as single terms.
    (``Vectorizer`` counts the same terms from ``_units`` without building
    the bigram strings.)"""
    words, terms = _units(text)
    terms.extend(w for w in words if w)
    terms.extend(f"{a} {b}" for a, b in itertools.pairwise(words) if a and b)
    return terms


def _units(text: str) -> tuple[list[str], list[str]]:
    """The words of ``text`` in order, "" wherever a bigram must not span
    (stop words, Chinese runs, entity markers, and at the end), and the
    terms that never pair: entity markers, Chinese characters and their
    bigrams."""
    words: list[str] = []
    single: list[str] = []
    for chunk in text.split("\x00"):
        if chunk.startswith("e:") and " " not in chunk.strip():
            single.append(chunk.strip())
            continue
        if not _HAS_CJK_RE.search(chunk):
            words.extend(_words_of(_LATIN_TOKEN_RE.findall(chunk.lower())))
        else:
            for token in _TOKEN_RE.findall(chunk.lower()):
                if _CJK_RE.match(token):
                    single.extend(token)
                    single.extend(token[i : i + 2] for i in range(len(token) - 1))
                    words.append("")  # a bigram never spans a Chinese run
                else:
                    words.extend(_words_of([token]))
        words.append("")
    return words, single


def plain_text(body_html: str) -> str:
    return html.unescape(_TAG_RE.sub(" ", body_html or ""))


# ---------------------------------------------------------------- the corpus


@dataclass
class EntityNames:
    """Every entity's names and close links, loaded once per computation."""

    names: dict[str, list[str]] = field(default_factory=dict)  # key -> names
    links: dict[str, list[str]] = field(default_factory=dict)  # key -> linked keys
    label: dict[str, str] = field(default_factory=dict)  # key -> display name
    by_name: dict[str, str] = field(default_factory=dict)  # normalised name -> key
    # First word of each Latin name -> the lengths (in words) of the names it
    # starts, so ``mentioned`` tries only the positions where a name can begin.
    starts: dict[str, tuple[int, ...]] = field(default_factory=dict)
    longest_words: int = 0
    longest_cjk: int = 0

    @classmethod
    def load(cls) -> EntityNames:
        self = cls()
        for prefix, model in (("o", Official), ("e", Enterprise), ("r", Regulator)):
            extra = ["acronym"] if model is Regulator else []
            parent = ["parent_id"] if model is not Official else []
            for row in model.objects.values("id", "name", "native_name", "aliases", *extra, *parent):
                key = f"{prefix}:{row['id']}"
                names = [row["name"], row["native_name"], *(row["aliases"] or []), row.get("acronym", "")]
                self.names[key] = [n.strip() for n in names if isinstance(n, str) and n.strip()]
                self.label[key] = row["name"]
                if row.get("parent_id"):
                    self.links.setdefault(key, []).append(f"{prefix}:{row['parent_id']}")
        for official_id, enterprise_id, regulator_id in Position.objects.values_list(
            "official_id", "enterprise_id", "regulator_id"
        ):
            if enterprise_id:
                self.links.setdefault(f"o:{official_id}", []).append(f"e:{enterprise_id}")
            if regulator_id:
                self.links.setdefault(f"o:{official_id}", []).append(f"r:{regulator_id}")
        for key, names in self.names.items():
            for name in names:
                cjk = bool(_CJK_RE.match(name))
                # Short Latin aliases ("CN") would match everywhere.
                if cjk and len(name) >= 2:
                    self.by_name.setdefault(name, key)
                    self.longest_cjk = max(self.longest_cjk, len(name))
                elif not cjk and len(name) >= 4:
                    words = tuple(_WORD_RE.findall(name.lower()))
                    if words:
                        self.by_name.setdefault(" ".join(words), key)
                        self.longest_words = max(self.longest_words, len(words))
                        lengths = self.starts.get(words[0], ())
                        if len(words) not in lengths:
                            self.starts[words[0]] = tuple(sorted((*lengths, len(words))))
        return self

    def mentioned(self, text: str) -> set[str]:
        """Entities named in ``text`` by any of their names: word sequences
        for Latin names, substrings of Chinese runs for native names. Only the
        words that begin some name are looked at, so thousands of entities
        cost nothing extra."""
        if not self.by_name or not text:
            return set()
        found = set()
        words = _WORD_RE.findall(text.lower())
        starts, by_name = self.starts, self.by_name
        # Most words start no name: one set lookup each, in C, skips them.
        if starts.keys().isdisjoint(words):
            words = []
        for i in [i for i, w in enumerate(words) if w in starts]:
            for n in starts[words[i]]:
                key = by_name.get(" ".join(words[i : i + n]) if n > 1 else words[i])
                if key:
                    found.add(key)
        if self.longest_cjk:
            for run in _CJK_RUN_RE.findall(text):
                for n in range(2, min(self.longest_cjk, len(run)) + 1):
                    for i in range(len(run) - n + 1):
                        key = self.by_name.get(run[i : i + n])
                        if key:
                            found.add(key)
        return found


@dataclass
class Doc:
    id: int
    published_at: datetime.datetime
    text: str
    tags: list[int]
    entities: dict[str, float]  # entity key -> weight (1 linked, <1 mention or close link)


def compose_text(*, title: str, lead: str, body: str, entity_names: Sequence[tuple[str, list[str]]] = ()) -> str:
    """The text an article is vectorized from. The title counts twice (it
    says what the story is about in the fewest words). Each entity adds one
    marker term, whichever of its names was used, plus its main names."""
    entity_text = " ".join(f"\x00e:{key}\x00 " + " ".join(n) for key, n in entity_names)
    return "\n".join([title, title, lead, body, entity_text, entity_text])


def load_docs(ids: Iterable[int] | None = None, *, names: EntityNames | None = None) -> list[Doc]:
    """Published articles (all, or those of ``ids``) as documents to score."""
    names = names or EntityNames.load()
    qs = Article.objects.published()
    if ids is not None:
        qs = qs.filter(pk__in=list(ids))
    # Streamed: only the composed text of each article is kept, not its body too.
    rows = qs.order_by("id").values_list("id", "title", "standfirst", "highlights", "body", "published_at").iterator(
        chunk_size=2000
    )
    published_ids = qs.values("id")
    tags: dict[int, list[int]] = defaultdict(list)
    for article_id, tag_id in TaggedArticle.objects.filter(content_object_id__in=published_ids).values_list(
        "content_object_id", "tag_id"
    ):
        tags[article_id].append(tag_id)
    linked: dict[int, set[str]] = defaultdict(set)
    for prefix, rel, column in (
        ("o", Article.officials, "official_id"),
        ("e", Article.enterprises, "enterprise_id"),
        ("r", Article.regulators, "regulator_id"),
    ):
        for article_id, entity_id in rel.through.objects.filter(article_id__in=published_ids).values_list(
            "article_id", column
        ):
            linked[article_id].add(f"{prefix}:{entity_id}")
    docs = []
    for article_id, title, standfirst, highlights, body, published_at in rows:
        lead = " ".join([standfirst or "", *[h for h in (highlights or []) if isinstance(h, str)]])
        body_text = plain_text(body)
        entities: dict[str, float] = {}
        for key in names.mentioned(f"{title}\n{lead}\n{body_text}"):
            entities[key] = MENTION_WEIGHT
        for key in linked.get(article_id, ()):
            entities[key] = 1.0
        for key in list(entities):
            for link in names.links.get(key, ()):
                entities.setdefault(link, LINK_WEIGHT * entities[key])
        text = compose_text(title=title, lead=lead, body=body_text, entity_names=[
            (key, names.names.get(key, [])[:2]) for key, w in entities.items() if w >= MENTION_WEIGHT
        ])
        docs.append(Doc(article_id, published_at, text, tags.get(article_id, []), entities))
    return docs


# ------------------------------------------------------------------ the index

TERM_WEIGHTING = "bm25"  # or "sublinear" (1 + log tf); BM25 measured slightly better
BM25_K1, BM25_B = 1.2, 0.75


class Vectorizer:
    """TF-IDF rows of the terms of ``analyze``, L2-normalised: term frequency
    either sublinear (1 + log tf) or BM25-saturated with document-length
    normalisation; smoothed idf, ``min_df``/``max_df`` pruning (the same
    definitions as scikit-learn's ``TfidfVectorizer``).

    Counting is done on integers: each word gets an id, a bigram is the pair
    of its words' ids, and a document's terms are counted with numpy. That
    avoids making a string per bigram and a dict lookup per term, which
    made vectorizing the bulk of a large rebuild."""

    CHUNK = 2000  # documents counted together

    def __init__(self, *, min_df: int, max_df: float):
        self.weighting = TERM_WEIGHTING
        self.min_df, self.max_df = min_df, max_df
        self.ids: dict[str, int] = {"": -1}  # every word and single term seen when fitting
        self.unigram_col = np.zeros(0, dtype=np.int64)  # id -> column, -1 if pruned
        self.bigram_codes = np.zeros(0, dtype=np.int64)  # kept bigrams (id << 32 | id), sorted
        self.bigram_cols = np.zeros(0, dtype=np.int64)
        self.idf = np.zeros(0, dtype=np.float32)
        self.avgdl = 1.0

    def _chunks(self, texts: Sequence[str], *, grow: bool) -> Iterator[tuple]:
        """Per ``CHUNK`` documents: (doc, unigram id, count) triples and
        (doc, index into the chunk's sorted bigram codes, count) triples,
        each (doc, term) once, and those bigram codes (id << 32 | id).
        Unknown words (not ``grow``) get id -2: they still separate their
        neighbours but count for nothing. Documents are numbered within the
        chunk and held in 16 bits, as are counts: these arrays hold every
        (document, term) of the archive."""
        ids = self.ids
        for start in range(0, len(texts), self.CHUNK):
            seqs, singles = [], []
            for text in texts[start : start + self.CHUNK]:
                words, single = _units(text)
                if grow:
                    for term in set(words).union(single).difference(ids):
                        ids[term] = len(ids) - 1
                    seqs.append(np.array([ids[w] for w in words] + [-1], dtype=np.int64))
                    singles.append(np.array([ids[t] for t in single], dtype=np.int64))
                else:
                    seqs.append(np.array([ids.get(w, -2) for w in words] + [-1], dtype=np.int64))
                    singles.append(np.array([i for i in (ids.get(t, -2) for t in single) if i >= 0], dtype=np.int64))
            base = max(len(ids), 2)
            seq = np.concatenate(seqs)
            seq_doc = np.repeat(np.arange(len(seqs), dtype=np.int64), [len(x) for x in seqs])
            single_all = np.concatenate(singles)
            single_doc = np.repeat(np.arange(len(singles), dtype=np.int64), [len(x) for x in singles])
            # Unigrams: the words plus the single terms.
            keep = seq >= 0
            keys = np.concatenate([seq_doc[keep] * base + seq[keep], single_doc * base + single_all])
            keys, counts = np.unique(keys, return_counts=True)
            uni = ((keys // base).astype(np.int16), keys % base, np.minimum(counts, 32767).astype(np.int16))
            # Bigrams: neighbouring words (each sequence ends with -1, so no
            # pair spans two documents).
            pair = (seq[:-1] >= 0) & (seq[1:] >= 0)
            code = seq[:-1][pair] * base + seq[1:][pair]
            keys, counts = np.unique(seq_doc[:-1][pair] * (base * base) + code, return_counts=True)
            code = keys % (base * base)
            codes, which = np.unique(((code // base) << 32) | (code % base), return_inverse=True)
            bi = ((keys // (base * base)).astype(np.int16), which.astype(np.int32),
                  np.minimum(counts, 32767).astype(np.int16))
            yield start, len(seqs), uni, bi, codes

    def fit_transform(self, texts: Sequence[str]) -> sp.csr_matrix:
        n = len(texts)
        chunks = list(self._chunks(texts, grow=True))
        u_df = np.bincount(np.concatenate([c[2][1] for c in chunks]) if chunks else np.zeros(0, np.int64),
                           minlength=len(self.ids) - 1)
        chunk_codes = [c[4] for c in chunks]
        chunk_df = [np.bincount(c[3][1], minlength=len(c[4])) for c in chunks]
        if not u_df.any() and not sum(len(c) for c in chunk_codes):
            raise ValueError("empty vocabulary; perhaps the documents only contain stop words")
        codes, where = np.unique(np.concatenate(chunk_codes), return_inverse=True)
        b_df = np.bincount(where, weights=np.concatenate(chunk_df), minlength=len(codes)).astype(np.int64)
        max_count = self.max_df * n if isinstance(self.max_df, float) else self.max_df
        u_keep = (u_df >= self.min_df) & (u_df <= max_count)
        b_keep = (b_df >= self.min_df) & (b_df <= max_count)
        if not u_keep.any() and not b_keep.any():
            raise ValueError("After pruning, no terms remain. Try a lower min_df or a higher max_df.")
        self.unigram_col = np.where(u_keep, np.cumsum(u_keep) - 1, -1)
        n_uni = int(u_keep.sum())
        b_col = np.where(b_keep, n_uni + np.cumsum(b_keep) - 1, -1)
        self.bigram_codes, self.bigram_cols = codes[b_keep], b_col[b_keep]
        df = np.concatenate([u_df[u_keep], b_df[b_keep]]).astype(np.float64)
        self.idf = (np.log((1 + n) / (1 + df)) + 1.0).astype(np.float32)
        counts, offset = [], 0
        chunks.reverse()
        while chunks:  # each chunk's triples freed once counted
            _start, size, uni, bi, chunk = chunks.pop()
            cols = b_col[where[offset : offset + len(chunk)]]
            offset += len(chunk)
            counts.append(self._chunk_matrix(size, uni, bi, self.unigram_col, cols))
        self.avgdl = float(sum(c.sum() for c in counts) / max(n, 1)) or 1.0
        return self._stack([self._weigh(c) for c in counts], n)

    def transform(self, texts: Sequence[str]) -> sp.csr_matrix:
        rows = []
        for _start, size, uni, bi, chunk in self._chunks(texts, grow=False):
            cols = np.full(len(chunk), -1, dtype=np.int64)
            if len(self.bigram_codes) and len(chunk):
                at = np.minimum(np.searchsorted(self.bigram_codes, chunk), len(self.bigram_codes) - 1)
                hit = self.bigram_codes[at] == chunk
                cols[hit] = self.bigram_cols[at[hit]]
            rows.append(self._weigh(self._chunk_matrix(size, uni, bi, self.unigram_col, cols)))
        return self._stack(rows, len(texts))

    def _chunk_matrix(self, size: int, uni: tuple, bi: tuple, unigram_col: np.ndarray,
                      bigram_col: np.ndarray) -> sp.csr_matrix:
        """Term counts of one chunk's documents (pruned terms left out)."""
        u_cols = unigram_col[uni[1]] if len(unigram_col) else np.full(len(uni[1]), -1)
        docs = np.concatenate([uni[0], bi[0]]).astype(np.int32)
        cols = np.concatenate([u_cols, bigram_col[bi[1]] if len(bigram_col) else np.zeros(0, np.int64)])
        values = np.concatenate([uni[2], bi[2]]).astype(np.float32)
        kept = cols >= 0
        return sp.csr_matrix((values[kept], (docs[kept], cols[kept].astype(np.int32))),
                             shape=(size, len(self.idf)), dtype=np.float32)

    def _stack(self, parts: list[sp.csr_matrix], n: int) -> sp.csr_matrix:
        if not parts:
            return sp.csr_matrix((n, len(self.idf)), dtype=np.float32)
        return sp.csr_matrix(sp.vstack(parts, format="csr"), dtype=np.float32)

    def _weigh(self, counts: sp.csr_matrix) -> sp.csr_matrix:
        counts.sort_indices()
        rows = np.repeat(np.arange(counts.shape[0]), np.diff(counts.indptr))
        tf = counts.data
        idf = self.idf[counts.indices]
        if self.weighting == "sublinear":
            weights = (1.0 + np.log(tf)) * idf
        else:
            lengths = np.asarray(counts.sum(axis=1)).ravel()
            norm = BM25_K1 * (1 - BM25_B + BM25_B * lengths / self.avgdl)
            weights = tf * (BM25_K1 + 1) / (tf + norm[rows]) * idf
        out = sp.csr_matrix((weights.astype(np.float32), counts.indices, counts.indptr), shape=counts.shape)
        return sp.csr_matrix(normalize(out), dtype=np.float32)


def _replace_rows(m: sp.csr_matrix, rows: np.ndarray, new: sp.csr_matrix, n_rows: int,
                  n_cols: int | None = None) -> sp.csr_matrix:
    """``m`` grown to ``n_rows`` rows (empty ones added at the end), with
    ``rows[i]`` replaced by ``new[i]``: one copy of the arrays, no product."""
    n_cols = max(m.shape[1], new.shape[1]) if n_cols is None else n_cols
    sizes = np.zeros(n_rows, dtype=np.int64)
    sizes[: m.shape[0]] = np.diff(m.indptr)
    new_sizes = np.diff(new.indptr)
    sizes[rows] = new_sizes
    indptr = np.concatenate([[0], np.cumsum(sizes)])
    order = np.argsort(rows, kind="stable")
    data, indices, at = [], [], 0
    for k in order:
        row = int(rows[k])
        stop = m.indptr[min(row, m.shape[0])]
        data += [m.data[m.indptr[min(at, m.shape[0])] : stop], new.data[new.indptr[k] : new.indptr[k + 1]]]
        indices += [m.indices[m.indptr[min(at, m.shape[0])] : stop], new.indices[new.indptr[k] : new.indptr[k + 1]]]
        at = row + 1
    data.append(m.data[m.indptr[min(at, m.shape[0])] :])
    indices.append(m.indices[m.indptr[min(at, m.shape[0])] :])
    index_type = np.int64 if indptr[-1] >= 2**31 else np.int32
    return sp.csr_matrix(
        (np.concatenate(data).astype(m.dtype, copy=False), np.concatenate(indices).astype(index_type, copy=False),
         indptr.astype(index_type)),
        shape=(n_rows, n_cols),
    )


def _masked(m: sp.csr_matrix, columns: np.ndarray) -> sp.csr_matrix:
    """``m`` with only the columns where ``columns`` is 1."""
    out = sp.csr_matrix(m @ sp.diags(columns))
    out.eliminate_zeros()
    return out


def _feature_matrix(rows: Sequence[dict], vocab: dict) -> sp.csr_matrix:
    indptr, indices, data = [0], [], []
    for row in rows:
        for key, weight in row.items():
            indices.append(vocab.setdefault(key, len(vocab)))
            data.append(weight)
        indptr.append(len(indices))
    return sp.csr_matrix(
        (np.asarray(data, dtype=np.float32), np.asarray(indices, dtype=np.int32), indptr),
        shape=(len(rows), max(len(vocab), 1)),
    )


def _rarity_weights(m: sp.csr_matrix) -> np.ndarray:
    """idf / max idf of each column: 1 for a feature on one article, small
    for one on half of them."""
    n = m.shape[0]
    df = np.bincount(m.indices, minlength=m.shape[1]).astype(np.float64)
    idf = np.log((1 + n) / (1 + df)) + 1.0
    return (idf / (math.log((1 + n) / 2) + 1.0)).astype(np.float32)


def _saturate(x: np.ndarray) -> np.ndarray:
    """Sums of (idf/max idf)² over shared features, mapped to 0..1: one very
    rare shared tag ≈ 0.78; many common ones approach 1 but never pass it."""
    return 1.0 - np.exp(-1.5 * x)


@dataclass
class Index:
    """Vectors of the published articles, ready for matrix products.

    Built once from the whole corpus (``Index.build``); ``update`` re-vectorizes
    changed articles with the fitted vocabulary and retires unpublished ones,
    so one article's list is computed without refitting anything."""

    ids: np.ndarray
    published: np.ndarray  # seconds since the epoch
    words: sp.csr_matrix  # L2-normalised TF-IDF rows
    latent: np.ndarray | None  # L2-normalised LSA rows; None for tiny corpora
    tags: sp.csr_matrix  # rows scaled by tag rarity
    entities: sp.csr_matrix  # rows scaled by link weight and entity rarity
    alive: np.ndarray
    docs: list[Doc]
    row_of: dict[int, int]
    vectorizer: Vectorizer | None
    svd: TruncatedSVD | None
    tag_vocab: dict
    entity_vocab: dict
    knn: sp.csr_matrix | None = None  # first-order text neighbourhoods (for second order)
    _transposes: dict = field(default_factory=dict, repr=False)

    @classmethod
    def build(cls, docs: list[Doc], *, say: Callable[[str], None] = lambda _m: None) -> Index:
        n = len(docs)
        vectorizer = Vectorizer(min_df=2 if n >= 1000 else 1, max_df=0.5 if n >= 100 else 1.0)
        say(f"Vectorizing {n} articles")
        try:
            words = vectorizer.fit_transform([d.text for d in docs])
        except ValueError:  # no article has a single indexable word (or none at all)
            words = None
        for d in docs:
            d.text = ""  # vectorized: the index kept in memory needs no copy of the archive's text
        if words is None:
            vectorizer = None
            words = sp.csr_matrix((n, 1), dtype=np.float32)
        latent, svd = None, None
        if n >= LSA_MIN_DOCS and words.shape[1] > 10:
            say("Latent semantic analysis")
            svd = TruncatedSVD(
                n_components=min(LSA_COMPONENTS, words.shape[1] - 1, n // 2), n_iter=4, random_state=0
            )
            if n > LSA_FIT_ROWS:
                sample = np.sort(np.random.default_rng(0).choice(n, LSA_FIT_ROWS, replace=False))
                svd.fit(words[sample])
                latent = svd.transform(words)
            else:
                latent = svd.fit_transform(words)
            latent = normalize(latent).astype(np.float32)
        tag_vocab: dict = {}
        entity_vocab: dict = {}
        tags = _feature_matrix([dict.fromkeys(d.tags, 1.0) for d in docs], tag_vocab)
        entities = _feature_matrix([d.entities for d in docs], entity_vocab)
        index = cls(
            ids=np.array([d.id for d in docs], dtype=np.int64),
            published=np.array([d.published_at.timestamp() for d in docs], dtype=np.float64),
            words=words, latent=latent, tags=tags, entities=entities, alive=np.ones(n, dtype=bool),
            docs=docs, row_of={d.id: i for i, d in enumerate(docs)}, vectorizer=vectorizer, svd=svd,
            tag_vocab=tag_vocab, entity_vocab=entity_vocab,
        )
        index._scale_meta()
        return index

    def _scale_meta(self) -> None:
        self._tag_rarity = _rarity_weights(self.tags)
        self._entity_rarity = _rarity_weights(self.entities)
        self.tags_scaled = sp.csr_matrix(self.tags @ sp.diags(self._tag_rarity), dtype=np.float32)
        self.entities_scaled = sp.csr_matrix(self.entities @ sp.diags(self._entity_rarity), dtype=np.float32)

    def __len__(self) -> int:
        return len(self.ids)

    def tag_rarity(self, tag_id: int) -> float:
        col = self.tag_vocab.get(tag_id)
        return float(self._tag_rarity[col]) if col is not None and col < len(self._tag_rarity) else 0.0

    def entity_rarity(self, key: str) -> float:
        col = self.entity_vocab.get(key)
        return float(self._entity_rarity[col]) if col is not None and col < len(self._entity_rarity) else 0.0

    def update(self, docs: list[Doc], removed: Iterable[int] = ()) -> None:
        """Re-vectorize ``docs`` (changed or newly published) with the fitted
        vocabulary, and retire the ``removed`` article ids."""
        if self.vectorizer is None:
            raise ValueError("this index has no vocabulary; build a new one")
        for article_id in removed:
            row = self.row_of.get(article_id)
            if row is not None:
                self.alive[row] = False
        if not docs:
            return
        words = self.vectorizer.transform([d.text for d in docs])
        for d in docs:
            d.text = ""
        latent = normalize(self.svd.transform(words)).astype(np.float32) if self.svd is not None else None
        for d in docs:
            if d.id not in self.row_of:
                self.row_of[d.id] = len(self.docs)
                self.docs.append(d)
        rows = np.array([self.row_of[d.id] for d in docs], dtype=np.int64)
        n = len(self.docs)
        grow = n - len(self.ids)
        if grow:
            self.ids = np.concatenate([self.ids, np.zeros(grow, dtype=np.int64)])
            self.published = np.concatenate([self.published, np.zeros(grow)])
            self.alive = np.concatenate([self.alive, np.zeros(grow, dtype=bool)])
            if self.latent is not None:
                self.latent = np.vstack([self.latent, np.zeros((grow, self.latent.shape[1]), dtype=np.float32)])
        for row, d in zip(rows, docs, strict=True):
            self.docs[row] = d
        self.ids[rows] = [d.id for d in docs]
        self.published[rows] = [d.published_at.timestamp() for d in docs]
        self.alive[rows] = True
        if self.latent is not None:
            self.latent[rows] = latent
        # Only the changed rows are rewritten, in every matrix derived from
        # them too: recomputing those over the whole archive cost seconds per
        # refresh on a large one.
        specific = self._transposes.get("_specific")
        self.words = _replace_rows(self.words, rows, words, n)
        if specific is not None and specific[1] is not specific[0]:
            kept = self._transposes["_specific_columns"]
            self._transposes["_specific"] = (
                self.words, _replace_rows(specific[1], rows, _masked(words, kept), n)
            )
        elif specific is not None:
            self._transposes["_specific"] = (self.words, self.words)
        if self.knn is not None and grow:
            self.knn = _replace_rows(self.knn, np.zeros(0, dtype=np.int64), self.knn[:0], n, n_cols=n)
        self.tags = _replace_rows(self.tags, rows, _feature_matrix([dict.fromkeys(d.tags, 1.0) for d in docs],
                                                                   self.tag_vocab), n)
        self.entities = _replace_rows(self.entities, rows, _feature_matrix([d.entities for d in docs],
                                                                           self.entity_vocab), n)
        self._scale_meta()

    # -- scores ----------------------------------------------------------

    def _transposed(self, name: str) -> sp.csr_matrix:
        """``getattr(self, name).T`` as CSR, kept until the matrix changes
        (scipy would otherwise convert it on every block product)."""
        m = getattr(self, name)
        cached = self._transposes.get(name)
        if cached is None or cached[0] is not m:
            cached = self._transposes[name] = (m, sp.csr_matrix(m.T))
        return cached[1]

    @property
    def words_specific(self) -> sp.csr_matrix:
        """``words`` without its most common terms when the corpus is large.

        The cost of the all-pairs product grows with the sum of squared
        document frequencies, which a few hundred everyday words dominate on
        a large archive. Those words are dropped (most common first) until the
        product fits ``PRODUCT_BUDGET``; their share of the similarity is
        carried by the latent vectors, and final scores use full vectors."""
        cached = self._transposes.get("_specific")
        if cached is not None and cached[0] is self.words:
            return cached[1]
        df = np.bincount(self.words.indices, minlength=self.words.shape[1]).astype(np.float64)
        order = np.argsort(df)
        keep_upto = int(np.searchsorted(np.cumsum(df[order] ** 2), PRODUCT_BUDGET, side="right"))
        if keep_upto >= len(order):
            specific = self.words
        else:
            mask = np.zeros(len(df), dtype=np.float32)
            mask[order[:keep_upto]] = 1
            specific = _masked(self.words, mask)
            self._transposes["_specific_columns"] = mask
        self._transposes["_specific"] = (self.words, specific)
        return specific

    def first_order_text(self, rows: np.ndarray) -> np.ndarray:
        """Text similarity of ``rows`` to every article: sparse word cosine
        blended with the latent cosine (dense float32, len(rows) × len(self)).
        Written to touch the dense block as few times as possible."""
        words = (self.words_specific[rows] @ self._transposed("words_specific")).tocoo()
        if self.latent is None:
            s = np.zeros((len(rows), len(self)), dtype=np.float32)
            s[words.row, words.col] = words.data
            return s
        s = (W_LSA * self.latent[rows]) @ self.latent.T  # scaled before the product: one pass fewer
        np.maximum(s, 0, out=s)
        s[words.row, words.col] += (1 - W_LSA) * words.data
        return s

    @property
    def tags_specific(self) -> sp.csr_matrix:
        return self._without_common("tags_scaled")

    @property
    def entities_specific(self) -> sp.csr_matrix:
        return self._without_common("entities_scaled")

    def _without_common(self, name: str) -> sp.csr_matrix:
        """Tags or entities on more than ``COMMON_SHARE`` of a large archive
        add almost nothing to a pair's score (their rarity is tiny) but would
        pair everything with everything: they are left out of candidate
        search and counted again in the final scores."""
        m = getattr(self, name)
        cached = self._transposes.get("_common_" + name)
        if cached is not None and cached[0] is m:
            return cached[1]
        df = np.bincount(m.indices, minlength=m.shape[1])
        limit = max(200, int(COMMON_SHARE * m.shape[0]))
        if df.max(initial=0) <= limit:
            pruned = m
        else:
            pruned = sp.csr_matrix(m @ sp.diags((df <= limit).astype(np.float32)))
            pruned.eliminate_zeros()
        self._transposes["_common_" + name] = (m, pruned)
        return pruned

    def add_meta(self, rows: np.ndarray, out: np.ndarray) -> np.ndarray:
        """Add the tag and entity scores of ``rows`` to the dense ``out``
        (only pairs sharing something: the score of nothing shared is 0)."""
        for name, weight in (("tags_specific", W_TAGS), ("entities_specific", W_ENTITIES)):
            shared = (getattr(self, name)[rows] @ self._transposed(name)).tocoo()
            if shared.nnz:
                out[shared.row, shared.col] += weight * _saturate(shared.data)
        return out

    def candidates(self, rows: np.ndarray, k: int = CANDIDATES) -> tuple[np.ndarray, sp.csr_matrix]:
        """For each row: its ``k`` best candidates by first-order score, and
        its text neighbourhood for the second order (itself plus its nearest
        candidates by text, L2-normalised)."""
        text = self.first_order_text(rows)
        total = self.add_meta(rows, text * W_TEXT)
        if not self.alive.all():
            total[:, ~self.alive] = -np.inf
        total[np.arange(len(rows)), rows] = -np.inf
        k = max(min(k, len(self) - 1), 1)
        top = _top_k(total, k)
        m = min(SECOND_ORDER_NEIGHBOURS, k)
        cand_text = np.take_along_axis(text, top, axis=1)
        cand_text[~np.isfinite(np.take_along_axis(total, top, axis=1))] = 0
        best = np.argpartition(-cand_text, m - 1, axis=1)[:, :m]
        near = np.concatenate([rows[:, None], np.take_along_axis(top, best, axis=1)], axis=1)
        values = np.concatenate([np.ones((len(rows), 1), dtype=np.float32),
                                 np.take_along_axis(cand_text, best, axis=1)], axis=1)
        hood = sp.csr_matrix(
            (values.ravel().astype(np.float32), near.ravel(), np.arange(0, near.size + 1, near.shape[1])),
            shape=(len(rows), len(self)),
        )
        hood.sum_duplicates()
        return top, normalize(hood)


def _top_k(scores: np.ndarray, k: int) -> np.ndarray:
    """Columns of the ``k`` highest scores of each row (in no order; ties go
    to the lower column).

    ``np.argpartition`` over 100,000 columns costs more than everything else
    in the candidate search. Instead a row is cut into a few hundred slices:
    the k-th highest of the slices' maxima is a floor that at least ``k``
    scores reach (one in each of those slices), and only the slices whose
    maximum reaches it (about ``k``) are searched."""
    b, n = scores.shape
    if n < 2048 or n <= 16 * k:
        return np.argpartition(scores, n - k, axis=1)[:, -k:]
    width = n // (8 * k)
    slices = n // width
    body = scores[:, : slices * width].reshape(b, slices, width)
    maxima = body.max(axis=2)
    tail = scores[:, slices * width :]  # fewer than ``width`` columns
    if tail.shape[1]:
        maxima = np.concatenate([maxima, tail.max(axis=1, keepdims=True)], axis=1)
    floor = np.partition(maxima, maxima.shape[1] - k, axis=1)[:, -k]
    rows, cuts = np.nonzero(maxima[:, :slices] >= floor[:, None])
    values = body[rows, cuts]  # (hits, width)
    hit_row, offset = np.nonzero(values >= floor[rows, None])
    r = [rows[hit_row]]
    c = [cuts[hit_row] * width + offset]
    if tail.shape[1]:
        tr, tc = np.nonzero(tail >= floor[:, None])
        r.append(tr)
        c.append(tc + slices * width)
    r, c = np.concatenate(r), np.concatenate(c)
    order = np.lexsort((c, -scores[r, c], r))
    r, c = r[order], c[order]
    first = np.searchsorted(r, np.arange(b))
    return c[np.arange(len(r)) - first[r] < k].reshape(b, k)


PAIR_DOT_DENSE = 25_000_000  # floats in the dense rows of one _pair_dot step (100 MB)
PAIR_DOT_GATHER = 4_000_000  # values gathered at once by _pair_dot


def _pair_dot(m: sp.csr_matrix, a: np.ndarray, b: np.ndarray, right: sp.csr_matrix | None = None) -> np.ndarray:
    """``m[a[k]] · right[b[k]]`` for every k (``right`` defaults to ``m``).

    Slicing both rows of every pair out of a large sparse matrix and
    multiplying them copied each row many times. Here a few hundred distinct
    left rows at a time are written into a dense buffer, and each right row's
    values are multiplied with the buffer at their columns: the right rows
    are read where they are, never copied."""
    right = m if right is None else right
    a, b = np.asarray(a, dtype=np.int64), np.asarray(b, dtype=np.int64)
    out = np.zeros(len(a), dtype=np.float64)
    if not len(a):
        return out
    width = m.shape[1]
    order = np.argsort(a, kind="stable")
    a_sorted, b_sorted = a[order], b[order]
    lefts, first = np.unique(a_sorted, return_index=True)
    first = np.append(first, len(a_sorted))
    per = int(max(1, min(1024, len(lefts), PAIR_DOT_DENSE // max(width, 1))))
    dense = np.zeros(per * width, dtype=np.float32)
    r_ptr, r_idx, r_data = right.indptr, right.indices, right.data
    # 32-bit positions when they fit: the gathers are bound by memory traffic.
    small = np.int32 if max(right.nnz, per * width) < 2**31 - 1 else np.int64
    for u in range(0, len(lefts), per):
        group = lefts[u : u + per]
        sub = m[group]
        flat = np.repeat(np.arange(len(group), dtype=np.int64) * width, np.diff(sub.indptr)) + sub.indices
        dense[flat] = sub.data
        lo, hi = first[u], first[min(u + per, len(lefts))]
        local = np.repeat(np.arange(len(group), dtype=np.int64) * width, np.diff(first[u : u + len(group) + 1]))
        starts, ends = r_ptr[b_sorted[lo:hi]], r_ptr[b_sorted[lo:hi] + 1]
        sizes = (ends - starts).astype(np.int64)
        # Pairs in steps that gather at most PAIR_DOT_GATHER values.
        cum = np.cumsum(sizes)
        p = 0
        while p < len(sizes):
            q = max(int(np.searchsorted(cum, (cum[p - 1] if p else 0) + PAIR_DOT_GATHER, side="right")), p + 1)
            size = sizes[p:q]
            some = size > 0
            if some.any():
                size, begin = size[some], starts[p:q][some]
                offsets = np.cumsum(size) - size
                pos = np.arange(int(offsets[-1] + size[-1]), dtype=small) + np.repeat((begin - offsets).astype(small), size)
                values = r_data[pos] * dense[np.repeat(local[p:q][some].astype(small), size) + r_idx[pos]]
                out[order[lo + p : lo + q][some]] = np.add.reduceat(values, offsets, dtype=np.float64)
            p = q
        dense[flat] = 0
    return out


# ----------------------------------------------------------- ranked lists


@dataclass
class Pick:
    related_id: int
    score: float
    reason: str
    signals: dict


def rank(index: Index, rows: np.ndarray, top: np.ndarray, hood: sp.csr_matrix, *, labels: Labels,
         limit: int = LIST_LENGTH) -> dict[int, list[Pick]]:
    """Final scores of the candidates ``top`` of ``rows`` and the lists they
    make: second-order text, exact tag and entity scores, recency, no
    near-duplicates, stable order. ``hood`` holds the rows' neighbourhoods;
    the candidates' come from ``index.knn``."""
    n_rows, k = top.shape
    src = np.repeat(rows, k)
    cand = top.ravel()
    words = _pair_dot(index.words, src, cand)
    first = words.copy()
    if index.latent is not None:
        lsa = np.clip(np.einsum("ij,ij->i", index.latent[src], index.latent[cand]), 0, None)
        first = (1 - W_LSA) * words + W_LSA * lsa
    if index.knn is not None and W_SECOND_ORDER:
        second = _pair_dot(hood, np.repeat(np.arange(n_rows), k), cand, right=index.knn)
        text = (1 - W_SECOND_ORDER) * first + W_SECOND_ORDER * second
    else:
        text = first
    tags = _saturate(_pair_dot(index.tags_scaled, src, cand))
    ents = _saturate(_pair_dot(index.entities_scaled, src, cand))
    days = np.abs(index.published[src] - index.published[cand]) / 86400.0
    recency = 1.0 / (1.0 + days / RECENCY_DAYS)
    total = W_TEXT * text + W_TAGS * tags + W_ENTITIES * ents + W_RECENCY * recency
    total[~index.alive[cand] | (cand == src)] = -np.inf
    # Every row's candidates in list order at once: score, newer, id.
    order = np.lexsort((index.ids[cand], -index.published[cand], -np.round(total, 9),
                        np.repeat(np.arange(n_rows), k))).reshape(n_rows, k)
    listed = _without_near_duplicates(index, cand, total, order, limit)
    signals = {name: np.round(values, 4) for name, values in
               (("text", text), ("words", words), ("tags", tags), ("entities", ents), ("recency", recency))}
    scores = np.round(total, 6)
    out: dict[int, list[Pick]] = {}
    for i, row in enumerate(rows):
        source = index.docs[row]
        picks = []
        for j in listed[i]:
            other = index.docs[cand[j]]
            pick_signals = {name: float(values[j]) for name, values in signals.items()}
            pick_signals["shared_tags"] = labels.tag_names(index, set(source.tags) & set(other.tags))
            pick_signals["shared_entities"] = labels.entity_names(index, source.entities, other.entities)
            picks.append(Pick(other.id, float(scores[j]), _reason(pick_signals), pick_signals))
        out[source.id] = picks
    return out


def _without_near_duplicates(index: Index, cand: np.ndarray, total: np.ndarray, order: np.ndarray,
                             limit: int) -> list[list[int]]:
    """For each row of ``order`` (positions into ``cand``, best first), the
    positions of its list: the best candidates, skipping any whose word
    cosine with one already taken passes ``NEAR_DUPLICATE``.

    Most lists have no near-duplicates among their first ``limit``
    candidates: those pairs are checked for all rows at once, and only rows
    with a near-duplicate go through the pick-by-pick loop."""
    head = order[:, :limit]
    finite = np.isfinite(total[head])
    pairs = [(p, q) for p in range(head.shape[1]) for q in range(p + 1, head.shape[1])]
    clash = np.zeros(len(order), dtype=bool)
    if pairs:
        left = np.array([p for p, _ in pairs])
        right = np.array([q for _, q in pairs])
        both = finite[:, left] & finite[:, right]
        rows_, which = np.nonzero(both)
        cosine = _pair_dot(index.words, cand[head[rows_, left[which]]], cand[head[rows_, right[which]]])
        clash[rows_[cosine > NEAR_DUPLICATE]] = True
    out = []
    for i in range(len(order)):
        if not clash[i]:
            out.append([int(j) for j, ok in zip(head[i], finite[i], strict=True) if ok])
            continue
        ranked = [int(j) for j in order[i] if np.isfinite(total[j])][: limit + 8]
        vecs = index.words[cand[ranked]]
        gram = (vecs @ vecs.T).toarray()
        chosen: list[int] = []
        for pos in range(len(ranked)):
            if any(gram[pos, q] > NEAR_DUPLICATE for q in chosen):
                continue
            chosen.append(pos)
            if len(chosen) == limit:
                break
        out.append([ranked[pos] for pos in chosen])
    return out


@dataclass
class Labels:
    """Names of tags and entities, for reasons and the editors' view."""

    tags: dict[int, str]
    entities: dict[str, str]

    @classmethod
    def load(cls, names: EntityNames) -> Labels:
        from taggit.models import Tag

        return cls(dict(Tag.objects.values_list("id", "name")), names.label)

    def tag_names(self, index: Index, shared: set[int]) -> list[str]:
        ordered = sorted(shared, key=lambda t: (-index.tag_rarity(t), self.tags.get(t, "")))
        return [self.tags.get(t, str(t)) for t in ordered]

    def entity_names(self, index: Index, a: dict[str, float], b: dict[str, float]) -> list[str]:
        shared = a.keys() & b.keys()
        ordered = sorted(shared, key=lambda e: (-a[e] * b[e] * index.entity_rarity(e), self.entities.get(e, e)))
        return [self.entities.get(e, e) for e in ordered]


def _reason(signals: dict) -> str:
    """A few words for readers, from the strongest of the named signals."""
    tags = W_TAGS * signals["tags"]
    entities = W_ENTITIES * signals["entities"]
    if signals["shared_entities"] and entities >= tags and entities >= 0.1:
        return f"Also about {signals['shared_entities'][0]}"
    if signals["shared_tags"] and tags >= 0.05:
        return f"More on {signals['shared_tags'][0]}"
    if signals["shared_entities"] and entities >= 0.1:
        return f"Also about {signals['shared_entities'][0]}"
    return "Related coverage"


# ------------------------------------------------------ building and storing


def block_rows(n: int) -> int:
    """Rows per block so that a dense block stays near 80 MB."""
    return int(max(64, min(BLOCK_ROWS, 20_000_000 // max(n, 1))))


def first_pass(index: Index, *, tick: Callable[[int], None] = lambda _n: None) -> np.ndarray:
    """Candidates of every article (rows × CANDIDATES); sets ``index.knn``."""
    n = len(index)
    tops = np.zeros((n, max(min(CANDIDATES, n - 1), 1)), dtype=np.int64)
    step = block_rows(n)
    blocks = [np.arange(start, min(start + step, n)) for start in range(0, n, step)]
    index.words_specific  # noqa: B018 - prepared once, before the threads share it
    for name in ("words_specific", "tags_specific", "entities_specific"):
        index._transposed(name)

    def work(rows: np.ndarray) -> sp.csr_matrix:
        top, hood = index.candidates(rows)
        tops[rows] = top
        tick(len(rows))
        return hood

    # numpy and scipy release the GIL in the products and partitions.
    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        hoods = list(pool.map(work, blocks))
    index.knn = sp.csr_matrix(sp.vstack(hoods), dtype=np.float32) if hoods else None
    return tops


def build_index(*, names: EntityNames | None = None, say: Callable[[str], None] = lambda _m: None) -> Index:
    """A fresh index of every published article, neighbourhoods included."""
    docs = load_docs(names=names)
    index = Index.build(docs, say=say)
    if len(index) > 1:
        first_pass(index)
    return index


def store(lists: dict[int, list[Pick]]) -> int:
    """Replace the computed entries of these articles' lists; pinned entries
    stay, and a computed pick an editor already pinned is left out."""
    if not lists:
        return 0
    pinned = set(
        RelatedArticle.objects.filter(article_id__in=list(lists), pinned=True).values_list("article_id", "related_id")
    )
    rows = [
        RelatedArticle(article_id=article_id, related_id=p.related_id, rank=r, score=p.score, reason=p.reason[:200],
                       signals=p.signals)
        for article_id, picks in lists.items()
        for r, p in enumerate(q for q in picks if (article_id, q.related_id) not in pinned)
    ]
    with transaction.atomic():
        RelatedArticle.objects.filter(article_id__in=list(lists), pinned=False).delete()
        if connection.vendor == "postgresql" and len(rows) >= COPY_ABOVE:
            _copy_rows(rows)
        else:
            RelatedArticle.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


COPY_ABOVE = 500  # entries stored with PostgreSQL's COPY rather than INSERTs


def _copy_field(value: str) -> str:
    return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def _copy_rows(rows: list[RelatedArticle]) -> None:
    """Insert computed entries with COPY: a rebuild writes hundreds of
    thousands, and building INSERT statements for them cost more CPU than
    scoring them."""
    meta = RelatedArticle._meta
    columns = ["article_id", "related_id", "rank", "score", "reason", "signals", "pinned", "created_at"]
    now = timezone.now().isoformat()
    buf = io.StringIO()
    for r in rows:
        buf.write(f"{r.article_id}\t{r.related_id}\t{r.rank}\t{r.score!r}\t{_copy_field(r.reason)}\t"
                  f"{_copy_field(json.dumps(r.signals, ensure_ascii=False))}\tf\t{now}\n")
    buf.seek(0)
    quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
    sql = f"COPY {connection.ops.quote_name(meta.db_table)} ({quoted}) FROM STDIN"
    with connection.cursor() as cursor:
        raw = cursor.cursor
        if hasattr(raw, "copy"):  # psycopg 3
            with raw.copy(sql) as copy:
                copy.write(buf.getvalue())
        else:  # psycopg2
            raw.copy_expert(sql, buf)


def rebuild_all(*, progress: Callable[[str, int, int], None] = lambda _s, _d, _t: None) -> dict:
    """Recompute every published article's list; returns timings."""
    timings: dict[str, float] = {}
    t0, cpu0 = time.perf_counter(), time.process_time()
    names = EntityNames.load()
    _NAMES[_cache_key()] = (_names_version(), names)
    labels = Labels.load(names)
    docs = load_docs(names=names)
    timings["load"] = time.perf_counter() - t0
    progress("load", len(docs), len(docs))
    t = time.perf_counter()
    index = Index.build(docs, say=lambda m: progress(m, 0, len(docs)))
    timings["vectorize"] = time.perf_counter() - t
    n = len(index)
    t = time.perf_counter()
    done = 0
    if n > 1:
        def tick(k: int) -> None:
            nonlocal done
            done += k
            progress("neighbours", done, n)

        tops = first_pass(index, tick=tick)
    timings["neighbours"] = time.perf_counter() - t
    t = time.perf_counter()
    stored = 0
    with transaction.atomic():
        # Articles no longer public lose their lists; lists pointing at them
        # are rewritten below.
        RelatedArticle.objects.filter(pinned=False).exclude(article_id__in=Article.objects.published().values("id")).delete()
    blocks = [np.arange(start, min(start + BLOCK_ROWS, n)) for start in range(0, n, BLOCK_ROWS)] if n > 1 else []

    def ranked(rows: np.ndarray) -> dict[int, list[Pick]]:
        return rank(index, rows, tops[rows], index.knn[rows], labels=labels)

    # Blocks are ranked in worker threads (numpy releases the GIL) while this
    # thread stores the finished ones (PostgreSQL works meanwhile); a few
    # blocks ahead at most, so finished lists do not pile up in memory.
    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        pending: deque = deque()
        for k, rows in enumerate(blocks):
            pending.append((rows, pool.submit(ranked, rows)))
            while pending and (len(pending) > THREADS or k == len(blocks) - 1):
                done_rows, future = pending.popleft()
                stored += store(future.result())
                progress("ranking", int(done_rows[-1]) + 1, n)
    if connection.vendor == "postgresql":
        # Every row was just rewritten: without fresh statistics the planner
        # guessed ~2,000 rows per article (not 6) and read a page's list with
        # a parallel plan, 8 ms instead of 0.3 ms.
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(RelatedArticle._meta.db_table)}")
    timings["rank_and_store"] = time.perf_counter() - t
    timings["total"] = time.perf_counter() - t0
    timings["cpu"] = time.process_time() - cpu0  # all threads of this process
    _CACHE[_cache_key()] = index
    return {"articles": n, "stored": stored, **timings}


# ------------------------------------------------------------------ refresh

_CACHE: dict[str, Index] = {}
_NAMES: dict[str, tuple[tuple, EntityNames]] = {}


def _names_version() -> tuple:
    """Changes whenever an official, enterprise, regulator or position is
    added, edited or deleted: a few aggregate queries."""
    from django.db.models import Count, Max, Sum

    version: list = []
    for model in (Official, Enterprise, Regulator):
        version += model.objects.aggregate(n=Count("id"), last=Max("id"), edited=Max("updated_at")).values()
    version += Position.objects.aggregate(n=Count("id"), last=Max("id"), e=Sum("enterprise_id"),
                                          r=Sum("regulator_id"), o=Sum("official_id")).values()
    return tuple(version)


def entity_names() -> EntityNames:
    """Every entity's names, kept in memory between refreshes and loaded
    again only when an entity or position changed (loading them all took
    a good part of a refresh on a large site)."""
    key, version = _cache_key(), _names_version()
    cached = _NAMES.get(key)
    if cached is None or cached[0] != version:
        cached = _NAMES[key] = (version, EntityNames.load())
    return cached[1]


def _cache_key() -> str:
    from django.db import connection

    return f"{connection.vendor}:{connection.settings_dict.get('NAME')}"


def current_index(*, changed: Iterable[int] = (), removed: Iterable[int] = (),
                  names: EntityNames | None = None) -> Index:
    """The index to score with. Small sites are re-vectorized every time (it
    takes well under a second and is always exact); larger ones keep the
    index of the last rebuild in memory and re-vectorize only ``changed``."""
    key = _cache_key()
    index = _CACHE.get(key)
    if index is None or len(index) <= SMALL_CORPUS:
        if Article.objects.published().count() <= SMALL_CORPUS:
            _CACHE.pop(key, None)
            return build_index(names=names)
        index = _CACHE[key] = build_index(names=names)
        return index
    docs = load_docs(changed, names=names) if changed else []
    index.update(docs, removed)
    if docs:
        rows = np.array([index.row_of[d.id] for d in docs])
        _, hood = index.candidates(rows)
        index.knn = _replace_rows(index.knn, rows, hood, len(index), n_cols=len(index))
    return index


def lists_for(index: Index, article_ids: Iterable[int], *, labels: Labels) -> dict[int, list[Pick]]:
    """Computed lists of these (published, indexed) articles; nothing stored."""
    rows = np.array([index.row_of[a] for a in article_ids if a in index.row_of and index.alive[index.row_of[a]]],
                    dtype=np.int64)
    if len(rows) == 0 or len(index) < 2:
        return {}
    out: dict[int, list[Pick]] = {}
    step = block_rows(len(index))
    for start in range(0, len(rows), step):
        block = rows[start : start + step]
        top, hood = index.candidates(block)
        out.update(rank(index, block, top, hood, labels=labels))
    return out


REFRESH_NEIGHBOURS = 20  # lists the changed article may newly belong in
REBUILD_ABOVE = 1000  # refreshing more articles than this (or a tenth of all) rebuilds everything


PENDING_KEY = "recommendations:pending"


def _defer(ids: Iterable[int]) -> None:
    """Leave these articles for ``refresh_pending`` (the shared cache holds
    the set; a lost id only waits for the nightly rebuild)."""
    from django.core.cache import cache

    cache.set(PENDING_KEY, sorted(set(cache.get(PENDING_KEY) or ()) | set(ids)), timeout=None)


def refresh_pending() -> dict:
    """Refresh the lists deferred by ``refresh_for`` in this process (which
    builds the index once): run by ``rebuild_recommendations --pending``."""
    from django.core.cache import cache

    ids = set(cache.get(PENDING_KEY) or ())
    cache.delete(PENDING_KEY)
    return refresh_for(article_ids=ids, defer_if_cold=False) if ids else {"refreshed": 0}


def refresh_for(*, article_ids: Iterable[int], defer_if_cold: bool = True) -> dict:
    """Recompute after articles were published, changed or unpublished: their
    own lists, the lists they appear in, and the lists of their nearest
    candidates (where a newly published article belongs). Unpublished
    articles leave every computed list at once.

    A process without the index in memory on a large archive (a web worker
    just started) would build it first, minutes at 100,000 articles, inside
    a publish request. There the unpublished articles still leave every list
    at once, and the rest is deferred to ``refresh_pending``; until then a
    new article's page shows the same-tag fallback, and reads filter
    visibility anyway."""
    ids = {int(i) for i in article_ids}
    if not ids:
        return {"refreshed": 0}
    published_count = Article.objects.published().count()
    cold = defer_if_cold and _cache_key() not in _CACHE and published_count > SMALL_CORPUS
    if not cold and len(ids) > max(REBUILD_ABOVE, published_count // 10):
        # A bulk import or a tag merge: one rebuild beats thousands of refreshes.
        result = rebuild_all()
        return {"refreshed": result["articles"], "stored": result["stored"], "rebuilt": True}
    visible = set(Article.objects.published().filter(pk__in=ids).values_list("id", flat=True))
    gone = ids - visible
    containing = set(
        RelatedArticle.objects.filter(related_id__in=ids, pinned=False).values_list("article_id", flat=True)
    )
    if gone:
        RelatedArticle.objects.filter(pinned=False).filter(
            Q(article_id__in=gone) | Q(related_id__in=gone)
        ).delete()
    if cold:
        _defer(visible)
        return {"refreshed": 0, "deferred": len(visible), "removed": len(gone), "article_ids": sorted(containing)}
    names = entity_names()
    index = current_index(changed=visible, removed=gone, names=names)
    affected = (visible | containing) - gone
    rows = np.array([index.row_of[a] for a in visible if a in index.row_of], dtype=np.int64)
    if len(rows) and len(index) > 1:
        top, _ = index.candidates(rows, k=REFRESH_NEIGHBOURS)
        affected |= {int(index.ids[r]) for r in top.ravel()}
    lists = lists_for(index, sorted(affected), labels=Labels.load(names))
    stored = store(lists)
    # Pages showing these lists must be re-rendered (events invalidates them).
    return {"refreshed": len(lists), "stored": stored, "removed": len(gone),
            "article_ids": sorted(affected | containing)}


# ------------------------------------------------------------------ reading

CARD_FIELDS = ("id", "title", "slug", "published_at", "featured_image", "featured_image_alt",
               "featured_image_renditions", "status", "expires_at")


def _related_links(limit: int, now, article_id: int):
    return (
        Article.objects.published(now=now)
        .filter(related_from__article_id=article_id)
        .exclude(pk=article_id)
        .annotate(link_reason=F("related_from__reason"), link_pinned=F("related_from__pinned"))
        .only(*CARD_FIELDS)
        .order_by("-related_from__pinned", "related_from__rank", "related_from__id")[:limit]
    )


def related_for_display(article: Article, limit: int = LIST_LENGTH) -> list[Article]:
    """The article's "You Might Also Like" picks for a page, pinned first, in
    one query. Visibility is checked in that query, so an article unpublished
    after the list was stored never shows (and never takes a place). Each has
    ``.reason``."""
    links = _related_links(limit, timezone.now(), article.pk).using(article._state.db)
    return [
        _as_card(a, a.link_reason or ("Editors’ pick" if a.link_pinned else "Related coverage")) for a in links
    ]


def _as_card(article: Article, reason: str) -> Article:
    article.reason = reason
    article.card_image_url = article.image_url("card")
    return article


def related_for_page(article: Article) -> list[Article]:
    """What the article page shows: the stored list, or, until the engine has
    stored one (a new article, a preview), the same-tag list as cards."""
    from .related import same_tag_articles

    return related_for_display(article) or [_as_card(a, "") for a in same_tag_articles(article)]


def pin_related(*, article: Article, related: Article, rank: int = 0, reason: str = "") -> RelatedArticle:
    """Pin ``related`` in ``article``'s list (replacing the engine's own pick
    of it, if any). Pinned picks are shown first and kept by every refresh."""
    with transaction.atomic():
        RelatedArticle.objects.filter(article=article, related=related, pinned=False).delete()
        link, _ = RelatedArticle.objects.update_or_create(
            article=article, related=related, defaults={"pinned": True, "rank": rank, "reason": reason}
        )
    return link
