"""Wagtail's database backend (SQLite FTS5, PostgreSQL, ...) with prepared queries."""

from functools import cache

from modelsearch.backends.database import SearchBackend as database_backend

from . import PreparedQueryMixin


@cache
def _prepared_class(backend_class):
    return type(f"Prepared{backend_class.__name__}", (PreparedQueryMixin, backend_class), {})


def SearchBackend(params):  # noqa: N802 - the name modelsearch looks up
    # modelsearch picks the class for the current database vendor at runtime.
    backend = database_backend(dict(params))
    return _prepared_class(type(backend))(params)
