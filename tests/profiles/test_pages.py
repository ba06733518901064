"""What a reader sees on the profiles of officials, enterprises and regulators,
their directories, and author pages."""

import pytest

from tests.factories import make_regulator
from tests.public.helpers import text

pytestmark = pytest.mark.django_db


def test_author_page(client, newsroom):
    html = text(client.get(newsroom.author.get_absolute_url()))
    assert "<h1>Li Na</h1>" in html
    assert "Quota rules tighten in Baotou" in html and newsroom.lead.title in html
    assert "Draft on quotas" not in html


def test_official_profile(client, newsroom):
    html = text(client.get(newsroom.wang.get_absolute_url()))
    assert '<span class="native" lang="zh">王磊</span>' in html
    assert "A career official in the north." in html
    # Timeline, newest first, linking organisations with a profile.
    assert html.index("Chairman") < html.index("Party Secretary")
    assert f'<a href="{newsroom.northern.get_absolute_url()}">Northern Rare Earth</a>' in html
    # Coverage newest first, published only.
    assert html.index(newsroom.lead.title) < html.index("Quota rules tighten in Baotou")
    assert "Draft on quotas" not in html
    assert "<svg" in html and f'<a href="{newsroom.northern.get_absolute_url()}">' in html


def test_enterprise_profile(client, newsroom):
    html = text(client.get(newsroom.northern.get_absolute_url()))
    assert "Parent group</dt><dd><a href=\"/enterprises/china-rare-earth-group/\">" in html
    assert f'Supervised by</dt><dd><a href="{newsroom.im_sasac.get_absolute_url()}">' in html
    assert "People who held posts here" in html and '<a href="/officials/wang-lei/">Wang Lei</a>' in html
    assert "Archived smelter story" not in html
    group = text(client.get(newsroom.group.get_absolute_url()))
    assert "Subsidiaries" in group and '<a href="/enterprises/northern-rare-earth/">' in group


def test_regulator_profile(client, newsroom):
    html = text(client.get(newsroom.im_sasac.get_absolute_url()))
    assert f'Reports to</dt><dd><a href="{newsroom.sasac.get_absolute_url()}">' in html
    assert "Enterprises it supervises" in html and "/enterprises/northern-rare-earth/" in html
    assert '<a href="/officials/chen-hua/">Chen Hua</a>' in html
    assert "Expired notice story" not in html
    top = text(client.get(newsroom.sasac.get_absolute_url()))
    assert "Bodies under it" in top and newsroom.im_sasac.get_absolute_url() in top


def test_profiles_of_unknown_slugs_are_404(client, db):
    for url in ("/officials/nobody/", "/enterprises/nothing/", "/regulators/none/", "/authors/ghost/"):
        assert client.get(url).status_code == 404


def test_directories_filter_by_ownership_and_level(client, newsroom):
    html = text(client.get("/enterprises/?ownership=foreign"))
    assert "Southern Cross Minerals" in html and "Northern Rare Earth</a>" not in html
    assert 'aria-current="true">Foreign' in html
    regs = text(client.get("/regulators/?level=provincial"))
    assert "Inner Mongolia Assets Commission" in regs and "State Assets Supervision Commission</a> <abbr>" not in regs
    officials = text(client.get("/officials/"))
    assert "Chairman, Northern Rare Earth" in officials and "Wang Lei" in officials


@pytest.mark.parametrize("url", ["/enterprises/?ownership=bogus", "/regulators/?level=galactic",
                                 "/officials/?page=7"])
def test_bad_directory_filters_are_404(client, newsroom, url):
    assert client.get(url).status_code == 404


def test_directory_counts_only_published_coverage(client, newsroom):
    from entities.models import Official

    Official.objects.filter(pk=newsroom.hidden_only.pk).update(profile_published=True)
    html = text(client.get("/officials/"))
    zhao = html[html.index("Zhao Hidden"):]
    assert "0 stories" in zhao[:300]


def test_regulator_and_group_hierarchy_shows_ancestors_and_children(client, newsroom):
    city = make_regulator("Baotou Assets Office", parent=newsroom.im_sasac, level="municipal",
                          profile_published=True)
    html = text(client.get(city.get_absolute_url()))
    tree = html[html.index('aria-label="Regulator hierarchy"'):]
    assert tree.index(newsroom.sasac.name) < tree.index(newsroom.im_sasac.name) < tree.index("Baotou Assets Office")
    mid = text(client.get(newsroom.im_sasac.get_absolute_url()))
    tree = mid[mid.index('aria-label="Regulator hierarchy"'):]
    assert f'<a href="{city.get_absolute_url()}">Baotou Assets Office</a>' in tree
    group = text(client.get(newsroom.northern.get_absolute_url()))
    assert 'aria-label="Group structure"' in group
