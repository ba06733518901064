"""The people and organisations the outlet follows across its coverage."""

from __future__ import annotations

import datetime

from django.contrib.postgres.indexes import GinIndex
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse

from core.images import GeneratedName, image_kept_in_step, rendition_url, validate_image_file
from core.slugs import unique_slug

from .querysets import EntityQuerySet

_http_url = URLValidator(schemes=["http", "https"])


def is_reference_link(value: object) -> bool:
    """An absolute http(s) URL: the only kind of reference link published.
    ``javascript:``, ``data:`` and protocol-relative links are not."""
    if not isinstance(value, str):
        return False
    try:
        _http_url(value)
    except ValidationError:
        return False
    return True


def validate_reference_links(value: object) -> None:
    """The ``same_as`` list: every item an absolute http(s) URL."""
    if not isinstance(value, list):
        raise ValidationError("Reference links must be a list of URLs.", code="invalid_reference_links")
    bad = [str(v) for v in value if not is_reference_link(v)]
    if bad:
        raise ValidationError(
            "Reference links must be absolute http:// or https:// URLs; not: %(bad)s",
            code="invalid_reference_link", params={"bad": ", ".join(bad)[:300]},
        )


class Entity(models.Model):
    """Fields every followed entity has: names in Latin and native script,
    aliases, a slug for its profile URL and links to other references."""

    name = models.CharField(max_length=200, db_index=True)
    native_name = models.CharField(
        "native-script name", max_length=200, blank=True, help_text="e.g. the name in Chinese characters"
    )
    aliases = models.JSONField(
        default=list, blank=True, help_text="Other names and spellings, one per line, used to find mentions."
    )
    slug = models.SlugField(max_length=200, unique=True, blank=True)
    same_as = models.JSONField(
        "reference links", default=list, blank=True, help_text="URLs of the same entity elsewhere (Wikipedia, Wikidata).",
        validators=[validate_reference_links],
    )
    profile_published = models.BooleanField(
        "publish this profile even without stories", default=False,
        help_text="Otherwise the profile, its directory entry, API record and search match stay hidden until a "
                  "published story names this entity (one only unpublished stories name could give them away).",
    )
    # Derived: every name this entity goes by, lower-cased, for lookups.
    search_names = models.TextField(blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EntityQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.native_name})" if self.native_name else self.name

    def all_names(self) -> list[str]:
        names = [self.name, self.native_name, *(self.aliases or [])]
        if getattr(self, "acronym", ""):
            names.append(self.acronym)
        seen: dict[str, str] = {}
        for n in names:
            n = (n or "").strip()
            if n and n.lower() not in seen:
                seen[n.lower()] = n
        return list(seen.values())

    def clean(self) -> None:
        super().clean()
        if not isinstance(self.aliases, list) or not all(isinstance(a, str) for a in self.aliases):
            raise ValidationError({"aliases": "Aliases must be a list of names."})

    def save(self, *args, **kwargs) -> None:
        if not self.slug:
            self.slug = unique_slug(self, self.name)
        self.aliases = [a.strip() for a in (self.aliases or []) if a and a.strip()]
        self.search_names = "\n".join(n.lower() for n in self.all_names())
        # Checked here too, not only in full_clean(): the demo loader, shell
        # and data fixes save through the ORM without the admin's form.
        update_fields = kwargs.get("update_fields")
        if update_fields is None or "same_as" in update_fields:
            try:
                validate_reference_links(self.same_as or [])
            except ValidationError as error:
                raise ValidationError({"same_as": error.messages}) from None
        super().save(*args, **kwargs)

    @property
    def reference_links(self) -> list[str]:
        """The ``same_as`` links safe to publish; rows saved before links
        were validated may hold others, which are never rendered."""
        return [url for url in (self.same_as or []) if is_reference_link(url)]

    @property
    def entity_type(self) -> str:
        return self._meta.model_name


class Regulator(Entity):
    """A supervising body, e.g. the central SASAC or a regional SASAC under it."""

    class Level(models.TextChoices):
        NATIONAL = "national", "National"
        PROVINCIAL = "provincial", "Provincial / autonomous region"
        MUNICIPAL = "municipal", "Municipal"
        INTERNATIONAL = "international", "International / foreign"

    acronym = models.CharField(max_length=40, blank=True, help_text="e.g. SASAC")
    level = models.CharField(max_length=20, choices=Level.choices, default=Level.NATIONAL, db_index=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="children",
        help_text="The body above this one, e.g. the central SASAC for a regional SASAC.",
    )
    jurisdiction = models.CharField(max_length=200, blank=True, help_text="e.g. Inner Mongolia Autonomous Region")
    responsibilities = models.TextField(blank=True)
    website = models.URLField(blank=True)

    class Meta(Entity.Meta):
        # Trigram search on every name; PostgreSQL only (see core/db_operations.py).
        indexes = [GinIndex(fields=["search_names"], opclasses=["gin_trgm_ops"], name="regulator_search_names_trgm")]

    def clean(self) -> None:
        super().clean()
        _reject_cycle(self, "parent")

    def get_absolute_url(self) -> str:
        return reverse("entities:regulator", kwargs={"slug": self.slug})

    def ancestors(self, limit: int | None = None) -> list[Regulator]:
        """Parent, grandparent… nearest first (at most ``limit``)."""
        return _ancestors(self, "parent", limit)


class Enterprise(Entity):
    """A company: state-owned or not, with its parent group and supervisor."""

    class Ownership(models.TextChoices):
        CENTRAL_SOE = "central_soe", "State-owned (central)"
        LOCAL_SOE = "local_soe", "State-owned (local)"
        PRIVATE = "private", "Private"
        LISTED = "listed", "Listed"
        FOREIGN = "foreign", "Foreign"
        JOINT_VENTURE = "joint_venture", "Joint venture"

    ownership = models.CharField(max_length=20, choices=Ownership.choices, default=Ownership.PRIVATE, db_index=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="subsidiaries",
        help_text="The group this company belongs to.",
    )
    regulator = models.ForeignKey(
        Regulator, null=True, blank=True, on_delete=models.SET_NULL, related_name="supervised_enterprises",
        verbose_name="supervising regulator",
    )
    tickers = models.JSONField(default=list, blank=True, help_text="Stock tickers, e.g. 600111.SS")
    website = models.URLField(blank=True)
    headquarters = models.CharField(max_length=200, blank=True)
    description = models.TextField(blank=True)
    logo = models.ImageField(upload_to=GeneratedName("entities"), blank=True, validators=[validate_image_file])
    logo_renditions = models.JSONField(default=dict, blank=True, editable=False)

    class Meta(Entity.Meta):
        # Trigram search on every name; PostgreSQL only (see core/db_operations.py).
        indexes = [GinIndex(fields=["search_names"], opclasses=["gin_trgm_ops"], name="enterprise_search_names_trgm")]

    def clean(self) -> None:
        super().clean()
        _reject_cycle(self, "parent")

    def save(self, *args, **kwargs) -> None:
        with image_kept_in_step(self, "logo", "logo_renditions"):
            super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("entities:enterprise", kwargs={"slug": self.slug})

    @property
    def is_state_owned(self) -> bool:
        return self.ownership in (self.Ownership.CENTRAL_SOE, self.Ownership.LOCAL_SOE)

    def ancestors(self, limit: int | None = None) -> list[Enterprise]:
        """Parent, grandparent… nearest first (at most ``limit``)."""
        return _ancestors(self, "parent", limit)

    def logo_url(self, name: str = "thumb") -> str:
        return rendition_url(self.logo_renditions, name)


class Official(Entity):
    """A politician or executive, with the positions held over time."""

    photo = models.ImageField(upload_to=GeneratedName("entities"), blank=True, validators=[validate_image_file])
    photo_alt = models.CharField(max_length=250, blank=True)
    photo_renditions = models.JSONField(default=dict, blank=True, editable=False)
    bio = models.TextField("short bio", blank=True)
    born = models.PositiveSmallIntegerField("year of birth", null=True, blank=True)

    class Meta(Entity.Meta):
        # Trigram search on every name; PostgreSQL only (see core/db_operations.py).
        indexes = [GinIndex(fields=["search_names"], opclasses=["gin_trgm_ops"], name="official_search_names_trgm")]

    def save(self, *args, **kwargs) -> None:
        with image_kept_in_step(self, "photo", "photo_renditions"):
            super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("entities:official", kwargs={"slug": self.slug})

    def photo_url(self, name: str = "card") -> str:
        return rendition_url(self.photo_renditions, name)

    def position_on(self, day: datetime.date) -> Position | None:
        """The position held on ``day``; uses prefetched positions if any."""
        return position_on(list(self.positions.all()), day)


def position_on(positions: list[Position], day: datetime.date) -> Position | None:
    """Of ``positions``, the one held on ``day``: the most recently started of
    those current then (an official may hold a party and a state post at once;
    a position marked primary wins)."""
    current = [p for p in positions if p.held_on(day)]
    if not current:
        return None
    current.sort(key=lambda p: (p.is_primary, p.start_date or datetime.date.min), reverse=True)
    return current[0]


class PositionQuerySet(models.QuerySet):
    def public(self) -> PositionQuerySet:
        """Posts a reader may see: at no organisation we follow, or at a
        public one (an unpublished company's name stays hidden)."""
        return self.filter(
            (Q(enterprise__isnull=True) | Q(enterprise__in=Enterprise.objects.public().values("pk")))
            & (Q(regulator__isnull=True) | Q(regulator__in=Regulator.objects.public().values("pk")))
        )

    def with_organisation(self) -> PositionQuerySet:
        """What a post's label needs ("Chairman, Northern Rare Earth", linked):
        title, dates and the organisation's name and slug, in one join."""
        return self.select_related("enterprise", "regulator").only(
            "id", "official_id", "title", "organisation_name", "start_date", "end_date", "is_primary",
            "enterprise__id", "enterprise__name", "enterprise__slug",
            "regulator__id", "regulator__name", "regulator__slug",
        )


class Position(models.Model):
    """A post an official held: title, organisation, and dates (either end
    may be open). The organisation links to its profile when it is an
    Enterprise or Regulator we follow, else it is named as free text
    (a party committee, a government office)."""

    official = models.ForeignKey(Official, on_delete=models.CASCADE, related_name="positions")
    title = models.CharField(max_length=200, help_text="e.g. Party Secretary")

    objects = PositionQuerySet.as_manager()
    enterprise = models.ForeignKey(
        Enterprise, null=True, blank=True, on_delete=models.SET_NULL, related_name="positions"
    )
    regulator = models.ForeignKey(
        Regulator, null=True, blank=True, on_delete=models.SET_NULL, related_name="positions"
    )
    organisation_name = models.CharField(
        max_length=200, blank=True,
        help_text="Name of the body when it has no profile here, e.g. 'Inner Mongolia Party Committee'.",
    )
    start_date = models.DateField(null=True, blank=True, help_text="Leave empty if unknown.")
    end_date = models.DateField(null=True, blank=True, help_text="Leave empty if still held.")
    is_primary = models.BooleanField(
        default=False, help_text="Show this post first when several are held at once."
    )

    class Meta:
        ordering = ["-start_date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~(Q(enterprise__isnull=False) & Q(regulator__isnull=False)),
                name="position_one_organisation",
                violation_error_message="A position belongs to an enterprise or a regulator, not both.",
            ),
            models.CheckConstraint(
                condition=Q(start_date__isnull=True) | Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="position_dates_in_order",
                violation_error_message="A position cannot end before it starts.",
            ),
        ]
        indexes = [models.Index(fields=["official", "start_date"])]

    def __str__(self) -> str:
        return f"{self.title}, {self.organisation_label}"

    def clean(self) -> None:
        super().clean()
        if not (self.enterprise_id or self.regulator_id or self.organisation_name.strip()):
            raise ValidationError("Name the organisation: pick an enterprise or regulator, or type its name.")

    @property
    def organisation(self) -> Enterprise | Regulator | None:
        return self.enterprise or self.regulator

    @property
    def organisation_label(self) -> str:
        org = self.organisation
        return org.name if org else self.organisation_name

    def held_on(self, day: datetime.date) -> bool:
        if self.start_date and day < self.start_date:
            return False
        if self.end_date and day > self.end_date:
            return False
        return bool(self.start_date or self.end_date)

    @property
    def is_current(self) -> bool:
        return self.end_date is None or self.end_date >= datetime.date.today()


def _ancestors(obj: models.Model, field: str, limit: int | None = None) -> list:
    chain, seen, node = [], {obj.pk}, getattr(obj, field)
    while node is not None and node.pk not in seen:
        chain.append(node)
        seen.add(node.pk)
        # Stop before following one more link: with select_related() over
        # ``limit`` levels, a bounded walk runs no query.
        if limit is not None and len(chain) >= limit:
            break
        node = getattr(node, field)
    return chain


def _reject_cycle(obj: models.Model, field: str) -> None:
    parent = getattr(obj, field)
    if parent is None:
        return
    if obj.pk and (parent.pk == obj.pk or any(a.pk == obj.pk for a in _ancestors(parent, field))):
        raise ValidationError({field: "This would make the organisation its own ancestor."})
