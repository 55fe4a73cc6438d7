"""Search statistics are counted in the cache and written in batches, never in a reader's
search; the 搜了没找到 report reads the flushed counts."""

import datetime

from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import pytest

from search import query_stats
from search.models import SearchQueryStat

pytestmark = pytest.mark.django_db
SEARCH = "/search/"
WRITES = ("INSERT", "UPDATE", "DELETE")


def writes_during(client, params) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(SEARCH, params).status_code == 200
    return [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(WRITES)]


def counts():
    return {
        stat.query: (stat.searches, stat.empty_searches, stat.found)
        for stat in SearchQueryStat.objects.all()
    }


def test_a_readers_search_writes_nothing_to_the_database(corpus, client):
    client.get("/")  # the site's settings row is created on the first request
    for params in [
        {"q": "谣言"},
        {"q": "外星人"},
        {"q": "谣言"},
        {"q": "网传", "verdict": "false"},
    ]:
        assert writes_during(client, params) == []
    assert SearchQueryStat.objects.count() == 0  # counted, not yet written


def test_after_a_flush_the_report_shows_each_query_with_its_counts(corpus, client, admin_client):
    for query in ["外星人", "外星人", "謠言", "谣言 ", "吃香蕉会中毒"]:
        client.get(SEARCH, {"q": query})
    client.get(SEARCH, {"q": "外星人", "page": "2"})  # paging is not a new search

    report = admin_client.get(reverse("search_zero_results"))  # flushes first

    rows = [(r["query"], r["empty"], r["searches"]) for r in report.context["object_list"]]
    assert rows == [("外星人", 2, 2), ("吃香蕉会中毒", 1, 1)]
    assert counts() == {
        "外星人": (2, 2, False),
        "谣言": (2, 0, True),
        "吃香蕉会中毒": (1, 1, False),
    }


def test_flushes_add_to_the_days_rows(corpus, client):
    client.get(SEARCH, {"q": "谣言"})
    assert call_command_output("flush_search_stats") == "已写入 1 条搜索统计。"
    client.get(SEARCH, {"q": "谣言"})
    client.get(SEARCH, {"q": "谣言"})
    query_stats.flush()

    assert counts() == {"谣言": (3, 0, True)}
    assert query_stats.flush() == 0  # nothing counted since


def test_a_query_that_finds_something_now_leaves_the_report(corpus, client, admin_client):
    today = timezone.localdate()
    SearchQueryStat.objects.create(query="谣言", date=today, searches=4, empty_searches=4)

    client.get(SEARCH, {"q": "谣言"})  # the rebuttals are published now
    query_stats.flush()

    assert counts() == {"谣言": (5, 4, True)}
    report = admin_client.get(reverse("search_zero_results"))
    assert list(report.context["object_list"]) == []


def test_every_nth_search_queues_a_flush(corpus, client, settings):
    settings.SEARCH_STATS_FLUSH_EVERY = 3
    client.get(SEARCH, {"q": "外星人"})
    client.get(SEARCH, {"q": "谣言"})
    assert SearchQueryStat.objects.count() == 0

    client.get(SEARCH, {"q": "谣言"})  # the third: the immediate task backend flushes inline

    assert counts() == {"外星人": (1, 1, False), "谣言": (2, 0, True)}


def test_counts_older_than_the_limit_queue_a_flush(corpus, client, settings):
    query_stats.flush()  # a generation starting now
    settings.SEARCH_STATS_FLUSH_SECONDS = 0
    client.get(SEARCH, {"q": "外星人"})
    assert counts() == {"外星人": (1, 1, False)}


def test_a_search_counts_on_the_day_it_was_made(corpus, client, monkeypatch):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: yesterday)
    client.get(SEARCH, {"q": "外星人"})
    monkeypatch.undo()

    query_stats.flush()

    assert SearchQueryStat.objects.get().date == yesterday


def test_long_queries_are_cut_to_the_column(corpus, client):
    client.get(SEARCH, {"q": "长" * 300})
    query_stats.flush()
    assert SearchQueryStat.objects.get().query == "长" * 200


def call_command_output(name) -> str:
    from io import StringIO

    out = StringIO()
    call_command(name, stdout=out)
    return out.getvalue().strip()
