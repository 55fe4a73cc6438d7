"""Background work for search, through django-tasks (run inline by the immediate backend)."""

import logging

from django_tasks import task

from . import query_stats, sync

logger = logging.getLogger(__name__)


@task()
def sync_pages_task(page_ids: list[int]) -> None:
    try:
        sync.sync_pages(page_ids)
    except Exception:
        # Task backends record the failure quietly; say it where operators look.
        logger.exception("search sync failed for pages %s", page_ids)
        raise


@task()
def sync_subtree_task(page_id: int) -> None:
    try:
        sync.sync_subtree(page_id)
    except Exception:
        logger.exception("search sync failed for the pages under page %s", page_id)
        raise


@task()
def sync_copies_task(fingerprints: list[str]) -> None:
    try:
        sync.sync_copies(fingerprints)
    except Exception:
        logger.exception("search sync failed for the copies of %s", fingerprints)
        raise


@task()
def flush_search_stats() -> int:
    """Move the searches counted in the cache into SearchQueryStat (search.query_stats)."""
    try:
        return query_stats.flush()
    except Exception:
        logger.exception("flushing search statistics failed")
        raise
