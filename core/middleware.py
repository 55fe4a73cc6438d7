"""Admin requests carrying a NUL character are refused with a 400 before any view sees them.

No admin form or id has a use for one, and PostgreSQL refuses it in any text value ("text
fields cannot contain NUL"), which turned such a request into a 500 wherever it reached a
query in Wagtail's own views (a snippet's id in its URL, a filter). Reader pages clean their
input themselves (search and the public forms drop control characters), so they keep
answering as before."""

from django.http import HttpResponseBadRequest

REFUSED = "请求中含有不允许的字符（NUL），已拒绝。"


ADMIN_PREFIX = "/admin/"


def carries_nul(request) -> bool:
    if not request.path.startswith(ADMIN_PREFIX):
        return False
    if "\x00" in request.path:
        return True
    queries = [request.GET, request.POST] if request.method == "POST" else [request.GET]
    for values in queries:
        for key, items in values.lists():
            if "\x00" in key or any("\x00" in item for item in items):
                return True
    return False


class RejectNulMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if carries_nul(request):
            return HttpResponseBadRequest(REFUSED, content_type="text/plain; charset=utf-8")
        return self.get_response(request)
