"""Reader search: what a reader finds at /search/, in what order, with which
snippets and filters, on whichever database the tests run against."""

import datetime
import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles.models import Article
from pages.navigation import menus
from search.documents import cjk_bigram_tokens, cjk_index_tokens, cjk_query_tokens, search_index_update
from search.engine import about, search_articles
from search.entity_matches import search_entities
from search.models import ArticleSearchDocument
from search.query import parse_search_request, query_terms
from search.snippets import build_snippet
from search.tasks import search_index_batch
from tests.factories import make_article, make_author, make_enterprise, make_official, make_regulator

pytestmark = pytest.mark.django_db

URL = "/search/"
on_postgres = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL trigram similarity")


def days_ago(n: float) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=n)


def titles(**kwargs) -> list[str]:
    return [a.title for a in search_articles(**kwargs).queryset]


def result_titles(response) -> list[str]:
    html = response.content.decode()
    found = re.findall(r'<article class="search-result">\s*<h3><a href="[^"]*">(.*?)</a></h3>', html, re.S)
    return [re.sub(r"</?mark>", "", t) for t in found]


# ------------------------------------------------------------------ ranking


def test_url_is_named_and_stable():
    assert reverse("search:search") == URL


def test_title_hit_outranks_body_hit_even_when_the_body_hit_is_newer():
    make_article("Cobalt prices stall", body="<p>Quota talk everywhere. Quota, quota, quota.</p>", published_at=days_ago(1))
    make_article("Ministry sets new quota for 2025", body="<p>Numbers follow.</p>", published_at=days_ago(30))
    assert titles(query="quota") == ["Ministry sets new quota for 2025", "Cobalt prices stall"]


def test_equally_relevant_articles_come_newest_first():
    common = {"standfirst": "Same standfirst.", "highlights": [], "body": "<p>Same body.</p>"}
    make_article("Samarium output grows", published_at=days_ago(10), **common)
    make_article("Samarium output falls", published_at=days_ago(2), **common)
    make_article("Samarium output holds", published_at=days_ago(5), **common)
    assert titles(query="samarium") == ["Samarium output falls", "Samarium output holds", "Samarium output grows"]


def test_all_words_must_match_and_a_minus_word_excludes():
    make_article("Baotou smelter expands", body="<p>Neodymium capacity doubles.</p>")
    make_article("Baotou smelter closes", body="<p>Cerium glut.</p>")
    make_article("Ganzhou smelter expands", body="<p>Neodymium again.</p>")
    assert titles(query="baotou neodymium") == ["Baotou smelter expands"]
    assert set(titles(query="smelter -cerium")) == {"Ganzhou smelter expands", "Baotou smelter expands"}


def test_standfirst_highlights_tags_and_entity_names_are_searched():
    official = make_official("Li Wenhua", native_name="李文华", aliases=["Wenhua Li"])
    make_article("Plain headline one", standfirst="Dysprosium stockpile grows.", highlights=[], body="")
    make_article("Plain headline two", highlights=["Terbium exports drop"], body="")
    make_article("Plain headline three", tags=["Magnet recycling"], body="")
    make_article("Plain headline four", officials=[official], body="")
    assert titles(query="dysprosium") == ["Plain headline one"]
    assert titles(query="terbium") == ["Plain headline two"]
    assert titles(query="recycling") == ["Plain headline three"]
    assert titles(query="Wenhua") == ["Plain headline four"]
    assert titles(query="李文华") == ["Plain headline four"]


def test_chinese_query_finds_an_article_whose_body_mentions_it(client):
    make_article("Northern group profits rise", body="<p>据报道，北方稀土集团上半年利润增长。</p>")
    make_article("Unrelated", body="<p>中国铝业的消息。</p>")
    assert titles(query="北方稀土") == ["Northern group profits rise"]
    response = client.get(URL, {"q": "北方稀土"})
    assert response.status_code == 200
    assert "<mark>北方稀土</mark>" in response.content.decode()


def test_chinese_official_found_by_native_name_in_people_and_articles(client):
    sun = make_official("Sun Shaocheng", native_name="孙绍骋", aliases=["Sun Shao-cheng"], profile_published=True)
    make_article("Inner Mongolia party chief visits Baotou", officials=[sun])
    response = client.get(URL, {"q": "孙绍骋"})
    html = response.content.decode()
    assert 'People and organisations' in html
    assert f'href="{sun.get_absolute_url()}"' in html
    assert result_titles(response) == ["Inner Mongolia party chief visits Baotou"]


# ----------------------------------------------------------------- entities


def test_entities_are_found_by_name_alias_native_name_and_acronym():
    sun = make_official("Sun Shaocheng", native_name="孙绍骋", aliases=["Sun Shao-cheng"], profile_published=True)
    ent = make_enterprise("China Northern Rare Earth Group", native_name="北方稀土", aliases=["Northern Rare Earth"], profile_published=True)
    reg = make_regulator("State-owned Assets Supervision and Administration Commission", acronym="SASAC", profile_published=True)
    make_official("Someone Else", profile_published=True)

    def found(q):
        return [(m.kind, m.slug) for m in search_entities(q)]

    assert ("official", sun.slug) in found("Shao-cheng")
    assert ("official", sun.slug) in found("孙绍骋")
    assert ("enterprise", ent.slug) in found("北方稀土")
    assert ("enterprise", ent.slug) in found("northern rare earth")
    assert ("regulator", reg.slug) in found("sasac")
    assert ("official", sun.slug) not in found("sasac")


def test_a_name_cut_short_finds_the_profile():
    sun = make_official("Sun Shaocheng", native_name="孙绍骋", profile_published=True)
    assert ("official", sun.slug) in [(m.kind, m.slug) for m in search_entities("Sun Shaochen")]


@on_postgres
@pytest.mark.parametrize("misspelt", ["Sun Shaochang", "Sun Shaoceng", "sun shao cheng"])
def test_misspelt_name_finds_the_profile_on_postgres(misspelt):
    sun = make_official("Sun Shaocheng", native_name="孙绍骋", profile_published=True)
    make_official("Wang Lei", profile_published=True)
    found = [(m.kind, m.slug) for m in search_entities(misspelt)]
    assert found == [("official", sun.slug)]


def test_people_and_organisations_section_links_profiles_with_their_type(client):
    ent = make_enterprise("China Northern Rare Earth Group", native_name="北方稀土", aliases=["Northern Rare Earth"], profile_published=True)
    html = client.get(URL, {"q": "Northern Rare Earth"}).content.decode()
    section = html.split('id="entities-heading"', 1)[1].split("</section>", 1)[0]
    assert f'<a href="{ent.get_absolute_url()}">China Northern Rare Earth Group</a>' in section
    assert "Enterprise" in section and "北方稀土" in section
    assert f"?enterprise={ent.slug}" in section


# ------------------------------------------------------------------ filters


def test_topic_filter():
    make_article("Quota story on magnets", tags=["Magnets"])
    make_article("Quota story on mining", tags=["Mining"])
    assert titles(query="quota", filters=parse_search_request({"topic": "magnets"}).filters) == [
        "Quota story on magnets"
    ]


def test_entity_filters():
    sun = make_official("Sun Shaocheng")
    ent = make_enterprise("Baotou Steel")
    reg = make_regulator("SASAC of Inner Mongolia")
    make_article("Quota one", officials=[sun])
    make_article("Quota two", enterprises=[ent])
    make_article("Quota three", regulators=[reg], officials=[sun])

    def only(**params):
        return set(titles(query="quota", filters=parse_search_request(params).filters))

    assert only(official=sun.slug) == {"Quota one", "Quota three"}
    assert only(enterprise=ent.slug) == {"Quota two"}
    assert only(regulator=reg.slug) == {"Quota three"}
    assert only(official=sun.slug, regulator=reg.slug) == {"Quota three"}
    assert only(official="nobody-by-that-name") == set()


def test_date_range_is_inclusive_of_both_days():
    day = timezone.localdate() - datetime.timedelta(days=20)
    noon = timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))
    make_article("Quota before", published_at=noon - datetime.timedelta(days=1))
    make_article("Quota on the day", published_at=noon)
    make_article("Quota after", published_at=noon + datetime.timedelta(days=1))
    iso = day.isoformat()
    assert titles(query="quota", filters=parse_search_request({"from": iso, "to": iso}).filters) == [
        "Quota on the day"
    ]
    assert set(titles(query="quota", filters=parse_search_request({"from": iso}).filters)) == {
        "Quota on the day", "Quota after",
    }


@pytest.mark.parametrize("bad", ["2024-13-01", "yesterday", "2024/01/01", "0001-01-01", "99999-01-01", "2024-02-30"])
def test_invalid_dates_are_ignored_with_a_notice(client, bad):
    make_article("Quota news")
    response = client.get(URL, {"q": "quota", "from": bad, "to": bad})
    assert response.status_code == 200
    assert result_titles(response) == ["Quota news"]
    assert "was not a date like" in response.content.decode()


def test_filters_without_words_list_the_filtered_coverage_newest_first(client):
    sun = make_official("Sun Shaocheng")
    make_article("Older visit", officials=[sun], published_at=days_ago(9))
    make_article("Newer visit", officials=[sun], published_at=days_ago(1))
    make_article("Not about him")
    response = client.get(URL, {"official": sun.slug})
    assert result_titles(response) == ["Newer visit", "Older visit"]
    assert "Official: <strong>Sun Shaocheng</strong>" in response.content.decode()


def test_topic_facets_count_matching_articles_and_link_to_the_filter(client):
    for i in range(3):
        make_article(f"Quota item {i}", tags=["Magnets", "Policy"] if i else ["Magnets"])
    make_article("Other thing", tags=["Policy"])
    html = client.get(URL, {"q": "quota"}).content.decode()
    aside = html.split('id="topics-heading"', 1)[1].split("</aside>", 1)[0]
    assert re.search(r'topic=magnets[^"]*">Magnets</a> <span class="meta">\(3\)', aside)
    assert re.search(r">Policy</a> <span class=\"meta\">\(2\)", aside)


# ---------------------------------------------------------------- visibility


def test_nothing_unpublished_is_ever_returned(client):
    make_article("Zirconium published")
    make_article("Zirconium draft", status=Article.Status.DRAFT)
    make_article("Zirconium in review", status=Article.Status.REVIEW)
    make_article("Zirconium scheduled", status=Article.Status.SCHEDULED, published_at=timezone.now() + datetime.timedelta(days=1))
    make_article("Zirconium archived", status=Article.Status.ARCHIVED)
    make_article("Zirconium expired", expires_at=timezone.now() - datetime.timedelta(minutes=1))
    assert titles(query="zirconium") == ["Zirconium published"]
    response = client.get(URL, {"q": "zirconium"})
    assert result_titles(response) == ["Zirconium published"]
    for leaked in ("draft", "review", "scheduled", "archived", "expired"):
        assert f"Zirconium {leaked}" not in response.content.decode()
    # Nor through filters alone.
    assert "Zirconium draft" not in client.get(URL, {"from": "2000-01-01"}).content.decode()


def test_a_scheduled_article_appears_once_its_time_comes():
    make_article("Yttrium plan", status=Article.Status.SCHEDULED, published_at=timezone.now() + datetime.timedelta(hours=1))
    assert titles(query="yttrium") == []
    assert titles(query="yttrium", now=timezone.now() + datetime.timedelta(hours=2)) == ["Yttrium plan"]


# ------------------------------------------------------------------ snippets


def test_snippet_highlights_matches_and_escapes_text_that_looks_like_html(client):
    make_article(
        "Export rules",
        standfirst="",
        highlights=[],
        body="<p>The quota notice said &lt;script&gt;alert(1)&lt;/script&gt; and &lt;b onmouseover=x&gt; twice.</p>",
    )
    html = client.get(URL, {"q": "quota"}).content.decode()
    item = html.split('<article class="search-result">', 1)[1].split("</article>", 1)[0]
    snippet = item.split('<p class="snippet">', 1)[1].split("</p>", 1)[0]
    assert "<mark>quota</mark>" in snippet
    assert "<script" not in html and "<b onmouseover" not in html
    # The only markup in a snippet is our <mark> tags.
    assert "<" not in re.sub(r"</?mark>", "", snippet)


def test_title_is_highlighted_and_escaped(client):
    make_article("Quota <em>tables</em> & more", body="<p>Nothing.</p>")
    html = client.get(URL, {"q": "quota"}).content.decode()
    heading = html.split('<article class="search-result">', 1)[1].split("</h3>", 1)[0]
    assert "<mark>Quota</mark>" in heading
    assert "&lt;em&gt;" in heading and "<em>" not in heading


def test_snippet_builder_cuts_around_the_first_match_and_marks_every_match():
    text = "Filler words " * 40 + "the Quota rose; quota again <b>" + " more filler" * 40
    html = str(build_snippet(text, ["quota"]))
    assert html.startswith("… ") and html.endswith(" …")
    assert html.count("<mark>") == 2 and "&lt;b&gt;" in html
    assert len(re.sub(r"</?mark>", "", html)) < 300


def test_query_terms_keep_phrases_drop_punctuation_and_split_exclusions():
    terms = query_terms('"rare earth" quota, -cobalt OR (Baotou) !!! ')
    assert terms.include == ("rare earth", "quota", "baotou")
    assert terms.exclude == ("cobalt",)


# --------------------------------------------------------------- the index


def test_index_follows_edits_tags_and_entity_renames():
    official = make_official("Wang Lei", profile_published=True)
    article = make_article("Plain title", officials=[official], body="<p>Original wording.</p>")
    assert titles(query="wang") == ["Plain title"]

    article.body = "<p>Holmium wording.</p>"
    article.save()
    assert titles(query="holmium") == ["Plain title"]
    assert titles(query="original") == []

    article.tags.add("Lutetium watch")
    assert titles(query="lutetium") == ["Plain title"]
    article.tags.clear()
    assert titles(query="lutetium") == []

    official.aliases = ["Lei Wang-Xu"]
    official.save()
    assert titles(query="wang-xu") == ["Plain title"]
    article.officials.remove(official)
    assert titles(query="wang") == []


def test_deleting_an_entity_removes_its_names_from_the_documents():
    ent = make_enterprise("Gadolinium Holdings")
    make_article("Plain title", enterprises=[ent])
    assert titles(query="gadolinium") == ["Plain title"]
    ent.delete()
    assert titles(query="gadolinium") == []


def test_batch_writes_each_document_once_at_the_end():
    with search_index_batch():
        article = make_article("Erbium batch", tags=["One", "Two"])
        assert not ArticleSearchDocument.objects.filter(article=article).exists()
    assert titles(query="erbium") == ["Erbium batch"]


def test_rebuild_command_indexes_everything(capsys):
    a = make_article("Thulium story")
    ArticleSearchDocument.objects.all().delete()
    assert titles(query="thulium") == []
    call_command("rebuild_search_index")
    assert "Indexed" in capsys.readouterr().out
    assert titles(query="thulium") == [a.title]


def test_update_skips_missing_ids():
    assert search_index_update(article_ids=[999999]) == 0


# -------------------------------------------------------------------- page


def test_empty_query_shows_just_the_form(client):
    make_article("Anything")
    response = client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'name="q"' in html and 'role="search"' in html
    assert "results-heading" not in html
    assert '<meta name="robots" content="noindex, follow">' in html


def test_bad_page_is_a_404_and_pages_keep_the_query(client):
    for i in range(23):
        make_article(f"Scandium item {i}")
    assert client.get(URL, {"q": "scandium", "page": "abc"}).status_code == 404
    assert client.get(URL, {"q": "scandium", "page": "3"}).status_code == 404
    assert client.get(URL, {"q": "scandium", "page": "0"}).status_code == 404
    first = client.get(URL, {"q": "scandium"})
    assert 'href="?q=scandium&amp;page=2"' in first.content.decode()
    second = client.get(URL, {"q": "scandium", "page": "2"})
    assert len(result_titles(second)) == 3
    assert client.get(URL, {"q": "no-such-word-anywhere"}).status_code == 200


def test_results_page_query_count_is_bounded(client, django_assert_max_num_queries):
    authors = [make_author(f"Writer {i}") for i in range(3)]
    officials = [make_official(f"Official Quota {i}") for i in range(3)]
    enterprises = [make_enterprise(f"Quota Mining {i}") for i in range(3)]
    for i in range(25):
        make_article(
            f"Quota report {i}",
            tags=[f"Topic {i % 5}", f"Region {i % 3}", "Quotas"],
            authors=authors,
            officials=officials,
            enterprises=enterprises,
        )
    params = {"q": "quota", "topic": "quotas", "official": officials[0].slug, "from": "2000-01-01"}
    # 8, one look-up in the spelling vocabulary ("Did you mean") and one for
    # the matching pages; the menus are one cache read once built
    # (tests/pages measures the build).
    menus()
    with django_assert_max_num_queries(10):
        response = client.get(URL, params)
    assert len(result_titles(response)) == 20
    assert response.content.decode().count("Writer 2") >= 20


@pytest.mark.parametrize(
    "q",
    [
        "x" * 2000,
        '"',
        '""""',
        "\\",
        "quota\x00",
        "\x00",
        "&|!:*",
        "!!!:*",
        "' OR 1=1; DROP TABLE articles_article; --",
        "a & b | !c <-> d",
        "%_%",
        "(",
        "-",
        "-quota",
        "or",
        "the",
        "\ue000quota\ue001",
        "🦄 稀土",
    ],
)
def test_odd_queries_never_fail(client, q):
    make_article("Quota article", body="<p>quota</p>")
    response = client.get(URL, {"q": q})
    assert response.status_code == 200
    assert "<mark>\ue000" not in response.content.decode()


def test_long_query_is_shortened_with_a_notice(client):
    response = client.get(URL, {"q": "quota " * 400})
    assert "shortened" in response.content.decode()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(q=st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300))
def test_any_text_is_answered_without_an_error(client, q):
    response = client.get(URL, {"q": q, "from": q[:12], "topic": q[:20], "official": q[:20]})
    assert response.status_code == 200


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(q=st.text(max_size=200))
def test_search_functions_accept_any_string(q):
    list(search_articles(query=q).queryset[:5])
    search_entities(q)


def test_part_of_a_word_is_found_when_no_whole_word_matches(client):
    make_article("Neodymium magnets in demand")
    response = client.get(URL, {"q": "neodym"})
    assert result_titles(response) == ["Neodymium magnets in demand"]
    assert "<mark>Neodym</mark>ium" in response.content.decode()


def test_inside_a_transaction_documents_are_written_once_on_commit(
    settings, monkeypatch, django_capture_on_commit_callbacks
):
    import search.tasks

    settings.SEARCH_INDEX_ON_COMMIT = True
    sun = make_official("Sun Shaocheng")
    writes = []
    real_update = search.tasks.search_index_update
    monkeypatch.setattr(
        search.tasks, "search_index_update", lambda *, article_ids: writes.append(set(article_ids)) or real_update(article_ids=article_ids)
    )
    with django_capture_on_commit_callbacks(execute=True):
        article = make_article("Europium quota", tags=["One", "Two"], officials=[sun])
        assert not ArticleSearchDocument.objects.filter(article=article).exists()
    assert writes == [{article.pk}]
    assert titles(query="europium") == ["Europium quota"]
    assert titles(query="shaocheng") == ["Europium quota"]


def test_article_text_cannot_forge_highlight_markers(client):
    make_article("Plain title", standfirst="", highlights=[], body="<p>quota \ue000&lt;img src=x onerror=alert(1)&gt;\ue001 end</p>")
    html = client.get(URL, {"q": "quota"}).content.decode()
    snippet = html.split('<p class="snippet">', 1)[1].split("</p>", 1)[0]
    assert snippet.count("<mark>") == 1 and "<img" not in html


# ------------------------------------------------------- broad queries (capped)


def test_a_broad_query_ranks_only_the_newest_matches_title_hits_first(settings):
    settings.SEARCH_CANDIDATES = 3
    make_article("Holmium quota set", body="<p>Text.</p>", published_at=days_ago(30))  # oldest: beyond the cap
    make_article("Prices rise", body="<p>The holmium market.</p>", published_at=days_ago(4))
    make_article("Holmium exports fall", body="<p>Text.</p>", published_at=days_ago(3))
    make_article("Prices fall", body="<p>More holmium news.</p>", published_at=days_ago(2))
    make_article("Prices hold", body="<p>Holmium again.</p>", published_at=days_ago(1))
    found = search_articles(query="holmium")
    assert found.capped
    # The three newest matches, the title hit first, then newest first.
    assert [a.title for a in found.queryset] == ["Holmium exports fall", "Prices hold", "Prices fall"]


def test_a_query_with_fewer_matches_than_the_cap_ranks_them_all(settings):
    settings.SEARCH_CANDIDATES = 5
    make_article("Holmium quota set", body="<p>Text.</p>", published_at=days_ago(30))
    make_article("Prices rise", body="<p>The holmium market.</p>", published_at=days_ago(1))
    found = search_articles(query="holmium")
    assert not found.capped and found.total() == 2
    assert [a.title for a in found.queryset] == ["Holmium quota set", "Prices rise"]


def test_a_capped_search_shows_an_estimated_total_and_pages_through_the_candidates(client, settings):
    settings.SEARCH_CANDIDATES = 25
    for i in range(30):
        make_article(f"Terbium note {i}", published_at=days_ago(i + 1))
    first = client.get(URL, {"q": "terbium"})
    html = first.content.decode()
    heading = html.split('id="results-heading">', 1)[1].split("</h2>", 1)[0]
    assert heading.startswith("About ") and "articles for" in heading
    assert "Showing the 25 newest, most relevant first." in html
    assert 'href="?q=terbium&amp;page=2"' in html
    second = client.get(URL, {"q": "terbium", "page": "2"})
    assert len(result_titles(second)) == 5
    assert client.get(URL, {"q": "terbium", "page": "3"}).status_code == 404


def test_an_uncapped_search_shows_the_exact_total(client, settings):
    settings.SEARCH_CANDIDATES = 25
    for i in range(3):
        make_article(f"Terbium note {i}")
    html = client.get(URL, {"q": "terbium"}).content.decode()
    assert 'id="results-heading">3 articles for' in html
    assert "newest, most relevant first" not in html


def test_a_capped_results_page_query_count_is_bounded(client, settings, django_assert_max_num_queries):
    settings.SEARCH_CANDIDATES = 10
    authors = [make_author(f"Writer {i}") for i in range(3)]
    for i in range(25):
        make_article(f"Quota report {i}", tags=[f"Topic {i % 5}", "Quotas"], authors=authors)
    # Candidates, the page's rows, bylines, tags, topic counts, the
    # estimate, profiles: the same for 25 matches or 100,000.
    # 8, one look-up in the spelling vocabulary ("Did you mean") and one for
    # the matching pages; the menus are one cache read once built
    # (tests/pages measures the build).
    menus()
    with django_assert_max_num_queries(10):
        response = client.get(URL, {"q": "quota"})
    assert len(result_titles(response)) == 10


def test_topic_counts_of_a_capped_search_cover_its_candidates(client, settings):
    settings.SEARCH_CANDIDATES = 2
    make_article("Gadolinium one", tags=["Magnets"], published_at=days_ago(3))
    make_article("Gadolinium two", tags=["Magnets"], published_at=days_ago(2))
    make_article("Gadolinium three", tags=["Magnets"], published_at=days_ago(1))
    html = client.get(URL, {"q": "gadolinium"}).content.decode()
    aside = html.split('id="topics-heading"', 1)[1].split("</aside>", 1)[0]
    assert re.search(r'>Magnets</a> <span class="meta">\(2\)', aside)


@pytest.mark.parametrize(("n", "shown"), [(7, 7), (99, 99), (123, 120), (99_865, 100_000), (1_234_567, 1_200_000)])
def test_about_keeps_two_significant_figures(n, shown):
    assert about(n) == shown


def test_two_character_chinese_queries_find_exact_matches_only():
    make_article("Rare earth prices", body="<p>稀土价格上涨。</p>")
    make_article("Quota news", standfirst="今年的稀土配额", body="<p>Quotas rose.</p>")
    make_article("Tin prices", body="<p>稀有金属价格。土地</p>")  # 稀 and 土 both there, never side by side
    assert sorted(titles(query="稀土")) == ["Quota news", "Rare earth prices"]
    assert titles(query="价格 稀土") == ["Rare earth prices"]
    assert titles(query="土价") == ["Rare earth prices"]


def test_cjk_bigram_tokens_are_ascii_and_cover_only_runs_of_two_or_more():
    assert cjk_bigram_tokens("稀土 x 中 rare 北方稀土") == sorted({
        f"cjk{ord('稀'):05x}{ord('土'):05x}", f"cjk{ord('北'):05x}{ord('方'):05x}", f"cjk{ord('方'):05x}{ord('稀'):05x}",
    })
    assert all(t.isascii() for t in cjk_bigram_tokens("北方稀土"))
    assert cjk_bigram_tokens("rare earth 中") == []


def test_one_character_queries_find_the_character_wherever_it_stands():
    # The rare earths' Chinese names are one character each.
    make_article("Magnet makers", body="<p>钕铁硼磁体出口增长。</p>")  # inside a longer run
    make_article("Heavy rare earths", standfirst="镝和铽", body="<p>Prices rose.</p>")  # between other characters
    make_article("Neodymium", body="<p>Price of 钕 up.</p>")
    make_article("Other metals", body="<p>稀有金属价格。</p>")
    assert sorted(titles(query="钕")) == ["Magnet makers", "Neodymium"]
    assert titles(query="铽") == ["Heavy rare earths"]
    assert titles(query="镝 铽") == ["Heavy rare earths"]
    assert titles(query="钕 -磁体") == ["Neodymium"]


def test_cjk_index_tokens_hold_every_character_and_every_bigram():
    assert cjk_index_tokens("钕铁 x 镝") == sorted({
        f"cju{ord('钕'):05x}", f"cju{ord('铁'):05x}", f"cju{ord('镝'):05x}", f"cjk{ord('钕'):05x}{ord('铁'):05x}",
    })
    # A query needs a lone character as itself, a longer run only as bigrams.
    assert cjk_query_tokens("镝") == [f"cju{ord('镝'):05x}"]
    assert cjk_query_tokens("钕铁") == [f"cjk{ord('钕'):05x}{ord('铁'):05x}"]
    assert cjk_query_tokens("rare") == []


@on_postgres
def test_a_one_character_chinese_query_is_answered_through_the_index():
    """Without the character's own token PostgreSQL reads every document
    (1.0 s on 100,000 articles) to answer 钕."""
    make_article("Magnet makers", body="<p>钕铁硼磁体出口增长。</p>")
    sql, params = search_articles(query="钕").matched.values("pk").query.sql_with_params()
    assert "@@" in sql and f"cju{ord('钕'):05x}" in params
    with connection.cursor() as cur:
        cur.execute("SELECT vector::text FROM search_articlesearchdocument")
        vector = cur.fetchone()[0]
    assert f"cju{ord('钕'):05x}" in vector and f"cju{ord('磁'):05x}" in vector


@on_postgres
def test_a_two_character_chinese_query_is_answered_through_the_bigram_index():
    """Two characters are too short for the trigram index: without the
    bigram condition on the (GIN-indexed) vector, PostgreSQL reads every
    document (4.5 s on 100,000 articles)."""
    make_article("Rare earth prices", body="<p>稀土价格上涨。</p>")
    sql, params = search_articles(query="稀土").matched.values("pk").query.sql_with_params()
    assert "@@" in sql and f"cjk{ord('稀'):05x}{ord('土'):05x}" in params
    doc = ArticleSearchDocument.objects.get(article__title="Rare earth prices")
    with connection.cursor() as cur:
        cur.execute("SELECT vector::text FROM search_articlesearchdocument WHERE article_id = %s", [doc.pk])
        assert f"cjk{ord('稀'):05x}{ord('土'):05x}" in cur.fetchone()[0]
