"""Demo content for search: index whatever the other apps' demo content published."""

import logging

from . import reindex
from .backends import SearchUnavailable

logger = logging.getLogger(__name__)


def load_demo() -> None:
    """Rebuild the stored documents and indexes (run after every app has loaded its pages)."""
    try:
        reindex.reindex(quiet=True)
    except SearchUnavailable as error:
        # The database index is built; the engine catches up with `manage.py search_reindex`.
        logger.warning("search engine not indexed: %s", error)
