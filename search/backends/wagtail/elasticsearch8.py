from modelsearch.backends.elasticsearch8 import Elasticsearch8SearchBackend

from . import PreparedQueryMixin


class SearchBackend(PreparedQueryMixin, Elasticsearch8SearchBackend):
    pass
