"""The site's Cache-Control policy, one decision per response (docs/deploy.md).

Shared caches (the proxy in front, a CDN) may keep a response only when it is the same for
every reader: an anonymous GET that set no cookie, used no CSRF token, is not a preview and
succeeded (or is a stable 404/410 or redirect). Everything else is ``private, no-cache``: the
editor's pages, forms, the tip and campaign submission flows, errors. Views that decided for
themselves (Wagtail's admin, ``never_cache`` views) keep their header, unless it claims public
while the response sets a cookie.
"""

from django.conf import settings
from django.utils.cache import patch_cache_control

# Statuses whose answer is the same for every anonymous reader of the URL.
SHAREABLE_STATUSES = frozenset({200, 203, 301, 308, 404, 410})
# Cookies that make a request personal: Django's session (logged in, a page password
# entered) and its message store (a flash message waiting to be shown).
MESSAGES_COOKIE = "messages"  # django.contrib.messages' CookieStorage.cookie_name


def personal_cookies() -> tuple[str, ...]:
    return (settings.SESSION_COOKIE_NAME, MESSAGES_COOKIE)


def is_shareable(request, response) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and response.status_code in SHAREABLE_STATUSES
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not request.META.get("CSRF_COOKIE_USED")
        and not getattr(request, "is_preview", False)
        and not request.path.startswith(settings.CACHE_CONTROL_PRIVATE_PREFIXES)
        and not any(name in request.COOKIES for name in personal_cookies())
    )


def drop_vary_cookie(response) -> None:
    """The shared copy was rendered without any personal cookie (is_shareable), so it does not
    depend on the Cookie header; keeping Vary: Cookie would split a CDN's cache per reader."""
    if not response.has_header("Vary"):
        return
    kept = [v.strip() for v in response["Vary"].split(",") if v.strip().lower() != "cookie"]
    if kept:
        response["Vary"] = ", ".join(kept)
    else:
        del response["Vary"]


class CacheControlMiddleware:
    """Outermost middleware: it sees the cookies and CSRF use of everything inside it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        decided = response.get("Cache-Control", "")
        if is_shareable(request, response):
            if not decided:
                patch_cache_control(
                    response,
                    public=True,
                    max_age=settings.CACHE_CONTROL_MAX_AGE,
                    s_maxage=settings.CACHE_CONTROL_SHARED_MAX_AGE,
                    stale_while_revalidate=settings.CACHE_CONTROL_STALE_WHILE_REVALIDATE,
                )
            if "public" in response.get("Cache-Control", ""):
                drop_vary_cookie(response)
        elif not decided or "public" in decided:
            if decided:
                del response["Cache-Control"]
            patch_cache_control(response, private=True, no_cache=True)
        return response
