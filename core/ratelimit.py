"""A per-client attempt counter in the cache (shared between processes when REDIS_URL is set)."""

import hashlib
import math
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache


@dataclass(frozen=True)
class RateLimitResult:
    allowed: bool
    retry_after: int  # seconds until the current window ends

    @property
    def retry_after_minutes(self) -> int:
        return max(1, math.ceil(self.retry_after / 60))


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


def hit(scope: str, client: str, limit: int, window: int, now: float | None = None):
    """Count one attempt by `client` in `scope`; refuse once more than `limit` fall in the
    current fixed window of `window` seconds. Addresses are hashed before they reach the cache."""
    now = time.time() if now is None else now
    window_start = int(now // window) * window
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{client}".encode()).hexdigest()[:32]
    key = f"ratelimit:{scope}:{digest}:{window_start}"
    if cache.add(key, 1, timeout=window):
        count = 1
    else:
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add() and incr()
            cache.set(key, 1, timeout=window)
            count = 1
    return RateLimitResult(allowed=count <= limit, retry_after=window_start + window - int(now))
