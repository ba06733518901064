"""The public pages of the people and organisations we cover (profiles and
directories), and of our staff (author pages)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from articles.models import Article
from articles.views import PAGE_SIZE
from authors.models import AuthorProfile
from core.seo import absolute_url, page_meta
from entities.models import Enterprise, Official, Position, Regulator, position_on
from pagecache.pagination import page_or_404

from .graph import Neighbour, relationship_svg
from .seo import entity_jsonld

DIRECTORY_PAGE_SIZE = 60


def _page(request: HttpRequest, queryset, per_page: int = PAGE_SIZE):
    """The requested page; a bad or out-of-range page number is a 404."""
    return page_or_404(request, queryset, per_page)


def _coverage(request: HttpRequest, **lookup):
    return _page(request, Article.objects.published().filter(**lookup).for_listing())


def _held_posts(organisation: Enterprise | Regulator) -> list[dict]:
    """People who held posts at ``organisation``, one row per person, with
    their posts there (newest first); one query."""
    positions = organisation.positions.filter(official__in=Official.objects.public().values("pk")).select_related(
        "official").only(
        "id", "title", "start_date", "end_date", "official__id", "official__name", "official__slug",
        "official__native_name", f"{organisation._meta.model_name}_id",
    ).order_by("official__name", "-start_date")
    people: dict[int, dict] = {}
    for p in positions:
        row = people.setdefault(p.official_id, {"official": p.official, "positions": []})
        row["positions"].append(p)
    return list(people.values())


HIERARCHY_DEPTH = 3


def _ancestors(entity) -> list:
    """Up to HIERARCHY_DEPTH public ancestors, top first; the views
    select_related() that many levels and annotate which are public
    (``_with_public_links``), so this runs no query."""
    chain = entity.ancestors(limit=HIERARCHY_DEPTH)
    paths = ["__".join(["parent"] * (depth + 1)) for depth in range(len(chain))]
    return [a for a, path in zip(chain, paths, strict=True) if getattr(entity, f"{path}_is_public", False)][::-1]


def _with_public_links(qs, links: dict[str, type]):
    """``qs`` with ``<path>_is_public`` for each related entity path (a
    parent, a supervisor), by ``public()``, in the same query."""
    return qs.annotate(**{
        f"{path}_is_public": Exists(model.objects.public().filter(pk=OuterRef(f"{path}_id")))
        for path, model in links.items()
    })


def _hide_unpublished_links(rows, *fields: str) -> None:
    """A parent group or supervisor that only unpublished stories name is
    not shown (nor linked) where ``rows`` are: the page forgets it (nothing
    is saved), as ``_with_public_links`` marked it."""
    for row in rows:
        for field in fields:
            if getattr(row, f"{field}_id") is not None and not getattr(row, f"{field}_is_public"):
                setattr(row, field, None)


_PARENT_CHAIN = ("parent", "parent__parent", "parent__parent__parent")


def _people_neighbours(people: list[dict]) -> list[Neighbour]:
    """Diagram nodes for the people who held posts at an organisation."""
    return [
        Neighbour(row["official"].name, row["positions"][0].title, row["official"].get_absolute_url(), "official")
        for row in people
    ]


def _title(entity, page) -> str:
    return entity.name if page.number == 1 else f"{entity.name}, page {page.number}"


def official_detail(request: HttpRequest, slug: str) -> HttpResponse:
    official = get_object_or_404(
        Official.objects.public().prefetch_related(
            Prefetch("positions", queryset=Position.objects.public().select_related("enterprise", "regulator"))
        ),
        slug=slug,
    )
    positions = list(official.positions.all())
    page = _coverage(request, officials=official)
    neighbours, seen = [], set()
    for p in positions:
        org = p.organisation
        key = (type(org).__name__, org.pk) if org else ("name", p.organisation_name)
        if key in seen:
            continue
        seen.add(key)
        neighbours.append(
            Neighbour(
                label=p.organisation_label,
                relation=p.title + ("" if p.is_current else " (former)"),
                url=org.get_absolute_url() if org else "",
                kind=org.entity_type if org else "other",
            )
        )
    current = position_on(positions, timezone.localdate())
    description = official.bio or (
        f"{official.name}, {current}. Profile and coverage." if current else f"{official.name}: profile and coverage."
    )
    context = {
        "entity": official,
        "positions": positions,
        "current": current,
        "page": page,
        "graph": relationship_svg(name=official.name, kind="official", neighbours=neighbours),
        "jsonld": entity_jsonld(official, positions=positions),
        **page_meta(title=_title(official, page), description=description,
                    image=official.photo_url("card"), og_type="profile"),
    }
    return render(request, "entities/official_detail.html", context)


def enterprise_detail(request: HttpRequest, slug: str) -> HttpResponse:
    links = {**dict.fromkeys(_PARENT_CHAIN, Enterprise), "regulator": Regulator}
    enterprise = get_object_or_404(
        _with_public_links(Enterprise.objects.public(), links).select_related("parent__parent__parent", "regulator"),
        slug=slug,
    )
    ancestors = _ancestors(enterprise)
    _hide_unpublished_links([enterprise], "parent", "regulator")
    subsidiaries = list(enterprise.subsidiaries.public().only("id", "name", "slug", "ownership", "same_as", "parent_id").order_by("name"))
    people = _held_posts(enterprise)
    page = _coverage(request, enterprises=enterprise)
    neighbours = []
    if enterprise.parent:
        neighbours.append(Neighbour(enterprise.parent.name, "Parent group", enterprise.parent.get_absolute_url(),
                                    "enterprise"))
    if enterprise.regulator:
        neighbours.append(Neighbour(enterprise.regulator.name, "Supervised by",
                                    enterprise.regulator.get_absolute_url(), "regulator"))
    neighbours += [Neighbour(s.name, "Subsidiary", s.get_absolute_url(), "enterprise") for s in subsidiaries]
    neighbours += _people_neighbours(people)
    context = {
        "entity": enterprise,
        "ancestors": ancestors,
        "subsidiaries": subsidiaries,
        "people": people,
        "page": page,
        "graph": relationship_svg(name=enterprise.name, kind="enterprise", neighbours=neighbours),
        "jsonld": entity_jsonld(enterprise, subsidiaries=subsidiaries),
        **page_meta(
            title=_title(enterprise, page),
            description=enterprise.description
            or f"{enterprise.name} ({enterprise.get_ownership_display()}): its group, supervisor, people and coverage.",
            image=enterprise.logo_url("card"),
        ),
    }
    return render(request, "entities/enterprise_detail.html", context)


def regulator_detail(request: HttpRequest, slug: str) -> HttpResponse:
    regulator = get_object_or_404(
        _with_public_links(Regulator.objects.public(), dict.fromkeys(_PARENT_CHAIN, Regulator))
        .select_related("parent__parent__parent"),
        slug=slug,
    )
    ancestors = _ancestors(regulator)
    _hide_unpublished_links([regulator], "parent")
    children = list(regulator.children.public().only("id", "name", "slug", "acronym", "level", "same_as", "parent_id").order_by("name"))
    supervised = list(
        regulator.supervised_enterprises.public().only("id", "name", "slug", "ownership", "regulator_id").order_by("name")
    )
    people = _held_posts(regulator)
    page = _coverage(request, regulators=regulator)
    neighbours = []
    if regulator.parent:
        neighbours.append(Neighbour(regulator.parent.name, "Reports to", regulator.parent.get_absolute_url(),
                                    "regulator"))
    neighbours += [Neighbour(c.name, "Oversees body", c.get_absolute_url(), "regulator") for c in children]
    neighbours += [Neighbour(e.name, "Supervises", e.get_absolute_url(), "enterprise") for e in supervised]
    neighbours += _people_neighbours(people)
    context = {
        "entity": regulator,
        "ancestors": ancestors,
        "children": children,
        "supervised": supervised,
        "people": people,
        "page": page,
        "graph": relationship_svg(name=regulator.name, kind="regulator", neighbours=neighbours),
        "jsonld": entity_jsonld(regulator, children=children),
        **page_meta(
            title=_title(regulator, page),
            description=regulator.responsibilities
            or f"{regulator.name}: its place in the hierarchy, the enterprises it supervises and our coverage.",
        ),
    }
    return render(request, "entities/regulator_detail.html", context)


def _choice(request: HttpRequest, name: str, choices) -> str:
    """The value of a filter parameter; an unknown value is a 404."""
    value = request.GET.get(name, "")
    if value and value not in dict(choices):
        raise Http404(f"Unknown {name}")
    return value


def _directory_canonical(request: HttpRequest, name: str, value: str, page) -> str:
    """A filtered directory is its own page: its canonical URL keeps the filter."""
    query = urlencode([(k, v) for k, v in ((name, value), ("page", page.number if page.number > 1 else "")) if v])
    return absolute_url(request.path) + (f"?{query}" if query else "")


def _with_coverage(qs):
    # Counted over published articles only, in the same query as the list.
    published = Article.objects.published().values("pk")
    return qs.annotate(coverage=Count("articles", filter=Q(articles__in=published), distinct=True))


def official_list(request: HttpRequest) -> HttpResponse:
    today_positions = Prefetch("positions", queryset=Position.objects.public().with_organisation())
    qs = _with_coverage(Official.objects.public().only("id", "name", "slug", "native_name")).prefetch_related(
        today_positions)
    page = _page(request, qs.order_by("name", "id"), DIRECTORY_PAGE_SIZE)
    today = timezone.localdate()
    for o in page.object_list:
        o.current_position = position_on(list(o.positions.all()), today)
    meta = page_meta(title="Officials", description="The officials and executives we follow, with their current posts.")
    return render(request, "entities/official_list.html", {"page": page, **meta})


def enterprise_list(request: HttpRequest) -> HttpResponse:
    ownership = _choice(request, "ownership", Enterprise.Ownership.choices)
    qs = Enterprise.objects.public().select_related("regulator").only(
        "id", "name", "slug", "native_name", "ownership", "regulator__id", "regulator__name", "regulator__slug",
    )
    if ownership:
        qs = qs.filter(ownership=ownership)
    qs = _with_public_links(qs, {"regulator": Regulator})
    page = _page(request, _with_coverage(qs).order_by("name", "id"), DIRECTORY_PAGE_SIZE)
    _hide_unpublished_links(page.object_list, "regulator")
    label = dict(Enterprise.Ownership.choices).get(ownership, "")
    meta = page_meta(
        title=f"Enterprises: {label}" if label else "Enterprises",
        description="The companies we follow: state-owned groups, listed miners and processors, foreign players.",
    )
    context = {"page": page, "ownership": ownership, "choices": Enterprise.Ownership.choices,
               "canonical_url": _directory_canonical(request, "ownership", ownership, page), **meta}
    return render(request, "entities/enterprise_list.html", context)


def regulator_list(request: HttpRequest) -> HttpResponse:
    level = _choice(request, "level", Regulator.Level.choices)
    qs = Regulator.objects.public().select_related("parent").only(
        "id", "name", "slug", "native_name", "acronym", "level", "jurisdiction",
        "parent__id", "parent__name", "parent__slug",
    )
    if level:
        qs = qs.filter(level=level)
    qs = _with_public_links(qs, {"parent": Regulator})
    page = _page(request, _with_coverage(qs).order_by("name", "id"), DIRECTORY_PAGE_SIZE)
    _hide_unpublished_links(page.object_list, "parent")
    label = dict(Regulator.Level.choices).get(level, "")
    meta = page_meta(
        title=f"Regulators: {label}" if label else "Regulators",
        description="The regulators and supervisors we follow, from the central SASAC to provincial bodies.",
    )
    context = {"page": page, "level": level, "choices": Regulator.Level.choices,
               "canonical_url": _directory_canonical(request, "level", level, page), **meta}
    return render(request, "entities/regulator_list.html", context)


def author_detail(request: HttpRequest, slug: str) -> HttpResponse:
    author = get_object_or_404(AuthorProfile, slug=slug)
    page = _page(request, Article.objects.published().filter(authors=author).for_listing())
    title = author.display_name if page.number == 1 else f"{author.display_name}, page {page.number}"
    description = author.bio or f"Articles by {author.display_name}" + (f", {author.role}." if author.role else ".")
    jsonld = {
        "@context": "https://schema.org",
        "@type": "ProfilePage",
        "mainEntity": {
            "@type": "Person",
            "name": author.display_name,
            "url": absolute_url(author.get_absolute_url()),
            **({"jobTitle": author.role} if author.role else {}),
            **({"image": absolute_url(author.photo_url())} if author.photo_renditions.get("thumb") else {}),
        },
    }
    context = {"author": author, "page": page, "jsonld": jsonld,
               **page_meta(title=title, description=description, image=author.photo_url(), og_type="profile")}
    return render(request, "authors/detail.html", context)
