"""The reader search page and the suggestions it asks for as the reader types."""

from django.conf import settings
from django.db.models import Q
from django.http import JsonResponse, QueryDict
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.search.utils import normalise_query_string

from core.pagination import page_number, page_url
from core.visibility import outside_restricted_sections

from . import backends, query_stats, text
from .backends.base import FACET_FIELDS, SearchRequest, clean_filters
from .tasks import flush_search_stats

PER_PAGE = 10
MAX_PAGE = 100
SUGGEST_MAX_LENGTH = 50


def _query(query: str, filters: dict[str, list[str]]) -> QueryDict:
    """The canonical parameters of a search: the query and the filters understood."""
    params = QueryDict(mutable=True)
    if query:
        params["q"] = query
    for name in FACET_FIELDS:
        if filters.get(name):
            params.setlist(name, filters[name])
    return params


def _url(query: str, filters: dict[str, list[str]], page: int = 1) -> str:
    return page_url(_query(query, filters), page)


def _toggled(filters: dict[str, list[str]], name: str, value: str) -> dict[str, list[str]]:
    values = list(filters.get(name, []))
    values = [v for v in values if v != value] if value in values else [*values, value]
    return {**filters, name: values}


def promotions_for(query: str) -> list[SearchPromotion]:
    """Editors' promoted results for this query, as typed or in Simplified characters; a
    promoted page only while readers may open it (live, outside restricted sections)."""
    candidates = {normalise_query_string(query), normalise_query_string(text.normalise(query))}
    readable = Q(page__live=True) & outside_restricted_sections("page__path")
    return list(
        SearchPromotion.objects.filter(query__query_string__in=candidates)
        .filter(Q(page__isnull=True) | readable)
        .select_related("page")
        .order_by("sort_order")
    )


@never_cache
@require_GET
def search(request):
    raw_query = text.strip_control(request.GET.get("q", "")).strip()
    context = {
        "query": raw_query,
        "max_length": settings.SEARCH_MAX_QUERY_LENGTH,
        # Examples the index really answers (this week's searches that found something).
        "search_examples": query_stats.examples_placeholder(),
    }
    if len(raw_query) > settings.SEARCH_MAX_QUERY_LENGTH:
        context["error"] = (
            f"搜索内容太长（{len(raw_query)} 字），请精简到 "
            f"{settings.SEARCH_MAX_QUERY_LENGTH} 字以内，或只粘贴消息中最关键的部分。"
        )
        context["query"] = raw_query[: settings.SEARCH_MAX_QUERY_LENGTH]
        return render(request, "search/search.html", context, status=400)

    filters = clean_filters({name: request.GET.getlist(name) for name in FACET_FIELDS})
    page = min(page_number(request.GET.get("page")), MAX_PAGE)
    if not raw_query and not filters:
        return render(request, "search/search.html", context)

    prepared = text.prepare_query(raw_query)
    if raw_query and prepared.is_empty:
        # Only punctuation, emoji or particles: nothing to look for; say so instead of
        # listing everything.
        context["short_query"] = True
        return render(request, "search/search.html", context)
    results = backends.search(SearchRequest(prepared, filters, page, PER_PAGE))
    # Counted in the cache, not written here: a flush moves the counts to the database.
    if raw_query and page == 1 and query_stats.count_search(prepared.normalised, results.total):
        flush_search_stats.enqueue()

    for facet in results.facets:
        for value in facet.values:
            value.url = _url(raw_query, _toggled(filters, facet.name, value.value))
    context.update(
        results=results,
        prepared=prepared,
        filters=filters,
        promotions=promotions_for(raw_query) if raw_query and page == 1 else [],
        # Past the last page (a stale or made-up link), "previous" leads to the last page.
        previous_url=_url(raw_query, filters, min(page - 1, results.num_pages))
        if page > 1
        else None,
        next_url=_url(raw_query, filters, page + 1)
        if page < min(results.num_pages, MAX_PAGE)
        else None,
        first_page_url=_url(raw_query, filters),
        clear_url=_url(raw_query, {}),
        has_facets=any(facet.values for facet in results.facets),
    )
    return render(request, "search/search.html", context)


@never_cache
@require_GET
def suggest(request):
    query = text.strip_control(request.GET.get("q", "")).strip()[:SUGGEST_MAX_LENGTH]
    suggestions = backends.suggest(query) if query else []
    return JsonResponse(
        {
            "query": query,
            "suggestions": [{"title": s.title, "url": s.url} for s in suggestions],
        },
        json_dumps_params={"ensure_ascii": False},
    )
