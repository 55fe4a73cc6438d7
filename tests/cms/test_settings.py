import json
import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

import pytest

REPO = Path(__file__).resolve().parents[2]


def test_site_speaks_chinese_in_beijing_time():
    assert settings.LANGUAGE_CODE == "zh-hans"
    assert settings.TIME_ZONE == "Asia/Shanghai"
    assert settings.USE_TZ


def run_manage(*args, env_overrides):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def dev_settings_shell(code, var_dir, env_overrides):
    """`manage.py shell -c code` on the dev settings, with var/ in `var_dir`."""
    env = {"DJANGO_SETTINGS_MODULE": "cms.settings.dev", "QINGYUAN_VAR_DIR": str(var_dir)}
    return run_manage("shell", "-c", code, env_overrides={**env, **env_overrides})


def test_production_settings_pass_the_deployment_checklist(tmp_path):
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        "--settings=cms.settings.production",
        env_overrides={
            "SECRET_KEY": "k" * 20 + "8f3!a-Zq0" * 6,
            "ALLOWED_HOSTS": "piyao.example.org",
            "QINGYUAN_VAR_DIR": str(tmp_path),
        },
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.parametrize(
    ("missing", "message"),
    [("SECRET_KEY", "SECRET_KEY must be set"), ("ALLOWED_HOSTS", "ALLOWED_HOSTS must list")],
)
def test_production_settings_refuse_to_start_without_secrets(tmp_path, missing, message):
    env = {
        "SECRET_KEY": "s" * 60,
        "ALLOWED_HOSTS": "piyao.example.org",
        "QINGYUAN_VAR_DIR": str(tmp_path),
    }
    env[missing] = ""
    result = run_manage("check", "--settings=cms.settings.production", env_overrides=env)
    assert result.returncode != 0
    assert message in result.stderr


def test_database_url_selects_the_database(tmp_path):
    result = run_manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.DATABASES['default']['NAME'])",
        env_overrides={
            "DATABASE_URL": f"sqlite:///{tmp_path}/other.sqlite3",
            "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
        },
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith(f"{tmp_path}/other.sqlite3")


def test_urls_and_typed_values_come_from_the_environment(tmp_path):
    shown = (
        "import json; from django.conf import settings as s; print(json.dumps(["
        "s.CACHES['default'], s.DATABASES['default']['CONN_MAX_AGE'], s.EMAIL_HOST, s.EMAIL_PORT,"
        " s.EMAIL_HOST_USER, s.EMAIL_HOST_PASSWORD, s.EMAIL_USE_TLS, s.ALLOWED_HOSTS, s.TIPS_PER_IP"
        "]))"
    )
    result = dev_settings_shell(
        shown,
        tmp_path,
        {
            "REDIS_URL": "redis://127.0.0.1:6379/2",
            "DATABASE_CONN_MAX_AGE": "60",
            "EMAIL_URL": "smtp+tls://bot%40example.org:p%2Fw@mail.example.org:587",
            "ALLOWED_HOSTS": "piyao.example.org, www.piyao.example.org",
            "TIPS_PER_IP": "",  # empty counts as unset: the default stays
        },
    )
    assert result.returncode == 0, result.stderr
    cache, conn_max_age, host, port, user, password, tls, hosts, tips = json.loads(
        result.stdout.splitlines()[-1]
    )
    # Django's RedisCache, answering "miss" while Redis is down (core/cache_backends.py).
    assert cache == {
        "BACKEND": "core.cache_backends.ResilientRedisCache",
        "LOCATION": "redis://127.0.0.1:6379/2",
        "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.5},
    }
    assert conn_max_age == 60
    assert (host, port, user, password, tls) == (
        "mail.example.org",
        587,
        "bot@example.org",
        "p/w",
        True,
    )
    assert hosts == ["piyao.example.org", "www.piyao.example.org"]
    assert tips == 10
