from modelsearch.backends.elasticsearch8 import (
    Elasticsearch8AutocompleteQueryCompiler,
    Elasticsearch8Mapping,
    Elasticsearch8SearchBackend,
    Elasticsearch8SearchQueryCompiler,
)

from . import PREPARED_EDGENGRAMS, PreparedQueryMixin


class Mapping(Elasticsearch8Mapping):
    edgengram_analyzer_config = PREPARED_EDGENGRAMS


class SearchQueryCompiler(Elasticsearch8SearchQueryCompiler):
    mapping_class = Mapping


class AutocompleteQueryCompiler(Elasticsearch8AutocompleteQueryCompiler):
    mapping_class = Mapping


class SearchBackend(PreparedQueryMixin, Elasticsearch8SearchBackend):
    mapping_class = Mapping
    query_compiler_class = SearchQueryCompiler
    autocomplete_query_compiler_class = AutocompleteQueryCompiler
