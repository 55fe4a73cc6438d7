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
from django.db.models import CharField, Count, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast, Coalesce, NullIf

from search import highlight
from search.conf import DATABASE_BACKEND_NAME
from search.models import RANK_COLUMNS_INDEX, SearchDocument
from search.text import (
    TITLE_START,
    PreparedQuery,
    key_terms,
    normalise,
    query_pieces,
    subwords,
)

from .base import (
    FACET_FIELDS,
    MESSAGE_SAMPLE,
    Backend,
    Hit,
    SearchRequest,
    SearchResults,
    Suggestion,
    build_facet,
)

TITLE_WEIGHT = 3.0
CANDIDATES = 200  # matches looked at when collapsing copies (see DatabaseBackend._ranked)
DISPLAY_FIELDS = [
    f.attname
    for f in SearchDocument._meta.concrete_fields
    if not f.name.endswith(("_terms", "_grams"))
]


# Copies of one rumour share a fingerprint; a document stored without one stands alone.
GROUP_SQL = "COALESCE(NULLIF(d.fingerprint, ''), CAST(d.page_id AS TEXT))"


def rumours():
    """Count of distinct rumours (fingerprints), for the facets and the total."""
    key = Coalesce(NullIf("fingerprint", Value("")), Cast("page_id", CharField()))
    return Count(key, distinct=True)


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


def _fts_phrase(grams: list[str], prefix: bool = False) -> str:
    return _quote_fts(" ".join(grams)) + ("*" if prefix else "")


def _ts_phrase(grams: list[str], prefix: bool = False) -> str:
    quoted = [_quote_tsquery(gram) for gram in grams]
    if prefix:
        quoted[-1] += ":*"
    return "(" + " <-> ".join(quoted) + ")"


@dataclass
class Match:
    """SQL selecting (page_id, score) of the documents matching a full-text expression;
    lower score ranks first."""

    sql: str
    params: list


def best(match: Match, size: int) -> Match:
    """The ``size`` best-scored documents of a match (a pasted message's sample)."""
    return Match(
        f"SELECT page_id, score FROM ({match.sql}) s ORDER BY score ASC, page_id DESC LIMIT %s",
        [*match.params, size],
    )


def _index_tables():
    from wagtail.search.models import IndexEntry

    return IndexEntry._meta.db_table, ContentType.objects.get_for_model(SearchDocument).pk


def match_sqlite(expression: str) -> Match:
    """``expression`` names its columns (``{title body} : ...``)."""
    from wagtail.search.models import SQLiteFTSIndexEntry

    entries, content_type = _index_tables()
    fts = SQLiteFTSIndexEntry._meta.db_table
    # FTS5 columns are (autocomplete, body, title); bm25() is negative, best first.
    return Match(
        f"SELECT CAST(e.object_id AS INTEGER) AS page_id, "
        f"bm25({fts}, 0.0, 1.0, {TITLE_WEIGHT}) AS score "
        f"FROM {fts} CROSS JOIN {entries} e ON e.id = {fts}.rowid "
        f"WHERE {fts} MATCH %s AND e.content_type_id = %s",
        [expression, content_type],
    )


def match_postgres(expression: str, autocomplete: bool = False, body_only: str = "") -> Match:
    """``body_only``: a second expression matched against the body alone (the grams)."""
    entries, content_type = _index_tables()
    params = [expression]
    if autocomplete:
        condition, score = "e.autocomplete @@ q", "ts_rank(e.autocomplete, q)"
        extra = ""
    else:
        condition = "(e.title @@ q OR e.body @@ q)"
        score = f"ts_rank(e.title, q) * {TITLE_WEIGHT} + ts_rank(e.body, q)"
        extra = ""
        if body_only:
            extra = ", to_tsquery('simple', %s) g"
            params.append(body_only)
            condition = "(e.title @@ q OR e.body @@ q OR e.body @@ g)"
            score += " + ts_rank(e.body, g)"
    return Match(
        f"SELECT e.object_id::integer AS page_id, -({score}) AS score "
        f"FROM {entries} e, to_tsquery('simple', %s) q{extra} "
        f"WHERE e.content_type_id = %s AND {condition}",
        [*params, content_type],
    )


def _pieces(prepared: PreparedQuery, phrase, and_op: str) -> str:
    return f" {and_op} ".join(phrase(piece) for piece in prepared.pieces)


def match_for(prepared: PreparedQuery) -> Match:
    """The words (as before) or every piece as typed (a phrase of its bigrams, so a fragment
    that splits words or holds only stop words still matches its text)."""
    postgres = connection.vendor == "postgresql"
    if postgres:
        words = boolean_query(prepared, _quote_tsquery, "&", "|")
        pieces = _pieces(prepared, _ts_phrase, "&")
        if words and pieces:
            return match_postgres(words, body_only=pieces)
        return match_postgres(words or pieces)
    words = boolean_query(prepared, _quote_fts, "AND", "OR")
    pieces = _pieces(prepared, _fts_phrase, "AND")
    clauses = []
    if words:
        clauses.append(f"({{title body}} : ({words}))")
    if pieces:
        clauses.append(f"(body : ({pieces}))")
    return match_sqlite(" OR ".join(clauses))


def exact_for(prepared: PreparedQuery) -> Match | None:
    """Documents holding every piece exactly as typed: ranked first."""
    if not prepared.pieces:
        return None
    if connection.vendor == "postgresql":
        return match_postgres(_pieces(prepared, _ts_phrase, "&"))
    return match_sqlite(f"body : ({_pieces(prepared, _fts_phrase, 'AND')})")


def near_for(prepared: PreparedQuery, distance: int = 12) -> Match | None:
    """Documents with all the words close together (SQLite FTS5 NEAR; PostgreSQL's phrase
    operator counts exact distances only, so there the words' order and adjacency)."""
    words = prepared.phrase_words
    if not words or prepared.is_message:
        return None
    if connection.vendor == "postgresql":
        return match_postgres(" <-> ".join(_quote_tsquery(word) for word in words))
    near = " ".join(_quote_fts(word) for word in words)
    return match_sqlite(f"{{title body}} : NEAR({near}, {distance})")


def match_title_grams(prepared_pieces: list[list[str]], start: bool = False) -> Match:
    """Titles holding every piece (the last as a prefix); with ``start``, titles that begin
    with the first piece (suggestions)."""
    pieces = [list(piece) for piece in prepared_pieces]
    if start:
        pieces = [[TITLE_START, *pieces[0]]]
    last = len(pieces) - 1
    if connection.vendor == "postgresql":
        expression = " & ".join(
            _ts_phrase(piece, prefix=i == last) for i, piece in enumerate(pieces)
        )
        return match_postgres(expression, autocomplete=True)
    expression = " AND ".join(
        _fts_phrase(piece, prefix=i == last) for i, piece in enumerate(pieces)
    )
    return match_sqlite(f"autocomplete : ({expression})")


def match_any(terms: list[str]) -> Match:
    if connection.vendor == "postgresql":
        return match_postgres(" | ".join(_quote_tsquery(term) for term in terms))
    return match_sqlite("{title body} : (" + " OR ".join(_quote_fts(term) for term in terms) + ")")


def tier_sql(*matches: Match | None) -> tuple[str, list]:
    """A rank tier per document: 0 for the first match it is in, 1 for the next, ..."""
    cases, params = [], []
    for tier, match in enumerate(matches):
        if match is not None:
            cases.append(
                f"WHEN m.page_id IN (SELECT page_id FROM ({match.sql}) t{tier}) THEN {tier}"
            )
            params += match.params
    if not cases:
        return "0", []
    return f"CASE {' '.join(cases)} ELSE {len(matches)} END", params


# -- the backend ---------------------------------------------------------------------------


def rank_columns_index() -> str:
    """SQLite joins matches to documents by rowid, reading each row's facet columns from
    behind its long texts (overflow pages); the covering index holds them all. The planner
    picks it for the facet counts' IN lookup but not for a join, so the join names it."""
    if connection.vendor == "sqlite":
        return f" INDEXED BY {RANK_COLUMNS_INDEX}"
    return ""


def hit_from_document(doc: SearchDocument, terms: list[str], collapsed: bool = True) -> Hit:
    return Hit(
        copies=max(doc.copies - 1, 0) if collapsed else 0,
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

    def _ranked(self, prepared: PreparedQuery, match: Match, filters, start: int, stop: int):
        """One page of results, copies of a rumour collapsed into their best-ranked one:
        the exact pieces first, then the words close together, then the rest by score.

        Collapsing looks at the best ``CANDIDATES`` matches (a top-N sort on ids and sort keys
        only, cheap however many documents match: a common word matches thousands), or
        more for deep pages; copies share their claim and so rank side by side. The documents'
        texts, and how many copies each has (stored), are read for the rows shown only."""
        where, params = _filter_sql(filters)
        tier, tier_params = tier_sql(exact_for(prepared), near_for(prepared))
        order = "tier ASC, score ASC, page_id DESC"
        candidates = max(CANDIDATES, stop * 5)
        group = "COALESCE(NULLIF(c.fingerprint, ''), CAST(c.page_id AS TEXT))"
        columns = ", ".join(f'd."{name}"' for name in DISPLAY_FIELDS)
        table = SearchDocument._meta.db_table
        sql = (
            f"SELECT {columns} FROM ("
            f"SELECT page_id, position FROM ("
            f"SELECT c.page_id, "
            f"ROW_NUMBER() OVER (PARTITION BY {group} ORDER BY {order}) AS copy_rank, "
            f"ROW_NUMBER() OVER (ORDER BY {order}) AS position FROM ("
            f'SELECT d.page_id AS page_id, d.fingerprint AS fingerprint, d."primary" AS "primary", '
            f"m.score AS score, m.tier AS tier "
            f"FROM (SELECT m.page_id, m.score, {tier} AS tier FROM ({match.sql}) m) m "
            f"INNER JOIN {table} d{rank_columns_index()} ON d.page_id = m.page_id "
            f"WHERE 1 = 1{where} ORDER BY {order} LIMIT %s) c) ranked "
            f"WHERE copy_rank = 1 ORDER BY position LIMIT %s OFFSET %s) r "
            f"INNER JOIN {table} d ON d.page_id = r.page_id "
            f"ORDER BY r.position"
        )
        return list(
            SearchDocument.objects.raw(
                sql, [*tier_params, *match.params, *params, candidates, stop - start, start]
            )
        )

    def search(self, request: SearchRequest) -> SearchResults:
        prepared = request.query
        start, stop = request.offset, request.offset + request.per_page
        if prepared.is_message:
            return self._message_search(request)
        match = None if prepared.is_empty else match_for(prepared)
        facets = self._facets(request, match)
        total = _total(facets, request.filters)
        if match is None:
            # No words (only filters): browse newest first (copies not collapsed).
            documents = self._documents(request.filters).order_by("-date", "-pk")
            page = list(documents.only(*DISPLAY_FIELDS)[start:stop]) if total > start else []
        else:
            page = self._ranked(prepared, match, request.filters, start, stop)
        terms = prepared.highlight_terms
        hits = [hit_from_document(doc, terms, collapsed=match is not None) for doc in page]
        return SearchResults(hits, total, request, facets, self.name)

    def _message_search(self, request: SearchRequest) -> SearchResults:
        """A pasted message: its facets, total and results come from its ``MESSAGE_SAMPLE``
        best-scored matches (the filters apply within them), as the engine's sampler does.
        The full-text match, the costly part (any of 20 key terms matches thousands), runs
        once: one query reads the sample's ranking and facet columns, counting and collapsing
        happen here, a second query reads the shown rows."""
        prepared = request.query
        sample = best(match_for(prepared), MESSAGE_SAMPLE)
        keys = ["page_id", "primary", "fingerprint", *FACET_FIELDS.values()]
        columns = ", ".join(f'd."{SearchDocument._meta.get_field(key).column}"' for key in keys)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {columns}, m.score FROM ({sample.sql}) m "
                f"INNER JOIN {SearchDocument._meta.db_table} d{rank_columns_index()} "
                f"ON d.page_id = m.page_id",
                sample.params,
            )
            rows = [SampleRow(*row) for row in cursor.fetchall()]
        facets = [
            build_facet(
                name,
                _rumours_by(rows, FACET_FIELDS[name], request.filters_without(name)),
                request.filters.get(name, []),
            )
            for name in FACET_FIELDS
        ]
        total = _total(facets, request.filters)
        # Ranked as the engine ranks a message: rebuttals first, then by similarity.
        kept = sorted(
            (row for row in rows if row.passes(request.filters)),
            key=lambda row: (not row.primary, row.score, -row.page_id),
        )
        shown, seen = [], set()
        for row in kept:
            if row.rumour not in seen:
                seen.add(row.rumour)
                shown.append(row.page_id)
        shown = shown[request.offset : request.offset + request.per_page]
        documents = SearchDocument.objects.only(*DISPLAY_FIELDS).in_bulk(shown) if shown else {}
        terms = prepared.highlight_terms
        hits = [hit_from_document(documents[pk], terms) for pk in shown if pk in documents]
        return SearchResults(hits, total, request, facets, self.name, sampled=MESSAGE_SAMPLE)

    def _facets(self, request: SearchRequest, match: Match | None):
        """Each facet counts what the other filters leave, so its own options stay visible.
        Facets without a filter of their own share one grouped query. They count rumours:
        copies (one fingerprint) once."""
        counts = {}
        unfiltered = [name for name in FACET_FIELDS if name not in request.filters]
        if unfiltered:
            fields = [FACET_FIELDS[name] for name in unfiltered]
            rows = (
                self._documents(request.filters, match)
                .order_by()
                .values_list(*fields)
                .annotate(count=rumours())
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
                .annotate(count=rumours())
                .order_by("-count")
            )
            counts[name] = list(rows)
        return [
            build_facet(name, counts[name], request.filters.get(name, [])) for name in FACET_FIELDS
        ]

    def suggest(self, prefix: str, limit: int = 8) -> list[Suggestion]:
        """Titles holding what was typed (partial words too: it is matched on bigrams), those
        that begin with it first, copies once."""
        pieces = query_pieces(normalise(prefix)[:50])
        if not pieces:
            return []
        match = match_title_grams(pieces)
        tier, tier_params = tier_sql(match_title_grams(pieces, start=True))
        order = 'tier ASC, d."primary" DESC, m.score ASC, d.page_id DESC'
        sql = (
            f"SELECT page_id, title, url FROM ("
            f"SELECT d.page_id, d.title, d.url, "
            f"ROW_NUMBER() OVER (PARTITION BY {GROUP_SQL} ORDER BY {order}) AS copy_rank, "
            f"ROW_NUMBER() OVER (ORDER BY {order}) AS position "
            f"FROM (SELECT m.page_id, m.score, {tier} AS tier FROM ({match.sql}) m) m "
            f"INNER JOIN {SearchDocument._meta.db_table} d ON d.page_id = m.page_id) ranked "
            f"WHERE copy_rank = 1 ORDER BY position LIMIT %s"
        )
        documents = SearchDocument.objects.raw(sql, [*tier_params, *match.params, limit])
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
        return [hit_from_document(doc, terms, collapsed=False) for doc in documents]

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


@dataclass
class SampleRow:
    """One of a pasted message's best matches: what ranking, collapsing and facets read."""

    page_id: int
    primary: bool
    fingerprint: str
    content_type: str
    verdict: str
    category: str
    year: int | None
    score: float

    @property
    def rumour(self) -> str:
        return self.fingerprint or str(self.page_id)  # as GROUP_SQL

    def passes(self, filters: dict[str, list[str]]) -> bool:
        return all(
            str(getattr(self, FACET_FIELDS[name])) in values for name, values in filters.items()
        )


def _rumours_by(rows: list[SampleRow], field: str, filters) -> list[tuple[str, int]]:
    """(value, rumours) of one facet over the rows the other filters leave, most first."""
    rumours = {}
    for row in rows:
        if row.passes(filters):
            rumours.setdefault(getattr(row, field), set()).add(row.rumour)
    counts = Counter({value: len(found) for value, found in rumours.items()})
    return counts.most_common()


def _total(facets, filters) -> int:
    """Every document has a content type, so the type facet's counts add up to the total
    (only the selected types when that facet is filtered)."""
    types = next(facet for facet in facets if facet.name == "type")
    selected = filters.get("type")
    return sum(v.count for v in types.values if not selected or v.value in selected)
