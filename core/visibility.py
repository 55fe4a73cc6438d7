"""What readers may see: one rule for view restrictions, and links to pages readers may open.

The rule is Wagtail's (``Page.get_view_restrictions``): a page is restricted by a restriction on
itself or an ancestor, and an alias (the page or an ancestor) uses its source page's restrictions
instead of its own. :func:`restrictions_over` states it once, as a filter on
``PageViewRestriction`` by path prefix, so it costs one query for a page and none of its own
inside a queryset. Wagtail's ``PageQuerySet.public()`` loads every restriction first (one query
more) and overlooks aliases.

Orderable links from one page to others, as readers see them: a page type that keeps "related"
links (an Orderable with a foreign key to another page type) shows only the targets a reader may
open, live and outside every view-restricted section, in one query however many links there are.

A leaf helper: it imports nothing of ours, and anyone may import it.
"""

from django.db.models import Exists, F, OuterRef, Q, Value
from django.db.models.lookups import StartsWith

from modelcluster.queryset import FakeQuerySet
from wagtail.models import PageViewRestriction


def restrictions_over(path) -> Q:
    """A filter on ``PageViewRestriction``: the restrictions that apply to the page at ``path``
    (a tree path, or an expression such as ``OuterRef("path")``).

    Those on the page or an ancestor that is not an alias, and those on the source of an alias
    that is the page or an ancestor."""
    if isinstance(path, str):
        path = Value(path)
    on_page_or_ancestor = Q(StartsWith(path, F("page__path")), page__alias_of__isnull=True)
    on_source_of_alias = Q(StartsWith(path, F("page__aliases__path")))
    return on_page_or_ancestor | on_source_of_alias


def outside_restricted_sections(path_field: str):
    """A filter: no view restriction applies to the page at ``path_field``."""
    return ~Exists(PageViewRestriction.objects.filter(restrictions_over(OuterRef(path_field))))


def reader_links(links, target: str, *, select=(), prefetch=(), defer=()):
    """Narrow a queryset of links to those whose ``target`` page a reader may open, loading the
    target along (``select``, ``prefetch`` and ``defer`` are paths relative to the target).
    Also usable as the queryset of a ``Prefetch`` over many pages' links."""
    return (
        links.filter(**{f"{target}__live": True})
        .filter(outside_restricted_sections(f"{target}__path"))
        .select_related(target, *(f"{target}__{path}" for path in select))
        .prefetch_related(*(f"{target}__{path}" for path in prefetch))
        .defer(*(f"{target}__{path}" for path in defer))
    )


def shown_targets(links, target: str, **load) -> list:
    """The pages that ``links`` (a related manager of Orderable links) point to through the
    foreign key ``target``, in the editor's order, leaving out what readers may not see; one
    query (plus the ``prefetch`` ones). ``load`` is passed to :func:`reader_links`.

    A preview's unsaved links are in memory (modelcluster's FakeQuerySet): filtered there.
    """
    links = links.all()
    if isinstance(links, FakeQuerySet):
        return [page for page in (getattr(link, target) for link in links) if page.live]
    return [getattr(link, target) for link in reader_links(links, target, **load)]


class OneQueryViewRestrictionsMixin:
    """Wagtail checks view restrictions on every request in two queries (ancestors, then
    restrictions); this finds the same restrictions in one (:func:`restrictions_over`)."""

    def get_view_restrictions(self):
        return PageViewRestriction.objects.filter(restrictions_over(self.path)).distinct()
