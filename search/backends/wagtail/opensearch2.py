from modelsearch.backends.opensearch2 import OpenSearch2SearchBackend

from . import PreparedQueryMixin


class SearchBackend(PreparedQueryMixin, OpenSearch2SearchBackend):
    pass
