"""Full rebuilds: stored documents from the pages, the database index, the engine index.

The engine index is rebuilt into a new physical index, then the alias moves to it in one
atomic call and the old index is dropped, so readers never see an empty or half-built index.
The database index is rebuilt inside one transaction for the same reason.
"""

import logging
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice

from django.db import transaction
from django.utils import timezone

from tqdm import tqdm

from . import registry
from .backends import database_backend, engine_backend
from .backends.base import forget_verdict_labels
from .models import PendingIndexUpdate, SearchDocument
from .sync import build_document, count_copies, refresh_planner_statistics, save_documents

logger = logging.getLogger(__name__)

CHUNK = 500
INDEX_CHUNK = 5000


@dataclass
class Report:
    documents: int = 0
    removed: int = 0
    seconds: dict[str, float] = field(default_factory=dict)
    engine_index: str = ""


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _progress(iterable, total, desc, quiet):
    return tqdm(iterable, total=total, desc=desc, unit="doc", disable=quiet, leave=False)


def live_pages():
    """Every live, public page of a registered type, specific, each once."""
    seen = set()
    for registration in registry.registrations():
        pages = registration.model.objects.live().public().specific(defer=False)
        if registration.prefetch:
            pages = registration.prefetch(pages)
        for page in pages.order_by("pk").iterator(chunk_size=CHUNK):
            if page.pk not in seen:
                seen.add(page.pk)
                yield page


def rebuild_documents(report: Report, quiet: bool = False) -> None:
    started = time.perf_counter()
    total = sum(item.model.objects.live().public().count() for item in registry.registrations())
    seen = set()
    with transaction.atomic():
        pages = _progress(live_pages(), total, "文档", quiet)
        for chunk in _chunks(pages, CHUNK):
            documents = [doc for doc in map(build_document, chunk) if doc is not None]
            save_documents(documents)
            seen.update(doc.page_id for doc in documents)
        stale = set(SearchDocument.objects.values_list("pk", flat=True)) - seen
        for chunk in _chunks(sorted(stale), CHUNK):
            rows = SearchDocument.objects.filter(pk__in=chunk)
            rows._raw_delete(rows.db)  # no delete signals: every copy is recounted next
        count_copies()
    forget_verdict_labels()
    report.documents, report.removed = len(seen), len(stale)
    report.seconds["documents"] = time.perf_counter() - started


def stored_documents() -> Iterator[SearchDocument]:
    return SearchDocument.objects.order_by("pk").iterator(chunk_size=CHUNK)


def rebuild_database_index(report: Report, quiet: bool = False) -> None:
    from django.contrib.contenttypes.models import ContentType

    from wagtail.search.models import IndexEntry

    started = time.perf_counter()
    backend = database_backend()
    total = SearchDocument.objects.count()
    with transaction.atomic():
        content_type = ContentType.objects.get_for_model(SearchDocument)
        # One DELETE: SQLite's trigger drops the full-text rows with their entries (Django's
        # cascade would delete them a second time, in batches of a few hundred).
        entries = IndexEntry.objects.filter(content_type=content_type)
        entries._raw_delete(entries.db)
        # Large batches: modelsearch re-derives title norms over the whole index after each.
        batches = _chunks(_progress(stored_documents(), total, "数据库索引", quiet), INDEX_CHUNK)
        for chunk in batches:
            backend.index_documents(chunk)
    report.seconds["database"] = time.perf_counter() - started


def rebuild_engine_index(report: Report, quiet: bool = False) -> None:
    from .backends.engine import index_body

    engine = engine_backend()
    if engine is None:
        return
    started = time.perf_counter()
    since = timezone.now()
    name = engine.new_index_name()
    client = engine.bulk_client  # index writes get the bulk time-out, not the reader's
    try:
        # No periodic refresh while nobody reads the new index: segments are made once, at
        # the end, instead of every second of the load (the engines' advice for bulk loads).
        body = index_body()
        body.setdefault("settings", {})["refresh_interval"] = "-1"
        engine._call(client.create_index, name, body)
        total = SearchDocument.objects.count()
        documents = _progress(stored_documents(), total, "搜索引擎索引", quiet)
        engine._call(client.bulk, engine.actions(documents, index=name))
        engine._call(client.put_settings, name, {"refresh_interval": None})
        engine._call(client.refresh, name)
        left = engine._call(client.point_alias, engine.alias, name)
    except BaseException:
        # A half-built index is dropped (even one whose creation timed out after the engine
        # made it); the alias still points at the old index, which readers keep using.
        _drop_quietly(client, name)
        raise
    for old in left:
        client.delete_index(old)
    # Everything stored before this rebuild is in the new index now.
    PendingIndexUpdate.objects.filter(created_at__lt=since).delete()
    report.engine_index = name
    report.seconds["engine"] = time.perf_counter() - started


def _drop_quietly(client, name: str) -> None:
    try:
        client.delete_index(name)
    except Exception as error:  # noqa: BLE001 - the original failure is what to report
        logger.warning("could not delete the half-built index %s: %s", name, error)


def reindex(
    *,
    documents: bool = True,
    database: bool = True,
    engine: bool = True,
    quiet: bool = False,
) -> Report:
    report = Report()
    if documents:
        rebuild_documents(report, quiet)
    else:
        report.documents = SearchDocument.objects.count()
    if database:
        rebuild_database_index(report, quiet)
    if engine:
        rebuild_engine_index(report, quiet)
    refresh_planner_statistics()
    return report
