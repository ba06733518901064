"""A renamed official, enterprise, regulator or author keeps its profile
URL and its RSS, Atom and JSON feeds: the old addresses 301 to the new."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import make_article, make_author, make_enterprise, make_official, make_regulator

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("make, page, feed", [
    (make_official, "entities:official", "entities:official_feed"),
    (make_enterprise, "entities:enterprise", "entities:enterprise_feed"),
    (make_regulator, "entities:regulator", "entities:regulator_feed"),
    (make_author, "authors:detail", "authors:feed"),
])
def test_old_profile_and_feed_urls_301_to_the_new_ones_after_two_renames(client, make, page, feed):
    subject = make("Baotou Steel")
    relation = {"authors:detail": "authors", "entities:official": "officials",
                "entities:enterprise": "enterprises", "entities:regulator": "regulators"}[page]
    make_article("On Baotou", **{relation: [subject]})
    first = subject.slug
    for new in ("baotou-steel-group", "baotou-group"):
        subject.slug = new
        subject.save()
    names = [page, f"{feed}_rss", f"{feed}_atom", f"{feed}_json"]
    for name in names:
        for old in (first, "baotou-steel-group"):
            response = client.get(reverse(name, kwargs={"slug": old}))
            assert response.status_code == 301, (name, old)
            assert response["Location"] == reverse(name, kwargs={"slug": "baotou-group"})  # one hop
        assert client.get(reverse(name, kwargs={"slug": "baotou-group"})).status_code == 200
    subject.slug = first  # back to the first name: it answers there, no loop
    subject.save()
    assert client.get(reverse(page, kwargs={"slug": first})).status_code == 200
    assert client.get(reverse(page, kwargs={"slug": "baotou-group"}))["Location"] == reverse(page, kwargs={"slug": first})
