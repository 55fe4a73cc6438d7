"""Search fields for Wagtail's own search (modelsearch) that index prepared Chinese text.

Page types use :func:`prepared` on their ``search_fields`` so that the admin's page search
gets segmented, Simplified text whatever backend is configured::

    search_fields = prepared([*Page.search_fields, index.SearchField("intro")])

The query side is handled by the backends in ``search.backends.wagtail``.
"""

from wagtail.search import index

from . import text


class PreparedSearchField(index.SearchField):
    """A SearchField whose value is indexed as prepared terms (see ``search.text``)."""

    def get_value(self, obj):
        return text.index_terms(_as_text(super().get_value(obj)))


class PreparedAutocompleteField(index.AutocompleteField):
    def get_value(self, obj):
        return text.index_terms(_as_text(super().get_value(obj)))


class StoredTermsField(index.SearchField):
    """Indexes the terms already prepared in ``<field_name>_terms`` under ``field_name``.

    Naming it ``title`` puts the terms in the database backends' title column, which is ranked
    above the body.
    """

    def get_value(self, obj):
        return getattr(obj, f"{self.field_name}_terms")


def _as_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return " ".join(_as_text(item) for item in value)
    if isinstance(value, dict):
        return " ".join(_as_text(item) for item in value.values())
    return str(value)


def prepared(search_fields):
    """The search fields plus a prepared twin of every SearchField and AutocompleteField.

    The originals stay (Wagtail checks that a page keeps Page.search_fields); the twins come
    last, so an engine document holds the prepared value under the field's name, and the
    database backends index both.
    """
    twins = []
    for field in search_fields:
        if type(field) is index.SearchField:
            twins.append(PreparedSearchField(field.field_name, boost=field.boost, **field.kwargs))
        elif type(field) is index.AutocompleteField:
            twins.append(PreparedAutocompleteField(field.field_name, **field.kwargs))
    return [*search_fields, *twins]
