"""The rows linking an imported article to its tags, byline, entities, old
paths and media: one insert per table for a batch's new articles, add or
sync for one article."""

from __future__ import annotations

from django.db import models

from articles.models import Article, ArticleAuthor, ArticleRedirect, TaggedArticle

from .matching import ENTITY_MODELS
from .models import ImportedAsset
from .records import ArticleRecord


class PendingLinks:
    """A batch's new articles and the rows linking them to their tags,
    byline, entities, old paths and media, written with one insert per
    table at the end of the batch."""

    def __init__(self) -> None:
        self.new: list[tuple[Article, ArticleRecord, tuple]] = []
        self.tagged: list[TaggedArticle] = []
        self.bylines: list[ArticleAuthor] = []
        self.entities: dict[str, list[models.Model]] = {kind: [] for kind in ENTITY_MODELS}
        self.redirects: dict[str, int] = {}
        self.assets: list[ImportedAsset] = []

    def add(self, article: Article, record: ArticleRecord, links: tuple) -> None:
        self.new.append((article, record, links))

    def _link_rows(self) -> None:
        for article, record, (tag_ids, author_ids, entity_ids) in self.new:
            self.tagged += [TaggedArticle(content_object_id=article.pk, tag_id=t) for t in tag_ids]
            self.bylines += [ArticleAuthor(article_id=article.pk, author_id=a, order=i)
                             for i, a in enumerate(author_ids)]
            for kind, ids in entity_ids.items():
                through = getattr(Article, kind).through
                column = f"{ENTITY_MODELS[kind]._meta.model_name}_id"
                self.entities[kind] += [through(article_id=article.pk, **{column: pk}) for pk in ids]
            own = article.get_absolute_url()
            for path in record.redirects:
                if path != own:
                    self.redirects.setdefault(path, article.pk)
            self.assets += [
                ImportedAsset(article_id=article.pk, kind=a.kind, source_url=a.url, source_id=a.source_id,
                              title=a.title[:255], alt_text=a.alt[:250], caption=a.caption[:400])
                for a in dict.fromkeys(record.assets)
            ]

    def write(self) -> tuple[list[Article], int, int]:
        """Insert everything; returns (new articles, redirects added,
        assets recorded)."""
        articles = Article.objects.bulk_create([a for a, _, _ in self.new], batch_size=500)
        self._link_rows()
        TaggedArticle.objects.bulk_create(self.tagged, batch_size=2000)
        ArticleAuthor.objects.bulk_create(self.bylines, batch_size=2000)
        for kind, rows in self.entities.items():
            if rows:
                getattr(Article, kind).through.objects.bulk_create(rows, batch_size=2000)
        redirects = []
        if self.redirects:
            taken = set(
                ArticleRedirect.objects.filter(old_path__in=self.redirects).values_list("old_path", flat=True)
            )
            redirects = [ArticleRedirect(old_path=p, article_id=pk) for p, pk in self.redirects.items()
                         if p not in taken]
            ArticleRedirect.objects.bulk_create(redirects, batch_size=2000)
        ImportedAsset.objects.bulk_create(self.assets, batch_size=2000, ignore_conflicts=True)
        return articles, len(redirects), len(self.assets)


def add_relations(article: Article, tag_ids: list[int], author_ids: list[int], entity_ids: dict[str, list[int]]):
    if tag_ids:
        TaggedArticle.objects.bulk_create([TaggedArticle(content_object_id=article.pk, tag_id=t) for t in tag_ids])
    if author_ids:
        ArticleAuthor.objects.bulk_create(
            [ArticleAuthor(article_id=article.pk, author_id=a, order=i) for i, a in enumerate(author_ids)]
        )
    for kind, ids in entity_ids.items():
        if ids:
            through = getattr(Article, kind).through
            column = f"{ENTITY_MODELS[kind]._meta.model_name}_id"
            through.objects.bulk_create([through(article_id=article.pk, **{column: pk}) for pk in ids])


def sync_relations(article: Article, tag_ids: list[int], author_ids: list[int], entity_ids: dict[str, list[int]]) -> bool:
    """Make the article's tags, byline and entity links what the record says;
    True if anything changed."""
    changed = False
    if {t.tag_id for t in article.tagged_items.all()} != set(tag_ids):
        article.tagged_items.all().delete()
        add_relations(article, tag_ids, [], {})
        changed = True
    if [b.author_id for b in article.bylines.all()] != author_ids:
        article.bylines.all().delete()
        add_relations(article, [], author_ids, {})
        changed = True
    for kind, ids in entity_ids.items():
        if {e.pk for e in getattr(article, kind).all()} != set(ids):
            getattr(article, kind).set(ids)
            changed = True
    return changed


def add_redirects(article: Article, paths: list[str], *, fresh: bool) -> int:
    """Old paths answering 301 to the article. Add-only: a path another
    article already owns is left with it."""
    own = article.get_absolute_url()
    have = set() if fresh else {r.old_path for r in article.redirects.all()}
    new = [p for p in paths if p not in have and p != own]
    if not new:
        return 0
    taken = set(ArticleRedirect.objects.filter(old_path__in=new).values_list("old_path", flat=True))
    rows = [ArticleRedirect(old_path=p, article=article) for p in new if p not in taken]
    ArticleRedirect.objects.bulk_create(rows)
    return len(rows)


def add_assets(article: Article, record: ArticleRecord, *, fresh: bool) -> int:
    if not record.assets:
        return 0
    have = set() if fresh else {(a.kind, a.source_url) for a in article.imported_assets.all()}
    rows = [
        ImportedAsset(article=article, kind=a.kind, source_url=a.url, source_id=a.source_id, title=a.title[:255],
                      alt_text=a.alt[:250], caption=a.caption[:400])
        for a in dict.fromkeys(record.assets)
        if (a.kind, a.url) not in have
    ]
    ImportedAsset.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)
