"""Tests: fast hashing, in-memory mail and cache, tasks run inline."""

import os
from pathlib import Path

from .base import *  # noqa: F403
from .base import env

DEBUG = False
SECRET_KEY = "django-insecure-test-only"
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# The worker process of the worker tests writes its mail to files (tests/deploy/).
EMAIL_BACKEND = env.str(
    "TEST_EMAIL_BACKEND", default="django.core.mail.backends.locmem.EmailBackend"
)
EMAIL_FILE_PATH = env.str("EMAIL_FILE_PATH", default=str(VAR_DIR / "test-mail"))  # noqa: F405
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Inline in tests; the worker tests (tests/deploy/) queue in the database for a real worker.
TASKS = {
    "default": {
        "BACKEND": env.str(
            "TEST_TASKS_BACKEND", default="django_tasks.backends.immediate.ImmediateBackend"
        )
    }
}
# The worker tests' worker process is pointed at the test's media directory.
MEDIA_ROOT = Path(env.str("TEST_MEDIA_ROOT", default=str(VAR_DIR / "test-media")))  # noqa: F405
PRIVATE_MEDIA_ROOT = VAR_DIR / "test-private-media"  # noqa: F405
WAGTAILADMIN_BASE_URL = env.str("WAGTAILADMIN_BASE_URL", default="http://testserver")
SITE_URL = env.str("SITE_URL", default="http://localhost")  # Wagtail's own default Site
SERVE_MEDIA = True  # the browser tests play uploaded videos from the live server

if DATABASES["default"]["ENGINE"].endswith("sqlite3"):  # noqa: F405
    # A file, like the real database: WAL, the busy timeout and immediate transactions apply,
    # so tests with several connections (the live server, threads) behave as production does
    # (an in-memory database shared between threads fails with "table is locked" instead).
    # One file per test process, so two runs (or pytest-xdist workers) never share one.
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": str(VAR_DIR / f"test-db-{os.getpid()}.sqlite3")  # noqa: F405
    }
