"""Wagtail's own search backends (modelsearch), fed prepared Chinese text on the query side.

Indexed text is prepared by the search fields (``search.index.prepared``); these subclasses
prepare the query the same way, so "謠言" typed in the admin finds a page titled "谣言".
"""

from modelsearch.backends.base import EmptySearchResults
from modelsearch.query import SearchQuery

from search import text


class PreparedQueryMixin:
    def _prepared(self, query):
        if isinstance(query, SearchQuery) or query is None:
            return query
        return text.query_terms(str(query))

    def search(self, query, model_or_queryset, *args, **kwargs):
        prepared = self._prepared(query)
        if prepared == "":
            return EmptySearchResults()
        return super().search(prepared, model_or_queryset, *args, **kwargs)

    def autocomplete(self, query, model_or_queryset, *args, **kwargs):
        prepared = self._prepared(query)
        if prepared == "":
            return EmptySearchResults()
        return super().autocomplete(prepared, model_or_queryset, *args, **kwargs)
