"""Django's Redis cache that answers "not cached" while Redis is unreachable.

The cache holds nothing a page cannot rebuild (fragments, search counts, rate-limit counters),
so a Redis outage must cost speed, never a 500. Reads return the default, writes are dropped,
``incr`` returns None: django-ratelimit then applies RATELIMIT_FAIL_OPEN (docs/deploy.md).
"""

import logging
import time

from django.core.cache.backends.redis import RedisCache, RedisCacheClient

from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

UNREACHABLE = (RedisConnectionError, RedisTimeoutError, OSError)
# One warning per this many seconds, not one per request.
WARN_EVERY_SECONDS = 60


class PooledRedisCacheClient(RedisCacheClient):
    """One ``redis.Redis`` per connection pool. Django makes a new one for every cache call,
    and redis-py copies its table of ~150 response callbacks each time: ~2 ms of CPU per page
    view for the shell's handful of reads. A client over a pool is safe to share."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class ResilientRedisCache(RedisCache):
    _last_warning = 0.0

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = PooledRedisCacheClient

    def _unreachable(self, error):
        now = time.monotonic()
        if now - ResilientRedisCache._last_warning > WARN_EVERY_SECONDS:
            ResilientRedisCache._last_warning = now
            logger.warning("Redis cache unreachable, serving without it: %s", error)

    def get(self, key, default=None, version=None):
        try:
            return super().get(key, default, version)
        except UNREACHABLE as error:
            self._unreachable(error)
            return default

    def get_many(self, keys, version=None):
        try:
            return super().get_many(keys, version)
        except UNREACHABLE as error:
            self._unreachable(error)
            return {}

    def add(self, key, value, timeout=None, version=None):
        try:
            return super().add(key, value, timeout, version)
        except UNREACHABLE as error:
            self._unreachable(error)
            return False

    def incr(self, key, delta=1, version=None):
        try:
            return super().incr(key, delta, version)
        except UNREACHABLE as error:
            self._unreachable(error)
            return None


def _dropping(name):
    def method(self, *args, **kwargs):
        try:
            return getattr(RedisCache, name)(self, *args, **kwargs)
        except UNREACHABLE as error:
            self._unreachable(error)
            return None

    method.__name__ = name
    return method


# Writes and deletes: dropped while Redis is away (the next read is a miss anyway).
for _name in ("set", "set_many", "touch", "delete", "delete_many", "clear", "has_key"):
    setattr(ResilientRedisCache, _name, _dropping(_name))
