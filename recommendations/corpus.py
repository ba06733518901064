"""What the recommendation engine reads: each published article's text, tags
and entities (linked, or named in the text by any of their names), and the
terms its text is split into. Plain Python and the ORM: no numpy here."""

from __future__ import annotations

import datetime
import html
import itertools
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from articles.models import Article, TaggedArticle
from core.cjk import CJK_CHARS
from entities.models import Enterprise, Official, Position, Regulator

MENTION_WEIGHT = 0.5  # named in the text but not linked: mostly left to the text signal
LINK_WEIGHT = 0.4  # a parent group or an official's organisation

_CJK = CJK_CHARS
# A word: a letter, then letters or digits, with ' ’ . & - allowed between
# two letters (O'Neill, U.S., M&A, rare-earth).
_LATIN_TOKEN_RE = re.compile(r"[^\W\d_][^\W_]*(?:['’.&-][^\W\d_][^\W_]*)*")
_TOKEN_RE = re.compile(rf"[{_CJK}]+|{_LATIN_TOKEN_RE.pattern}")
_CJK_RE = re.compile(rf"^[{_CJK}]")
_CJK_RUN_RE = re.compile(rf"[{_CJK}]{{2,}}")
_WORD_RE = re.compile(rf"[^\W_{_CJK}]+")
_TAG_RE = re.compile(r"<[^>]+>")
EXTRA_STOP_WORDS = frozenset({"said", "says", "say", "also", "would", "could", "year", "percent", "pct"})


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
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


def analyze(text: str, *, stop_words: frozenset[str] = EXTRA_STOP_WORDS) -> list[str]:
    """Terms of ``text`` (the ``analyzer`` of the engine's TfidfVectorizer):
    stemmed words that are not stop words, bigrams of neighbouring words, and
    for Chinese/Japanese/Korean runs single characters plus character bigrams
    (the usual way to index text without spaces). Entity markers
    (``\x00e:o:12``) pass through as single terms."""
    words: list[str] = []  # "" wherever a bigram must not span
    terms: list[str] = []
    for chunk in text.split("\x00"):
        if chunk.startswith("e:") and " " not in chunk.strip():
            terms.append(chunk.strip())
            continue
        for token in _TOKEN_RE.findall(chunk.lower()):
            if _CJK_RE.match(token):
                terms.extend(token)
                terms.extend(token[i : i + 2] for i in range(len(token) - 1))
                words.append("")
                continue
            word = token.strip(".'’-&")
            words.append("" if len(word) < 2 or word in stop_words else stem(word))
        words.append("")
    terms.extend(w for w in words if w)
    terms.extend(f"{a} {b}" for a, b in itertools.pairwise(words) if a and b)
    return terms


def plain_text(body_html: str) -> str:
    return html.unescape(_TAG_RE.sub(" ", body_html or ""))


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
    return list(iter_docs(ids, names=names))


def iter_docs(ids: Iterable[int] | None = None, *, names: EntityNames | None = None) -> Iterator[Doc]:
    """``load_docs`` one at a time, so a caller that vectorizes as it goes
    never holds the whole archive's text (about 1 GB at 100,000 articles)."""
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
        yield Doc(article_id, published_at, text, tags.get(article_id, []), entities)
