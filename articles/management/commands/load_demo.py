"""``manage.py load_demo``: fill the site with a realistic, idempotent demo.

Loads the regulators, enterprises, officials (with their positions), authors,
demo accounts, tags, articles and corrections defined in
``articles/demo_content.py``, and draws the images they need with Pillow.

Running it again converges on the same state and creates nothing new: every
record is matched on its slug (accounts on their username), many-to-many
relations are replaced with ``.set()``, and an image is drawn only when the
record has none (or its file has gone missing from storage). Article dates are
re-anchored to the current time on every run, so the demo front page always
has a story from the last day and the scheduled story stays in the future.

The two accounts (``editor`` and ``writer``) get the password from the
``DEMO_PASSWORD`` environment variable, or a documented default.
"""

from __future__ import annotations

import datetime
import io
import os
import random
from collections import Counter
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandParser
from django.db import models, transaction
from django.utils import timezone
from PIL import Image, ImageDraw, ImageFont, ImageOps
from taggit.models import Tag

from articles import demo_content
from articles.events import public_content_changed
from articles.models import Article, ArticleAuthor, Correction
from authors.models import AuthorProfile
from entities.models import Enterprise, Official, Position, Regulator

DEFAULT_PASSWORD = "ree-demo-password-2026"  # noqa: S105 - a documented local demo password
IMAGE_CREDIT = "REE Exchange graphic"
FEATURED_SIZE = (1600, 900)
PORTRAIT_SIZE = 600

# (name used in alt text, dark, mid, light) — rust, steel and mineral tones.
PALETTES: list[tuple[str, tuple[int, int, int], tuple[int, int, int], tuple[int, int, int]]] = [
    ("rust", (62, 30, 20), (168, 78, 40), (232, 178, 120)),
    ("steel-blue", (24, 32, 44), (74, 96, 118), (186, 200, 212)),
    ("bronze", (48, 36, 28), (132, 90, 48), (220, 196, 150)),
    ("slate-green", (22, 40, 42), (58, 106, 104), (196, 170, 126)),
    ("iron-oxide", (40, 20, 24), (122, 52, 50), (214, 160, 132)),
]


# ---------------------------------------------------------------------------
# Images
# ---------------------------------------------------------------------------


def _font(size: int) -> ImageFont.ImageFont | ImageFont.FreeTypeFont:
    """Pillow's bundled font at ``size`` (needs Pillow >= 10.1 with FreeType);
    the fixed-size bitmap font otherwise."""
    try:
        return ImageFont.load_default(size=size)
    except (TypeError, OSError):  # pragma: no cover - old Pillow or no FreeType
        return ImageFont.load_default()


def _palette(key: str) -> tuple[str, tuple[int, int, int], tuple[int, int, int], tuple[int, int, int]]:
    return PALETTES[random.Random(key).randrange(len(PALETTES))]


def featured_image_png(label: str, key: str, size: tuple[int, int] = FEATURED_SIZE) -> bytes:
    """A 16:9 PNG: a diagonal gradient in a rust/steel palette, a few
    translucent geometric shapes, a lattice and ``label`` set large.
    The same ``key`` always gives the same picture."""
    rng = random.Random(key)
    _, dark, mid, light = _palette(key)
    width, height = size

    vertical = Image.linear_gradient("L").resize((width, height))
    horizontal = Image.linear_gradient("L").rotate(90).resize((width, height))
    diagonal = Image.blend(vertical, horizontal, 0.5)
    if rng.random() < 0.5:
        diagonal = ImageOps.mirror(diagonal)
    canvas = ImageOps.colorize(diagonal, black=dark, white=mid).convert("RGBA")

    overlay = Image.new("RGBA", size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)
    # A faint lattice, like a crystal structure.
    step = rng.choice([80, 100, 120])
    for x in range(-height, width, step):
        draw.line([(x, height), (x + height, 0)], fill=(*light, 18), width=2)
    # Overlapping discs.
    for _ in range(rng.randint(3, 5)):
        r = rng.randint(90, 260)
        cx, cy = rng.randint(width // 2, width), rng.randint(0, height)
        draw.ellipse([cx - r, cy - r, cx + r, cy + r], fill=(*light, rng.randint(28, 70)))
    # A hexagon outline and a solid accent bar.
    hx, hy = rng.randint(width // 2, width - 220), rng.randint(200, height - 200)
    draw.regular_polygon((hx, hy, rng.randint(120, 190)), 6, rotation=rng.randint(0, 59), outline=(*light, 150), width=6)
    draw.rectangle([80, 96, 80 + 120, 104], fill=(*light, 230))
    canvas = Image.alpha_composite(canvas, overlay)

    text = ImageDraw.Draw(canvas)
    text.text((80, 124), "REE EXCHANGE", font=_font(34), fill=(*light, 255))
    font_size = 150
    font = _font(font_size)
    while font_size > 48 and text.textlength(label, font=font) > width - 160:
        font_size -= 8
        font = _font(font_size)
    text.text((80, height - 110), label, font=font, fill=(255, 255, 255, 255), anchor="ls")

    buffer = io.BytesIO()
    canvas.convert("RGB").save(buffer, "PNG")
    return buffer.getvalue()


def portrait_png(initials: str, key: str, size: int = PORTRAIT_SIZE) -> bytes:
    """A square PNG placeholder portrait: ``initials`` on a coloured disc."""
    _, dark, mid, light = _palette(key)
    canvas = Image.new("RGB", (size, size), tuple(min(255, c + 20) for c in light))
    draw = ImageDraw.Draw(canvas)
    margin = size // 12
    draw.ellipse([margin, margin, size - margin, size - margin], fill=mid, outline=dark, width=size // 60)
    draw.text((size // 2, size // 2), initials, font=_font(size // 3), fill=(255, 255, 255), anchor="mm")
    buffer = io.BytesIO()
    canvas.save(buffer, "PNG")
    return buffer.getvalue()


def initials_of(name: str) -> str:
    """``"Sun Shaocheng"`` -> ``"SS"``; at most two letters."""
    parts = [p for p in name.replace("-", " ").split() if p[:1].isalpha()]
    return "".join(p[0].upper() for p in parts[:2]) or "?"


def _file_missing(field_file: Any) -> bool:
    """True when the image field is empty or its stored file has vanished."""
    return not field_file or not default_storage.exists(field_file.name)


def _renditions_missing(renditions: dict | None) -> bool:
    return not renditions or any(not default_storage.exists(info["name"]) for info in renditions.values())


# ---------------------------------------------------------------------------
# Loading
# ---------------------------------------------------------------------------


def _parse_date(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def upsert(model: type[models.Model], lookup: dict[str, Any], values: dict[str, Any]) -> tuple[Any, bool]:
    """Fetch the row matching ``lookup`` (or start a new one), set ``values``
    and save it through the model's own ``save()``, so derived fields (search
    names, sanitised HTML, renditions) are recomputed. Returns (obj, created)."""
    obj = model._default_manager.filter(**lookup).first()
    created = obj is None
    if created:
        obj = model(**lookup)
    for field, value in values.items():
        setattr(obj, field, value)
    obj.save()
    return obj, created


class DemoLoader:
    """Loads ``demo_content`` into the database; counts what it created."""

    def __init__(self, *, now: datetime.datetime, password: str) -> None:
        self.now = now
        self.password = password
        self.created: Counter[str] = Counter()
        self.images_drawn = 0

    def _note(self, kind: str, created: bool) -> None:
        if created:
            self.created[kind] += 1

    # -- entities ----------------------------------------------------------

    def load_regulators(self) -> dict[str, Regulator]:
        regulators: dict[str, Regulator] = {}
        for data in demo_content.REGULATORS:
            values = {k: data[k] for k in (
                "name", "native_name", "acronym", "aliases", "level", "jurisdiction",
                "responsibilities", "website", "same_as",
            )}
            values["parent"] = regulators[data["parent"]] if data["parent"] else None
            obj, created = upsert(Regulator, {"slug": data["slug"]}, values)
            self._note("regulators", created)
            regulators[obj.slug] = obj
        return regulators

    def load_enterprises(self, regulators: dict[str, Regulator]) -> dict[str, Enterprise]:
        enterprises: dict[str, Enterprise] = {}
        for data in demo_content.ENTERPRISES:
            values = {k: data[k] for k in (
                "name", "native_name", "aliases", "ownership", "tickers", "website",
                "headquarters", "description", "same_as",
            )}
            values["parent"] = enterprises[data["parent"]] if data["parent"] else None
            values["regulator"] = regulators[data["regulator"]] if data["regulator"] else None
            obj, created = upsert(Enterprise, {"slug": data["slug"]}, values)
            self._note("enterprises", created)
            enterprises[obj.slug] = obj
        return enterprises

    def load_officials(
        self, regulators: dict[str, Regulator], enterprises: dict[str, Enterprise]
    ) -> dict[str, Official]:
        officials: dict[str, Official] = {}
        for data in demo_content.OFFICIALS:
            initials = initials_of(data["name"])
            colour = _palette(data["slug"])[0]
            values = {k: data[k] for k in ("name", "native_name", "aliases", "born", "bio", "same_as")}
            values["photo_alt"] = f"Placeholder portrait: the initials {initials} on a {colour} disc"
            obj, created = upsert(Official, {"slug": data["slug"]}, values)
            self._note("officials", created)
            if _file_missing(obj.photo) or _renditions_missing(obj.photo_renditions):
                if _file_missing(obj.photo):
                    obj.photo.save(f"{data['slug']}.png", ContentFile(portrait_png(initials, data["slug"])), save=False)
                    self.images_drawn += 1
                obj.photo_renditions = {}
                obj.save()
            self._load_positions(obj, data["positions"], regulators, enterprises)
            officials[obj.slug] = obj
        return officials

    def _load_positions(
        self,
        official: Official,
        positions: list[dict[str, Any]],
        regulators: dict[str, Regulator],
        enterprises: dict[str, Enterprise],
    ) -> None:
        """Make the official's positions exactly the declared ones, matched on
        title and organisation."""
        keep: list[int] = []
        for data in positions:
            lookup = {
                "official": official,
                "title": data["title"],
                "enterprise": enterprises[data["enterprise"]] if data.get("enterprise") else None,
                "regulator": regulators[data["regulator"]] if data.get("regulator") else None,
                "organisation_name": data.get("organisation_name", ""),
            }
            values = {
                "start_date": _parse_date(data.get("start_date")),
                "end_date": _parse_date(data.get("end_date")),
                "is_primary": data.get("is_primary", False),
            }
            position, created = upsert(Position, lookup, values)
            self._note("positions", created)
            keep.append(position.pk)
        official.positions.exclude(pk__in=keep).delete()

    # -- people who write ----------------------------------------------------

    def load_authors(self) -> tuple[dict[str, AuthorProfile], list[tuple[str, str]]]:
        User = get_user_model()
        profiles: dict[str, AuthorProfile] = {}
        accounts: list[tuple[str, str]] = []
        for data in demo_content.AUTHORS:
            user = None
            account = data.get("user")
            if account:
                user, created = upsert(User, {"username": account["username"]}, {
                    "first_name": account["first_name"],
                    "last_name": account["last_name"],
                    "email": account["email"],
                    "is_staff": True,
                    "is_active": True,
                })
                self._note("users", created)
                user.set_password(self.password)
                user.save(update_fields=["password"])
                group, created = Group.objects.get_or_create(name=account["group"])
                self._note("groups", created)
                user.groups.add(group)
                accounts.append((account["username"], account["group"]))
            values = {k: data[k] for k in ("display_name", "role", "bio", "email_public")}
            values["user"] = user
            profile, created = upsert(AuthorProfile, {"slug": data["slug"]}, values)
            self._note("authors", created)
            profiles[profile.slug] = profile
        return profiles, accounts

    def load_tags(self) -> dict[str, Tag]:
        tags: dict[str, Tag] = {}
        for name in demo_content.TAGS:
            tag = Tag.objects.filter(name__iexact=name).first()
            if tag is None:
                tag = Tag.objects.create(name=name)
                self._note("tags", True)
            tags[name.lower()] = tag
        return tags

    # -- articles ------------------------------------------------------------

    def published_at(self, data: dict[str, Any]) -> datetime.datetime | None:
        """A fixed timestamp for stories pegged to an event (unless it lies in
        this clock's future), otherwise ``age_hours`` before now."""
        fixed = data.get("published_on")
        if fixed:
            when = datetime.datetime.fromisoformat(fixed).replace(tzinfo=datetime.UTC)
            if when <= self.now:
                return when
        if "age_hours" in data:
            return self.now - datetime.timedelta(hours=data["age_hours"])
        return None

    def load_articles(
        self,
        *,
        profiles: dict[str, AuthorProfile],
        tags: dict[str, Tag],
        officials: dict[str, Official],
        enterprises: dict[str, Enterprise],
        regulators: dict[str, Regulator],
    ) -> dict[str, Article]:
        articles: dict[str, Article] = {}
        for data in demo_content.ARTICLES:
            byline = [profiles[slug] for slug in data["authors"]]
            label = data["tags"][0]
            colour = _palette(data["slug"])[0]
            creator = next((p.user for p in byline if p.user_id), None)
            values = {
                "title": data["title"],
                "standfirst": data["standfirst"],
                "highlights": list(data["highlights"]),
                "body": data["body"].strip(),
                "status": data["status"],
                "published_at": self.published_at(data),
                "expires_at": None,
                "created_by": creator,
                "featured_image_alt": (
                    f"Illustration: a {colour} diagonal gradient with translucent circles, a hexagon outline "
                    f"and a fine lattice, with the words \u201c{label}\u201d in large white type"
                ),
                "featured_image_caption": data.get("image_caption", ""),
                "featured_image_credit": IMAGE_CREDIT,
            }
            article, created = upsert(Article, {"slug": data["slug"]}, values)
            self._note("articles", created)

            if _file_missing(article.featured_image) or _renditions_missing(article.featured_image_renditions):
                if _file_missing(article.featured_image):
                    png = featured_image_png(label, data["slug"])
                    article.featured_image.save(f"{data['slug']}.png", ContentFile(png), save=False)
                    self.images_drawn += 1
                article.featured_image_renditions = {}
                article.save()

            for order, profile in enumerate(byline):
                _, created = ArticleAuthor.objects.update_or_create(
                    article=article, author=profile, defaults={"order": order}
                )
                self._note("bylines", created)
            article.bylines.exclude(author__in=byline).delete()

            article.tags.set([tags[name.lower()] for name in data["tags"]])
            article.officials.set([officials[s] for s in data["officials"]])
            article.enterprises.set([enterprises[s] for s in data["enterprises"]])
            article.regulators.set([regulators[s] for s in data["regulators"]])
            articles[article.slug] = article
        return articles

    def load_corrections(self, articles: dict[str, Article]) -> None:
        for data in demo_content.CORRECTIONS:
            article = articles[data["article"]]
            base = article.published_at or self.now
            creator = article.created_by
            _, created = Correction.objects.update_or_create(
                article=article,
                kind=data["kind"],
                defaults={
                    "text": data["text"],
                    "created_at": base + datetime.timedelta(hours=data["hours_after_publication"]),
                    "created_by": creator,
                },
            )
            self._note("corrections", created)

    def run(self) -> dict[str, Any]:
        regulators = self.load_regulators()
        enterprises = self.load_enterprises(regulators)
        officials = self.load_officials(regulators, enterprises)
        profiles, accounts = self.load_authors()
        tags = self.load_tags()
        articles = self.load_articles(
            profiles=profiles, tags=tags, officials=officials, enterprises=enterprises, regulators=regulators
        )
        self.load_corrections(articles)
        return {"articles": articles, "accounts": accounts}


class Command(BaseCommand):
    help = "Load (or refresh) the demo newsroom content: entities, authors, tags, articles and images."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--quiet", action="store_true", help="Print nothing.")

    def handle(self, *args: Any, **options: Any) -> None:
        quiet = options["quiet"] or options.get("verbosity", 1) == 0
        password = os.environ.get("DEMO_PASSWORD") or DEFAULT_PASSWORD
        loader = DemoLoader(now=timezone.now(), password=password)
        with transaction.atomic():
            result = loader.run()
            article_ids = [a.pk for a in result["articles"].values()]
            transaction.on_commit(
                lambda: public_content_changed(article_ids=article_ids, reason="demo content loaded")
            )
        if quiet:
            return

        statuses = Counter(a.status for a in result["articles"].values())
        visible = Article.objects.published().filter(slug__in=result["articles"]).count()
        created = sum(loader.created.values())
        lines = [
            "Demo content loaded:",
            f"  regulators   {Regulator.objects.filter(slug__in=[r['slug'] for r in demo_content.REGULATORS]).count()}",
            f"  enterprises  {Enterprise.objects.filter(slug__in=[e['slug'] for e in demo_content.ENTERPRISES]).count()}",
            f"  officials    {len(demo_content.OFFICIALS)} "
            f"({Position.objects.filter(official__slug__in=[o['slug'] for o in demo_content.OFFICIALS]).count()} positions)",
            f"  authors      {len(demo_content.AUTHORS)}",
            f"  tags         {len(demo_content.TAGS)}",
            f"  articles     {len(result['articles'])} ("
            + ", ".join(f"{n} {s}" for s, n in sorted(statuses.items()))
            + f"; {visible} publicly visible)",
            f"  corrections  {len(demo_content.CORRECTIONS)}",
            f"  this run: {created} new records, {loader.images_drawn} images drawn"
            + (" (" + ", ".join(f"{n} {k}" for k, n in sorted(loader.created.items())) + ")" if created else ""),
            "",
            "Demo accounts (admin at /admin/):",
        ]
        lines += [f"  {username:<8} group {group:<8} password {password}" for username, group in result["accounts"]]
        self.stdout.write("\n".join(lines))
