"""The reader's search page: /search/?q=… with topic, entity and date filters."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from .engine import about, topic_facets
from .entity_matches import entity_labels, search_entities
from .forgiving import find_articles
from .query import ENTITY_LABELS, parse_search_request
from .snippets import attach_snippets
from .sources import other_results

PAGE_SIZE = 20


def search(request: HttpRequest) -> HttpResponse:
    wanted = parse_search_request(request.GET)
    context: dict = {"search": wanted, "query": wanted.query, "filters": wanted.filters}
    if wanted.empty:
        return render(request, "articles/search.html", context)

    outcome = find_articles(query=wanted.query, filters=wanted.filters, typo_tolerance=False if wanted.exact else None)
    found = outcome.search
    paginator = Paginator(found.queryset, PAGE_SIZE)
    number = request.GET.get("page", "1")
    if not number.isdigit() or not 1 <= int(number) <= max(paginator.num_pages, 1):
        raise Http404("No such page")
    page = paginator.page(int(number))
    page.object_list = attach_snippets(page.object_list, found)

    # Beyond the ranked candidates the total is the planner's estimate.
    total = found.total() if found.capped else paginator.count
    topics = topic_facets(found) if page.number == 1 and paginator.count else []
    topic_names = {slug: name for slug, name, _n in topics}
    names = entity_labels(wanted.filters.entities)
    context.update(
        searched=True,
        # "Showing results for <found.query>. Search instead for <corrected_from>."
        corrected_query=found.query if outcome.corrected_from else "",
        corrected_from=outcome.corrected_from,
        suggestion=outcome.suggestion,
        page=page,
        results_count=about(total) if found.total_is_estimate else total,
        results_estimated=found.total_is_estimate,
        ranked_count=paginator.count,
        # Profiles are shown above the first page of articles only, matched
        # on the words the articles were found by (corrected, if they were).
        entities=search_entities(found.query) if wanted.query and page.number == 1 else [],
        # The outlet's own pages (About, policies), found on the same words.
        other_results=other_results(found.query) if wanted.query and page.number == 1 else [],
        topics=topics,
        topic_label=topic_names.get(wanted.filters.topic, wanted.filters.topic),
        entity_filters=[
            {"kind": kind, "label": ENTITY_LABELS[kind], "slug": slug, "name": names.get((kind, slug), slug)}
            for kind, slug in wanted.filters.entities
        ],
    )
    return render(request, "articles/search.html", context)
