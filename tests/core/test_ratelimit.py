"""core.ratelimit: django-ratelimit counts, keyed by the client address TRUSTED_PROXY_COUNT
allows; the refusal says when to come back."""

import time

from django.contrib.auth import get_user_model
from django.test import RequestFactory

import pytest

from core.ratelimit import by_account, by_username, client_ip, hit, used_up


def request_from(address: str, forwarded: str = ""):
    return RequestFactory().post("/", REMOTE_ADDR=address, HTTP_X_FORWARDED_FOR=forwarded)


@pytest.fixture
def clock(monkeypatch):
    """The wall clock, moved by the test (django-ratelimit's windows and the cache's expiry)."""
    now = [1_700_000_000.0]
    monkeypatch.setattr(time, "time", lambda: now[0])
    return now


def test_attempts_over_the_limit_are_refused_until_the_window_ends(clock):
    request = request_from("203.0.113.9")
    assert hit(request, "test", 2, 60) is None
    assert hit(request, "test", 2, 60) is None
    refusal = hit(request, "test", 2, 60)
    assert refusal is not None
    assert (refusal.limit, refusal.window) == (2, 60)
    assert 0 < refusal.retry_after <= 60
    assert refusal.retry_after_minutes == 1
    clock[0] += refusal.retry_after
    assert hit(request, "test", 2, 60) is None  # a new window


def test_groups_and_clients_are_counted_apart(clock):
    assert hit(request_from("203.0.113.9"), "test", 1, 60) is None
    assert hit(request_from("203.0.113.9"), "test", 1, 60) is not None
    assert hit(request_from("203.0.113.9"), "other", 1, 60) is None
    assert hit(request_from("198.51.100.1"), "test", 1, 60) is None


def test_accounts_are_counted_apart_whatever_their_address(clock):
    for pk in (1, 2):
        request = request_from("203.0.113.9")
        request.user = get_user_model()(pk=pk, username=f"user-{pk}")
        assert hit(request, "test", 1, 60, key=by_account) is None
    assert hit(request, "test", 1, 60, key=by_account) is not None


def test_the_client_is_the_address_the_trusted_proxy_saw(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(request_from("10.0.0.1", "1.1.1.1, 203.0.113.5")) == "203.0.113.5"
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(request_from("10.0.0.1", "1.1.1.1, 203.0.113.5")) == "10.0.0.1"


def test_the_notice_says_the_limit_and_when_to_come_back(clock):
    request = request_from("203.0.113.9")
    hit(request, "test", 1, 3600)
    notice = hit(request, "test", 1, 3600).notice
    assert "每 60 分钟最多提交 1 次" in notice and "你填写的内容没有保存" in notice


def test_used_up_looks_without_counting(clock):
    request = request_from("203.0.113.9")
    for _ in range(5):
        assert used_up(request, "failures", 2, 60) is None  # looking never counts
    hit(request, "failures", 2, 60)
    assert used_up(request, "failures", 2, 60) is None
    hit(request, "failures", 2, 60)
    refusal = used_up(request, "failures", 2, 60)
    assert refusal is not None and 0 < refusal.retry_after <= 60


def test_account_names_are_one_key_whatever_the_case_or_spaces(clock):
    request = request_from("203.0.113.9")
    hit(request, "names", 1, 60, key=by_username("Editor "))
    assert used_up(request_from("198.51.100.1"), "names", 1, 60, key=by_username("editor"))
    assert used_up(request, "names", 1, 60, key=by_username("other")) is None
