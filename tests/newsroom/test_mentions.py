"""Mention suggestions: names, aliases and Chinese names of followed entities
found in an article's text, accepted or dismissed in the admin."""

import pytest
from django.urls import reverse

from articles.models import Article
from newsroom.mentions import MentionMatcher, suggest_mentions, suggest_mentions_bulk
from newsroom.models import AuditEntry, MentionSuggestion, PendingChange
from newsroom.revisions import versions_for
from newsroom.workflow import article_publish
from tests.factories import make_article, make_enterprise, make_official, make_regulator
from tests.newsroom.admin_forms import change_form_data
from tests.newsroom.editorial_fixtures import *  # noqa: F403 (fixtures)
from tests.newsroom.editorial_fixtures import login

pytestmark = pytest.mark.django_db


def suggested(article) -> dict[str, str]:
    """{entity name: matched text} of the pending suggestions."""
    out = {}
    for s in article.mention_suggestions.filter(status=MentionSuggestion.Status.PENDING):
        model = {"official": "officials", "enterprise": "enterprises", "regulator": "regulators"}[s.entity_type]
        out[getattr(Article, model).rel.model.objects.get(pk=s.entity_id).name] = s.matched_text
    return out


@pytest.fixture
def entities(db):
    return {
        "northern": make_enterprise("China Northern Rare Earth", native_name="北方稀土",
                                    aliases=["Northern Rare Earth Group", "China Northern"]),
        "shenghe": make_enterprise("Shenghe Resources", native_name="盛和资源"),
        "sasac": make_regulator("State-owned Assets Supervision and Administration Commission",
                                acronym="SASAC", native_name="国资委"),
        "wang": make_official("Wang Wei", native_name="王伟"),
    }


def test_english_names_aliases_and_acronyms_are_found_as_whole_words(entities):
    article = make_article(
        "northern rare earth group lifts output",
        standfirst="The sasac-backed plan was approved.",
        body="<p>Wang Wei said SASAC agreed. Wang Weiss was not there.</p>",
        highlights=["Shenghe Resources follows"],
    )
    suggest_mentions(article=article)
    assert suggested(article) == {
        "China Northern Rare Earth": "northern rare earth group",
        "State-owned Assets Supervision and Administration Commission": "sasac",
        "Wang Wei": "Wang Wei",
        "Shenghe Resources": "Shenghe Resources",
    }


def test_chinese_names_are_found_without_word_boundaries(entities):
    article = make_article("稀土新规", body="<p>国资委表示，北方稀土集团和盛和资源将在包头合作。王伟出席。</p>")
    suggest_mentions(article=article)
    assert suggested(article) == {
        "State-owned Assets Supervision and Administration Commission": "国资委",
        "China Northern Rare Earth": "北方稀土",
        "Shenghe Resources": "盛和资源",
        "Wang Wei": "王伟",
    }


def test_a_latin_name_next_to_chinese_characters_is_found(entities):
    article = make_article("监管", body="<p>在SASAC的会议上</p>")
    suggest_mentions(article=article)
    assert "State-owned Assets Supervision and Administration Commission" in suggested(article)


def test_the_longest_match_wins():
    matcher = MentionMatcher([
        ("China Northern Rare Earth", "enterprise", 1),
        ("Northern Rare Earth", "enterprise", 2),
        ("Rare Earth", "enterprise", 3),
        ("北方稀土集团", "enterprise", 4),
        ("稀土", "enterprise", 5),
    ])
    found = matcher.find("China  Northern Rare Earth and 北方稀土集团 grew.")
    assert [(m.entity_id, m.matched_text) for m in found] == [(1, "China Northern Rare Earth"), (4, "北方稀土集团")]
    # Each shorter name still counts where it stands alone.
    assert {m.entity_id for m in matcher.find("Northern Rare Earth; rare earth; 稀土")} == {2, 3, 5}


def test_names_already_linked_are_not_suggested(entities):
    article = make_article("Wang Wei visits Shenghe Resources", officials=[entities["wang"]])
    suggest_mentions(article=article)
    assert set(suggested(article)) == {"Shenghe Resources"}


def test_a_dismissed_suggestion_is_not_suggested_again_and_a_stale_one_goes(client, editor, entities):
    article = make_article("Wang Wei and SASAC", body="<p>Shenghe Resources too.</p>")
    suggest_mentions(article=article)
    wang = article.mention_suggestions.get(entity_id=entities["wang"].pk, entity_type="official")
    login(client, editor)
    url = reverse("admin:articles_article_mention_decide", args=[article.pk, wang.pk, "dismiss"])
    assert client.post(url).status_code == 302
    article.body = "<p>Nothing about that company any more.</p>"
    article.save()
    suggest_mentions(article=article)
    assert set(suggested(article)) == {"State-owned Assets Supervision and Administration Commission"}
    assert article.mention_suggestions.get(pk=wang.pk).status == MentionSuggestion.Status.DISMISSED


def test_saving_in_the_admin_suggests_and_accepting_links_the_entity(client, editor, entities):
    article = make_article("Quota news", status=Article.Status.DRAFT)
    login(client, editor)
    change = reverse("admin:articles_article_change", args=[article.pk])
    page = client.get(change)
    client.post(change, change_form_data(page, body="<p>China Northern said output would rise.</p>"))
    suggestion = article.mention_suggestions.get()
    assert suggestion.entity_id == entities["northern"].pk and suggestion.matched_text == "China Northern"
    html = client.get(change).content.decode()
    assert "Mention suggestions" in html and "found as “China Northern”" in html

    accept = reverse("admin:articles_article_mention_decide", args=[article.pk, suggestion.pk, "accept"])
    assert client.post(accept).status_code == 302
    assert list(article.enterprises.all()) == [entities["northern"]]
    suggestion.refresh_from_db()
    assert suggestion.status == MentionSuggestion.Status.ACCEPTED and suggestion.decided_by == editor
    assert "Linked China Northern Rare Earth" in versions_for(article).first().revision.comment
    # Accepting twice does nothing more.
    assert client.post(accept).status_code == 302
    assert article.enterprises.count() == 1


def test_accepting_on_a_live_article_is_held_until_the_change_is_published(client, editor, entities):
    article = make_article("Quota news", body="<p>China Northern said output would rise.</p>",
                           status=Article.Status.PUBLISHED)
    suggest_mentions(article=article)
    suggestion = article.mention_suggestions.get()
    login(client, editor)
    accept = reverse("admin:articles_article_mention_decide", args=[article.pk, suggestion.pk, "accept"])
    assert client.post(accept).status_code == 302

    # Readers still see the live article as it was; the link waits in the pending change.
    assert not article.enterprises.exists()
    pending = PendingChange.objects.get(article=article, kind=PendingChange.Kind.PENDING)
    assert pending.data["enterprises"] == [entities["northern"].pk]
    entry = AuditEntry.objects.filter(article=article).first()
    assert entry.action == AuditEntry.Action.SAVED and "Linked China Northern Rare Earth" in entry.comment
    suggestion.refresh_from_db()
    assert suggestion.status == MentionSuggestion.Status.ACCEPTED

    article_publish(article=article, user=editor, override_reason="Checked.")
    assert list(article.enterprises.all()) == [entities["northern"]]
    assert not PendingChange.objects.filter(article=article, kind=PendingChange.Kind.PENDING).exists()


@pytest.mark.parametrize("role, expected", [
    ("anonymous", 302), ("other_writer", 404), ("writer_on_published", 403), ("writer_on_draft", 302),
])
def test_only_those_who_may_edit_the_article_decide(client, request, role, expected, writer, entities):
    status = Article.Status.PUBLISHED if role == "writer_on_published" else Article.Status.DRAFT
    article = make_article("Wang Wei speaks", status=status, created_by=writer)
    suggest_mentions(article=article)
    suggestion = article.mention_suggestions.get()
    user = {"anonymous": None, "other_writer": request.getfixturevalue("other_writer")}.get(role, writer)
    login(client, user)
    response = client.post(reverse("admin:articles_article_mention_decide",
                                   args=[article.pk, suggestion.pk, "accept"]))
    assert response.status_code == expected
    assert article.officials.exists() == (role == "writer_on_draft")


def test_bulk_refresh_builds_the_matcher_once_and_bounds_queries(entities, django_assert_max_num_queries):
    ids = [make_article(f"Wang Wei and Shenghe Resources, part {i}").pk for i in range(30)]
    with django_assert_max_num_queries(20):
        created = suggest_mentions_bulk(article_ids=ids)
    assert created == 60
    assert MentionSuggestion.objects.filter(status="pending").count() == 60


def test_a_new_entity_is_matched_without_a_restart(entities):
    article = make_article("Lynas Rare Earths expands")
    suggest_mentions(article=article)
    assert suggested(article) == {}
    make_enterprise("Lynas Rare Earths")
    suggest_mentions(article=article)
    assert set(suggested(article)) == {"Lynas Rare Earths"}


def test_the_command_rescans_articles_after_an_alias_is_added(entities):
    from io import StringIO

    from django.core.management import call_command

    article = make_article("Baogang Group cuts output")
    out = StringIO()
    call_command("suggest_mentions", stdout=out)
    assert suggested(article) == {}
    entities["northern"].aliases.append("Baogang Group")
    entities["northern"].save()
    call_command("suggest_mentions", str(article.pk), stdout=out)
    assert suggested(article) == {"China Northern Rare Earth": "Baogang Group"}
    assert "1 new suggestion" in out.getvalue()
