"""Redis (Debian's redis-server, really started) as the cache and rate-limit store, and what
happens when it goes away: pages still render, rate limits refuse unless told to fail open."""

import shutil
import subprocess

from django.core.cache import cache
from django.test import RequestFactory

import pytest

from core.ratelimit import hit
from debunk.factories import RebuttalPageFactory

from .conftest import free_port, listening, wait_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def redis_server(tmp_path):
    if shutil.which("redis-server") is None:
        pytest.fail("redis-server not found: run `make test` (installs Debian's redis-server).")
    port = free_port()
    process = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", ""]
        + ["--appendonly", "no", "--dir", str(tmp_path)],
        stdout=subprocess.DEVNULL,
    )
    assert wait_for(lambda: listening(port)), "redis-server did not start"
    process.port = port
    yield process
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def redis_cache(redis_server, settings):
    """The cache settings production derives from REDIS_URL."""
    import environ

    config = environ.Env.cache_url_config(f"redis://127.0.0.1:{redis_server.port}/0")
    assert config["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    config["BACKEND"] = "core.cache_backends.ResilientRedisCache"
    config["OPTIONS"] = {"socket_connect_timeout": 0.25, "socket_timeout": 0.5}
    settings.CACHES = {"default": config}
    return redis_server


def refused(group="redis-test") -> bool:
    request = RequestFactory().post("/tips/send/", REMOTE_ADDR="203.0.113.9")
    return hit(request, group, limit=5, window=60) is not None


def test_cache_and_rate_limits_live_in_redis(redis_cache):
    cache.set("greeting", "你好", 30)
    assert cache.get("greeting") == "你好"
    assert [refused() for _ in range(6)] == [False] * 5 + [True]


def test_cache_calls_share_one_client_and_one_connection(redis_cache):
    """Django builds a redis.Redis per call; ours keeps one per pool (core/cache_backends.py)."""
    import redis

    for n in range(50):
        cache.set(f"k{n}", n, 30)
        assert cache.get(f"k{n}") == n
    client = cache._cache.get_client()
    assert client is cache._cache.get_client(write=True)
    assert redis.Redis(port=redis_cache.port).info("stats")["total_connections_received"] <= 3


def test_redis_down_pages_render_and_rate_limits_refuse(redis_cache, client, site_tree, settings):
    page = RebuttalPageFactory(parent=site_tree["rumours"], slug="water")
    page.save_revision().publish()
    redis_cache.terminate()
    redis_cache.wait(timeout=10)
    assert cache.get("greeting", "miss") == "miss"
    cache.set("greeting", "你好")  # dropped, no error
    for path in ("/", site_tree["rumours"].url, page.url, "/search/?q=%E8%87%AA%E6%9D%A5%E6%B0%B4"):
        assert client.get(path).status_code == 200, path
    # Nothing can be counted: the limit refuses (RATELIMIT_FAIL_OPEN off) …
    assert refused()
    # … or lets everything through when the operator chose availability.
    settings.RATELIMIT_FAIL_OPEN = True
    assert not refused()
