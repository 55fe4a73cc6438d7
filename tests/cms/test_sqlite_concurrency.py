"""SQLite configured for a web server: concurrent writers queue, they do not fail."""

import threading
import time

from django.conf import settings

import pytest

pytestmark = pytest.mark.skipif(
    not settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"),
    reason="the SQLite settings only (PostgreSQL has its own locking)",
)


def test_the_sqlite_file_uses_wal_a_busy_timeout_and_immediate_transactions(tmp_path):
    import sqlite3

    options = settings.DATABASES["default"]["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE"
    assert options["timeout"] >= 5
    path = tmp_path / "db.sqlite3"
    db = sqlite3.connect(path)
    db.executescript(options["init_command"])
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def sqlite_connection(path):
    """A Django SQLite connection with the project's settings, on a file of its own (the test
    database is in memory, where WAL and busy waiting do not apply)."""
    from django.db.backends.sqlite3.base import DatabaseWrapper

    return DatabaseWrapper({**settings.DATABASES["default"], "NAME": str(path)}, alias="file")


@pytest.fixture
def unblocked(django_db_blocker):
    """These connections are to a scratch file, not the test database."""
    with django_db_blocker.unblock():
        yield


def test_a_second_writer_waits_for_the_first_instead_of_failing(tmp_path, unblocked):
    path = tmp_path / "db.sqlite3"
    setup = sqlite_connection(path)
    with setup.cursor() as cursor:
        cursor.execute("CREATE TABLE writes (writer TEXT)")
    setup.close()

    errors, first_has_lock = [], threading.Event()

    def write(name, hold_seconds):
        db = sqlite_connection(path)
        try:
            db.ensure_connection()
            db.set_autocommit(False)  # what transaction.atomic() does: BEGIN IMMEDIATE here
            with db.cursor() as cursor:
                cursor.execute("INSERT INTO writes VALUES (%s)", [name])
            if hold_seconds:
                first_has_lock.set()
                time.sleep(hold_seconds)
            db.commit()
        except Exception as error:  # noqa: BLE001 - the test reports any failure
            errors.append(error)
        finally:
            db.close()

    first = threading.Thread(target=write, args=("first", 1.0))
    first.start()
    assert first_has_lock.wait(timeout=10)
    write("second", 0)
    first.join(timeout=30)
    assert errors == []
    check = sqlite_connection(path)
    with check.cursor() as cursor:
        cursor.execute("SELECT writer FROM writes ORDER BY rowid")
        assert [row[0] for row in cursor.fetchall()] == ["first", "second"]
    check.close()
