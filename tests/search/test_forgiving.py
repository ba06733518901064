"""Search that forgives: misspelled words corrected from the vocabulary of
published articles, "Did you mean", synonym groups edited in the admin,
and the admin's lists searched through the same engine. On whichever
database the tests run against (both in CI)."""

import datetime
import json
import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from search import spelling
from search.evaluation import load_labelled
from search.forgiving import find_articles
from search.models import SearchTerm, SynonymGroup
from search.spelling import check_spelling
from search.synonyms import synonym_table
from tests.factories import make_article, make_enterprise, make_official, make_user

pytestmark = pytest.mark.django_db

URL = "/search/"


def found_titles(query: str, **kwargs) -> list[str]:
    return [a.title for a in find_articles(query=query, **kwargs).search.queryset]


def page_titles(response) -> list[str]:
    html = response.content.decode()
    found = re.findall(r'<article class="search-result">\s*<h3><a href="[^"]*">(.*?)</a></h3>', html, re.S)
    return [re.sub(r"</?mark>", "", t) for t in found]


def text_of(response) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


def frequency(term: str) -> int:
    return SearchTerm.objects.filter(term=term).values_list("frequency", flat=True).first() or 0


@pytest.fixture(params=["trigram", "fallback"] if connection.vendor == "postgresql" else ["fallback"])
def candidates(request, monkeypatch):
    """Both ways of finding near spellings: pg_trgm's index (PostgreSQL) and
    the length/letter fallback (SQLite, or PostgreSQL without pg_trgm)."""
    if request.param == "fallback":
        monkeypatch.setitem(spelling._trigram_ready, connection.alias, False)
    else:
        assert spelling.uses_trigrams(), "the migration should have created the trigram index"
    return request.param


# ------------------------------------------------------------ misspellings


@pytest.mark.parametrize(
    ("typed", "meant"),
    [("dysprosum", "dysprosium"), ("neodymiun", "neodymium"), ("quotaz", "quotas"), ("Lacase", "Lacaze")],
)
def test_a_misspelled_word_finds_the_article_and_the_page_says_so(client, candidates, typed, meant):
    make_article(f"Why {meant} matters", body=f"<p>The {meant} story.</p>")
    make_article("Cobalt prices stall", body="<p>Nothing relevant.</p>")
    response = client.get(URL, {"q": typed})
    assert page_titles(response) == [f"Why {meant} matters"]
    text = text_of(response)
    assert f"Showing results for {meant.lower()} . Search instead for {typed} ." in text
    # "Search instead" searches the words as typed, with no correction.
    instead = client.get(URL, {"q": typed, "spell": "0"})
    assert page_titles(instead) == []
    assert "Showing results for" not in text_of(instead)


def test_a_misspelled_word_among_correct_ones_is_corrected_alone(candidates):
    make_article("Dysprosium export licences tighten", body="<p>Licences for magnets.</p>")
    make_article("Dysprosium prices fall", body="<p>Prices.</p>")
    outcome = find_articles(query="dysprosim licences")
    assert outcome.corrected_from == "dysprosim licences"
    assert outcome.search.query == "dysprosium licences"
    assert [a.title for a in outcome.search.queryset] == ["Dysprosium export licences tighten"]


def test_typo_tolerance_off_finds_nothing_for_a_misspelling(settings):
    make_article("Dysprosium stockpile grows")
    settings.SEARCH_TYPO_TOLERANCE = False
    assert found_titles("dysprosum") == []
    settings.SEARCH_TYPO_TOLERANCE = True
    assert found_titles("dysprosum") == ["Dysprosium stockpile grows"]


def test_a_word_nothing_resembles_gets_no_correction(client):
    make_article("Dysprosium stockpile grows")
    response = client.get(URL, {"q": "zzqxv"})
    assert page_titles(response) == []
    assert "Showing results for" not in text_of(response)
    assert "Did you mean" not in text_of(response)


def test_did_you_mean_offers_a_much_more_common_near_spelling(client, candidates):
    for i in range(12):
        make_article(f"Terbium report {i}", body="<p>Terbium supply.</p>")
    make_article("A terbiun typo in print", body="<p>Once.</p>")
    response = client.get(URL, {"q": "terbiun"})
    # The rare spelling still finds its article; the common one is offered.
    assert page_titles(response) == ["A terbiun typo in print"]
    assert "Did you mean terbium ?" in text_of(response)
    assert 'href="?q=terbium"' in response.content.decode()


def test_no_did_you_mean_for_a_common_word_or_its_plural(client):
    for i in range(5):
        make_article(f"Magnet makers {i}", body="<p>magnets and magnet.</p>")
    assert "Did you mean" not in text_of(client.get(URL, {"q": "magnet"}))
    assert check_spelling("magnet").suggested is None


# ------------------------------------------------------------ the vocabulary


def test_the_vocabulary_never_holds_words_only_in_unpublished_articles(client):
    make_article("Published piece", body="<p>Ordinary words here.</p>")
    for status in (Article.Status.DRAFT, Article.Status.REVIEW, Article.Status.SCHEDULED, Article.Status.ARCHIVED):
        make_article(f"Hidden {status}", body="<p>Xenotimium secret.</p>", status=status)
    assert frequency("xenotimium") == 0
    response = client.get(URL, {"q": "xenotimum"})
    assert "xenotimium" not in response.content.decode().lower()
    assert check_spelling("xenotimum").corrected is None


def test_the_vocabulary_follows_publishing_editing_and_deleting():
    article = make_article("Draft about xenotime", status=Article.Status.DRAFT, body="<p>Xenotime ore.</p>")
    assert frequency("xenotime") == 0
    article.status = Article.Status.PUBLISHED
    article.published_at = timezone.now() - datetime.timedelta(hours=1)
    article.save()
    assert frequency("xenotime") == 1
    other = make_article("Xenotime again", body="<p>More.</p>")
    assert frequency("xenotime") == 2
    article.title, article.body = "Draft about monazite", "<p>Monazite ore.</p>"
    article.save()
    assert (frequency("xenotime"), frequency("monazite")) == (1, 1)
    article.status = Article.Status.DRAFT
    article.save()
    assert frequency("monazite") == 0
    assert not SearchTerm.objects.filter(term="monazite").exists()
    other.delete()
    assert frequency("xenotime") == 0


def test_rebuild_counts_the_vocabulary_afresh(capsys):
    make_article("Samarium cobalt magnets")
    make_article("Samarium prices", status=Article.Status.DRAFT)
    SearchTerm.objects.update(frequency=99)
    call_command("rebuild_search_index", "--vocabulary-only")
    assert frequency("samarium") == 1
    assert "Counted" in capsys.readouterr().out
    call_command("rebuild_search_index")
    assert frequency("samarium") == 1


# ------------------------------------------------------------ synonyms


def test_seeded_groups_come_from_the_data_file():
    table = synonym_table()
    assert {"dysprosium", "dy", "镝"} <= set(table["镝"])
    assert {"ndpr", "镨钕", "neodymium-praseodymium"} <= set(table["ndpr"])
    assert "国资委" in table["sasac"] and "工信部" in table["miit"]


@pytest.mark.parametrize("query", ["镝", "Dy", "dysprosium"])
def test_an_element_is_found_by_its_symbol_chinese_name_or_english_name(query):
    make_article("Dysprosium quota raised", body="<p>Heavy rare earth.</p>")
    make_article("Cobalt study published", body="<p>A dynamic study, already done.</p>")
    assert found_titles(query) == ["Dysprosium quota raised"]


def test_chinese_names_of_bodies_find_english_coverage_and_back():
    make_article("SASAC reshuffles the groups", body="<p>The commission acts.</p>")
    make_article("MIIT sets quotas", body="<p>The ministry acts.</p>")
    make_article("国资委 statement", body="<p>Quoted in Chinese.</p>")
    assert set(found_titles("国资委")) == {"SASAC reshuffles the groups", "国资委 statement"}
    assert set(found_titles("SASAC")) == {"SASAC reshuffles the groups", "国资委 statement"}
    assert found_titles("工信部") == ["MIIT sets quotas"]


def test_ndpr_and_its_chinese_name_find_neodymium_praseodymium():
    make_article("NdPr oxide price", body="<p>Prices.</p>")
    make_article("Neodymium-praseodymium output", body="<p>Output.</p>")
    assert set(found_titles("镨钕")) == {"NdPr oxide price", "Neodymium-praseodymium output"}


def test_a_query_that_is_a_group_name_still_finds_its_words_apart_as_without_synonyms():
    # Unquoted, "rare earth" asks for both words, as any other two words do;
    # the group adds its other names (稀土, REE) as a reader would expect.
    make_article("Rare metals and light earths", body="<p>Prices of rare metals; earths too.</p>")
    make_article("稀土 prices", body="<p>Quoted in Chinese.</p>")
    make_article("Rare earth quota", body="<p>The quota.</p>")
    make_article("Rare books sold", body="<p>An auction.</p>")
    assert set(found_titles("rare earth")) == {"Rare metals and light earths", "稀土 prices", "Rare earth quota"}
    assert set(found_titles("rare earth", synonyms=False)) == {"Rare metals and light earths", "Rare earth quota"}
    # Quoted, it is the phrase (or another name of the group).
    assert set(found_titles('"rare earth"')) == {"稀土 prices", "Rare earth quota"}


def test_the_words_of_a_long_synonym_do_not_count_alone():
    # "industry" in a title is no mention of the Ministry of Industry and
    # Information Technology: the article that names the ministry twice
    # ranks first, though the other is newer.
    make_article("Industry news roundup", standfirst="Weekly.", highlights=[],
                 body="<p>MIIT said little this week.</p>")
    make_article("Quota notice", standfirst="Weekly.", highlights=[],
                 body="<p>MIIT said the Ministry of Industry and Information Technology sets the quota.</p>")
    assert found_titles("MIIT") == ["Quota notice", "Industry news roundup"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the full-text engine is PostgreSQL's")
def test_a_chinese_name_found_nowhere_is_not_looked_for_inside_every_document():
    make_article("Cobalt prices", body="<p>Nothing about 镨 or 钕 together.</p>")
    with CaptureQueriesContext(connection) as queries:
        assert found_titles("镨钕") == []
    # Parts of words (document LIKE, read from every row) cannot find a
    # Chinese name its character tokens did not.
    assert not [q["sql"] for q in queries.captured_queries if "LIKE" in q["sql"] or "REPLACE(" in q["sql"]]
    make_article("镨钕 oxide", body="<p>Prices.</p>")
    assert found_titles("镨钕") == ["镨钕 oxide"]


def test_synonyms_off_searches_the_word_alone():
    make_article("Dysprosium quota raised")
    assert found_titles("镝", synonyms=False) == []


def test_a_group_edited_in_the_admin_applies_to_the_next_search_without_reindexing(client):
    make_article("Monazite sands dredged", body="<p>Beach ore.</p>")
    client.force_login(make_user("root", superuser=True))
    assert found_titles("独居石") == []
    documents_before = list(Article.objects.values_list("search_document__updated_at", flat=True))
    add = client.post(
        reverse("admin:search_synonymgroup_add"), {"name": "monazite", "aliases": "独居石\nmonazite sand"}
    )
    assert add.status_code == 302, add.content.decode()[:2000]
    assert found_titles("独居石") == ["Monazite sands dredged"]
    group = SynonymGroup.objects.get(name="monazite")
    change = client.post(reverse("admin:search_synonymgroup_change", args=[group.pk]), {"name": "monazite", "aliases": ""})
    assert change.status_code == 302
    assert found_titles("独居石") == []
    # No document was rewritten: the groups apply when a query is read.
    assert list(Article.objects.values_list("search_document__updated_at", flat=True)) == documents_before


def test_results_page_highlights_the_synonym_found(client):
    make_article("Dysprosium quota raised", body="<p>More dysprosium.</p>")
    html = client.get(URL, {"q": "镝"}).content.decode()
    assert "<mark>Dysprosium</mark>" in html


# ------------------------------------------------------------ admin search


@pytest.fixture
def baotou(db):
    return make_enterprise("Baotou Steel Group", native_name="包头钢铁（集团）有限责任公司", aliases=["Baogang", "包钢"])


def test_admin_article_search_finds_stories_by_an_entity_alias(client, baotou):
    make_article("Steel group restructures", body="<p>A plain story.</p>", enterprises=[baotou])
    make_article("Draft on the steel group", body="<p>Unfinished.</p>", enterprises=[baotou],
                 status=Article.Status.DRAFT)
    make_article("Unrelated story", body="<p>Cobalt.</p>")
    client.force_login(make_user("root", superuser=True))
    response = client.get(reverse("admin:articles_article_changelist"), {"q": "包钢"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Steel group restructures" in html and "Draft on the steel group" in html
    assert "Unrelated story" not in html


def test_admin_article_search_uses_synonym_groups(client):
    make_article("Dysprosium quota raised")
    client.force_login(make_user("root", superuser=True))
    html = client.get(reverse("admin:articles_article_changelist"), {"q": "镝"}).content.decode()
    assert "Dysprosium quota raised" in html


def test_admin_entity_search_finds_by_alias_and_chinese_name(client, baotou):
    make_enterprise("Cobalt Holdings")
    client.force_login(make_user("root", superuser=True))
    for q in ("包钢", "Baogang", "包头钢铁"):
        html = client.get(reverse("admin:entities_enterprise_changelist"), {"q": q}).content.decode()
        assert "Baotou Steel Group" in html, q
        assert "Cobalt Holdings" not in html, q


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL trigram similarity")
def test_admin_entity_search_forgives_a_misspelled_name_on_postgres(client, baotou):
    client.force_login(make_user("root", superuser=True))
    html = client.get(reverse("admin:entities_enterprise_changelist"), {"q": "Baotuo Steel"}).content.decode()
    assert "Baotou Steel Group" in html


# ------------------------------------------------------------ what still holds


def test_query_count_of_a_corrected_search_is_bounded(client, django_assert_max_num_queries):
    for i in range(25):
        make_article(f"Dysprosium report {i}", tags=[f"Topic {i % 5}"])
    # The search twice (words, then parts of words), the vocabulary, the
    # corrected search, its page, snippets, tags, topics and entities.
    with django_assert_max_num_queries(12):
        response = client.get(URL, {"q": "dysprosum"})
    assert len(page_titles(response)) == 20


def test_odd_queries_are_answered_with_typo_tolerance_on(client):
    make_article("Dysprosium")
    for q in ["", "-", "or", "aaa", "%_%", "d\u00e9j\u00e0 vu", "x" * 200, '"dysprosum"', "-dysprosum"]:
        assert client.get(URL, {"q": q, "spell": q[:3]}).status_code == 200


def test_the_labelled_query_set_covers_the_beat():
    queries = load_labelled()
    assert len(queries) >= 60
    kinds = {q.kind for q in queries}
    assert {"misspelling", "symbol", "chinese", "phrase", "synonym", "alias", "plain"} <= kinds
    demo = {}
    with open("demo/data/articles.jsonl", encoding="utf-8") as lines:
        for line in lines:
            article = json.loads(line)
            demo[article["slug"]] = article["status"]
    for q in queries:
        assert q.expect and all(demo.get(slug) == "published" for slug in q.expect), q


def test_evaluation_on_the_demo_corpus_misspellings_go_from_nothing_to_the_first_page(capsys):
    call_command("load_demo", "--quiet")
    call_command("evaluate_search", "--json")
    out = capsys.readouterr().out
    figures = json.loads(out.strip().splitlines()[-1])["results"]
    misspelled = figures["misspelling"]
    assert misspelled["before"]["first_page"] <= 0.1
    assert misspelled["after"]["first_page"] >= 0.9
    assert figures["all"]["after"]["mrr"] > figures["all"]["before"]["mrr"]
    assert "recall@10 before" in out


def test_a_corrected_query_also_finds_the_profile(client):
    official = make_official("Amanda Lacaze", aliases=["A. Lacaze"])
    make_article("Lynas chief to retire", officials=[official])
    response = client.get(URL, {"q": "Lacase"})
    assert page_titles(response) == ["Lynas chief to retire"]
    assert f'<a href="{official.get_absolute_url()}">Amanda Lacaze</a>' in response.content.decode()


def test_a_quoted_phrase_still_matches_as_a_phrase_and_is_corrected_inside_its_quotes(candidates):
    make_article("A price floor for magnets", body="<p>The floor holds.</p>")
    make_article("Floor traders and price talk", body="<p>Words apart.</p>")
    assert found_titles('"price floor"') == ["A price floor for magnets"]
    outcome = find_articles(query='"price flor"')
    assert outcome.corrected_from == '"price flor"'
    assert [a.title for a in outcome.search.queryset] == ["A price floor for magnets"]
