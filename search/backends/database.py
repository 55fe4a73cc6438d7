"""Search on the database: Wagtail's database backend (SQLite FTS5, PostgreSQL full text) over
the stored documents' prepared terms; highlighting in Python."""

from functools import reduce

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count

from modelsearch.query import And, Or, PlainText

from search import highlight
from search.conf import DATABASE_BACKEND_NAME
from search.models import SearchDocument
from search.text import PreparedQuery, key_terms, subwords, words

from .base import (
    FACET_FIELDS,
    Backend,
    Hit,
    SearchRequest,
    SearchResults,
    Suggestion,
    build_facet,
)


def build_query(prepared: PreparedQuery):
    """Every word must match (a long word may match through its sub-words); a pasted message
    matches on any of its key terms, ranked by BM25."""
    if prepared.is_message:
        return PlainText(" ".join(prepared.key_terms), operator="or")
    clauses = []
    for word in prepared.words:
        parts = subwords(word)
        if parts:
            clauses.append(Or([PlainText(word), PlainText(" ".join(parts), operator="and")]))
        else:
            clauses.append(PlainText(word))
    return reduce(lambda left, right: And([left, right]), clauses)


def hit_from_document(doc: SearchDocument, terms: list[str], snippet_html=None) -> Hit:
    return Hit(
        page_id=doc.page_id,
        title=doc.title,
        url=doc.url,
        content_type=doc.content_type,
        content_label=doc.content_label,
        title_html=highlight.highlight(doc.title, terms),
        snippet_html=snippet_html or highlight.snippet(doc.text, terms),
        summary=doc.summary,
        verdict=doc.verdict,
        verdict_label=doc.verdict_label,
        kind_label=doc.kind_label,
        category=doc.category,
        date=doc.date,
    )


class DatabaseBackend(Backend):
    name = "database"

    def __init__(self):
        from wagtail.search.backends import get_search_backend

        self.wagtail = get_search_backend(DATABASE_BACKEND_NAME)

    # -- reading ----------------------------------------------------------------------
    def _documents(self, filters: dict[str, list[str]]):
        documents = SearchDocument.objects.defer("title_terms", "text_terms")
        for name, values in filters.items():
            documents = documents.filter(**{f"{FACET_FIELDS[name]}__in": values})
        return documents

    def search(self, request: SearchRequest) -> SearchResults:
        prepared = request.query
        start, stop = request.offset, request.offset + request.per_page
        if prepared.is_empty:
            # No words (only filters, or only punctuation): browse newest first.
            documents = self._documents(request.filters).order_by("-date", "-pk")
            total = documents.count()
            page = list(documents[start:stop])
            facets = self._facets(request, query=None)
            hits = [hit_from_document(doc, []) for doc in page]
            return SearchResults(hits, total, request, facets, backend=self.name)

        query = build_query(prepared)
        if prepared.is_message:
            total, page = self._primary_first(query, request.filters, start, stop)
        else:
            results = self.wagtail.search(query, self._documents(request.filters))
            total = results.count()
            page = list(results[start:stop]) if total > start else []
        terms = prepared.highlight_terms
        hits = [hit_from_document(doc, terms) for doc in page]
        return SearchResults(hits, total, request, self._facets(request, query), self.name)

    def _primary_first(self, query, filters, start, stop):
        """Rebuttals (primary page types) first, each group by relevance, one list to page."""
        documents = self._documents(filters)
        first = self.wagtail.search(query, documents.filter(primary=True))
        rest = self.wagtail.search(query, documents.filter(primary=False))
        first_total, rest_total = first.count(), rest.count()
        page = list(first[start:stop]) if start < first_total else []
        if stop > first_total and rest_total:
            page += list(rest[max(0, start - first_total) : stop - first_total])
        return first_total + rest_total, page

    def _facets(self, request: SearchRequest, query):
        facets = []
        for name, field_name in FACET_FIELDS.items():
            # Each facet counts what the other filters leave, so its own options stay visible.
            documents = self._documents(request.filters_without(name))
            if query is None:
                counts = documents.values_list(field_name).order_by()
                counts = counts.annotate(count=Count("pk")).values_list(field_name, "count")
                counts = sorted(counts, key=lambda item: -item[1])
            else:
                results = self.wagtail.search(query, documents, order_by_relevance=False)
                counts = list(results.facet(field_name).items())
            facets.append(build_facet(name, counts, request.filters.get(name, [])))
        return facets

    def suggest(self, prefix: str, limit: int = 8) -> list[Suggestion]:
        terms = " ".join(words(prefix))
        if not terms:
            return []
        documents = SearchDocument.objects.only("title", "url")
        results = self.wagtail.autocomplete(terms, documents)[:limit]
        return [Suggestion(doc.title, doc.url) for doc in results]

    def similar(self, *, page_id: int | None = None, text: str = "", limit: int = 5) -> list[Hit]:
        documents = self._documents({})
        if page_id is not None:
            source = SearchDocument.objects.filter(pk=page_id).first()
            if source is None:
                return []
            text = f"{source.title}\n{source.text}"
            documents = documents.exclude(pk=page_id)
        terms = key_terms(text)
        if not terms:
            return []
        results = self.wagtail.search(PlainText(" ".join(terms), operator="or"), documents)
        return [hit_from_document(doc, terms) for doc in results[:limit]]

    # -- writing ----------------------------------------------------------------------
    def index_documents(self, documents) -> None:
        documents = list(documents)
        if documents:
            self.wagtail.add_bulk(SearchDocument, documents)

    def delete_documents(self, page_ids) -> None:
        from wagtail.search.models import IndexEntry

        content_type = ContentType.objects.get_for_model(SearchDocument)
        IndexEntry.objects.filter(
            content_type=content_type, object_id__in=[str(pk) for pk in page_ids]
        ).delete()
