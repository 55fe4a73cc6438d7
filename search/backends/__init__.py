"""Choosing the backend, and falling back to the database when the engine can't answer."""

import logging

from django.conf import settings

from .base import (  # noqa: F401 - the public interface
    Backend,
    Hit,
    SearchRequest,
    SearchResults,
    SearchUnavailable,
    Suggestion,
)

logger = logging.getLogger(__name__)

FALLBACK_NOTICE = "搜索引擎暂时不可用，以下是站内数据库的搜索结果，排序和摘要可能略有不同。"


def database_backend() -> Backend:
    from .database import DatabaseBackend

    return DatabaseBackend()


def engine_backend() -> Backend | None:
    """The engine backend when SEARCH_URL names one, else None."""
    if not settings.SEARCH_URL:
        return None
    from .engine import EngineBackend

    return EngineBackend()


def search(request: SearchRequest) -> SearchResults:
    backend = engine_backend()
    if backend is not None:
        try:
            return backend.search(request)
        except SearchUnavailable as error:
            logger.warning("search falls back to the database: %s", error)
            results = database_backend().search(request)
            results.notice = FALLBACK_NOTICE
            return results
    return database_backend().search(request)


def suggest(prefix: str, limit: int = 8) -> list[Suggestion]:
    backend = engine_backend()
    if backend is not None:
        try:
            return backend.suggest(prefix, limit)
        except SearchUnavailable as error:
            logger.warning("suggestions fall back to the database: %s", error)
    return database_backend().suggest(prefix, limit)


def similar(*, page_id: int | None = None, text: str = "", limit: int = 5) -> list[Hit]:
    backend = engine_backend()
    if backend is not None:
        try:
            return backend.similar(page_id=page_id, text=text, limit=limit)
        except SearchUnavailable as error:
            logger.warning("similar items fall back to the database: %s", error)
    return database_backend().similar(page_id=page_id, text=text, limit=limit)
