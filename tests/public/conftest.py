"""A small newsroom for the public-page tests: a regulator hierarchy, groups
and subsidiaries, officials with a positions timeline, and articles in every
state, so each test can check both what shows and what must not."""

from __future__ import annotations

import datetime
import io
from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from articles.models import Article, Correction
from tests.factories import (
    make_article,
    make_author,
    make_enterprise,
    make_library_image,
    make_official,
    make_position,
    make_regulator,
)

HIDDEN_TITLES = ("Draft on quotas", "Story in review", "Scheduled export story", "Archived smelter story",
                 "Expired notice story")


@pytest.fixture
def newsroom(db):
    return build_newsroom()


def build_newsroom(*, images: bool = False) -> SimpleNamespace:
    """The newsroom; ``images`` gives the stories and people pictures (for
    screenshots)."""
    now = timezone.now()
    sasac = make_regulator("State Assets Supervision Commission", acronym="SASAC", native_name="国资委",
                           same_as=["https://www.wikidata.org/wiki/Q1378968"], level="national")
    im_sasac = make_regulator("Inner Mongolia Assets Commission", parent=sasac, level="provincial",
                              jurisdiction="Inner Mongolia Autonomous Region")
    group = make_enterprise("China Rare Earth Group", ownership="central_soe", regulator=sasac,
                            native_name="中国稀土集团", same_as=["https://en.wikipedia.org/wiki/China_Rare_Earth_Group"])
    northern = make_enterprise("Northern Rare Earth", ownership="local_soe", regulator=im_sasac, parent=group)
    lynas = make_enterprise("Southern Cross Minerals", ownership="foreign")
    wang = make_official("Wang Lei", native_name="王磊", bio="A career official in the north.")
    make_position(wang, "Party Secretary", organisation_name="Inner Mongolia Party Committee",
                  start_date=datetime.date(2018, 1, 1), end_date=datetime.date(2021, 6, 30))
    make_position(wang, "Chairman", enterprise=northern, start_date=datetime.date(2021, 7, 1))
    chen = make_official("Chen Hua", native_name="陈华")
    make_position(chen, "Director", regulator=im_sasac, start_date=datetime.date(2015, 3, 1))
    author = make_author("Li Na")
    author2 = make_author("Tom Reed")
    old_day = timezone.make_aware(datetime.datetime(2020, 5, 12, 9, 0))
    old = make_article("Quota rules tighten in Baotou", published_at=old_day, tags=["Quotas", "Policy"],
                       authors=[author], officials=[wang], enterprises=[northern], regulators=[im_sasac])
    lead = make_article("Rare earth group consolidates southern mines", published_at=now - datetime.timedelta(hours=2),
                        tags=["Mining", "Policy"], authors=[author, author2], officials=[wang, chen],
                        enterprises=[group, northern], regulators=[sasac],
                        body='<p>See <a href="https://example.org/report">the report</a>.</p>'
                             '<table><caption>Output</caption><tr><th scope="col">Year</th></tr>'
                             "<tr><td>2025</td></tr></table>")
    recent = [
        make_article(f"Market note {i}", published_at=now - datetime.timedelta(days=i + 1), tags=["Prices", "Policy"],
                     authors=[author2], enterprises=[lynas])
        for i in range(4)
    ]
    Correction.objects.create(article=old, text="An earlier version gave the wrong quota year.")
    draft = make_article("Draft on quotas", status=Article.Status.DRAFT, tags=["Secret tag"], officials=[wang],
                         enterprises=[group], authors=[author])
    review = make_article("Story in review", status=Article.Status.REVIEW, tags=["Quotas"], regulators=[sasac])
    scheduled = make_article("Scheduled export story", status=Article.Status.SCHEDULED,
                             published_at=now + datetime.timedelta(days=1), tags=["Policy"], officials=[chen])
    archived = make_article("Archived smelter story", status=Article.Status.ARCHIVED, tags=["Policy"],
                            enterprises=[northern])
    expired = make_article("Expired notice story", published_at=now - datetime.timedelta(days=3),
                           expires_at=now - datetime.timedelta(hours=1), tags=["Policy"], regulators=[im_sasac])
    Correction.objects.create(article=draft, text="Hidden correction text on a draft.")
    hidden_only = make_official("Zhao Hidden")
    draft.officials.add(hidden_only)
    if images:
        for i, a in enumerate([lead, old, *recent]):
            a.featured_image = make_library_image(
                _picture(f"story{i}.png", i, 1600, 900), alt=f"Landscape photograph illustrating: {a.title}",
                caption="Processing works on the edge of the steppe.", credit="REE Exchange")
            a.save()
        wang.photo = _picture("wang.png", 7, 400, 500)
        wang.photo_alt = "Portrait of Wang Lei"
        wang.save()
    return SimpleNamespace(**locals())


def _picture(name: str, seed: int, width: int, height: int) -> SimpleUploadedFile:
    """A made-up landscape (sky gradient, hills) so screenshots look real."""
    from PIL import Image, ImageDraw

    skies = [((196, 120, 80), (250, 220, 170)), ((70, 110, 150), (200, 220, 235)), ((110, 90, 130), (235, 200, 190))]
    top, bottom = skies[seed % len(skies)]
    img = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(img)
    for y in range(height):
        t = y / height
        draw.line([(0, y), (width, y)], fill=tuple(int(top[c] + (bottom[c] - top[c]) * t) for c in range(3)))
    for layer, shade in enumerate(((90, 80, 70), (60, 55, 50), (35, 33, 30))):
        base = height * (0.55 + layer * 0.13)
        points = [(0, height)] + [
            (x, base - ((x * (seed + 3 + layer)) % 170) * (0.6 - layer * 0.15)) for x in range(0, width + 80, 80)
        ] + [(width, height)]
        draw.polygon(points, fill=shade)
    buf = io.BytesIO()
    img.save(buf, "PNG")
    return SimpleUploadedFile(name, buf.getvalue(), content_type="image/png")
