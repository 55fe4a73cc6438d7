"""What readers may see: view restrictions in one query, and links to pages readers may open.

Orderable links from one page to others, as readers see them.

A page type that keeps "related" links (an Orderable with a foreign key to another page type)
shows only the targets a reader may open: live, and outside every view-restricted section. This
reads them in one query however many links there are; Wagtail's ``PageQuerySet.public()`` would
cost one more, since it loads every restriction first.

A leaf helper: it imports nothing of ours, and anyone may import it.
"""

from django.db.models import Exists, F, OuterRef, Q
from django.db.models.lookups import StartsWith

from modelcluster.queryset import FakeQuerySet
from wagtail.models import PageViewRestriction


def outside_restricted_sections(path_field: str):
    """A filter: the page at ``path_field`` is not under (or at) a view-restricted page."""
    restricted = PageViewRestriction.objects.filter(
        StartsWith(OuterRef(path_field), F("page__path"))
    )
    return ~Exists(restricted)


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
    restrictions); this finds the same restrictions in one, by path prefix.

    Like Wagtail's ``Page.get_view_restrictions``, an alias (the page or an ancestor) uses its
    source page's restrictions instead of its own.
    """

    def get_view_restrictions(self):
        paths = [self.path[:end] for end in range(self.steplen, len(self.path) + 1, self.steplen)]
        return PageViewRestriction.objects.filter(
            Q(page__path__in=paths, page__alias_of__isnull=True) | Q(page__aliases__path__in=paths)
        ).distinct()
