"""Reference links (``same_as``) are published as live links, in JSON-LD and
in the API: only absolute http(s) URLs are accepted, by the model itself, and
a bad value already stored is never rendered."""

import pytest
from django.core.exceptions import ValidationError

from entities.models import Official
from tests.factories import make_article, make_official, make_user

pytestmark = pytest.mark.django_db

BAD_LINKS = ["javascript:alert(document.cookie)", "data:text/html,<script>alert(1)</script>",
             "//evil.example/wiki", "wikipedia.org/wiki/X", "ftp://example.org/x", "JaVaScRiPt:alert(1)"]
GOOD = "https://en.wikipedia.org/wiki/Sun_Shaocheng"


@pytest.mark.parametrize("link", BAD_LINKS)
def test_the_orm_and_full_clean_refuse_a_link_that_is_not_http(link):
    official = Official(name="Sun Shaocheng", same_as=[GOOD, link])
    with pytest.raises(ValidationError) as error:
        official.full_clean()
    assert "same_as" in error.value.message_dict
    with pytest.raises(ValidationError):
        official.save()
    assert not Official.objects.exists()


def test_http_and_https_links_are_accepted():
    official = make_official("Sun Shaocheng", same_as=[GOOD, "http://www.wikidata.org/wiki/Q1"])
    official.full_clean()
    assert Official.objects.get().same_as == [GOOD, "http://www.wikidata.org/wiki/Q1"]


def test_the_admin_form_shows_an_error_for_a_javascript_link(client):
    client.force_login(make_user(superuser=True))
    response = client.post("/admin/entities/official/add/", {
        "name": "Sun Shaocheng", "slug": "sun-shaocheng", "same_as": f"{GOOD}\njavascript:alert(1)",
        "positions-TOTAL_FORMS": "0", "positions-INITIAL_FORMS": "0",
    })
    assert response.status_code == 200
    assert "same_as" in response.context["adminform"].form.errors
    assert not Official.objects.exists()


def test_a_bad_link_stored_before_validation_is_never_rendered(client):
    official = make_official("Sun Shaocheng", same_as=[GOOD])
    make_article("Rare earth story", officials=[official])
    Official.objects.filter(pk=official.pk).update(same_as=[GOOD, *BAD_LINKS])  # bypasses save()

    page = client.get(official.get_absolute_url()).content.decode()
    assert GOOD in page
    for needle in ("javascript:alert", "data:text/html", "evil.example", "ftp://"):
        assert needle not in page.lower()

    api = client.get(f"/api/officials/{official.slug}/")
    assert api.status_code == 200
    assert api.json()["same_as"] == [GOOD]
