# modelsearch's opensearch3 backend is the one written for the opensearch-py 3 client we pin
# (its opensearch2 backend passes positional arguments that client rejects); both talk to an
# OpenSearch 2.x server the same way.
from modelsearch.backends.opensearch3 import (
    OpenSearch3AutocompleteQueryCompiler,
    OpenSearch3Mapping,
    OpenSearch3SearchBackend,
    OpenSearch3SearchQueryCompiler,
)

from . import PREPARED_EDGENGRAMS, PreparedQueryMixin


class Mapping(OpenSearch3Mapping):
    edgengram_analyzer_config = PREPARED_EDGENGRAMS


class SearchQueryCompiler(OpenSearch3SearchQueryCompiler):
    mapping_class = Mapping


class AutocompleteQueryCompiler(OpenSearch3AutocompleteQueryCompiler):
    mapping_class = Mapping


class SearchBackend(PreparedQueryMixin, OpenSearch3SearchBackend):
    mapping_class = Mapping
    query_compiler_class = SearchQueryCompiler
    autocomplete_query_compiler_class = AutocompleteQueryCompiler
