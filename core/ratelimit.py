"""Per-client limits on what the public sends, and the one 429 answer.

django-ratelimit counts the attempts in the cache (shared between processes when REDIS_URL is
set; keys are hashed, so no address is stored as it is). This module says who the client is
and answers "too many requests".

The views call ``hit()`` (django-ratelimit's ``get_usage``) rather than its decorator: a
refused request gets its own page back, with what was typed put back into the form and a
Retry-After taken from the window, which the decorator's single RATELIMIT_VIEW cannot build.
"""

import math
from dataclasses import dataclass

from django.conf import settings
from django.template.response import TemplateResponse

from django_ratelimit.core import get_usage


def client_ip(request) -> str:
    """The client's address; behind TRUSTED_PROXY_COUNT proxies, the one they saw.

    Each trusted proxy appends the address it received the request from to X-Forwarded-For, so
    the client is that many entries from the right; anything further left is client-supplied.
    """
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if proxies:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if len(hops) >= proxies:
            return hops[-proxies]
    return request.META.get("REMOTE_ADDR", "")


# django-ratelimit keys: called with (group, request), they name whose attempts are counted.
def by_address(group, request) -> str:
    return client_ip(request)


def by_account(group, request) -> str:
    return f"user:{request.user.pk}"


def by_username(username: str):
    """A key for the attempts on one account name, as typed (case-folded), from any address."""
    name = f"username:{username.strip().casefold()}"
    return lambda group, request: name


@dataclass(frozen=True)
class Refusal:
    limit: int
    window: int  # seconds
    retry_after: int  # seconds until the client's current window ends

    @property
    def retry_after_minutes(self) -> int:
        return max(1, math.ceil(self.retry_after / 60))

    @property
    def notice(self) -> str:
        return (
            "提交太频繁了，请休息一下："
            f"同一网络每 {self.window // 60} 分钟最多提交 {self.limit} 次，"
            f"请约 {self.retry_after_minutes} 分钟后再试。你填写的内容没有保存。"
        )


def hit(request, group: str, limit: int, window: int, key=by_address) -> Refusal | None:
    """Count one attempt in ``group``; a Refusal once more than ``limit`` fell in the client's
    current window of ``window`` seconds, else None."""
    usage = get_usage(request, group=group, key=key, rate=(limit, window), increment=True)
    if usage is None or not usage["should_limit"]:
        return None
    # django-ratelimit's window still holds at its last second (time_left 0).
    return Refusal(limit=limit, window=window, retry_after=max(1, usage["time_left"] + 1))


def used_up(request, group: str, limit: int, window: int, key=by_address) -> Refusal | None:
    """A Refusal once ``limit`` attempts were counted in ``group`` in the client's current window,
    without counting this one: for limits on failures only, which ``hit()`` counts after the
    fact (a login that succeeds is never counted)."""
    usage = get_usage(request, group=group, key=key, rate=(limit, window), increment=False)
    if usage is None or usage["count"] < limit:
        return None
    return Refusal(limit=limit, window=window, retry_after=max(1, usage["time_left"] + 1))


def too_many_requests(
    request, template, context: dict, refusal: Refusal, *, notice_key="notice", notice=None
) -> TemplateResponse:
    """The page again with the reason in Chinese (``refusal.notice`` unless ``notice`` is given,
    under ``notice_key``), status 429 and a Retry-After header."""
    context = {**context, notice_key: notice or refusal.notice}
    response = TemplateResponse(request, template, context, status=429)
    response["Retry-After"] = str(refusal.retry_after)
    return response
