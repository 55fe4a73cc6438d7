"""The production parts, really started: Varnish (deploy/varnish.vcl) in front of the live
server, and the django-tasks-db worker (`manage.py db_worker`) as its own process on the test
database. Debian's varnish comes from `make test` (system-deps)."""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from django.conf import settings as django_settings
from django.db import connection

import pytest

ROOT = Path(__file__).resolve().parents[2]
DB_BACKEND = "django_tasks_db.DatabaseBackend"


def database_url() -> str:
    """The test database, as the worker process is told where it is (DATABASE_URL)."""
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    return f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(condition, timeout=30.0, every=0.1):
    """Poll until ``condition()`` is truthy; its last value (falsy if it never came)."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value or time.monotonic() > deadline:
            return value
        time.sleep(every)


def listening(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


class Proxy:
    def __init__(self, url):
        self.url = url

    def get(self, path, cookies=None):
        request = urllib.request.Request(self.url + path)
        if cookies:
            request.add_header("Cookie", "; ".join(f"{k}={v}" for k, v in cookies.items()))
        try:
            with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
                return response.status, response.headers, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read().decode()

    def purge_everything(self):
        request = urllib.request.Request(self.url + "/*", method="PURGE")
        urllib.request.urlopen(request, timeout=10).read()  # noqa: S310


@pytest.fixture(scope="session")
def varnish(live_server, tmp_path_factory):
    """Varnish with the deployment's VCL, its backend the live server."""
    if shutil.which("varnishd") is None:
        pytest.fail("varnishd not found: run `make test` (installs Debian's varnish).")
    work = tmp_path_factory.mktemp("varnish")
    backend_port = live_server.url.rsplit(":", 1)[1]
    vcl = (
        (ROOT / "deploy" / "varnish.vcl")
        .read_text()
        .replace('.port = "8000"', f'.port = "{backend_port}"')
    )
    (work / "default.vcl").write_text(vcl)
    port = free_port()
    process = subprocess.Popen(
        ["varnishd", "-F", "-j", "none", "-n", str(work / "n"), "-T", "none"]
        + ["-a", f"127.0.0.1:{port}", "-f", str(work / "default.vcl"), "-s", "malloc,64m"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        assert wait_for(lambda: listening(port), timeout=30), "varnishd did not start"
        yield Proxy(f"http://127.0.0.1:{port}")
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def proxy(varnish, settings):
    """The proxy, emptied (the database is flushed between tests, URLs repeat), with Wagtail
    purging it."""
    varnish.purge_everything()
    settings.WAGTAILFRONTENDCACHE = {
        "proxy": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": varnish.url,
        }
    }
    return varnish


class Worker:
    """`manage.py db_worker` on the test database, started and stopped like a service."""

    def __init__(self, env, log):
        self.env, self.log, self.process = env, log, None

    def start(self):
        self.process = subprocess.Popen(
            [sys.executable, "manage.py", "db_worker", "--interval", "0.2", "--no-startup-delay"],
            cwd=ROOT,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=30)
        self.process = None


@pytest.fixture
def worker(transactional_db, settings, tmp_path):
    """Tasks queued in the test database (this process) and run by a real worker process."""
    settings.TASKS = {"default": {"BACKEND": DB_BACKEND}}
    mail_dir = tmp_path / "mail"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
        "DATABASE_URL": database_url(),
        "TEST_TASKS_BACKEND": DB_BACKEND,
        "TEST_EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(mail_dir),
        "TEST_MEDIA_ROOT": str(django_settings.MEDIA_ROOT),
    }
    with (tmp_path / "worker.log").open("w") as log:
        process = Worker(env, log)
        process.mail_dir = mail_dir
        process.log_path = tmp_path / "worker.log"
        process.start()
        try:
            yield process
        finally:
            process.stop()
