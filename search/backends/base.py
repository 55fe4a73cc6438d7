"""The one interface the views use, whatever answers the query."""

import datetime
from dataclasses import dataclass, field
from math import ceil

from django.core.cache import cache
from django.utils.safestring import SafeString

from search import registry
from search.text import PreparedQuery, strip_control

# URL parameter -> stored document field.
FACET_FIELDS = {
    "type": "content_type",
    "verdict": "verdict",
    "category": "category",
    "year": "year",
}
FACET_TITLES = {"type": "内容类型", "verdict": "结论", "category": "分类", "year": "年份"}
# A pasted message (the OR form of a query: any of its key terms) matches thousands of loosely
# related documents; its facets and total count its best-ranked matches only, this many.
MESSAGE_SAMPLE = 200
MAX_FILTER_VALUES = 10
MAX_FILTER_LENGTH = 100


class SearchUnavailable(Exception):
    """The backend cannot answer now (engine down, timed out or refusing the query)."""


@dataclass
class SearchRequest:
    query: PreparedQuery
    filters: dict[str, list[str]] = field(default_factory=dict)
    page: int = 1
    per_page: int = 10

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page

    def filters_without(self, facet: str) -> dict[str, list[str]]:
        return {name: values for name, values in self.filters.items() if name != facet}


@dataclass
class Hit:
    page_id: int
    title: str
    url: str
    content_type: str
    content_label: str
    title_html: SafeString
    snippet_html: SafeString
    summary: str = ""
    verdict: str = ""
    verdict_label: str = ""
    kind_label: str = ""
    category: str = ""
    date: datetime.date | None = None
    score: float | None = None
    copies: int = 0  # other pages with the same rumour, collapsed into this hit


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool = False
    url: str = ""  # this page with the value toggled, set by the view


@dataclass
class Facet:
    name: str
    title: str
    values: list[FacetValue]


@dataclass
class Suggestion:
    title: str
    url: str


@dataclass
class SearchResults:
    hits: list[Hit]
    total: int
    request: SearchRequest
    facets: list[Facet] = field(default_factory=list)
    backend: str = ""
    notice: str = ""
    # When not 0: the total and the facets count the rumours among this many best matches
    # (a pasted message), not every page that matched.
    sampled: int = 0

    @property
    def num_pages(self) -> int:
        return max(1, ceil(self.total / self.request.per_page))


class Backend:
    """What a search backend offers the views. Index writes go through ``search.sync``."""

    name = ""

    def search(self, request: SearchRequest) -> SearchResults:
        raise NotImplementedError

    def suggest(self, prefix: str, limit: int = 8) -> list[Suggestion]:
        raise NotImplementedError

    def similar(self, *, page_id: int | None = None, text: str = "", limit: int = 5) -> list[Hit]:
        """Documents like a stored one (``page_id``) or like a piece of text."""
        raise NotImplementedError

    # -- index side -------------------------------------------------------------------
    def index_documents(self, documents) -> None:
        raise NotImplementedError

    def delete_documents(self, page_ids) -> None:
        raise NotImplementedError


def clean_filters(raw: dict[str, list[str]]) -> dict[str, list[str]]:
    """Keep known facets and plausible values; unknown ones are dropped, never an error."""
    known_types = set(registry.content_type_labels())
    cleaned = {}
    for name in FACET_FIELDS:
        values = []
        for value in raw.get(name, [])[:MAX_FILTER_VALUES]:
            value = strip_control(value or "").strip()
            if not value or len(value) > MAX_FILTER_LENGTH or value in values:
                continue
            if name == "type" and value not in known_types:
                continue
            if name == "year" and not (value.isascii() and value.isdigit() and len(value) == 4):
                continue
            values.append(value)
        if values:
            cleaned[name] = values
    return cleaned


def facet_labels(name: str) -> dict[str, str]:
    if name == "type":
        return registry.content_type_labels()
    if name == "verdict":
        return verdict_labels()
    return {}


VERDICT_LABELS_KEY = "search:verdict-labels"


def verdict_labels() -> dict[str, str]:
    """Verdict value -> label, as the stored documents spell them (cached until a document
    is written)."""
    labels = cache.get(VERDICT_LABELS_KEY)
    if labels is None:
        from search.models import SearchDocument

        pairs = SearchDocument.objects.exclude(verdict="").values_list("verdict", "verdict_label")
        labels = dict(pairs.distinct())
        cache.set(VERDICT_LABELS_KEY, labels, 3600)
    return labels


def forget_verdict_labels() -> None:
    cache.delete(VERDICT_LABELS_KEY)


def build_facet(name: str, counts: list[tuple[str, int]], selected: list[str]) -> Facet:
    labels = facet_labels(name)
    values = [
        FacetValue(str(value), labels.get(str(value), str(value)), count, str(value) in selected)
        for value, count in counts
        if value not in (None, "")
    ]
    present = {item.value for item in values}
    # A selected value stays visible (to be unselected) even when nothing matches it.
    values += [FacetValue(v, labels.get(v, v), 0, True) for v in selected if v not in present]
    if name == "year":
        values.sort(key=lambda item: item.value, reverse=True)
    return Facet(name, FACET_TITLES[name], values)
