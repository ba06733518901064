"""'You Might Also Like': what readers and editors notice about the lists."""

import datetime
from pathlib import Path

import pytest
from django.core.management import call_command
from django.template.loader import render_to_string
from django.utils import timezone

from articles import events
from articles.models import Article
from recommendations import engine
from recommendations.corpus import EntityNames, analyze
from recommendations.engine import rebuild_all
from recommendations.engine import refresh as refresh_for
from recommendations.evaluation import evaluate
from recommendations.models import RelatedArticle
from recommendations.selectors import related_for_display
from recommendations.services import pin_related
from recommendations.vectors import STOP_WORDS
from tests.factories import make_article, make_enterprise, make_official, make_position, make_user

pytestmark = pytest.mark.django_db

LABELLED = Path(__file__).resolve().parent.parent / "data" / "recs_labelled.jsonl"

# Unrelated filler bodies so that text alone does not decide the tag and
# entity tests.
FILLER = [
    "Harbour cranes were repainted during the quiet winter season.",
    "A choir rehearsed new songs for the spring festival downtown.",
    "Cyclists complained about potholes along the river embankment.",
    "The library extended opening hours for students before exams.",
    "Farmers planted early potatoes after a mild February.",
    "A bakery chain opened its tenth shop near the railway station.",
    "The museum restored a medieval tapestry with volunteers' help.",
    "Heavy fog delayed ferries crossing the bay on Monday morning.",
    "Schools adopted a new timetable with longer lunch breaks.",
    "A chess club hosted a tournament for retired teachers.",
    "Beekeepers reported a good honey harvest in the valleys.",
    "Tram drivers tested a new route through the old town.",
]


def body(i: int) -> str:
    return f"<p>{FILLER[i % len(FILLER)]}</p>"


def article(title: str, i: int, **kw) -> Article:
    kw.setdefault("standfirst", "")
    kw.setdefault("highlights", [])
    return make_article(title, body=body(i), **kw)


RECYCLING = "<p>Recyclers recover neodymium and dysprosium from old hard disk drive magnets.</p>"


def recycling_story(*, town_news: int) -> tuple[Article, Article]:
    """A story, a close neighbour of it, and unrelated town news."""
    source = make_article("Recycling hard drive magnets", body=RECYCLING)
    neighbour = make_article("Magnet recycling grows", body=RECYCLING + "<p>Scrap is short.</p>")
    for i in range(town_news):
        article(f"Town news {i}", i)
    return source, neighbour


def new_recycling_story(**kw) -> Article:
    """A later story on the same subject (a draft unless ``status`` says otherwise)."""
    kw.setdefault("status", Article.Status.DRAFT)
    return make_article("Recovered dysprosium from drives", body=RECYCLING + "<p>New plant.</p>", **kw)


def listed(a: Article) -> list[int]:
    return list(
        RelatedArticle.objects.filter(article=a).order_by("-pinned", "rank", "id").values_list("related_id", flat=True)
    )


def test_a_shared_rare_tag_outranks_a_shared_common_tag():
    source = article("Quarterly bulletin one", 0, tags=["rare earths", "yttrium"])
    rare = article("Quarterly bulletin two", 1, tags=["yttrium"])
    common = article("Quarterly bulletin three", 2, tags=["rare earths"])
    for i in range(3, 12):
        article(f"Weekly note {i}", i, tags=["rare earths"])
    rebuild_all()
    ranks = listed(source)
    assert ranks.index(rare.pk) < ranks.index(common.pk)
    assert RelatedArticle.objects.get(article=source, related=rare).reason == "More on yttrium"


def test_a_shared_official_outranks_a_shared_common_tag():
    official = make_official("Wang Jun", native_name="王军")
    source = article("Ministerial visit", 0, tags=["rare earths"], officials=[official])
    same_person = article("Factory opening", 1, officials=[official])
    same_tag = article("Market overview", 2, tags=["rare earths"])
    for i in range(3, 10):
        article(f"Weekly note {i}", i, tags=["rare earths"])
    rebuild_all()
    ranks = listed(source)
    assert ranks.index(same_person.pk) < ranks.index(same_tag.pk)
    assert RelatedArticle.objects.get(article=source, related=same_person).reason == "Also about Wang Jun"


def test_an_enterprise_parent_group_links_articles():
    group = make_enterprise("China Rare Earth Group")
    unit = make_enterprise("Ganzhou Smelting", parent=group)
    source = article("Smelter results", 0, enterprises=[unit])
    about_group = article("Group strategy", 1, enterprises=[group])
    others = [article(f"Weekly note {i}", i) for i in range(2, 8)]
    rebuild_all()
    ranks = listed(source)
    assert ranks[0] == about_group.pk
    assert about_group.pk not in [o.pk for o in others]


def test_an_officials_organisation_counts_as_a_close_link():
    company = make_enterprise("Baotou Magnet Works")
    official = make_official("Li Na")
    make_position(official, "Chair", enterprise=company)
    source = article("Chair speaks at forum", 0, officials=[official])
    about_company = article("Works expands", 1, enterprises=[company])
    for i in range(2, 8):
        article(f"Weekly note {i}", i)
    rebuild_all()
    assert listed(source)[0] == about_company.pk


def test_an_untagged_article_gets_text_similar_neighbours():
    source = make_article(
        "Gallium export licences delay shipments to chipmakers",
        body="<p>Exporters of gallium and germanium now wait weeks for licences; chipmakers abroad report "
             "shortages of gallium wafers and rising germanium prices.</p>",
    )
    similar = make_article(
        "Chipmakers run short of gallium as licences pile up",
        body="<p>Licences for gallium exports are slow to arrive, and wafer makers warn that germanium "
             "and gallium stocks will run out.</p>",
    )
    for i in range(8):
        article(f"Town news {i}", i)
    rebuild_all()
    first = RelatedArticle.objects.filter(article=source).order_by("rank").first()
    assert first.related_id == similar.pk
    assert first.signals["words"] > 0.1


def test_chinese_text_and_native_names_count_as_the_entity():
    northern = make_enterprise("China Northern Rare Earth", native_name="北方稀土", aliases=["Northern Rare Earth"])
    chinese = make_article(
        "稀土价格上涨", standfirst="", highlights=[],
        body="<p>北方稀土上调了本月氧化镨钕挂牌价格，市场反应积极。</p>",
    )
    english = make_article("Listed prices rise", body=body(1), enterprises=[northern], standfirst="", highlights=[])
    chinese_too = make_article(
        "氧化镨钕挂牌价格", standfirst="", highlights=[], body="<p>氧化镨钕挂牌价格连续上涨，贸易商惜售。</p>"
    )
    for i in range(2, 9):
        article(f"Town news {i}", i)
    rebuild_all()
    picks = RelatedArticle.objects.filter(article=chinese).order_by("rank")
    assert {p.related_id for p in picks[:2]} == {english.pk, chinese_too.pk}
    assert picks.get(related=english).reason == "Also about China Northern Rare Earth"
    # And the other way round: the English article finds the Chinese one.
    assert listed(english)[0] == chinese.pk


def test_drafts_scheduled_archived_and_expired_articles_never_appear():
    text = "<p>Magnet makers in Ningbo expand sintered neodymium magnet lines for wind turbines.</p>"
    source = make_article("Ningbo magnet lines expand", body=text)
    hidden = [
        make_article("Draft magnet story", status=Article.Status.DRAFT, body=text),
        make_article("Review magnet story", status=Article.Status.REVIEW, body=text),
        make_article("Scheduled magnet story", status=Article.Status.SCHEDULED, body=text,
                     published_at=timezone.now() + datetime.timedelta(days=2)),
        make_article("Archived magnet story", status=Article.Status.ARCHIVED, body=text),
        make_article("Expired magnet story", body=text, expires_at=timezone.now() - datetime.timedelta(hours=1)),
    ]
    visible = make_article("Ningbo magnets for turbines", body=text)
    for i in range(6):
        article(f"Town news {i}", i)
    rebuild_all()
    all_listed = set(RelatedArticle.objects.values_list("related_id", flat=True))
    all_lists = set(RelatedArticle.objects.values_list("article_id", flat=True))
    assert not {h.pk for h in hidden} & (all_listed | all_lists)
    assert visible.pk in listed(source)


def test_an_article_unpublished_after_the_lists_were_built_never_shows():
    text = "<p>Terbium prices hit a record as buyers scramble for heavy rare earths.</p>"
    source = make_article("Terbium record", body=text)
    other = make_article("Terbium buyers scramble", body=text + "<p>Traders agree.</p>")
    rebuild_all()
    assert [a.pk for a in related_for_display(source)] == [other.pk]
    Article.objects.filter(pk=other.pk).update(status=Article.Status.ARCHIVED)  # no refresh yet
    assert related_for_display(source) == []


def test_near_duplicates_take_one_place_in_a_list():
    text = ("<p>The industry ministry issued the first batch of rare-earth mining and smelting quotas to the two "
            "state groups without publishing the totals. Analysts estimated the increase at about ten percent, "
            "smaller than in recent years, and said heavy rare-earth allocations in the south were cut to protect "
            "scarce clay deposits. Separation plants that process imported ore will need allocations too.</p>")
    source = make_article("First batch of quotas", body=text.replace("ten percent", "a tenth"))
    wire = make_article("Mining quotas issued to state groups", body=text)
    copy = make_article("Mining quotas issued to the state groups", body=text + "<p>Updated with analysts.</p>")
    for i in range(6):
        article(f"Town news {i}", i)
    rebuild_all()
    ranks = listed(source)
    assert (wire.pk in ranks) != (copy.pk in ranks)


def test_pinned_picks_come_first():
    text = "<p>Lynas opens a heavy rare earth separation plant in Malaysia for dysprosium.</p>"
    source = make_article("Lynas heavy separation", body=text)
    make_article("Lynas dysprosium output", body=text + "<p>More.</p>")
    unrelated = article("Town news", 1)
    rebuild_all()
    pin_related(article=source, related=unrelated)
    shown = related_for_display(source)
    assert shown[0].pk == unrelated.pk
    assert shown[0].reason == "Editors’ pick"
    # Refreshing recomputes around the pin but never removes it.
    refresh_for(article_ids=[source.pk])
    assert related_for_display(source)[0].pk == unrelated.pk


def test_publishing_an_article_puts_it_in_the_lists_it_belongs_in_and_unpublishing_removes_it(
    django_capture_on_commit_callbacks,
):
    source, _ = recycling_story(town_news=6)
    new = new_recycling_story()
    rebuild_all()
    assert new.pk not in listed(source)

    new.status = Article.Status.PUBLISHED
    new.published_at = timezone.now() - datetime.timedelta(minutes=1)
    new.save()
    with django_capture_on_commit_callbacks(execute=True):
        events.public_content_changed(article_ids=[new.pk], reason="published")
    assert new.pk in listed(source)
    assert listed(new)  # and it has a list of its own

    new.status = Article.Status.ARCHIVED
    new.save()
    with django_capture_on_commit_callbacks(execute=True):
        events.public_content_changed(article_ids=[new.pk], reason="archived")
    assert new.pk not in set(RelatedArticle.objects.values_list("related_id", flat=True))
    assert not listed(new)


def test_the_block_renders_in_two_queries_with_many_tags_and_entities(django_assert_max_num_queries):
    officials = [make_official(f"Official {i}") for i in range(5)]
    companies = [make_enterprise(f"Company {i}") for i in range(5)]
    tags = [f"topic {i}" for i in range(8)]
    source = article("Source", 0, tags=tags, officials=officials, enterprises=companies)
    for i in range(1, 9):
        article(f"Neighbour {i}", i, tags=tags, officials=officials, enterprises=companies)
    rebuild_all()
    with django_assert_max_num_queries(2):
        html = render_to_string("includes/related.html", {"related": related_for_display(source)})
    assert html.count('<li class="card related-card">') == 6
    assert "You Might Also Like" in html


def test_the_article_page_shows_the_block_with_reasons(client):
    official = make_official("Zhang Wei")
    source = make_article("Official tours smelter", officials=[official])
    other = make_article("Official meets investors", officials=[official])
    for i in range(4):
        make_article(f"Other official story {i}", officials=[official])
    rebuild_all()
    page = client.get(source.get_absolute_url()).content.decode()
    section = page[page.index("<section class=\"related\""):]
    assert "You Might Also Like" in section
    assert other.get_absolute_url() in section
    assert "Also about Zhang Wei" in section


def test_rebuild_command_reports_progress(capsys):
    for i in range(5):
        article(f"Town news {i}", i)
    call_command("rebuild_recommendations")
    out = capsys.readouterr().out
    assert "5 articles" in out
    assert RelatedArticle.objects.count() == 5 * 4


def test_admin_shows_reasons_and_signal_scores_and_lets_editors_pin(client):
    official = make_official("Chen Hua")
    source = make_article("Chen Hua visits", officials=[official])
    other = make_article("Chen Hua speaks", officials=[official])
    pinned = make_article("Unrelated pick")
    rebuild_all()
    client.force_login(make_user(superuser=True))
    url = f"/admin/articles/article/{source.pk}/change/"
    page = client.get(url).content.decode()
    assert "Also about Chen Hua" in page
    assert "entities: " in page
    assert other.title in page
    # Pin through the inline: the engine's pick of the same article gives way.
    response = client.get(url)
    data = {}
    for fs in response.context["inline_admin_formsets"]:
        formset = fs.formset
        mgmt = formset.management_form
        for name, field in mgmt.fields.items():
            data[f"{formset.prefix}-{name}"] = mgmt.initial.get(name, field.initial)
        for form in formset.forms:
            for name in form.fields:
                value = form.initial.get(name, form.fields[name].initial)
                if value is not None:
                    data[form.add_prefix(name)] = value.pk if hasattr(value, "pk") else value
    form = response.context["adminform"].form
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if name in ("officials", "enterprises", "regulators"):
            data[name] = [o.pk for o in value or []]
        elif name == "tags":
            data[name] = ""
        elif name == "highlights":
            data[name] = "\n".join(value or [])
        elif isinstance(value, datetime.datetime):
            data[name + "_0"], data[name + "_1"] = value.strftime("%Y-%m-%d"), value.strftime("%H:%M:%S")
        elif value is not None and name != "featured_image":
            data[name] = value
    prefix = next(fs.formset.prefix for fs in response.context["inline_admin_formsets"]
                  if fs.formset.model is RelatedArticle and "related" in fs.formset.form.base_fields)
    data[f"{prefix}-TOTAL_FORMS"] = 2
    data[f"{prefix}-0-related"], data[f"{prefix}-0-rank"], data[f"{prefix}-0-reason"] = pinned.pk, 0, "Background"
    data[f"{prefix}-1-related"], data[f"{prefix}-1-rank"] = other.pk, 1
    response = client.post(url, data)
    assert response.status_code == 302, response.context["errors"] if response.context else response
    assert [a.pk for a in related_for_display(source)][:2] == [pinned.pk, other.pk]
    assert related_for_display(source)[0].reason == "Background"
    assert RelatedArticle.objects.filter(article=source, related=other).count() == 1


def test_on_the_labelled_set_the_engine_clearly_beats_both_baselines():
    results = {r.name: r for r in evaluate(LABELLED, k=5)}
    engine, rnd, tags = results["engine"], results["random"], results["shared tags only"]
    assert engine.coverage == 1.0
    assert engine.precision >= rnd.precision + 0.3
    assert engine.precision >= tags.precision + 0.1
    untagged = {r.name: r for r in evaluate(LABELLED, k=5, with_tags=False)}
    assert untagged["engine"].precision >= rnd.precision + 0.3
    assert Article.objects.count() == 0  # nothing left behind


def test_evaluate_command_prints_the_three_methods(capsys):
    call_command("evaluate_recommendations", str(LABELLED), "--k", "5", "--no-tags")
    out = capsys.readouterr().out
    for name in ("engine", "random", "shared tags only", "precision@5"):
        assert name in out


def test_articles_without_indexable_words_get_no_list_and_no_error():
    a = make_article("The", body="", standfirst="", highlights=[])
    b = make_article("A", body="<p>It is.</p>", standfirst="", highlights=[])
    refresh_for(article_ids=[a.pk, b.pk])
    assert related_for_display(a) == [] or {x.pk for x in related_for_display(a)} <= {b.pk}


def test_the_analyzer_keeps_joined_words_and_breaks_bigrams_at_stop_words_and_chinese():
    terms = analyze(stop_words=STOP_WORDS, text="O'Neill U.S. rare-earth quotas, the 2024 magnets 稀土价格 rise")
    assert "o'neill u.s" in terms and "u.s" in terms and "rare-earth quota" in terms
    assert "quota magnet" not in terms  # "the" and a number sit between them
    assert {"稀", "稀土", "土价"} <= set(terms)
    assert "magnet rise" not in terms  # nor across a Chinese run
    assert analyze("\x00e:o:12\x00 Wang Jun", stop_words=STOP_WORDS) == ["e:o:12", "wang", "jun", "wang jun"]


def test_entity_names_sharing_a_first_word_are_each_found():
    northern = make_enterprise("China Northern Rare Earth")
    china = make_enterprise("China Minmetals Rare Earth Group")
    make_enterprise("CN")  # too short a name to look for

    names = EntityNames.load()
    found = names.mentioned("Both China Northern Rare Earth and china minmetals rare earth group said so; CN agreed.")
    assert found == {f"e:{northern.pk}", f"e:{china.pk}"}
    assert names.mentioned("China Northern Rare") == set()


def test_on_a_large_archive_a_refresh_updates_the_index_the_worker_holds(monkeypatch, django_capture_on_commit_callbacks):
    monkeypatch.setattr(engine, "SMALL_CORPUS", 4)
    monkeypatch.setattr(engine, "_HELD", {})
    source, _ = recycling_story(town_news=8)
    new = new_recycling_story()
    rebuild_all()
    index = engine._HELD["index"]
    assert new.pk not in index.row_of

    new.status = Article.Status.PUBLISHED
    new.published_at = timezone.now() - datetime.timedelta(minutes=1)
    new.save()
    with django_capture_on_commit_callbacks(execute=True):
        events.public_content_changed(article_ids=[new.pk], reason="published")
    updated = engine._HELD["index"]
    assert updated.vectorizer is index.vectorizer  # updated with the fitted vocabulary, not rebuilt
    assert new.pk in updated.row_of
    assert new.pk in listed(source)
    assert source.pk in listed(new)
    before = RelatedArticle.objects.get(article=source, related=new).signals["words"]

    # An edit that makes it about something else takes it out of the list.
    new.title, new.body = "Choir festival", "<p>A choir rehearsed new songs for the spring festival.</p>"
    new.save()
    with django_capture_on_commit_callbacks(execute=True):
        events.public_content_changed(article_ids=[new.pk], reason="edited")
    still = RelatedArticle.objects.filter(article=source, related=new).first()
    assert still is None or still.signals["words"] < before / 2
    assert engine._HELD["index"].vectorizer is index.vectorizer

    new.status = Article.Status.ARCHIVED
    new.save()
    with django_capture_on_commit_callbacks(execute=True):
        events.public_content_changed(article_ids=[new.pk], reason="archived")
    assert new.pk not in set(RelatedArticle.objects.values_list("related_id", flat=True))
    assert not listed(new)


def client_page_has_related(a) -> bool:
    from django.test import Client

    return "You Might Also Like" in Client().get(a.get_absolute_url()).content.decode()
