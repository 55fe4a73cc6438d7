"""Which search backend to use, from one URL setting (``SEARCH_URL``).

``elasticsearch+http://host:9200`` or ``opensearch+https://user:pass@host:9200`` selects the
engine backend with that client; unset or empty selects the database backend. Settings modules
call :func:`wagtailsearch_backends` so Wagtail's own (admin) search uses the same engine.
"""

from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

from django.core.exceptions import ImproperlyConfigured

ENGINE_FLAVOURS = ("elasticsearch", "opensearch")
# Our own database index of SearchDocument rows lives in this Wagtail search backend.
DATABASE_BACKEND_NAME = "database"


@dataclass(frozen=True)
class EngineURL:
    flavour: str  # "elasticsearch" | "opensearch"
    url: str  # the plain http(s) URL the client connects to


def parse_search_url(value: str | None) -> EngineURL | None:
    if not value:
        return None
    parts = urlsplit(value)
    flavour, _, transport = parts.scheme.partition("+")
    if flavour not in ENGINE_FLAVOURS or transport not in ("http", "https"):
        raise ImproperlyConfigured(
            f"SEARCH_URL must start with elasticsearch+http(s):// or opensearch+http(s)://, "
            f"not {parts.scheme}://"
        )
    return EngineURL(flavour, urlunsplit((transport, parts.netloc, parts.path, "", "")))


# The admin's engine index analyses the prepared (space-separated) terms by whitespace, so a
# Chinese word stays one token instead of the standard analyzer's single characters.
ENGINE_INDEX_SETTINGS = {
    "settings": {
        "analysis": {
            "analyzer": {
                "default": {
                    "type": "custom",
                    "tokenizer": "whitespace",
                    "filter": ["lowercase"],
                },
                "edgengram_analyzer": {
                    "type": "custom",
                    "tokenizer": "whitespace",
                    "filter": ["lowercase", "edgengram"],
                },
                "prepared_search": {
                    "type": "custom",
                    "tokenizer": "whitespace",
                    "filter": ["lowercase"],
                },
            }
        }
    }
}


def wagtailsearch_backends(search_url: str | None, index_prefix: str = "qingyuan-") -> dict:
    """WAGTAILSEARCH_BACKENDS for the configured engine (or none), prepared text on both sides."""
    database = {"BACKEND": "search.backends.wagtail.database", "SEARCH_CONFIG": "simple"}
    engine = parse_search_url(search_url)
    if engine is None:
        return {"default": database, DATABASE_BACKEND_NAME: {**database, "AUTO_UPDATE": False}}
    backend = "opensearch" if engine.flavour == "opensearch" else "elasticsearch8"
    return {
        "default": {
            "BACKEND": f"search.backends.wagtail.{backend}",
            "URLS": [engine.url],
            "INDEX_PREFIX": f"{index_prefix}admin-",
            "TIMEOUT": 5,
            "INDEX_SETTINGS": ENGINE_INDEX_SETTINGS,
        },
        DATABASE_BACKEND_NAME: {**database, "AUTO_UPDATE": False},
    }
