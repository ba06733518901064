"""Synthetic newsroom corpus for load runs, written with PostgreSQL COPY.

Rows are built as ``{field attname: value}``; every column the dict leaves
out gets the model field's default, so fields other branches add later
(with defaults) do not break the generator. Run inside Django (bench/run.py
sets it up); PostgreSQL only.
"""

from __future__ import annotations

import datetime
import io
import itertools
import json
import random
import time
from collections.abc import Iterable, Iterator

from django.db import connection, models

WORDS = ["rare", "earth", "quota", "magnet", "neodymium", "dysprosium", "terbium", "praseodymium", "lanthanum", "cerium", "yttrium", "scandium", "samarium", "europium", "gadolinium", "holmium", "erbium", "thulium", "ytterbium", "lutetium", "refinery", "smelter", "separation", "export", "licence", "ministry", "provincial", "regulator", "enterprise", "group", "subsidiary", "tender", "price", "index", "tonnes", "output", "capacity", "mine", "tailings", "environmental", "inspection", "consolidation", "state-owned", "listed", "shares", "board", "chairman", "party", "secretary", "deputy", "director", "governor", "policy", "plan", "five-year", "supply", "chain", "permanent", "motors", "turbines", "vehicles", "batteries", "alloy", "oxide", "metal", "concentrate", "ore", "processing", "Baotou", "Ganzhou", "Inner", "Mongolia", "Jiangxi", "Sichuan", "Guangdong", "Fujian", "Beijing", "Shanghai", "market", "analysts", "said", "according", "to", "the", "statement", "on", "Tuesday", "last", "year", "this", "quarter", "rose", "fell", "sharply", "steadily", "demand", "imports", "exports", "customs", "data", "showed", "investors", "traders", "buyers", "producers", "officials"]

FIRST = ["Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Xu", "Sun", "Ma", "Zhu", "Hu", "Guo", "He", "Gao", "Lin", "Luo"]
GIVEN = ["Wei", "Fang", "Na", "Min", "Jing", "Lei", "Qiang", "Jun", "Yong", "Yan", "Jie", "Tao", "Ming", "Chao", "Hua", "Ping", "Gang", "Hui", "Xin", "Bo", "Lan", "Ying"]
PLACES = ["Baotou", "Ganzhou", "Chengdu", "Longnan", "Fuzhou", "Xiamen", "Nanchang", "Hohhot", "Liangshan", "Meizhou", "Longyan", "Xuzhou"]
ORG_WORDS = ["Rare", "Earth", "Group", "Northern", "China", "Southern", "Minmetals", "Resources", "Materials", "Magnet", "Hi-Tech", "Metals"]


def _sentence(rng: random.Random, low: int = 8, high: int = 24) -> str:
    words = rng.choices(WORDS, k=rng.randint(low, high))
    return words[0].capitalize() + " " + " ".join(words[1:]) + "."


class _SentencePool:
    """Pre-made sentences: drawing whole sentences keeps 100,000 bodies of
    realistic length quick to build."""

    def __init__(self, rng: random.Random, size: int = 4000) -> None:
        self.rng = rng
        self.sentences = [_sentence(rng) for _ in range(size)]

    def paragraph(self) -> str:
        return " ".join(self.rng.choices(self.sentences, k=self.rng.randint(3, 7)))

    def body(self, words_target: int) -> str:
        parts, words = [], 0
        while words < words_target:
            p = self.paragraph()
            words += p.count(" ") + 1
            parts.append(f"<p>{p}</p>")
            if self.rng.random() < 0.12:
                parts.append(f"<h2>{self.rng.choice(self.sentences)[:60]}</h2>")
        return "\n".join(parts)


# -- COPY plumbing -----------------------------------------------------------------

def _columns(table: str) -> dict[str, bool]:
    """Column name -> is generated, for the table as it is in the database."""
    with connection.cursor() as cur:
        cur.execute(
            "SELECT column_name, is_generated FROM information_schema.columns WHERE table_name = %s",
            [table],
        )
        return {name: generated == "ALWAYS" for name, generated in cur.fetchall()}


def _text(value) -> str:
    if value is None:
        return r"\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, (dict, list)):
        value = json.dumps(value, ensure_ascii=False)
    elif isinstance(value, (datetime.datetime, datetime.date)):
        value = value.isoformat()
    value = str(value)
    return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def copy_rows(model: type[models.Model] | str, rows: Iterable[dict], *, table: str | None = None,
              batch: int = 20_000) -> int:
    """COPY ``rows`` into ``model``'s table (or a raw ``table`` name when
    ``model`` is a string of column names) and return how many went in."""
    if isinstance(model, str):
        fields = None
        names = model.split()
    else:
        table = model._meta.db_table
        fields = [f for f in model._meta.concrete_fields]
        cols = _columns(table)
        fields = [f for f in fields if f.column in cols and not cols[f.column]]
        names = [f.column for f in fields]
    defaults = {}
    if fields:
        for f in fields:
            # The model default, or "" for string-like fields, or NULL.
            defaults[f.attname] = f.get_default()
    attnames = [f.attname for f in fields] if fields else names
    total = 0
    sql = f'COPY "{table}" ({", ".join(chr(34) + n + chr(34) for n in names)}) FROM STDIN'
    with connection.cursor() as cur:
        raw = cur.cursor  # the driver's cursor under Django's wrapper (psycopg 3 or psycopg2)
        for chunk in _chunks(rows, batch):
            buf = io.StringIO()
            for row in chunk:
                buf.write("\t".join(_text(row[a] if a in row else defaults.get(a)) for a in attnames))
                buf.write("\n")
            buf.seek(0)
            if hasattr(raw, "copy_expert"):  # psycopg2
                raw.copy_expert(sql, buf)
            else:  # psycopg 3
                with raw.copy(sql) as copy:
                    copy.write(buf.getvalue())
            total += len(chunk)
    return total


def _chunks(rows: Iterable[dict], size: int) -> Iterator[list[dict]]:
    chunk: list[dict] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


# -- the corpus ----------------------------------------------------------------------

def generate(*, articles: int, tags: int, officials: int, enterprises: int, regulators: int,
             authors: int = 120, seed: int = 8, log=print) -> dict[str, float]:
    """Empty the content tables and fill them. Returns seconds per step."""
    from taggit.models import Tag

    from articles.models import Article, ArticleAuthor, TaggedArticle
    from authors.models import AuthorProfile
    from entities.models import Enterprise, Official, Position, Regulator

    rng = random.Random(seed)
    timings: dict[str, float] = {}
    now = datetime.datetime.now(datetime.UTC).replace(microsecond=0)
    t0 = time.perf_counter()

    tables = [m._meta.db_table for m in (Article, Tag, AuthorProfile, Official, Enterprise, Regulator, Position)]
    with connection.cursor() as cur:
        cur.execute(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE")
    timings["truncate"] = time.perf_counter() - t0

    def step(name: str, start: float) -> float:
        timings[name] = round(time.perf_counter() - start, 2)
        log(f"  {name}: {timings[name]} s")
        return time.perf_counter()

    t = time.perf_counter()
    copy_rows(Regulator, (
        {"id": i, "name": f"{rng.choice(PLACES)} Regulator {i}", "slug": f"regulator-{i}",
         "search_names": f"regulator {i}", "acronym": f"R{i}", "level": rng.choice(["national", "provincial"]),
         "parent_id": None if i <= 10 else rng.randint(1, 10), "created_at": now, "updated_at": now,
         "responsibilities": _sentence(rng, 20, 40)}
        for i in range(1, regulators + 1)
    ))
    copy_rows(Enterprise, (
        {"id": i, "name": f"{' '.join(rng.sample(ORG_WORDS, 3))} {i}", "slug": f"enterprise-{i}",
         "search_names": f"enterprise {i}", "ownership": rng.choice(["central_soe", "local_soe", "private", "listed"]),
         "parent_id": None if i <= 50 else rng.randint(1, 50), "regulator_id": rng.randint(1, regulators),
         "tickers": [], "headquarters": rng.choice(PLACES), "description": _sentence(rng, 30, 60),
         "created_at": now, "updated_at": now}
        for i in range(1, enterprises + 1)
    ))
    copy_rows(Official, (
        {"id": i, "name": f"{rng.choice(FIRST)} {rng.choice(GIVEN)}{rng.choice(GIVEN).lower()} {i}",
         "slug": f"official-{i}", "search_names": f"official {i}", "bio": _sentence(rng, 30, 60),
         "born": rng.randint(1950, 1985), "created_at": now, "updated_at": now}
        for i in range(1, officials + 1)
    ))

    def positions() -> Iterator[dict]:
        pid = 0
        for official in range(1, officials + 1):
            start = datetime.date(rng.randint(2000, 2015), rng.randint(1, 12), 1)
            for k in range(rng.randint(1, 3)):
                pid += 1
                end = None if k == 2 or rng.random() < 0.3 else start + datetime.timedelta(days=rng.randint(300, 2500))
                org = rng.random()
                yield {"id": pid, "official_id": official, "title": rng.choice(["Chairman", "Director",
                       "Party Secretary", "Deputy Director", "General Manager"]),
                       "enterprise_id": rng.randint(1, enterprises) if org < 0.5 else None,
                       "regulator_id": rng.randint(1, regulators) if 0.5 <= org < 0.8 else None,
                       "organisation_name": "" if org < 0.8 else f"{rng.choice(PLACES)} Party Committee",
                       "start_date": start, "end_date": end, "is_primary": k == 0}
                start = (end or start) + datetime.timedelta(days=30)

    copy_rows(Position, positions())
    copy_rows(AuthorProfile, (
        {"id": i, "display_name": f"{rng.choice(GIVEN)} {rng.choice(FIRST)} {i}", "slug": f"author-{i}",
         "role": "Correspondent", "bio": _sentence(rng), "created_at": now}
        for i in range(1, authors + 1)
    ))
    tag_words = sorted({f"{a} {b}" for a in WORDS for b in WORDS if a != b})
    rng.shuffle(tag_words)
    copy_rows(Tag, ({"id": i, "name": f"{tag_words[i]} {i}", "slug": f"topic-{i}"} for i in range(1, tags + 1)))
    t = step("entities, authors and tags", t)

    pool = _SentencePool(rng)
    # Popular tags and entities are much more popular (Zipf-like), as in a
    # real newsroom: some topic pages list tens of thousands of stories.
    tag_cum_weights = list(itertools.accumulate(1 / (i ** 0.9) for i in range(1, tags + 1)))
    span = datetime.timedelta(days=365 * 8).total_seconds()

    def article_rows() -> Iterator[dict]:
        for i in range(1, articles + 1):
            published = now - datetime.timedelta(seconds=span * (articles - i) / max(articles, 1) + 60)
            yield {
                "id": i, "title": _sentence(rng, 6, 13).rstrip("."), "slug": f"story-{i}",
                "standfirst": _sentence(rng, 18, 35), "highlights": [_sentence(rng, 8, 14) for _ in range(3)],
                "body": pool.body(rng.randint(400, 1400)),
                "status": "published", "published_at": published, "created_at": published,
                "updated_at": published, "version": 1,
            }

    copy_rows(Article, article_rows(), batch=5000)
    t = step("articles", t)

    tag_ids = list(range(1, tags + 1))

    def tagged() -> Iterator[dict]:
        n = 0
        for a in range(1, articles + 1):
            chosen = set(rng.choices(tag_ids, cum_weights=tag_cum_weights, k=rng.randint(3, 8)))
            for tag in chosen:
                n += 1
                yield {"id": n, "tag_id": tag, "content_object_id": a}

    copy_rows(TaggedArticle, tagged(), batch=50_000)
    t = step("tags on articles", t)

    def mentions():
        off, ent, reg = [], [], []
        for a in range(1, articles + 1):
            k = rng.randint(2, 10)
            o = {int(officials * rng.random() ** 2) + 1 for _ in range(k // 2 + 1)}
            e = {int(enterprises * rng.random() ** 2) + 1 for _ in range(k - len(o) - 1)} if k - len(o) > 1 else set()
            r = {int(regulators * rng.random() ** 2) + 1} if rng.random() < 0.6 else set()
            off += [(a, x) for x in o]
            ent += [(a, x) for x in e]
            reg += [(a, x) for x in r]
        return off, ent, reg

    off, ent, reg = mentions()
    for field, pairs in (("officials", off), ("enterprises", ent), ("regulators", reg)):
        through = Article._meta.get_field(field).remote_field.through
        target = Article._meta.get_field(field).m2m_reverse_name()
        copy_rows(f"id article_id {target}", ({"id": n, "article_id": a, target: x}
                                              for n, (a, x) in enumerate(pairs, 1)), table=through._meta.db_table)
    copy_rows(ArticleAuthor, (
        {"id": a, "article_id": a, "author_id": int(authors * rng.random() ** 1.5) + 1, "order": 0}
        for a in range(1, articles + 1)
    ))
    t = step("mentions and bylines", t)

    with connection.cursor() as cur:
        for model in (Article, Tag, TaggedArticle, AuthorProfile, ArticleAuthor, Official, Enterprise, Regulator,
                      Position):
            table = model._meta.db_table
            cur.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), COALESCE(MAX(id), 1)) FROM {table}")
        for field in ("officials", "enterprises", "regulators"):
            table = Article._meta.get_field(field).remote_field.through._meta.db_table
            cur.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), COALESCE(MAX(id), 1)) FROM {table}")
        cur.execute("VACUUM ANALYZE")  # visibility maps: index-only scans from the start
    step("sequences and ANALYZE", t)
    timings["total"] = round(time.perf_counter() - t0, 2)
    return timings
