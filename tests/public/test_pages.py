"""What a reader sees on each public page."""

import datetime

import pytest
from django.utils import timezone

from articles.models import Correction
from tests.factories import make_article, make_official, make_position

from .helpers import head, text

pytestmark = pytest.mark.django_db


def test_home_leads_with_the_newest_story_and_lists_the_rest(client, newsroom):
    html = text(client.get("/"))
    lead_at = html.index('id="lead-title"')
    assert newsroom.lead.title in html[lead_at: lead_at + 400]
    assert "Market note 0" in html and "Market note 3" in html
    assert "Quota rules tighten in Baotou" in html


def test_home_most_covered_counts_only_last_30_days_of_published_stories(client, newsroom):
    html = text(client.get("/"))
    aside = html[html.index('id="trending-heading"'):]
    # Southern Cross is in four recent published notes.
    assert "Southern Cross Minerals</a> <span class=\"meta\">4 stories" in aside
    # Northern Rare Earth: the lead only (the 2020 story is too old, the archived one hidden).
    assert "Northern Rare Earth</a> <span class=\"meta\">1 story" in aside
    # Policy: lead + 4 notes; the scheduled, archived and expired ones do not count.
    assert "Policy <span class=\"meta\">(5)" in aside
    assert "Secret tag" not in aside and "Zhao Hidden" not in aside


def test_home_is_paginated_and_page_two_has_no_lead(client, db):
    now = timezone.now()
    for i in range(30):
        make_article(f"Story {i:02d}", published_at=now - datetime.timedelta(hours=i))
    page2 = text(client.get("/?page=2"))
    assert 'id="lead-title"' not in page2
    assert "Story 13" in page2 and "Story 12" not in page2
    assert 'rel="prev"' in page2


@pytest.mark.parametrize("query", ["?page=0", "?page=99", "?page=abc", "?page=-1", "?page=1.5"])
def test_bad_page_numbers_are_404_not_500(client, newsroom, query):
    assert client.get("/" + query).status_code == 404
    assert client.get("/topics/policy/" + query).status_code == 404
    assert client.get(f"/officials/{newsroom.wang.slug}/" + query).status_code == 404


def test_article_page_shows_byline_dates_highlights_body_tags_and_corrections(client, newsroom):
    html = text(client.get(newsroom.old.get_absolute_url()))
    assert '<h1 id="article-title">Quota rules tighten in Baotou</h1>' in html
    assert '<a href="/authors/li-na/">Li Na</a>' in html
    assert 'datetime="2020-05-12T09:00:00+00:00"' in html
    assert "First point" in html
    assert "An earlier version gave the wrong quota year." in html
    assert '<a href="/topics/quotas/">Quotas</a>' in html


def test_article_body_links_out_in_a_new_tab_with_a_label_and_keeps_table(client, newsroom):
    html = text(client.get(newsroom.lead.get_absolute_url()))
    assert 'href="https://example.org/report" target="_blank" rel="noopener noreferrer"' in html
    assert "(opens in a new tab)" in html
    assert "<caption>Output</caption>" in html and '<th scope="col">Year</th>' in html


def test_official_is_described_by_the_post_held_on_the_article_date(client, newsroom):
    old = text(client.get(newsroom.old.get_absolute_url()))
    assert "then Party Secretary, Inner Mongolia Party Committee" in old
    new = text(client.get(newsroom.lead.get_absolute_url()))
    assert "Chairman, Northern Rare Earth" in new and "then Chairman" not in new


def test_article_mentions_link_to_profiles(client, newsroom):
    html = text(client.get(newsroom.lead.get_absolute_url()))
    for e in (newsroom.wang, newsroom.chen, newsroom.group, newsroom.northern, newsroom.sasac):
        assert f'href="{e.get_absolute_url()}"' in html


def test_you_might_also_like_lists_published_stories_sharing_tags(client, newsroom):
    html = text(client.get(newsroom.old.get_absolute_url()))
    section = html[html.index('id="related-heading"'):]
    assert "You Might Also Like" in section
    assert section.count('related-card"') >= 4
    assert newsroom.lead.title in section
    for hidden in ("Scheduled export story", "Archived smelter story", "Expired notice story", "Story in review"):
        assert hidden not in section


def test_image_caption_and_credit_on_article(client, db, django_capture_on_commit_callbacks):
    from tests.factories import image_upload

    with django_capture_on_commit_callbacks(execute=True):  # the renditions task
        a = make_article("Pictured story", featured_image=image_upload(width=1600, height=900),
                         featured_image_alt="Open-pit mine at dusk", featured_image_caption="The Bayan Obo pit.",
                         featured_image_credit="Staff photographer")
    html = text(client.get(a.get_absolute_url()))
    assert 'alt="Open-pit mine at dusk"' in html
    assert "The Bayan Obo pit." in html and "Staff photographer" in html
    assert head(html).meta["og:image"].startswith("http")
    assert head(html).meta["twitter:card"] == "summary_large_image"


def test_topic_page_lists_only_its_published_articles(client, newsroom):
    html = text(client.get("/topics/quotas/"))
    assert "Quota rules tighten in Baotou" in html
    assert "Story in review" not in html and "Market note" not in html
    assert client.get("/topics/no-such-topic/").status_code == 404


def test_topic_index_lists_topics_with_published_counts(client, newsroom):
    html = text(client.get("/topics/"))
    assert '<a href="/topics/policy/">Policy</a>' in html
    assert "Secret tag" not in html


def test_archive_by_year_and_month(client, newsroom):
    year = text(client.get("/archive/2020/"))
    assert "Quota rules tighten in Baotou" in year
    assert '<a href="/archive/2020/05/">May</a> <span class="meta">(1)' in year
    month = text(client.get("/archive/2020/05/"))
    assert "Quota rules tighten in Baotou" in month and "<h1>May 2020</h1>" in month
    assert "Quota rules" not in text(client.get("/archive/2020/06/"))


@pytest.mark.parametrize("url", ["/archive/2020/13/", "/archive/2020/00/", "/archive/0000/", "/archive/20/",
                                 "/archive/2020/5/", "/archive/2020/05/?page=9"])
def test_impossible_archive_periods_are_404(client, newsroom, url):
    assert client.get(url).status_code == 404


def test_corrections_page_lists_corrections_of_published_articles_newest_first(client, newsroom):
    Correction.objects.create(article=newsroom.lead, kind="update", text="Added the ministry's reply.")
    html = text(client.get("/corrections/"))
    html = html[html.index('<main'):]
    assert html.index("Added the ministry&#x27;s reply.") < html.index("An earlier version gave the wrong quota year.")
    assert "Hidden correction text on a draft." not in html
    assert f'href="{newsroom.old.get_absolute_url()}#corrections"' in html


def test_404_page_is_in_the_site_design(client, db):
    r = client.get("/no/such/page/")
    assert r.status_code == 404
    html = text(r)
    assert 'class="site-header"' in html and "Page not found" in html and 'action="/search/"' in html


def test_500_page_is_in_the_site_design(client, db):
    from django.template.loader import render_to_string

    html = render_to_string("500.html")
    assert "Something went wrong" in html and 'class="site-header"' in html and "site.css" in html


def test_search_form_in_header_submits_to_search(client, db):
    html = text(client.get("/"))
    assert '<form class="site-search" role="search" method="get" action="/search/">' in html
    assert 'name="q"' in html


def test_position_ended_since_is_prefixed_then(client, db):
    o = make_official("Liu Yang")
    make_position(o, "Governor", organisation_name="Jiangxi Province",
                  start_date=datetime.date(2010, 1, 1), end_date=datetime.date(2015, 1, 1))
    a = make_article("Jiangxi story", published_at=timezone.make_aware(datetime.datetime(2012, 3, 3)),
                     officials=[o])
    assert "then Governor, Jiangxi Province" in text(client.get(a.get_absolute_url()))


def test_wide_tables_scroll_in_a_focusable_region_named_by_their_caption(client, newsroom):
    html = text(client.get(newsroom.lead.get_absolute_url()))
    assert '<div class="table-scroll" role="region" tabindex="0" aria-label="Output"><table>' in html


def test_archive_links_to_every_year_with_published_stories(client, newsroom):
    html = text(client.get("/archive/2020/"))
    years = html[html.index('aria-label="Archive by year"'):]
    assert f'href="/archive/{newsroom.now:%Y}/"' in years and 'href="/archive/2020/"' in years
    assert 'href="/archive/2019/"' not in years


def test_article_shows_the_update_date_only_after_a_real_revision(client, db):
    from articles.models import Article

    from .helpers import jsonld

    a = make_article("Revised story", published_at=timezone.now() - datetime.timedelta(days=2))
    assert "Updated" not in text(client.get(a.get_absolute_url()))
    revised = timezone.now() - datetime.timedelta(hours=3)
    Article.objects.filter(pk=a.pk).update(content_updated_at=revised)
    html = text(client.get(a.get_absolute_url()))
    assert f'Updated <time datetime="{revised.replace(microsecond=0).isoformat()}">' in html
    (data,) = jsonld(html)
    assert data["dateModified"] == revised.isoformat()


def test_archive_root_opens_the_current_year(client, db):
    r = client.get("/archive/")
    assert r.status_code == 302 and r["Location"] == f"/archive/{timezone.localdate().year}/"


def test_every_page_links_its_stylesheet_and_the_current_year(client, db):
    """The chrome's year (archive link, copyright) is the site's current
    year, and the stylesheet is the collected file's URL."""
    from django.templatetags.static import static

    year = timezone.localdate().year
    html = client.get("/").content.decode()
    assert f'<link rel="stylesheet" href="{static("css/site.css")}">' in html
    assert f'<a href="/archive/{year}/"' in html and f"&copy; {year} " in html
