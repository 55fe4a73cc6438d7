"""What a search costs at scale: ranking and counting read a small covering index, not the
documents' rows (on SQLite a row's facet columns sit behind its long texts, in overflow pages).

The site is built the way users build it (``import_rumours``, which refreshes the planner's
statistics as it finishes); the plans are SQLite's own (EXPLAIN QUERY PLAN)."""

import importlib
import io

from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from tests.debunk.test_import import CED, LTCR, OWN, write_lines

pytestmark = [
    # Committed for real: the import's search documents are written as each batch commits,
    # before it refreshes the statistics, as on a live site.
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"),
        reason="SQLite's planner (PostgreSQL keeps long texts out of line, in TOAST)",
    ),
]

TABLE = "search_searchdocument"


def copies(record, count):
    return [{**record, "id": f"{record['id']}-{n}", "slug": f"copy-{n}"} for n in range(count)]


@pytest.fixture
def seeded_categories():
    """The data migration's categories (an earlier transactional test's flush empties them)."""
    from django.apps import apps

    migration = importlib.import_module("debunk.migrations.0003_seed_categories")
    migration.seed_categories(apps, None)


def plan(sql: str) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}")
        return [row[-1] for row in cursor.fetchall()]


def test_the_search_page_ranks_and_counts_from_the_covering_index(
    client, site_tree, seeded_categories, tmp_path
):
    records = [LTCR, CED, *copies({**OWN, "claim": "网传明天起全城停水三天！"}, 3)]
    warnings = io.StringIO()
    try:
        call_command(
            "import_rumours",
            str(write_lines(tmp_path, *records)),
            stdout=io.StringIO(),
            stderr=warnings,
        )
    except CommandError as error:
        raise AssertionError(warnings.getvalue()) from error
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/search/", {"q": "网传"})
    assert response.status_code == 200
    assert "另有 2 篇相同传言" in response.content.decode()
    reading = [
        q["sql"] for q in captured.captured_queries if TABLE in q["sql"] and " MATCH " in q["sql"]
    ]
    assert len(reading) == 2  # the facet counts and the ranked page
    for sql in reading:
        steps = [step for step in plan(sql) if TABLE in step or " d " in f" {step} "]
        table_reads = [s for s in steps if "COVERING INDEX search_doc_rank_cover" not in s]
        # Only the page of results shown reads its rows (by primary key, ten at most).
        assert all("INTEGER PRIMARY KEY" in s for s in table_reads), (sql[:300], steps)
        assert any("COVERING INDEX search_doc_rank_cover" in s for s in steps), steps
