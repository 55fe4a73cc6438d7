"""简体 / 繁體 reading: ``?script=hant`` renders any public page in Traditional characters.

The choice is in the URL, so a shared link carries it and the HTTP cache keys each variant by
URL (no response varies on a cookie). A reader's choice is remembered by a small script
(cms/js/script-toggle.js, localStorage) that adds the parameter to the site's links and opens
the Traditional variant of a page reached without it.

The page is rendered in Simplified as always and converted on its way out (OpenCC, the same
conversion search uses); text between KEEP markers (the 简体 link itself) is left as it is.
"""

from django.utils.deprecation import MiddlewareMixin

from search.text import to_traditional

PARAMETER = "script"
TRADITIONAL = "hant"
KEEP_START, KEEP_END = "<!--keep-script-->", "<!--/keep-script-->"
SKIPPED_PREFIXES = ("/admin/", "/documents/", "/share/")


def wants_traditional(request) -> bool:
    return request.GET.get(PARAMETER) == TRADITIONAL


def convert_html(html: str) -> str:
    """The page in Traditional characters, the KEEP parts and the markup's ASCII untouched."""
    parts = []
    rest = html
    while KEEP_START in rest:
        before, _, after = rest.partition(KEEP_START)
        kept, _, rest = after.partition(KEEP_END)
        parts += [to_traditional(before), kept]
    parts.append(to_traditional(rest))
    converted = "".join(parts)
    return converted.replace('<html lang="zh-Hans">', '<html lang="zh-Hant">', 1)


class ScriptMiddleware(MiddlewareMixin):
    """Convert public HTML pages asked for with ``?script=hant``."""

    def process_response(self, request, response):
        if (
            not wants_traditional(request)
            or request.path.startswith(SKIPPED_PREFIXES)
            or response.streaming
            or response.status_code != 200
            or not response.get("Content-Type", "").startswith("text/html")
        ):
            return response
        charset = response.charset or "utf-8"
        response.content = convert_html(response.content.decode(charset)).encode(charset)
        return response
