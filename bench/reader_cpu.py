"""CPU ms per request of each reader page, in one process (no server, no network): the
steadiest figure on a shared machine, and the queries each page makes.

    QINGYUAN_VAR_DIR=var/bench-reader-50000 .venv/bin/python bench/reader_cpu.py

Run it on a site built by bench/reader_site.py. Production settings (DEBUG off), no page cache;
five warm-up requests per page (per-process caches, the site shell), then 30 timed ones.
"""

import os
import sys
import time
from pathlib import Path

URLS = [
    "/",
    "/rumours/",
    "/rumours/?page=10",
    "/rumours/?verdict=false",
    "/rumours/demo-004/",
    "/videos/one-minute-truth/",
    "/campaigns/",
    "/campaigns/say-something/",
]
REPEAT = 30


def main():
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.production")
    os.environ.setdefault("SECRET_KEY", "bench-only")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ.setdefault("STATIC_ROOT", "/tmp/qingyuan-bench-static")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    call_command("collectstatic", interactive=False, verbosity=0)
    client = Client()
    print(f"{'page':28s} {'CPU ms/req':>10s} {'queries':>8s}")
    for url in URLS:
        for _ in range(5):
            response = client.get(url)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
        started = time.process_time()
        for _ in range(REPEAT):
            client.get(url)
        ms = (time.process_time() - started) * 1000 / REPEAT
        with CaptureQueriesContext(connection) as captured:
            client.get(url)
        print(f"{url:28s} {ms:10.1f} {len(captured.captured_queries):8d}")


if __name__ == "__main__":
    main()
