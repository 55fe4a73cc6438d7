"""Figures the search benchmarks share (imported by bench/search.py and bench/search_recall.py,
which run with bench/ on the path)."""

import statistics


def summary(timings) -> dict:
    """Median and 95th percentile of timings in milliseconds."""
    timings = sorted(timings)
    return {
        "n": len(timings),
        "median_ms": round(statistics.median(timings), 1),
        "p95_ms": round(timings[max(int(len(timings) * 0.95) - 1, 0)], 1),
    }


def reindex_figures(engine: bool, documents: bool = False) -> dict:
    """Seconds and documents/s of each part of ``search_reindex`` (Django set up)."""
    from search import reindex
    from search.models import SearchDocument

    count = SearchDocument.objects.count()
    report = reindex.reindex(documents=documents, database=True, engine=engine, quiet=True)
    return {
        name: {"seconds": round(seconds, 1), "docs_per_s": round(count / seconds)}
        for name, seconds in report.seconds.items()
    }
