"""What readers remember, on a site built by ``import_rumours``: fragments, phrases,
suggestions, copies; per backend.

    .venv/bin/python bench/search_recall.py ../shared/data/rumours.jsonl \\
        --engine opensearch+http://127.0.0.1:18110 [--site DIR] [--queries 200]

Builds a throwaway SQLite site the way an operator does (``migrate``, ``load_demo``,
``import_rumours --publish-incomplete``; the import writes the stored search documents and the
database index, and the engine index too when ``--engine`` is given) in ``--site`` (kept, so a
second run skips the import) or a temporary directory. Then, with a fixed seed, from the
imported pages' claims (queries never see the pages' ids, only what a reader could type):

- fragments of 4 and of 6 characters cut at random from the middle of claims that at most 10
  pages contain (any of those pages is a right answer): zero-result rate, recall@10, MRR;
- whole phrases between punctuation (6 to 30 characters): recall@10, MRR;
- suggestions for the first 2, 3 and 4 characters of a title (after the 【# marks a reader
  does not type): the title among the first 8; beside it the ceiling, what the best ranking
  that cannot know which of the titles beginning alike is wanted reaches (the most-copied
  first);
- copies: no results page shows two pages of one fingerprint; for queries that match a group
  of copies, the group appears once;
- the backend call's median and p95 (ms) over every query;
- ``search_reindex`` throughput of each index (documents/s).
"""

import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from measures import reindex_figures, summary

ROOT = Path(__file__).resolve().parent.parent
SEED = 14
HAN = re.compile(r"^[\u3400-\u4dbf\u4e00-\u9fff]+$")
PUNCTUATION = re.compile(r"[\s，。！？；：、,.!?;:（）()【】\[\]“”\"'《》…~～#@/|]+")


def manage(site: Path, *args, env=None):
    subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        check=False,
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )


def site_env(site: Path, engine: str | None) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
        "QINGYUAN_VAR_DIR": str(site),
        "MEDIA_ROOT": str(site / "media"),
        "DEBUG": "0",
        "LOG_LEVEL": "ERROR",
        "SEARCH_URL": engine or "",
        "SEARCH_INDEX": "qy-bench-recall",
        "SEARCH_TIMEOUT": "30",
    }


def build_site(site: Path, corpus: str, engine: str | None) -> dict:
    """migrate + load_demo + import_rumours, timed; skipped when the site exists."""
    marker = site / "imported.json"
    if marker.exists():
        # A site built by older code gets the migrations written since (new columns...).
        manage(site, "migrate", "--no-input", "-v", "0", env=site_env(site, engine))
        return json.loads(marker.read_text())
    site.mkdir(parents=True, exist_ok=True)
    env = site_env(site, engine)
    manage(site, "migrate", "--no-input", "-v", "0", env=env)
    manage(site, "load_demo", env=env)
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "manage.py", "import_rumours", corpus, "--publish-incomplete"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    seconds = time.perf_counter() - started
    with open(corpus, encoding="utf-8") as handle:
        lines = sum(1 for _ in handle)
    figures = {
        "lines": lines,
        "seconds": round(seconds, 1),
        "lines_per_s": round(lines / seconds),
        "summary": result.stdout.strip().splitlines()[-2:],
    }
    marker.write_text(json.dumps(figures, ensure_ascii=False))
    return figures


def setup_django(site: Path, engine: str | None):
    os.environ.update(site_env(site, engine))
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def documents():
    from search.models import SearchDocument
    from search.text import normalise

    docs = list(
        SearchDocument.objects.filter(content_type="rebuttal").only(
            "page_id", "title", "claim", "summary", "fingerprint"
        )
    )
    for doc in docs:
        doc.searchable = normalise("\n".join([doc.title, doc.claim, doc.summary]))
    return docs


def containing(docs, normalised_query: str) -> set[int]:
    return {doc.page_id for doc in docs if normalised_query in doc.searchable}


def fragment_queries(docs, size: int, count: int, rng: random.Random):
    from search.text import normalise

    queries, seen = [], set()
    candidates = [doc for doc in docs if len(doc.claim) >= size * 3]
    rng.shuffle(candidates)
    for doc in candidates:
        claim = doc.claim
        # From the middle: not the first or last quarter.
        for _ in range(5):
            start = rng.randrange(
                len(claim) // 4, max(len(claim) * 3 // 4 - size, 1 + len(claim) // 4)
            )
            fragment = claim[start : start + size]
            if HAN.match(fragment) and fragment not in seen:
                break
        else:
            continue
        expected = containing(docs, normalise(fragment))
        if not expected or len(expected) > 10:
            continue
        seen.add(fragment)
        queries.append((fragment, expected))
        if len(queries) >= count:
            break
    return queries


def phrase_queries(docs, count: int, rng: random.Random):
    from search.text import normalise

    queries = []
    candidates = list(docs)
    rng.shuffle(candidates)
    for doc in candidates:
        phrases = [p for p in PUNCTUATION.split(doc.claim) if 6 <= len(p) <= 30]
        if not phrases:
            continue
        phrase = rng.choice(phrases)
        expected = containing(docs, normalise(phrase))
        if expected:
            queries.append((phrase, expected))
        if len(queries) >= count:
            break
    return queries


def run_queries(backend, queries):
    from search import text
    from search.backends.base import SearchRequest

    fingerprints = {}
    from search.models import SearchDocument

    fingerprints = dict(SearchDocument.objects.values_list("page_id", "fingerprint"))
    stats = {"n": 0, "zero": 0, "found": 0, "rr": 0.0, "repeated_claim_pages": 0}
    group_queries = group_once = 0
    timings = []
    for query, expected in queries:
        started = time.perf_counter()
        results = backend.search(SearchRequest(text.prepare_query(query), {}, 1, 10))
        timings.append((time.perf_counter() - started) * 1000)
        ids = [hit.page_id for hit in results.hits]
        rank = next((i + 1 for i, pk in enumerate(ids) if pk in expected), None)
        stats["n"] += 1
        stats["zero"] += not ids
        stats["found"] += rank is not None
        stats["rr"] += 1 / rank if rank else 0.0
        shown = [fingerprints.get(pk) for pk in ids]
        stats["repeated_claim_pages"] += len(shown) != len(set(shown))
        expected_groups = {fingerprints.get(pk) for pk in expected}
        if len(expected) > len(expected_groups):  # the query matches a group of copies
            group_queries += 1
            group_once += all(shown.count(group) <= 1 for group in expected_groups)
    n = stats["n"] or 1
    return {
        "queries": stats["n"],
        "zero_result_rate": round(stats["zero"] / n, 3),
        "recall@10": round(stats["found"] / n, 3),
        "MRR": round(stats["rr"] / n, 3),
        "pages_showing_a_claim_twice": stats["repeated_claim_pages"],
        "queries_matching_copies": group_queries,
        "of_which_group_shown_once": group_once,
    }, timings


LEADING_MARKS = re.compile(r"^[\W_]+")


def typed_start(title: str, size: int) -> str:
    """The first characters a reader types for a title: its words, not the 【# marks
    that open many forwarded headlines."""
    return LEADING_MARKS.sub("", title)[:size]


def best_chance(groups: set, wanted: str, copies: dict, shown: int = 8) -> float:
    """The chance that the wanted group is shown when the most-copied groups come first and
    ties are drawn at random."""
    sizes = sorted((copies[group] for group in groups), reverse=True)
    if len(sizes) <= shown:
        return 1.0
    cut, size = sizes[shown - 1], copies[wanted]
    if size != cut:
        return float(size > cut)
    above = sum(1 for s in sizes if s > cut)
    return (shown - above) / sizes.count(cut)


def suggestion_figures(backend, docs, count: int, rng: random.Random):
    """Share of sampled titles among the first 8 suggestions for their first 2, 3, 4
    characters; and the ceiling: the share any ranking that cannot read the reader's mind
    reaches at best (the 8 most-copied rumours among the titles that begin alike)."""
    figures, ceilings, timings = {}, {}, []
    candidates = [doc for doc in docs if len(typed_start(doc.title, 6)) >= 6]
    rng.shuffle(candidates)
    copies = {}
    for doc in docs:
        copies[doc.fingerprint] = copies.get(doc.fingerprint, 0) + 1
    for size in (2, 3, 4):
        groups = {}
        for doc in docs:
            groups.setdefault(typed_start(doc.title, size), set()).add(doc.fingerprint)
        found = best = n = 0
        for doc in candidates[:count]:
            prefix = typed_start(doc.title, size)
            started = time.perf_counter()
            titles = [s.title for s in backend.suggest(prefix, 8)]
            timings.append((time.perf_counter() - started) * 1000)
            n += 1
            found += doc.title in titles
            best += best_chance(groups[prefix], doc.fingerprint, copies)
        figures[f"{size} chars"] = round(found / n, 3)
        ceilings[f"{size} chars"] = round(best / n, 3)
    return {"found": figures, "ceiling": ceilings}, timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", help="rumours.jsonl")
    parser.add_argument("--engine", help="e.g. opensearch+http://127.0.0.1:9250")
    parser.add_argument("--site", help="directory of the imported site (kept; reused)")
    parser.add_argument("--queries", type=int, default=200, help="queries per kind")
    parser.add_argument("--reindex", action="store_true", help="also time search_reindex")
    parser.add_argument("--output", help="also write the figures to this JSON file")
    args = parser.parse_args()

    site = Path(args.site or tempfile.mkdtemp(prefix="qingyuan-bench-recall-")).resolve()
    figures = {"site": str(site), "seed": SEED}
    figures["import"] = build_site(site, str(Path(args.corpus).resolve()), args.engine)
    print(f"site ready: {figures['import']}", file=sys.stderr)
    setup_django(site, args.engine)
    from search.backends.database import DatabaseBackend

    if args.reindex:
        figures["reindex"] = reindex_figures(bool(args.engine), documents=True)
    docs = documents()
    figures["rebuttal_documents"] = len(docs)
    rng = random.Random(SEED)
    query_sets = {
        "fragment 4": fragment_queries(docs, 4, args.queries, rng),
        "fragment 6": fragment_queries(docs, 6, args.queries, rng),
        "phrase": phrase_queries(docs, args.queries, rng),
    }
    backends = {"database (sqlite)": DatabaseBackend()}
    if args.engine:
        from search.backends.engine import EngineBackend

        backends["engine"] = EngineBackend()
    figures["backends"] = {}
    for name, backend in backends.items():
        result, timings = {}, []
        for kind, queries in query_sets.items():
            result[kind], spent = run_queries(backend, queries)
            timings += spent
        result["search latency"] = summary(timings)
        result["suggestions top 8"], spent = suggestion_figures(
            backend, docs, args.queries, random.Random(SEED)
        )
        result["suggest latency"] = summary(spent)
        figures["backends"][name] = result
        print(f"{name} done", file=sys.stderr)
    print(json.dumps(figures, ensure_ascii=False, indent=2))
    if args.output:
        Path(args.output).write_text(json.dumps(figures, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
