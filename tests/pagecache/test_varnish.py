"""A real Varnish in front (deploy/varnish/ree_exchange.vcl, with
varnish-modules' xkey): it keeps the pages the site tags, and the site's
own purge after an edit reaches it, so what an editor unpublishes is gone
from Varnish on the next request and a draft never gets there."""

from __future__ import annotations

import importlib.util
import os
import shutil
import socket
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.db import transaction

from articles.models import Article
from newsroom import workflow
from tests.factories import make_article, make_user
from tests.newsroom.workflow_support import ready_article

# Started by the bench's helper, so the bench and the tests run the same Varnish.
_spec = importlib.util.spec_from_file_location(
    "varnish_front", Path(__file__).resolve().parents[2] / "bench" / "varnish_front.py")
_front = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_front)

pytestmark = pytest.mark.django_db(transaction=True)


def _get(url: str, **headers: str) -> tuple[int, dict, str]:
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as r:  # noqa: S310 (a local test server)
            return r.status, dict(r.headers), r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read().decode()


@pytest.fixture
def varnish(live_server, settings):
    """Varnish on a free port with the shipped VCL, its backend the live
    server; the site purges it as it would a CDN."""
    if shutil.which("varnishd") is None:
        if os.environ.get("REQUIRE_VARNISH") == "1":
            pytest.fail("REQUIRE_VARNISH=1 but varnishd is not installed")
        pytest.skip("needs Varnish (apt-get install varnish varnish-modules)")
    settings.PAGE_CACHE_ENABLED = True
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with _front.varnish_in_front(int(live_server.url.rsplit(":", 1)[1]), port, storage="malloc,32m"):
        url = f"http://127.0.0.1:{port}"
        settings.PAGE_CACHE_CDN_PURGE_URL = f"{url}/.purge"
        yield url


def test_varnish_keeps_a_tagged_page_and_hides_the_keys_from_browsers(varnish):
    article = make_article("Baotou raises its quota", tags=["cerium"])
    first = _get(varnish + article.get_absolute_url())
    second = _get(varnish + article.get_absolute_url())
    assert first[0] == second[0] == 200
    assert (first[1]["X-Cache"], second[1]["X-Cache"]) == ("MISS", "HIT")
    assert "Baotou raises its quota" in second[2]
    assert not {"Surrogate-Key", "Cache-Tag", "xkey"} & set(second[1])
    # A made-up cookie does not split the cache.
    assert _get(varnish + article.get_absolute_url(), Cookie="_ga=GA1.2.3")[1]["X-Cache"] == "HIT"


def test_an_unpublished_story_leaves_varnish_on_the_next_request(varnish):
    editor = make_user("eddie", group="Editors")
    article = ready_article("Gone by lunchtime", status=Article.Status.PUBLISHED)
    url = varnish + article.get_absolute_url()
    assert _get(url)[0] == 200 and _get(url)[1]["X-Cache"] == "HIT"
    assert "Gone by lunchtime" in _get(varnish + "/")[2]
    assert _get(varnish + "/")[1]["X-Cache"] == "HIT"
    with transaction.atomic():
        workflow.article_unpublish(article=article, user=editor, comment="Legal asked")
    # The purge went out on commit (the tests' task queue runs at once).
    assert _get(url)[0] == 404
    home = _get(varnish + "/")
    assert home[1]["X-Cache"] == "MISS" and "Gone by lunchtime" not in home[2]


def test_a_draft_and_its_404_never_stay_in_varnish(varnish):
    editor = make_user("eddie", group="Editors")
    draft = ready_article("Not yet", status=Article.Status.DRAFT)
    url = varnish + draft.get_absolute_url()
    assert _get(url)[0] == 404
    assert _get(url)[1]["X-Cache"] == "MISS"  # an untagged answer is not kept
    with transaction.atomic():
        workflow.article_publish(article=draft, user=editor)
    status, headers, body = _get(url)
    assert status == 200 and "Not yet" in body


def test_staff_pass_through_and_only_the_purgers_may_purge(varnish):
    article = make_article("Staff view")
    url = varnish + article.get_absolute_url()
    _get(url)
    assert _get(url, Cookie="ree_staff=x; sessionid=y")[1]["X-Cache"] == "MISS"
    refused = urllib.request.Request(f"{varnish}/.purge", method="GET")
    with pytest.raises(urllib.error.HTTPError) as e:
        urllib.request.urlopen(refused, timeout=10)  # noqa: S310
    assert e.value.code == 405
    assert _get(url)[1]["X-Cache"] == "HIT"
