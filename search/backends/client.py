"""A small adapter over the two engine clients.

Queries are built with ``elasticsearch.dsl`` and sent as plain request bodies, so the same
query reaches Elasticsearch 8/9 through ``elasticsearch-py`` or OpenSearch 2.x through
``opensearch-py`` (the Elasticsearch client refuses to talk to OpenSearch, and the other way
round). Every client error becomes :class:`EngineError`; connection failures and time-outs
become :class:`EngineUnavailable`.
"""

import logging
import threading
from collections.abc import Iterable

from search.conf import EngineURL

from .base import SearchUnavailable

logger = logging.getLogger(__name__)


class EngineError(SearchUnavailable):
    pass


class EngineUnavailable(EngineError):
    pass


_clients: dict[tuple, "EngineClient"] = {}
_clients_lock = threading.Lock()


def engine_client(engine: EngineURL, timeout: float) -> "EngineClient":
    """The process's one client for this engine and time-out: its connection pool (HTTP
    keep-alive) serves every request instead of a new connection per search. The clients are
    thread-safe (urllib3 pools)."""
    key = (engine.flavour, engine.url, float(timeout))
    client = _clients.get(key)
    if client is None:
        with _clients_lock:
            client = _clients.get(key)
            if client is None:
                client = _clients[key] = EngineClient(engine, timeout=timeout)
    return client


class EngineClient:
    def __init__(self, engine: EngineURL, timeout: float = 5):
        self.flavour = engine.flavour
        self.url = engine.url
        if engine.flavour == "opensearch":
            import opensearchpy
            from opensearchpy import helpers

            self.client = opensearchpy.OpenSearch(
                hosts=[engine.url], timeout=timeout, max_retries=0, retry_on_timeout=False
            )
            self._bulk = helpers.bulk
            self._unavailable = (opensearchpy.ConnectionError,)
            self._errors = (opensearchpy.OpenSearchException,)
            self._not_found = opensearchpy.NotFoundError
        else:
            import elastic_transport
            import elasticsearch
            from elasticsearch import helpers

            self.client = elasticsearch.Elasticsearch(
                engine.url, request_timeout=timeout, max_retries=0, retry_on_timeout=False
            )
            self._bulk = helpers.bulk
            self._unavailable = (
                elastic_transport.ConnectionError,
                elastic_transport.ConnectionTimeout,
            )
            self._errors = (elastic_transport.TransportError, elasticsearch.ApiError)
            self._not_found = elasticsearch.NotFoundError

    def _call(self, action: str, function, *args, **kwargs):
        try:
            response = function(*args, **kwargs)
        except self._unavailable as error:
            raise EngineUnavailable(
                f"{self.flavour} at {self.url} unreachable ({action})"
            ) from error
        except self._errors as error:
            raise EngineError(f"{self.flavour} {action} failed: {error}") from error
        return getattr(response, "body", response)

    # -- reading ----------------------------------------------------------------------
    def search(self, index: str, body: dict) -> dict:
        return self._call("search", self.client.search, index=index, body=body)

    def health(self) -> dict:
        return self._call("health", self.client.cluster.health)

    # -- writing ----------------------------------------------------------------------
    def bulk(self, actions: Iterable[dict], refresh: bool = False) -> int:
        """Send index/delete actions; returns how many succeeded. Missing documents on delete
        are fine; any other item error raises :class:`EngineError`."""
        ok, errors = self._call(
            "bulk",
            self._bulk,
            self.client,
            actions,
            raise_on_error=False,
            refresh="true" if refresh else "false",
            chunk_size=500,
            max_chunk_bytes=20 * 1024 * 1024,
        )
        real_errors = [e for e in errors if next(iter(e.values())).get("status") != 404]
        if real_errors:
            raise EngineError(f"bulk: {len(real_errors)} items failed, first: {real_errors[0]}")
        return ok

    def create_index(self, name: str, body: dict) -> None:
        self._call("create index", self.client.indices.create, index=name, body=body)

    def delete_index(self, name: str) -> None:
        try:
            self._call("delete index", self.client.indices.delete, index=name)
        except EngineError as error:
            if not isinstance(error.__cause__, self._not_found):
                raise

    def put_settings(self, index: str, settings: dict) -> None:
        self._call(
            "put settings", self.client.indices.put_settings, index=index, body={"index": settings}
        )

    def refresh(self, index: str) -> None:
        self._call("refresh", self.client.indices.refresh, index=index)

    def indices_for_alias(self, alias: str) -> list[str]:
        try:
            response = self._call("get alias", self.client.indices.get_alias, name=alias)
        except EngineError as error:
            if isinstance(error.__cause__, self._not_found):
                return []
            raise
        return sorted(response)

    def point_alias(self, alias: str, index: str) -> list[str]:
        """Atomically move ``alias`` to ``index``; returns the indices it left."""
        previous = self.indices_for_alias(alias)
        actions = [{"remove": {"index": old, "alias": alias}} for old in previous if old != index]
        actions.append({"add": {"index": index, "alias": alias}})
        self._call("update aliases", self.client.indices.update_aliases, body={"actions": actions})
        return [old for old in previous if old != index]

    def indices_matching(self, pattern: str) -> list[str]:
        response = self._call("get index", self.client.indices.get, index=pattern)
        return sorted(response)
