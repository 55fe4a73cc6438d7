"""Wagtail's own search backends (modelsearch), fed prepared Chinese text on the query side.

Indexed text is prepared by the search fields (``search.index.prepared``); these subclasses
prepare the query the same way, so "國慶節" typed in the admin finds a page titled "国庆节".
"""

from modelsearch.backends.base import EmptySearchResults
from modelsearch.query import (
    MATCH_ALL,
    MATCH_NONE,
    And,
    Boost,
    Fuzzy,
    MatchAll,
    Not,
    Or,
    Phrase,
    PlainText,
)

from search import text

# Engine autocomplete: prepared terms are split by whitespace on both sides (modelsearch's
# default search analyzer, "standard", would cut a Chinese word into single characters).
PREPARED_EDGENGRAMS = {"analyzer": "edgengram_analyzer", "search_analyzer": "prepared_search"}


def prepare(query):
    """The same query with every text in it prepared; MATCH_NONE when no word is left."""
    if query is None:
        return query
    if isinstance(query, str):
        terms = text.query_terms(query)
        return terms or None
    if isinstance(query, PlainText):
        terms = text.query_terms(query.query_string)
        return PlainText(terms, operator=query.operator) if terms else MATCH_NONE
    if isinstance(query, Phrase):
        terms = text.query_terms(query.query_string)
        return Phrase(terms) if terms else MATCH_NONE
    if isinstance(query, Fuzzy):
        terms = text.query_terms(query.query_string)
        return Fuzzy(terms, operator=query.operator) if terms else MATCH_NONE
    if isinstance(query, And):
        parts = [prepare(subquery) for subquery in query.subqueries]
        if any(_matches_nothing(part) for part in parts):
            return MATCH_NONE
        parts = [part for part in parts if not isinstance(part, MatchAll)]
        return _combine(And, parts, MATCH_ALL)
    if isinstance(query, Or):
        parts = [prepare(subquery) for subquery in query.subqueries]
        if any(isinstance(part, MatchAll) for part in parts):
            return MATCH_ALL
        return _combine(Or, [p for p in parts if not _matches_nothing(p)], MATCH_NONE)
    if isinstance(query, Not):
        inner = prepare(query.subquery)
        if _matches_nothing(inner):
            return MATCH_ALL
        return MATCH_NONE if isinstance(inner, MatchAll) else Not(inner)
    if isinstance(query, Boost):
        return Boost(prepare(query.subquery), query.boost)
    return query  # MatchAll


def _matches_nothing(query) -> bool:
    return isinstance(query, Not) and isinstance(query.subquery, MatchAll)


def _combine(kind, parts, empty):
    # Backends handle MatchAll / MATCH_NONE only at the top of a query, so fold them away.
    if not parts:
        return empty
    return parts[0] if len(parts) == 1 else kind(parts)


class PreparedQueryMixin:
    def search(self, query, model_or_queryset, *args, **kwargs):
        prepared = prepare(query)
        if (prepared is None and query is not None) or _matches_nothing(prepared):
            return EmptySearchResults()
        return super().search(prepared, model_or_queryset, *args, **kwargs)

    def autocomplete(self, query, model_or_queryset, *args, **kwargs):
        prepared = prepare(query)
        if (prepared is None and query is not None) or _matches_nothing(prepared):
            return EmptySearchResults()
        return super().autocomplete(prepared, model_or_queryset, *args, **kwargs)
