"""Search on Elasticsearch or OpenSearch: the index and the queries, with ``elasticsearch.dsl``.

Only what both engines support is used: bool, multi_match, match_phrase, more_like_this,
constant_score, terms, cardinality and sampler aggregations (through FacetedSearch), field
collapsing, and highlight. Every
request is built with the DSL and sent through :class:`~search.backends.client.EngineClient`.

Fields, per stored document:

- ``*_terms``: prepared terms (``search.text``), analysed by whitespace: what queries match;
- ``gram_terms`` / ``title_grams``: character bigrams (``search.text.grams``) of what readers
  remember (title, claim, short answer) and of the title after a start marker, by whitespace:
  a phrase of bigrams is an exact substring (fragments that split words, suggestions);
- ``fingerprint``: copies of one rumour share it; results collapse on it;
- ``copies``: how many documents share the fingerprint (kept by ``search.sync``), shown with
  the collapsed hit instead of counting the copies per search (``inner_hits``);
- ``*_hl``: ``prep.fold_chars`` of the original (same length, Simplified), analysed per
  character: what the highlighter marks, mapped back onto the original in Python;
- the original texts and facet values, returned to the results page as they are.
"""

import datetime
import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from elasticsearch.dsl import (
    A,
    Boolean,
    Date,
    Document,
    FacetedSearch,
    Integer,
    Keyword,
    Q,
    Search,
    TermsFacet,
    Text,
    analyzer,
)
from elasticsearch.dsl.faceted_search import FacetedResponse
from elasticsearch.dsl.response import Response

from search import highlight
from search import text as prep
from search.conf import parse_search_url
from search.models import SearchDocument

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
from .client import EngineUnavailable, engine_client

logger = logging.getLogger(__name__)

DOWN_KEY = "search:engine-down"
DOWN_SECONDS = 30  # after a connection failure, don't try again for this long
SNIPPET_LENGTH = 120
# Rank tiers (constant scores added to the words' own score): the pieces exactly as typed,
# then all the words close together, then the words anywhere.
EXACT_BOOST = 1000.0
NEAR_BOOST = 100.0
NEAR_SLOP = 12
SAMPLE = "_sample"  # the sampler aggregation of a pasted message's facets

terms_analyzer = analyzer("qy_terms", tokenizer="whitespace", filter=["lowercase"])
chars_analyzer = analyzer("qy_chars", tokenizer="standard", filter=["lowercase"])

QUERY_FIELDS = ["title_terms^3", "claim_terms^2", "text_terms"]


class PageDocument(Document):
    page_id = Integer()
    content_type = Keyword()
    content_label = Keyword(index=False)
    primary = Boolean()
    title = Keyword(index=False)
    url = Keyword(index=False)
    summary = Text(index=False)
    text = Text(index=False)
    verdict = Keyword()
    verdict_label = Keyword(index=False)
    kind = Keyword()
    kind_label = Keyword(index=False)
    category = Keyword()
    region = Keyword()
    tags = Keyword()
    date = Date()
    year = Integer()
    title_terms = Text(analyzer=terms_analyzer)
    claim_terms = Text(analyzer=terms_analyzer)
    text_terms = Text(analyzer=terms_analyzer)
    gram_terms = Text(analyzer=terms_analyzer)
    title_grams = Text(analyzer=terms_analyzer)
    fingerprint = Keyword()
    copies = Integer(index=False)
    title_hl = Text(analyzer=chars_analyzer)
    text_hl = Text(analyzer=chars_analyzer)

    class Index:
        name = "qingyuan-search"  # replaced by the configured alias
        settings = {"number_of_shards": 1, "number_of_replicas": 0}


def index_body() -> dict:
    """Settings and mappings of a new physical index."""
    return PageDocument._index.to_dict()


def document_source(doc: SearchDocument) -> dict:
    """The engine document for one stored document."""
    body_text = highlight._one_line(doc.text)
    return {
        "page_id": doc.page_id,
        "content_type": doc.content_type,
        "content_label": doc.content_label,
        "primary": doc.primary,
        "title": doc.title,
        "url": doc.url,
        "summary": doc.summary,
        "text": body_text,
        "verdict": doc.verdict,
        "verdict_label": doc.verdict_label,
        "kind": doc.kind,
        "kind_label": doc.kind_label,
        "category": doc.category,
        "region": doc.region,
        "tags": list(doc.tags or []),
        "date": doc.date.isoformat() if doc.date else None,
        "year": doc.year,
        "title_terms": doc.title_terms,
        "claim_terms": doc.claim_terms,
        "text_terms": doc.text_terms,
        "gram_terms": doc.gram_terms,
        "title_grams": doc.title_grams,
        "fingerprint": doc.fingerprint or f"page-{doc.page_id}",
        "copies": doc.copies,
        "title_hl": prep.fold_chars(doc.title),
        "text_hl": prep.fold_chars(body_text),
    }


def _phrases(field: str, pieces: list[list[str]], prefix: bool = False) -> list:
    queries = []
    for i, piece in enumerate(pieces):
        kind = "match_phrase_prefix" if prefix and i == len(pieces) - 1 else "match_phrase"
        queries.append(Q(kind, **{field: {"query": " ".join(piece)}}))
    return queries


def exact_query(pieces: list[list[str]]):
    """Every piece of the query exactly as typed (a phrase of its bigrams)."""
    return Q("bool", filter=_phrases("gram_terms", pieces))


def words_query(prepared: prep.PreparedQuery):
    if prepared.is_message:
        return Q(
            "more_like_this",
            fields=["title_terms", "claim_terms", "text_terms"],
            like=prep.index_terms(prepared.normalised),
            min_term_freq=1,
            min_doc_freq=1,
            max_query_terms=prep.MESSAGE_KEY_TERMS,
            minimum_should_match="30%",
        )
    clauses = []
    for word in prepared.words:
        match = Q("multi_match", query=word, fields=QUERY_FIELDS)
        parts = prep.subwords(word)
        if parts:
            together = Q(
                "multi_match",
                query=" ".join(parts),
                fields=QUERY_FIELDS,
                operator="and",
                type="cross_fields",
            )
            match = Q("bool", should=[match, together], minimum_should_match=1)
        clauses.append(match)
    return Q("bool", must=clauses) if clauses else None


def build_query(prepared: prep.PreparedQuery):
    """The words (every one, or a message's key terms) or every piece as typed; the exact
    pieces rank first, then the words close together, then the words anywhere."""
    should = []
    words = words_query(prepared)
    if words is not None:
        should.append(words)
    if prepared.pieces:
        should.append(Q("constant_score", filter=exact_query(prepared.pieces), boost=EXACT_BOOST))
    if prepared.phrase_words and not prepared.is_message:
        near = Q(
            "match_phrase",
            text_terms={"query": " ".join(prepared.phrase_words), "slop": NEAR_SLOP},
        )
        should.append(Q("constant_score", filter=near, boost=NEAR_BOOST))
    return Q("bool", should=should, minimum_should_match=1)


def highlight_query(prepared: prep.PreparedQuery):
    should = [
        Q("match_phrase", **{field: term})
        for term in prepared.highlight_terms
        for field in ("title_hl", "text_hl")
    ]
    return Q("bool", should=should, minimum_should_match=1)


class PageSearch(FacetedSearch):
    """Faceted search over the pages index (filters, facet counts, highlight, sort)."""

    # Facets count rumours, not pages: copies (one fingerprint) once.
    facets = {
        "type": TermsFacet(
            field="content_type", size=20, metric=A("cardinality", field="fingerprint")
        ),
        "verdict": TermsFacet(
            field="verdict", size=20, metric=A("cardinality", field="fingerprint")
        ),
        "category": TermsFacet(
            field="category", size=50, metric=A("cardinality", field="fingerprint")
        ),
        "year": TermsFacet(
            field="year",
            size=50,
            order={"_key": "desc"},
            metric=A("cardinality", field="fingerprint"),
            metric_sort=None,
        ),
    }

    def __init__(self, backend, request: SearchRequest):
        self.backend = backend
        self.index = backend.alias
        self.prepared = request.query
        sort = ["-primary", "_score"] if self.prepared.is_message else []
        if self.prepared.is_empty:
            sort = ["-date", "-page_id"]
        super().__init__(query=self.prepared, filters=request.filters, sort=sort)

    def search(self):
        search = Search(index=self.index).response_class(FacetedResponse)
        search = search.source(excludes=["*_terms", "*_hl", "*_grams"])
        # One hit per rumour: copies collapse into the best ranked, which says how many
        # there are (stored). A pasted message's total is counted over its sample only.
        return search.extra(
            track_total_hits=MESSAGE_SAMPLE if self.prepared.is_message else True,
            collapse={"field": "fingerprint"},
        )

    def aggregate(self, search):
        """Each facet counts under the other facets' filters (FacetedSearch's way), and the
        rumours every filter leaves make the total. A pasted message's are counted over its
        best matches only: the sampler keeps the top ``MESSAGE_SAMPLE`` by score, before the
        filters, as the database backend's sample does."""
        aggs = search.aggs
        if self.prepared.is_message:
            aggs = aggs.bucket(SAMPLE, "sampler", shard_size=MESSAGE_SAMPLE)
        for name, facet in self.facets.items():
            others = Q("match_all")
            for field, query in self._filters.items():
                if field != name:
                    others &= query
            aggs.bucket(f"_filter_{name}", "filter", filter=others).bucket(
                name, facet.get_aggregation()
            )
        every_filter = Q("match_all")
        for query in self._filters.values():
            every_filter &= query
        aggs.bucket("_filter_rumours", "filter", filter=every_filter).metric(
            "rumours", "cardinality", field="fingerprint", precision_threshold=40000
        )

    def counts(self, response):
        """The facets' (value, count) pairs and the number of rumours, sampled or not."""
        aggs = response.aggregations
        if self.prepared.is_message:
            aggs = aggs[SAMPLE]
        facets = {
            name: [
                (value, count)
                for value, count, _ in facet.get_values(
                    aggs[f"_filter_{name}"][name], self.filter_values.get(name, ())
                )
            ]
            for name, facet in self.facets.items()
        }
        return facets, aggs["_filter_rumours"].rumours.value

    def query(self, search, query):
        if query.is_empty:
            return search
        return search.query(build_query(query))

    def highlight(self, search):
        return search

    def build_search(self):
        search = super().build_search()
        if not self.prepared.is_empty:
            search = (
                search.highlight_options(
                    pre_tags=["<em>"],
                    post_tags=["</em>"],
                    highlight_query=highlight_query(self.prepared).to_dict(),
                )
                .highlight("title_hl", number_of_fragments=0)
                .highlight(
                    "text_hl",
                    fragment_size=SNIPPET_LENGTH,
                    number_of_fragments=1,
                    no_match_size=SNIPPET_LENGTH,
                )
            )
        return search

    def execute(self):
        response = FacetedResponse(
            self._s, self.backend.client.search(self.index, self._s.to_dict())
        )
        response._faceted_search = self
        return response


def _date(value) -> datetime.date | None:
    if not value:
        return None
    return datetime.date.fromisoformat(str(value)[:10])


def hit_from_engine(hit, terms: list[str], collapsed: bool = True) -> Hit:
    source = hit.to_dict()
    fragments = getattr(hit.meta, "highlight", None)
    title_html = snippet_html = None
    if fragments is not None:
        if "title_hl" in fragments:
            title_html = highlight.from_fragment(source["title"], fragments["title_hl"][0])
        if "text_hl" in fragments:
            snippet_html = highlight.from_fragment(source.get("text", ""), fragments["text_hl"][0])
    return Hit(
        page_id=source["page_id"],
        title=source["title"],
        url=source["url"],
        content_type=source["content_type"],
        content_label=source.get("content_label", ""),
        title_html=title_html or highlight.highlight(source["title"], terms),
        snippet_html=snippet_html or highlight.snippet(source.get("text", ""), terms),
        summary=source.get("summary", ""),
        verdict=source.get("verdict", ""),
        verdict_label=source.get("verdict_label", ""),
        kind_label=source.get("kind_label", ""),
        category=source.get("category", ""),
        date=_date(source.get("date")),
        score=hit.meta.score,
        # Documents indexed before the count was stored say nothing: no copies shown.
        copies=max(source.get("copies", 1) - 1, 0) if collapsed else 0,
    )


class EngineBackend(Backend):
    def __init__(self, url: str | None = None, alias: str | None = None):
        engine = parse_search_url(url or settings.SEARCH_URL)
        if engine is None:
            raise EngineUnavailable("SEARCH_URL is not set")
        self.name = engine.flavour
        # One client (and connection pool) per process and URL: a reader's search reuses a
        # kept-alive connection. Index writes get their own, with the longer bulk time-out.
        self.client = engine_client(engine, timeout=settings.SEARCH_TIMEOUT)
        self.bulk_client = engine_client(engine, timeout=settings.SEARCH_BULK_TIMEOUT)
        self.alias = alias or settings.SEARCH_INDEX

    # -- availability -----------------------------------------------------------------
    def _guard(self):
        if cache.get(DOWN_KEY):
            raise EngineUnavailable(f"{self.name} was unreachable less than {DOWN_SECONDS}s ago")

    def _call(self, function, *args, **kwargs):
        self._guard()
        try:
            return function(*args, **kwargs)
        except EngineUnavailable:
            cache.set(DOWN_KEY, True, DOWN_SECONDS)
            raise

    # -- reading ----------------------------------------------------------------------
    def search(self, request: SearchRequest) -> SearchResults:
        page_search = PageSearch(self, request)[request.offset : request.offset + request.per_page]
        response = self._call(page_search.execute)
        terms = request.query.highlight_terms
        hits = [hit_from_engine(hit, terms) for hit in response.hits]
        counts, rumours = page_search.counts(response)
        facets = [
            build_facet(name, counts[name], request.filters.get(name, [])) for name in FACET_FIELDS
        ]
        total = min(response.hits.total.value, rumours)
        sampled = MESSAGE_SAMPLE if request.query.is_message else 0
        return SearchResults(hits, total, request, facets, self.name, sampled=sampled)

    def suggest(self, prefix: str, limit: int = 8) -> list[Suggestion]:
        """Titles holding what was typed (matched on bigrams, so partial words complete),
        those that begin with it first, copies once."""
        pieces = prep.query_pieces(prep.normalise(prefix)[:50])
        if not pieces:
            return []
        starts = [[prep.TITLE_START, *pieces[0]], *pieces[1:]]
        query = Q(
            "bool",
            filter=_phrases("title_grams", pieces, prefix=True),
            should=[
                Q(
                    "constant_score",
                    filter=Q("bool", filter=_phrases("title_grams", starts, prefix=True)),
                    boost=EXACT_BOOST,
                ),
                Q("constant_score", filter=Q("term", primary=True), boost=NEAR_BOOST),
                Q("match", title_grams=" ".join(pieces[0])),
            ],
        )
        search = (
            Search(index=self.alias)
            .query(query)
            .source(["title", "url"])
            .sort("_score", "-page_id")
            .extra(size=limit, collapse={"field": "fingerprint"})
        )
        raw = self._call(self.client.search, self.alias, search.to_dict())
        return [
            Suggestion(hit["_source"]["title"], hit["_source"]["url"])
            for hit in raw["hits"]["hits"]
        ]

    def similar(self, *, page_id: int | None = None, text: str = "", limit: int = 5) -> list[Hit]:
        if page_id is not None:
            like = [{"_index": self.alias, "_id": str(page_id)}]
        else:
            like = prep.index_terms(text)
            if not like:
                return []
        query = Q(
            "more_like_this",
            fields=["title_terms", "claim_terms", "text_terms"],
            like=like,
            min_term_freq=1,
            min_doc_freq=1,
            max_query_terms=prep.MESSAGE_KEY_TERMS,
            minimum_should_match="30%",
        )
        search = (
            Search(index=self.alias).query(query).source(excludes=["*_terms", "*_hl", "*_grams"])
        )
        search = search.extra(size=limit)
        raw = self._call(self.client.search, self.alias, search.to_dict())
        terms = prep.key_terms(text) if text else []
        return [hit_from_engine(hit, terms, collapsed=False) for hit in Response(search, raw).hits]

    # -- writing ----------------------------------------------------------------------
    def ensure_index(self) -> str:
        """The alias, created with a fresh index behind it if there is none yet."""
        indices = self._call(self.client.indices_for_alias, self.alias)
        if indices:
            return indices[0]
        name = self.new_index_name()
        self._call(self.bulk_client.create_index, name, index_body())
        self._call(self.client.point_alias, self.alias, name)
        return name

    def new_index_name(self) -> str:
        return f"{self.alias}-{timezone.now():%Y%m%d%H%M%S}-{time.monotonic_ns() % 10**6:06d}"

    def actions(self, documents, index: str | None = None):
        for doc in documents:
            yield {"_index": index or self.alias, "_id": str(doc.page_id), **document_source(doc)}

    def index_documents(self, documents, refresh: bool = True) -> None:
        documents = list(documents)
        if not documents:
            return
        self.ensure_index()
        self._call(self.bulk_client.bulk, self.actions(documents), refresh=refresh)

    def delete_documents(self, page_ids, refresh: bool = True) -> None:
        page_ids = list(page_ids)
        if not page_ids:
            return
        self.ensure_index()
        actions = [{"_op_type": "delete", "_index": self.alias, "_id": str(pk)} for pk in page_ids]
        self._call(self.bulk_client.bulk, actions, refresh=refresh)
