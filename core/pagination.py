"""Lists shown a page at a time: one reading of the page parameter, one way to link pages.

Junk, zero or a negative page number shows the first page; a page past the end is a 404
("没有这一页"): the links never lead there, so only a stale or made-up URL does.
"""

from django.core.paginator import EmptyPage, Paginator
from django.http import Http404, QueryDict

PAGE_NOT_FOUND = "没有这一页"


def page_number(value) -> int:
    """The page a reader asked for, from the query string: anything but a positive whole
    number is the first page."""
    try:
        number = int(value or 1)
    except (TypeError, ValueError):
        return 1
    return max(number, 1)


class KnownCountPaginator(Paginator):
    """A paginator told how many items there are (no COUNT query). The slice is always a full
    page, so a count a little behind (a page added since it was taken) never hides items."""

    def __init__(self, object_list, per_page, *, count: int):
        super().__init__(object_list, per_page)
        self.count = count  # Paginator.count is a cached property: this is its value

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        return self._get_page(self.object_list[bottom : bottom + self.per_page], number, self)


def paginate(request, items, per_page: int, param: str = "page", count: int | None = None):
    """The Django ``Page`` of `items` that ``?<param>=`` asks for (a count and one slice).
    ``count``: the number of items when the caller already knows it (no COUNT query)."""
    if count is None:
        paginator = Paginator(items, per_page)
    else:
        paginator = KnownCountPaginator(items, per_page, count=count)
    try:
        return paginator.page(page_number(request.GET.get(param)))
    except EmptyPage as error:
        raise Http404(PAGE_NOT_FOUND) from error


def page_url(query: QueryDict, number: int, param: str = "page", anchor: str = "") -> str:
    """A link to page `number` that keeps every other parameter of `query` (filters, the other
    list's page); the first page is the URL without the page parameter."""
    query = query.copy()
    if number > 1:
        query[param] = str(number)
    else:
        query.pop(param, None)
    return f"?{query.urlencode()}" + (f"#{anchor}" if anchor else "")
