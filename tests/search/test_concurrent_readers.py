"""Readers search while another process writes to the SQLite database: no 500, no "database
is locked". A second OS process holds the write lock again and again while the reader pages
and the suggestions are requested from the live server."""

import subprocess
import sys
import textwrap
import time

from django.conf import settings
from django.db import connection

import pytest
import requests

from debunk.factories import RebuttalPageFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"),
        reason="SQLite's locking (PostgreSQL has row locks and MVCC)",
    ),
]

WRITER = textwrap.dedent(
    """
    import sqlite3, sys, time
    db = sqlite3.connect(sys.argv[1], timeout=20, isolation_level=None)
    db.execute("CREATE TABLE IF NOT EXISTS concurrent_writes (n INTEGER)")
    deadline = time.monotonic() + float(sys.argv[2])
    n = 0
    while time.monotonic() < deadline:
        db.execute("BEGIN IMMEDIATE")
        db.execute("INSERT INTO concurrent_writes VALUES (?)", (n,))
        time.sleep(0.05)  # hold the write lock for a while
        db.execute("COMMIT")
        n += 1
    print(n)
    """
)


def test_readers_search_while_another_process_writes(live_server, site_tree):
    RebuttalPageFactory(parent=site_tree["rumours"], title="网传谣言：喝醋能软化血管")
    database = connection.settings_dict["NAME"]
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(database), "6"], stdout=subprocess.PIPE, text=True
    )
    statuses = []
    try:
        time.sleep(0.3)
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            for path, params in [("/search/", {"q": "谣言"}), ("/search/suggest/", {"q": "喝醋"})]:
                response = requests.get(live_server.url + path, params=params, timeout=30)
                statuses.append(response.status_code)
    finally:
        writes = int(writer.communicate(timeout=60)[0] or 0)
    assert writes > 10  # the other process really was writing all along
    assert statuses and all(status == 200 for status in statuses), statuses
