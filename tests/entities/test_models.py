import datetime

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from entities.models import Enterprise, Official, Regulator
from tests.factories import make_enterprise, make_official, make_position, make_regulator

pytestmark = pytest.mark.django_db
D = datetime.date


def test_positions_are_ordered_newest_first_and_resolve_the_post_held_on_a_date():
    sun = make_official("Sun Shaocheng", native_name="孙绍骋")
    old = make_position(sun, "Minister", organisation_name="Ministry of Veterans Affairs",
                        start_date=D(2018, 3, 1), end_date=D(2022, 10, 1))
    new = make_position(sun, "Party Secretary", organisation_name="Inner Mongolia Autonomous Region",
                        start_date=D(2022, 10, 2))
    assert list(sun.positions.all()) == [new, old]
    assert sun.position_on(D(2020, 1, 1)) == old
    assert sun.position_on(D(2024, 11, 5)) == new
    assert sun.position_on(D(2010, 1, 1)) is None


def test_position_links_its_organisation_profile_when_there_is_one():
    sasac = make_regulator("Inner Mongolia SASAC", acronym="SASAC")
    group = make_enterprise("Baotou Steel Group")
    official = make_official()
    at_regulator = make_position(official, "Director", regulator=sasac, start_date=D(2020, 1, 1))
    at_group = make_position(official, "Chairman", enterprise=group, start_date=D(2021, 1, 1))
    elsewhere = make_position(official, "Deputy Secretary", organisation_name="Baotou Party Committee")
    assert at_regulator.organisation == sasac and at_regulator.organisation_label == "Inner Mongolia SASAC"
    assert at_group.organisation == group
    assert elsewhere.organisation is None and elsewhere.organisation_label == "Baotou Party Committee"


def test_position_cannot_belong_to_both_an_enterprise_and_a_regulator():
    with pytest.raises(IntegrityError), transaction.atomic():
        make_position(make_official(), regulator=make_regulator(), enterprise=make_enterprise())


def test_position_cannot_end_before_it_starts():
    with pytest.raises(IntegrityError), transaction.atomic():
        make_position(make_official(), start_date=D(2020, 1, 1), end_date=D(2019, 1, 1))


def test_position_needs_an_organisation():
    official = make_official()
    position = official.positions.model(official=official, title="Director")
    with pytest.raises(ValidationError):
        position.full_clean()


def test_enterprise_groups_and_subsidiaries():
    group = make_enterprise("Baotou Steel Group", ownership=Enterprise.Ownership.LOCAL_SOE)
    northern = make_enterprise("China Northern Rare Earth", parent=group)
    union = make_enterprise("Baotou Steel Union", parent=group)
    assert set(group.subsidiaries.all()) == {northern, union}
    assert northern.ancestors() == [group]
    assert group.is_state_owned and not make_enterprise("Lynas").is_state_owned


def test_enterprise_cannot_be_its_own_ancestor():
    group = make_enterprise("Group")
    sub = make_enterprise("Sub", parent=group)
    group.parent = sub
    with pytest.raises(ValidationError):
        group.full_clean()


def test_regulator_hierarchy():
    central = make_regulator("SASAC", acronym="SASAC", level=Regulator.Level.NATIONAL)
    regional = make_regulator("Inner Mongolia SASAC", level=Regulator.Level.PROVINCIAL, parent=central)
    city = make_regulator("Baotou SASAC", level=Regulator.Level.MUNICIPAL, parent=regional)
    assert list(central.children.all()) == [regional]
    assert city.ancestors() == [regional, central]
    central.parent = city
    with pytest.raises(ValidationError):
        central.full_clean()


def test_names_native_names_and_aliases_are_all_searchable():
    o = make_official("Sun Shaocheng", native_name="孙绍骋", aliases=["Sun Shao-cheng", " ", "sun shaocheng"])
    assert o.aliases == ["Sun Shao-cheng", "sun shaocheng"]
    assert o.all_names() == ["Sun Shaocheng", "孙绍骋", "Sun Shao-cheng"]
    assert Official.objects.filter(search_names__contains="孙绍骋").get() == o
    assert o.slug == "sun-shaocheng"


def test_chinese_only_names_get_a_slug():
    assert make_enterprise("包钢集团").slug == "enterprise"
    assert make_enterprise("北方稀土").slug == "enterprise-2"


class _OfficialPhotoForm(forms.ModelForm):
    class Meta:
        model = Official
        fields = ["name", "photo"]


def test_official_photo_makes_renditions(django_capture_on_commit_callbacks):
    from tests.factories import image_upload

    form = _OfficialPhotoForm(data={"name": "Meng Fanying"}, files={"photo": image_upload(width=2000, height=1000)})
    assert form.is_valid(), form.errors
    with django_capture_on_commit_callbacks(execute=True):  # made by a task, on commit
        official = form.save()
    official.refresh_from_db()
    assert official.photo_renditions["card"]["width"] == 480
    assert official.photo_url("card").endswith(".webp")
