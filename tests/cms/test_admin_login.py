"""Password guessing on the admin login: failures are counted per address and per account name,
and past the limit every attempt gets a 429 until the window ends."""

import logging
import math

from django.urls import reverse

import pytest

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"
PASSWORD = "right-password-123"


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser("editor", password=PASSWORD)


def attempt(client, password, username="editor", address="203.0.113.7"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def fail(client, times, **kwargs):
    for _ in range(times):
        assert attempt(client, "wrong", **kwargs).status_code == 200


def test_the_login_is_wagtails_under_its_own_name(client):
    assert reverse("wagtailadmin_login") == LOGIN
    response = client.get(LOGIN)
    assert response.status_code == 200
    assert 'name="password"' in response.content.decode()


def test_the_eleventh_attempt_after_ten_failures_is_refused(client, editor, caplog):
    fail(client, 10)

    with caplog.at_level(logging.WARNING, logger="cms.security"):
        refused = attempt(client, PASSWORD)  # the right password changes nothing now

    assert refused.status_code == 429
    retry_after = int(refused["Retry-After"])
    assert 0 < retry_after <= 900
    minutes = math.ceil(retry_after / 60)
    assert f"登录失败次数太多，请约 {minutes} 分钟后再试" in refused.content.decode()
    assert "_auth_user_id" not in client.session
    assert any(
        record.levelno == logging.WARNING
        and "refused" in record.getMessage()
        and "'editor'" in record.getMessage()
        and "203.0.113.7" in record.getMessage()
        for record in caplog.records
    )


def test_failures_are_logged_with_username_and_address(client, editor, caplog):
    with caplog.at_level(logging.WARNING, logger="cms.security"):
        attempt(client, "wrong", username="nobody\nforged line")
    [record] = [r for r in caplog.records if r.name == "cms.security"]
    assert record.getMessage() == (
        "Admin login failed: username 'nobody\\nforged line' from 203.0.113.7"
    )


def test_another_address_is_not_blocked(client, editor):
    fail(client, 10)
    assert attempt(client, "wrong").status_code == 429

    response = attempt(client, PASSWORD, address="198.51.100.20")

    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")


def test_successful_logins_are_not_counted_as_failures(client, editor):
    for _ in range(12):
        assert attempt(client, PASSWORD).status_code == 302
        client.logout()
    fail(client, 9)
    assert attempt(client, PASSWORD).status_code == 302  # nine failures: still allowed


def test_guessing_one_account_from_many_addresses_is_refused(client, editor, settings):
    settings.ADMIN_LOGIN_FAILURES_PER_USERNAME = 20
    for n in range(20):
        fail(client, 1, address=f"198.51.100.{n + 1}")

    assert attempt(client, PASSWORD, address="192.0.2.1").status_code == 429
    other = attempt(client, "wrong", username="someone-else", address="192.0.2.1")
    assert other.status_code == 200  # other accounts are not locked with it


def test_account_names_are_counted_whatever_their_case(client, editor, settings):
    settings.ADMIN_LOGIN_FAILURES_PER_USERNAME = 2
    fail(client, 1, username="Editor", address="198.51.100.1")
    fail(client, 1, username=" editor", address="198.51.100.2")
    assert attempt(client, PASSWORD, address="198.51.100.3").status_code == 429


def test_the_limits_come_from_settings(client, editor, settings):
    settings.ADMIN_LOGIN_FAILURES_PER_IP = 3
    fail(client, 3)
    assert attempt(client, PASSWORD).status_code == 429


def test_the_django_admin_is_not_served(admin_client):
    assert admin_client.get("/django-admin/").status_code == 404
    assert admin_client.get("/django-admin/login/").status_code == 404
