"""The page tree read through an index, however many pages it holds.

Wagtail's ``child_of`` filters ``path LIKE 'parent%'`` and a depth: SQLite cannot use an index
for that LIKE (it ignores case), so with 50,000 rebuttals in the tree "the children of X" read
every page at that depth. The same rows as a range on ``(depth, path)`` (the index
``qingyuan_page_depth_path``, cms migration 0008) read only X's children. Paths are made of
0-9 and A-Z, so every path below X sorts between X and X + "~".
"""

PATH_END = "~"


def descendants_at(queryset, page, levels: int):
    """The pages ``levels`` below ``page`` (1: its children), as an index range."""
    return queryset.filter(
        depth=page.depth + levels, path__gt=page.path, path__lt=page.path + PATH_END
    )


def children_of(queryset, page):
    """``queryset.child_of(page)``, as an index range."""
    return descendants_at(queryset, page, 1)


def last_child_step(page) -> int:
    """The tree step of `page`'s last child (0 when it has none): new children in bulk take the
    steps after it (``Page._get_path(page.path, page.depth + 1, step)``)."""
    from wagtail.models import Page

    last_path = (
        children_of(Page.objects, page).order_by("-path").values_list("path", flat=True).first()
    )
    return Page._str2int(last_path[-Page.steplen :]) if last_path else 0
