"""Wagtail's own search backends (modelsearch), fed prepared Chinese text on the query side.

Indexed text is prepared by the search fields (``search.index.prepared``); these subclasses
prepare the query the same way, so "國慶節" typed in the admin finds a page titled "国庆节".
"""

from modelsearch.backends.base import EmptySearchResults
from modelsearch.query import MATCH_NONE, And, Boost, Fuzzy, Not, Or, Phrase, PlainText

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
    if isinstance(query, (And, Or)):
        return type(query)([prepare(subquery) for subquery in query.subqueries])
    if isinstance(query, Not):
        return Not(prepare(query.subquery))
    if isinstance(query, Boost):
        return Boost(prepare(query.subquery), query.boost)
    return query  # MatchAll


class PreparedQueryMixin:
    def search(self, query, model_or_queryset, *args, **kwargs):
        prepared = prepare(query)
        if prepared is None and query is not None:
            return EmptySearchResults()
        return super().search(prepared, model_or_queryset, *args, **kwargs)

    def autocomplete(self, query, model_or_queryset, *args, **kwargs):
        prepared = prepare(query)
        if prepared is None and query is not None:
            return EmptySearchResults()
        return super().autocomplete(prepared, model_or_queryset, *args, **kwargs)
