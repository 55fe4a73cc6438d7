"""Keeping the stored documents and both indexes in step with the pages.

``sync_pages`` is the one path: for each page id it rebuilds the stored document (or removes
it when the page is gone, unpublished, private or not registered), updates the database index
in the same transaction, then pushes the change to the engine. ``sync_subtree`` runs it over a
page and everything below it, for what changes a whole section: a view restriction added,
changed or removed, a move. An engine failure never
propagates: the page id is recorded in ``PendingIndexUpdate`` and retried after the next
successful push, by ``search_reindex --pending``, or made moot by a full ``search_reindex``.
"""

import datetime
import logging

from django.db import connection, transaction
from django.db.models import Count, OuterRef, Q, Subquery
from django.utils import timezone

from wagtail.models import Page, PageViewRestriction

from . import registry, text
from .backends import SearchUnavailable, database_backend, engine_backend
from .backends.base import forget_verdict_labels
from .models import PendingIndexUpdate, SearchDocument

logger = logging.getLogger(__name__)

PENDING_BATCH = 500
SUBTREE_BATCH = 500


def _as_date(value) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return timezone.localdate(value) if timezone.is_aware(value) else value.date()
    return value


def is_public(page) -> bool:
    return not page.get_view_restrictions().exists()


def build_document(page, registration=None) -> SearchDocument | None:
    """The stored document for a live page of a registered type (not saved)."""
    registration = registration or registry.registration_for(page)
    if registration is None or not page.live:
        return None
    data = registration.to_document(page)
    date = _as_date(data.date)
    tags = [str(tag) for tag in data.tags]
    extra = " ".join([data.category, data.region, *tags])
    return SearchDocument(
        page_id=page.pk,
        content_type=registration.content_type,
        content_label=registration.label,
        primary=registration.primary,
        title=data.title[:255],
        url=data.url or page.get_url() or page.url_path,
        claim=data.claim,
        summary=data.summary,
        body=data.body,
        transcript=data.transcript,
        verdict=data.verdict,
        verdict_label=str(data.verdict_label),
        kind=data.kind,
        kind_label=str(data.kind_label),
        category=data.category,
        region=data.region,
        tags=tags,
        date=date,
        year=date.year if date else None,
        # Each text prepared once (and cached: the admin index asks for the same texts);
        # jieba cuts at line breaks anyway, so the terms of the parts joined are the terms of
        # the joined text.
        title_terms=text.index_terms(data.title),
        claim_terms=text.index_terms(data.claim),
        text_terms=" ".join(
            filter(
                None,
                map(
                    text.index_terms, [data.claim, data.summary, data.body, data.transcript, extra]
                ),
            )
        ),
        gram_terms=text.gram_text(data.title, data.claim, data.summary),
        title_grams=text.title_gram_text(data.title),
        fingerprint=text.fingerprint(data.claim, f"page-{page.pk}"),
    )


DOCUMENT_FIELDS = [
    f.name for f in SearchDocument._meta.concrete_fields if f.name not in ("page", "updated_at")
]


def save_documents(documents: list[SearchDocument]) -> None:
    """Insert or update stored documents in one statement per batch."""
    for start in range(0, len(documents), PENDING_BATCH):
        SearchDocument.objects.bulk_create(
            documents[start : start + PENDING_BATCH],
            update_conflicts=True,
            unique_fields=["page"],
            update_fields=[*DOCUMENT_FIELDS, "updated_at"],
        )


def copies_of(fingerprints) -> dict[str, int]:
    """Fingerprint -> how many stored documents share it (those with any)."""
    if not fingerprints:
        return {}
    rows = SearchDocument.objects.filter(fingerprint__in=fingerprints).order_by()
    return dict(rows.values_list("fingerprint").annotate(n=Count("*")))


def count_copies(fingerprints=None, *, model=SearchDocument) -> None:
    """Store on each document how many share its fingerprint: one UPDATE for the documents of
    these fingerprints (of all, without), whatever their number."""
    documents = model.objects.exclude(fingerprint="")
    if fingerprints is not None:
        if not fingerprints:
            return
        documents = documents.filter(fingerprint__in=fingerprints)
    same = (
        model.objects.filter(fingerprint=OuterRef("fingerprint"))
        .order_by()
        .values("fingerprint")
        .annotate(n=Count("*"))
        .values("n")
    )
    documents.update(copies=Subquery(same))


def prefetched(pages) -> list:
    """Specific pages with each registered type's prefetch applied (its tags, category...),
    so building their documents takes a few queries per type, not a few per page."""
    pages = list(pages)
    by_model = {}
    for page in pages:
        registration = registry.registration_for(page)
        if registration is not None and registration.prefetch is not None:
            by_model.setdefault(registration, []).append(page.pk)
    replaced = {}
    for registration, ids in by_model.items():
        fetched = registration.prefetch(registration.model.objects.filter(pk__in=ids))
        replaced.update({page.pk: page for page in fetched})
    return [replaced.get(page.pk, page) for page in pages]


def sync_pages(page_ids, *, follow_moves: bool = True) -> None:
    """Bring the stored documents and both indexes up to date for these pages (and, when one
    of them changed its URL and ``follow_moves``, the documents below it)."""
    page_ids = sorted({int(pk) for pk in page_ids})
    if not page_ids:
        return
    pages = prefetched(Page.objects.filter(pk__in=page_ids).specific(defer=False))
    documents, moved = [], []
    previous = list(
        SearchDocument.objects.filter(pk__in=page_ids).values_list("pk", "url", "fingerprint")
    )
    previous_urls = {pk: url for pk, url, _ in previous}
    fingerprints = {fingerprint for _, _, fingerprint in previous}
    restricted = PageViewRestriction.objects.exists()
    for page in pages:
        # With no view restriction anywhere (the usual case, and an import's) every page is
        # public: one query for the batch instead of one per page.
        document = build_document(page) if not restricted or is_public(page) else None
        if document is not None:
            documents.append(document)
            if previous_urls.get(page.pk, document.url) != document.url:
                moved.append(page)
    gone = set(page_ids) - {doc.page_id for doc in documents}
    # The rumours these pages were and are copies of: their other copies' counts change.
    fingerprints = {fp for fp in fingerprints | {doc.fingerprint for doc in documents} if fp}

    with transaction.atomic():
        before = copies_of(fingerprints)
        save_documents(documents)
        # No delete signals: the copies are recounted just below (search.signals recounts
        # them for documents that go with their page).
        gone_rows = SearchDocument.objects.filter(pk__in=gone)
        gone_rows._raw_delete(gone_rows.db)
        count_copies(fingerprints)
        changed = {fp for fp, n in copies_of(fingerprints).items() if before.get(fp) != n}
        database = database_backend()
        database.index_documents(documents)
        database.delete_documents(gone)
    forget_verdict_labels()
    # The engine stores the count on each copy: the other copies whose count moved go too.
    others = SearchDocument.objects.filter(fingerprint__in=changed).exclude(pk__in=page_ids)
    push_to_engine([*page_ids, *others.values_list("pk", flat=True)] if changed else page_ids)

    if not follow_moves:
        return
    # A new slug or parent changes the URLs of the documents below it too.
    below = set()
    for page in moved:
        below.update(documents_below(page))
    below -= set(page_ids)
    if below:
        sync_pages(below)


def sync_copies(fingerprints) -> None:
    """Recount the copies of these rumours and send their documents to the engine (a page
    deleted with its document: nothing else knows which rumour it was a copy of)."""
    fingerprints = sorted({fp for fp in fingerprints if fp})
    if not fingerprints:
        return
    with transaction.atomic():
        count_copies(fingerprints)
    documents = SearchDocument.objects.filter(fingerprint__in=fingerprints)
    page_ids = list(documents.values_list("pk", flat=True))
    if page_ids:
        push_to_engine(page_ids)


def pages_under(page_id: int) -> list[int]:
    """The page and every page below it, and the same for its aliases: an alias is private
    when its source page is (Wagtail's ``Page.get_view_restrictions``)."""
    roots = Page.objects.filter(Q(pk=page_id) | Q(alias_of_id=page_id)).values_list("path")
    below = Q()
    for (path,) in roots:
        below |= Q(path__startswith=path)
    return list(Page.objects.filter(below).values_list("pk", flat=True)) if below else []


def sync_subtree(page_id: int, batch: int = SUBTREE_BATCH) -> None:
    """Sync a page and everything below it (live pages come back, private ones go), in
    batches. A page that no longer exists has nothing below it: its deletion syncs itself."""
    page_ids = pages_under(page_id)
    for start in range(0, len(page_ids), batch):
        sync_pages(page_ids[start : start + batch], follow_moves=False)


def documents_below(page) -> list[int]:
    return list(
        SearchDocument.objects.filter(page__path__startswith=page.path)
        .exclude(pk=page.pk)
        .values_list("pk", flat=True)
    )


def push_to_engine(page_ids, *, flush_pending: bool = True) -> bool:
    """Send the stored state of these pages to the engine; never raises. True when the
    engine took the change (or there is no engine)."""
    engine = engine_backend()
    if engine is None:
        return True
    page_ids = list(page_ids)
    documents = list(SearchDocument.objects.filter(pk__in=page_ids))
    gone = set(page_ids) - {doc.page_id for doc in documents}
    try:
        engine.index_documents(documents)
        engine.delete_documents(gone)
    except SearchUnavailable as error:
        logger.warning("engine index update for pages %s deferred: %s", page_ids, error)
        remember_pending(page_ids, str(error))
        return False
    PendingIndexUpdate.objects.filter(page_id__in=page_ids).delete()
    if flush_pending and PendingIndexUpdate.objects.exists():
        push_pending()
    return True


def remember_pending(page_ids, error: str) -> None:
    for page_id in page_ids:
        pending, created = PendingIndexUpdate.objects.get_or_create(
            page_id=page_id, defaults={"last_error": error[:500]}
        )
        if not created:
            pending.attempts += 1
            pending.last_error = error[:500]
            pending.save(update_fields=["attempts", "last_error"])


def push_pending(limit: int = PENDING_BATCH) -> int:
    """Retry deferred engine updates; returns how many went through."""
    page_ids = list(PendingIndexUpdate.objects.values_list("page_id", flat=True)[:limit])
    if page_ids and push_to_engine(page_ids, flush_pending=False):
        return len(page_ids)
    return 0


def refresh_planner_statistics() -> None:
    """Let SQLite's planner know how big the documents table is after a bulk write (an
    import, a rebuild): without statistics it reads matching rows from the table, long texts
    and all, instead of the small covering index. PostgreSQL's autovacuum keeps its own."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {SearchDocument._meta.db_table}")
