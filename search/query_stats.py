"""Counting reader searches without writing to the database in the reader's request.

A search is counted in the cache (``count_search``: a few cache operations, no query); ``flush``
moves the counts into ``SearchQueryStat`` in one transaction of a few bulk queries. A flush is
due after SEARCH_STATS_FLUSH_EVERY searches or once the oldest unflushed count is
SEARCH_STATS_FLUSH_SECONDS old; the view then enqueues ``search.tasks.flush_search_stats`` (a
worker backend runs it elsewhere; the immediate backend runs it at the end of that one
request). The 搜了没找到 report flushes before it reads, and ``manage.py flush_search_stats``
flushes from cron.

The cache holds counts by *generation*: a flush starts a new generation, so searches counted
while it runs are kept for the next one. A flush sees only the cache of its own process unless
the cache is shared (REDIS_URL); a process that stops loses what it had not flushed. These are
statistics: a search counted in the instant a flush takes its generation may be lost.

Keys (all under ``search-stats:``): ``generation`` → (number, time it started); in generation
``<g>``: ``<g>:searches`` (all searches), ``<g>:entries`` (how many entries), ``<g>:entry:<n>``
→ (day, query), and per entry ``<g>:<digest>:`` ``slot``, ``searches``, ``empty``, ``results``
(the latest search's result count).
"""

import datetime
import hashlib
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone

from .models import SearchDocument, SearchQueryStat

PREFIX = "search-stats"
GENERATION = f"{PREFIX}:generation"
FLUSHING = f"{PREFIX}:flushing"
FLUSH_QUEUED = f"{PREFIX}:flush-queued"
KEEP_SECONDS = 7 * 24 * 3600  # counts wait at most this long for a flush
FLUSH_LOCK_SECONDS = 300
QUERY_MAX_LENGTH = 200  # SearchQueryStat.query
ENTRY_PARTS = ("slot", "searches", "empty", "results")


@dataclass(frozen=True)
class QueryCount:
    query: str
    day: datetime.date
    searches: int
    empty_searches: int
    last_results: int


def current_generation() -> tuple[int, float]:
    return cache.get_or_set(GENERATION, (1, time.time()), timeout=None)


def increment(key: str, delta: int = 1) -> int:
    cache.add(key, 0, timeout=KEEP_SECONDS)
    return cache.incr(key, delta)


def entry_key(generation: int, day: str, query: str) -> str:
    digest = hashlib.sha256(f"{day}\n{query}".encode()).hexdigest()[:32]
    return f"{PREFIX}:{generation}:{digest}"


def count_search(query: str, results: int) -> bool:
    """Count one search of the (normalised) ``query`` that found ``results`` pages, in the
    cache only. True when a flush is due and none is queued yet: the caller enqueues one."""
    query = query[:QUERY_MAX_LENGTH]
    if not query:
        return False
    generation, started = current_generation()
    day = timezone.localdate().isoformat()
    entry = entry_key(generation, day, query)
    if cache.add(f"{entry}:slot", 0, timeout=KEEP_SECONDS):  # first time in this generation
        slot = increment(f"{PREFIX}:{generation}:entries")
        cache.set(f"{PREFIX}:{generation}:entry:{slot}", (day, query), timeout=KEEP_SECONDS)
    searches = increment(f"{PREFIX}:{generation}:searches")
    if searches is None:  # the cache cannot count (Redis down): this search goes uncounted
        return False
    increment(f"{entry}:searches")
    if results == 0:
        increment(f"{entry}:empty")
    cache.set(f"{entry}:results", results, timeout=KEEP_SECONDS)

    due = (
        searches >= settings.SEARCH_STATS_FLUSH_EVERY
        or time.time() - started >= settings.SEARCH_STATS_FLUSH_SECONDS
    )
    return due and cache.add(FLUSH_QUEUED, 1, timeout=FLUSH_LOCK_SECONDS)


def take_generation() -> tuple[int, list[tuple[str, str]], list[str]]:
    """Start a new generation; the finished one's number, its (day, query) entries and the keys
    to delete once they are saved."""
    generation, _started = current_generation()
    cache.set(GENERATION, (generation + 1, time.time()), timeout=None)
    base = f"{PREFIX}:{generation}"
    size = cache.get(f"{base}:entries", 0)
    slots = cache.get_many([f"{base}:entry:{n}" for n in range(1, size + 1)])
    return generation, list(slots.values()), [f"{base}:entries", f"{base}:searches", *slots]


def flush() -> int:
    """Move the counted searches into SearchQueryStat; how many (query, day) rows changed."""
    if not cache.add(FLUSHING, 1, timeout=FLUSH_LOCK_SECONDS):
        return 0  # another flush is under way
    try:
        generation, entries, keys = take_generation()
        counts = []
        for day, query in entries:
            entry = entry_key(generation, day, query)
            parts = cache.get_many([f"{entry}:{part}" for part in ENTRY_PARTS])
            keys.extend(parts)
            searches = parts.get(f"{entry}:searches", 0)
            if searches:
                counts.append(
                    QueryCount(
                        query=query,
                        day=datetime.date.fromisoformat(day),
                        searches=searches,
                        empty_searches=parts.get(f"{entry}:empty", 0),
                        last_results=parts.get(f"{entry}:results", 0),
                    )
                )
        save_counts(counts)
        cache.delete_many(keys)
        return len(counts)
    finally:
        cache.delete_many([FLUSHING, FLUSH_QUEUED])


def save_counts(counts: list[QueryCount]) -> None:
    """Add the counts to their rows in one transaction: read the rows there are, update them
    and create the rest in bulk. Two flushes creating the same row at once (processes with
    caches of their own): the loser reads again and adds to the winner's row."""
    if not counts:
        return
    for attempt in (1, 2):
        try:
            with transaction.atomic():
                add_to_rows(counts)
            return
        except IntegrityError:
            if attempt == 2:
                raise


def add_to_rows(counts: list[QueryCount]) -> None:
    existing = {
        (stat.query, stat.date): stat
        for stat in SearchQueryStat.objects.select_for_update().filter(
            query__in={count.query for count in counts}, date__in={count.day for count in counts}
        )
    }
    new, changed = [], []
    for count in counts:
        stat = existing.get((count.query, count.day))
        if stat is None:
            stat = SearchQueryStat(query=count.query, date=count.day)
            new.append(stat)
        else:
            changed.append(stat)
        stat.searches += count.searches
        stat.empty_searches += count.empty_searches
        stat.last_results = count.last_results
        stat.found = count.last_results > 0
    SearchQueryStat.objects.bulk_create(new, batch_size=500)
    SearchQueryStat.objects.bulk_update(
        changed, ["searches", "empty_searches", "last_results", "found"], batch_size=500
    )


def trending(days: int = 7, limit: int = 8) -> list[str]:
    """What readers searched most in the last ``days`` days among the searches that found
    answers (大家都在查): one aggregate query over the days' rows, never the whole table."""
    since = timezone.localdate() - datetime.timedelta(days=days - 1)
    rows = (
        SearchQueryStat.objects.filter(date__gte=since, found=True)
        .values("query")
        .annotate(total=Sum("searches"))
        .order_by("-total", "query")[:limit]
    )
    return [row["query"] for row in rows]


EXAMPLES_KEY = f"{PREFIX}:examples"
EXAMPLES_SECONDS = 600


def examples_placeholder(count: int = 2) -> str:
    """A search box placeholder whose examples the index really answers: this week's most
    searched queries that found answers, else tags of the newest rebuttals. Kept in the cache
    for a few minutes, so the pages that show it pay no query for it."""
    return cache.get_or_set(EXAMPLES_KEY, lambda: _examples(count), EXAMPLES_SECONDS)


def _examples(count: int) -> str:
    examples = trending(limit=count)
    if len(examples) < count:
        newest = SearchDocument.objects.filter(primary=True).exclude(tags=[]).order_by("-date")
        for tags in newest.values_list("tags", flat=True)[:10]:
            for tag in tags:
                if tag not in examples and len(examples) < count:
                    examples.append(tag)
    return f"例如：{'、'.join(examples)}" if examples else "输入关键词，或粘贴收到的消息"
