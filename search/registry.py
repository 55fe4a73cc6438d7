"""Page types say what they index; search never imports them.

A page app registers each page type it wants found, with a function that turns one live page
into a :class:`Document` (plain text and facet values, nothing that needs the page later)::

    from search.registry import Document, register

    def rebuttal_document(page):
        return Document(
            title=page.title,
            claim=page.claim,
            summary=page.short_answer,
            body=page.body_text(),
            verdict=page.verdict,
            verdict_label=page.get_verdict_display(),
            kind=page.kind,
            kind_label=page.get_kind_display(),
            category=page.category.name if page.category else "",
            region=page.region,
            date=page.first_seen or page.first_published_at,
        )

    register(RebuttalPage, to_document=rebuttal_document, content_type="rebuttal",
             label="辟谣", primary=True, draft_field="claim",
             prefetch=lambda pages: pages.select_related("category"))

Search stores the documents (``search.models.SearchDocument``) and every backend works off
them: a search request never loads page objects.
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db.models import QuerySet

from core.markup import plain_text


@dataclass
class Document:
    """What one page contributes to search. Every text is plain text, as written."""

    title: str
    claim: str = ""
    summary: str = ""  # the short answer shown under a rebuttal's verdict
    body: str = ""
    transcript: str = ""
    verdict: str = ""
    verdict_label: str = ""
    kind: str = ""
    kind_label: str = ""
    category: str = ""
    region: str = ""
    date: datetime.date | datetime.datetime | None = None
    tags: list[str] = field(default_factory=list)
    url: str = ""  # the page's own URL when left empty


@dataclass(frozen=True)
class Registration:
    model: type
    to_document: Callable[..., Document]
    content_type: str
    label: str
    primary: bool = False
    draft_field: str | None = None
    prefetch: Callable[[QuerySet], QuerySet] | None = None


_registry: dict[type, Registration] = {}


def register(
    model,
    *,
    to_document: Callable[..., Document] | None = None,
    content_type: str | None = None,
    label: str | None = None,
    primary: bool = False,
    draft_field: str | None = None,
    prefetch: Callable[[QuerySet], QuerySet] | None = None,
) -> Registration:
    """Index live pages of ``model``.

    ``content_type`` is the value of the "content type" facet (default: the model name) and
    ``label`` its Chinese label (default: the model's verbose name). ``primary`` page types
    answer claims (rebuttals): a pasted message ranks them first. ``draft_field`` names the
    field that receives the query when an editor starts a draft from the "搜了没找到" report.
    ``prefetch`` adds select/prefetch_related to the queryset used by ``search_reindex``.
    """
    registration = Registration(
        model=model,
        to_document=to_document or page_document,
        content_type=content_type or model._meta.model_name,
        label=str(label or model._meta.verbose_name),
        primary=primary,
        draft_field=draft_field,
        prefetch=prefetch,
    )
    _registry[model] = registration
    return registration


def unregister(model) -> None:
    _registry.pop(model, None)


def registration_for(model_or_page) -> Registration | None:
    """The registration of a page type, or of the nearest registered ancestor class."""
    model = model_or_page if isinstance(model_or_page, type) else type(model_or_page)
    for klass in model.__mro__:
        if klass in _registry:
            return _registry[klass]
    return None


def registrations() -> list[Registration]:
    return list(_registry.values())


def content_type_labels() -> dict[str, str]:
    return {item.content_type: item.label for item in _registry.values()}


def draft_targets() -> list[Registration]:
    return [item for item in _registry.values() if item.draft_field]


def text_of(page, field_names: Iterable[str]) -> str:
    return "\n".join(filter(None, (plain_text(getattr(page, name, None)) for name in field_names)))


def page_document(page) -> Document:
    """A document for a plain page: title, intro and body text, published date."""
    return Document(
        title=page.title,
        summary=plain_text(getattr(page, "search_description", "") or getattr(page, "intro", "")),
        body=text_of(page, ["body"]),
        date=page.first_published_at,
    )
