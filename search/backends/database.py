"""Search on the database: the full-text index of Wagtail's database backend (modelsearch:
SQLite FTS5 or PostgreSQL tsvector) over the stored documents' prepared terms; highlighting
in Python.

modelsearch maintains the index (``index_documents`` hands it the documents). Reading goes
through SQL of our own over its tables: modelsearch's query compiler ranks with a correlated
subquery per result and lets SQLite walk every index entry before matching, which takes
seconds at tens of thousands of documents. Here the full-text match comes first, once per
query for the facet counts and once for the page.
"""

from collections import Counter
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Count
from django.db.models.expressions import RawSQL

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

TITLE_WEIGHT = 3.0
DISPLAY_FIELDS = [
    f.attname for f in SearchDocument._meta.concrete_fields if not f.name.endswith("_terms")
]


# -- full-text expressions ---------------------------------------------------------------


def _quote_fts(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _quote_tsquery(term: str) -> str:
    return "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"


def boolean_query(prepared: PreparedQuery, quote, and_op: str, or_op: str) -> str:
    """Every word (or all of its sub-words); for a pasted message, any of its key terms."""
    if prepared.is_message:
        return f" {or_op} ".join(quote(term) for term in prepared.key_terms)
    clauses = []
    for word in prepared.words:
        parts = subwords(word)
        if parts:
            together = f" {and_op} ".join(quote(part) for part in parts)
            clauses.append(f"({quote(word)} {or_op} ({together}))")
        else:
            clauses.append(quote(word))
    return f" {and_op} ".join(clauses)


@dataclass
class Match:
    """SQL selecting (page_id, score) of the documents matching a full-text expression;
    lower score ranks first."""

    sql: str
    params: list


def _index_tables():
    from wagtail.search.models import IndexEntry

    return IndexEntry._meta.db_table, ContentType.objects.get_for_model(SearchDocument).pk


def match_sqlite(expression: str, columns: str = "title body") -> Match:
    from wagtail.search.models import SQLiteFTSIndexEntry

    entries, content_type = _index_tables()
    fts = SQLiteFTSIndexEntry._meta.db_table
    # FTS5 columns are (autocomplete, body, title); bm25() is negative, best first.
    return Match(
        f"SELECT CAST(e.object_id AS INTEGER) AS page_id, "
        f"bm25({fts}, 0.0, 1.0, {TITLE_WEIGHT}) AS score "
        f"FROM {fts} CROSS JOIN {entries} e ON e.id = {fts}.rowid "
        f"WHERE {fts} MATCH %s AND e.content_type_id = %s",
        [f"{{{columns}}} : ({expression})", content_type],
    )


def match_postgres(expression: str, autocomplete: bool = False) -> Match:
    entries, content_type = _index_tables()
    if autocomplete:
        condition, score = "e.autocomplete @@ q", "ts_rank(e.autocomplete, q)"
    else:
        condition = "(e.title @@ q OR e.body @@ q)"
        score = f"ts_rank(e.title, q) * {TITLE_WEIGHT} + ts_rank(e.body, q)"
    return Match(
        f"SELECT e.object_id::integer AS page_id, -({score}) AS score "
        f"FROM {entries} e, to_tsquery('simple', %s) q "
        f"WHERE e.content_type_id = %s AND {condition}",
        [expression, content_type],
    )


def match_for(prepared: PreparedQuery) -> Match:
    if connection.vendor == "postgresql":
        return match_postgres(boolean_query(prepared, _quote_tsquery, "&", "|"))
    return match_sqlite(boolean_query(prepared, _quote_fts, "AND", "OR"))


def match_prefix(terms: list[str]) -> Match:
    """Documents whose title has all these words, the last one as a prefix (suggestions)."""
    if connection.vendor == "postgresql":
        quoted = [_quote_tsquery(term) for term in terms]
        quoted[-1] += ":*"
        return match_postgres(" & ".join(quoted), autocomplete=True)
    quoted = [_quote_fts(term) for term in terms]
    quoted[-1] += "*"
    return match_sqlite(" AND ".join(quoted), columns="autocomplete")


def match_any(terms: list[str]) -> Match:
    if connection.vendor == "postgresql":
        return match_postgres(" | ".join(_quote_tsquery(term) for term in terms))
    return match_sqlite(" OR ".join(_quote_fts(term) for term in terms))


# -- the backend ---------------------------------------------------------------------------


def hit_from_document(doc: SearchDocument, terms: list[str]) -> Hit:
    return Hit(
        page_id=doc.page_id,
        title=doc.title,
        url=doc.url,
        content_type=doc.content_type,
        content_label=doc.content_label,
        title_html=highlight.highlight(doc.title, terms),
        snippet_html=highlight.snippet(doc.text, terms),
        summary=doc.summary,
        verdict=doc.verdict,
        verdict_label=doc.verdict_label,
        kind_label=doc.kind_label,
        category=doc.category,
        date=doc.date,
    )


def _filter_sql(filters: dict[str, list[str]]) -> tuple[str, list]:
    clauses, params = [], []
    for name, values in filters.items():
        column = SearchDocument._meta.get_field(FACET_FIELDS[name]).column
        clauses.append(f'd."{column}" IN ({", ".join(["%s"] * len(values))})')
        params += values
    return "".join(f" AND {clause}" for clause in clauses), params


class DatabaseBackend(Backend):
    name = "database"

    def __init__(self):
        from wagtail.search.backends import get_search_backend

        self.wagtail = get_search_backend(DATABASE_BACKEND_NAME)

    # -- reading ----------------------------------------------------------------------
    def _documents(self, filters: dict[str, list[str]], match: Match | None = None):
        documents = SearchDocument.objects.all()
        if match is not None:
            ids = RawSQL(f"SELECT page_id FROM ({match.sql}) m", match.params)
            documents = documents.filter(page_id__in=ids)
        for name, values in filters.items():
            documents = documents.filter(**{f"{FACET_FIELDS[name]}__in": values})
        return documents

    def _ranked(self, match: Match, filters, start: int, stop: int, primary_first: bool):
        where, params = _filter_sql(filters)
        order = 'd."primary" DESC, m.score ASC' if primary_first else "m.score ASC"
        columns = ", ".join(f'd."{name}"' for name in DISPLAY_FIELDS)
        sql = (
            f"SELECT {columns} FROM ({match.sql}) m "
            f"INNER JOIN {SearchDocument._meta.db_table} d ON d.page_id = m.page_id "
            f"WHERE 1 = 1{where} ORDER BY {order}, d.page_id DESC LIMIT %s OFFSET %s"
        )
        return list(SearchDocument.objects.raw(sql, [*match.params, *params, stop - start, start]))

    def search(self, request: SearchRequest) -> SearchResults:
        prepared = request.query
        start, stop = request.offset, request.offset + request.per_page
        match = None if prepared.is_empty else match_for(prepared)
        facets = self._facets(request, match)
        total = _total(facets, request.filters)
        if match is None:
            # No words (only filters): browse newest first.
            documents = self._documents(request.filters).order_by("-date", "-pk")
            page = list(documents.only(*DISPLAY_FIELDS)[start:stop]) if total > start else []
        else:
            page = self._ranked(match, request.filters, start, stop, prepared.is_message)
        terms = prepared.highlight_terms
        hits = [hit_from_document(doc, terms) for doc in page]
        return SearchResults(hits, total, request, facets, self.name)

    def _facets(self, request: SearchRequest, match: Match | None):
        """Each facet counts what the other filters leave, so its own options stay visible.
        Facets without a filter of their own share one grouped query."""
        counts = {}
        unfiltered = [name for name in FACET_FIELDS if name not in request.filters]
        if unfiltered:
            fields = [FACET_FIELDS[name] for name in unfiltered]
            rows = (
                self._documents(request.filters, match)
                .order_by()
                .values_list(*fields)
                .annotate(count=Count("pk"))
            )
            tallies = {name: Counter() for name in unfiltered}
            for *values, count in rows:
                for name, value in zip(unfiltered, values, strict=True):
                    tallies[name][value] += count
            counts.update({name: tally.most_common() for name, tally in tallies.items()})
        for name in request.filters:
            field = FACET_FIELDS[name]
            rows = (
                self._documents(request.filters_without(name), match)
                .order_by()
                .values_list(field)
                .annotate(count=Count("pk"))
                .order_by("-count")
            )
            counts[name] = list(rows)
        return [
            build_facet(name, counts[name], request.filters.get(name, [])) for name in FACET_FIELDS
        ]

    def suggest(self, prefix: str, limit: int = 8) -> list[Suggestion]:
        terms = words(prefix)
        if not terms:
            return []
        match = match_prefix(terms)
        sql = (
            f"SELECT d.page_id, d.title, d.url FROM ({match.sql}) m "
            f"INNER JOIN {SearchDocument._meta.db_table} d ON d.page_id = m.page_id "
            f'ORDER BY d."primary" DESC, m.score ASC, d.page_id DESC LIMIT %s'
        )
        documents = SearchDocument.objects.raw(sql, [*match.params, limit])
        return [Suggestion(doc.title, doc.url) for doc in documents]

    def similar(self, *, page_id: int | None = None, text: str = "", limit: int = 5) -> list[Hit]:
        if page_id is not None:
            source = SearchDocument.objects.filter(pk=page_id).first()
            if source is None:
                return []
            text = f"{source.title}\n{source.text}"
        terms = key_terms(text)
        if not terms:
            return []
        match = match_any(terms)
        exclude = f" AND d.page_id <> {int(page_id)}" if page_id is not None else ""
        columns = ", ".join(f'd."{name}"' for name in DISPLAY_FIELDS)
        sql = (
            f"SELECT {columns} FROM ({match.sql}) m "
            f"INNER JOIN {SearchDocument._meta.db_table} d ON d.page_id = m.page_id "
            f"WHERE 1 = 1{exclude} ORDER BY m.score ASC, d.page_id DESC LIMIT %s"
        )
        documents = SearchDocument.objects.raw(sql, [*match.params, limit])
        return [hit_from_document(doc, terms) for doc in documents]

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


def _total(facets, filters) -> int:
    """Every document has a content type, so the type facet's counts add up to the total
    (only the selected types when that facet is filtered)."""
    types = next(facet for facet in facets if facet.name == "type")
    selected = filters.get("type")
    return sum(v.count for v in types.values if not selected or v.value in selected)
