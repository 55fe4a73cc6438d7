"""Search relevance and speed on the real corpus, per backend, at corpus size and at scale.

    .venv/bin/python bench/search.py ../shared/data/rumours.jsonl ../shared/data/claims_cc.jsonl \\
        --engine opensearch+http://127.0.0.1:9250 --scale 50000 --queries 200

Builds a throwaway SQLite site in a temporary directory, imports every record that has text as
one stored search document (Page rows are bulk-created under the site root; the documents are
what search reads), then:

- text preparation throughput (OpenCC + jieba, documents/s);
- bulk reindex throughput of the database index and of the engine index (alias swap);
- relevance, recall@10 and MRR per backend on queries built from the corpus: two or three
  words from the middle of a claim ("keywords"), the same words in the other script
  ("other script"), and the whole claim pasted as a message ("message"); a result counts when
  its claim is the expected claim (duplicates in the corpus are equally right);
- median and p95 latency of a full results page (hits, highlights, four facets) per backend;
- the same latency and reindex figures with the corpus replicated to ``--scale`` documents;
- the delay from publishing a page to finding it on the engine.

Without ``--engine`` only the database backend is measured. Nothing is written outside the
temporary directory, except the engine indices named ``qy-bench-*`` (deleted at the end).
"""

import argparse
import json
import os
import random
import re
import sys
import tempfile
import time
from pathlib import Path

from measures import reindex_figures, summary

VERDICTS = {
    "rumour": ("false", "谣言"),
    "not_rumour": ("true", "属实"),
    "uncertain": ("unproven", "无法证实"),
    "opinion": ("misleading", "误导"),
}
COFACTS_VERDICTS = {"RUMOR": "rumour", "NOT_RUMOR": "not_rumour", "OPINIONATED": "opinion"}


def load_records(paths):
    records, seen = [], set()
    for path in paths:
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                record = json.loads(line)
                text = record.get("claim") or record.get("rebuttal") or record.get("body")
                if not text or record["id"] in seen:
                    continue
                seen.add(record["id"])
                records.append(record)
    return records


def title_of(record) -> str:
    text = record.get("claim") or record.get("summary") or record.get("rebuttal") or ""
    first = re.split(r"[。！？!?\n]", text.strip(), maxsplit=1)[0].strip()
    return (first or text.strip())[:60] or record["id"]


def setup_django(workdir: str, engine: str | None):
    os.environ.update(
        DJANGO_SETTINGS_MODULE="cms.settings.dev",
        QINGYUAN_VAR_DIR=workdir,
        DATABASE_URL=f"sqlite:///{workdir}/bench.sqlite3",
        MEDIA_ROOT=str(Path(workdir) / "media"),
        DEBUG="0",
        LOG_LEVEL="ERROR",
        SEARCH_URL=engine or "",
        SEARCH_INDEX=f"qy-bench-{os.getpid()}",
        SEARCH_TIMEOUT="30",
    )
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def make_pages(count: int, start: int = 0):
    """Bulk-create ``count`` plain live pages under the site root; returns their ids."""
    from django.contrib.contenttypes.models import ContentType

    from wagtail.models import Locale, Page

    parent = Page.objects.get(depth=2)
    content_type = ContentType.objects.get_for_model(Page)
    locale = Locale.get_default()
    pages = []
    for n in range(start, start + count):
        slug = f"r{n}"
        pages.append(
            Page(
                title=slug,
                draft_title=slug,
                slug=slug,
                content_type=content_type,
                path=Page._get_path(parent.path, parent.depth + 1, n + 1),
                depth=parent.depth + 1,
                numchild=0,
                live=True,
                url_path=f"{parent.url_path}{slug}/",
                locale=locale,
            )
        )
    created = Page.objects.bulk_create(pages, batch_size=2000)
    Page.objects.filter(pk=parent.pk).update(numchild=start + count)
    return [page.pk for page in created]


def document_for(record, page_id, text):
    from search.models import SearchDocument

    verdict = record.get("verdict_norm") or COFACTS_VERDICTS.get(record.get("verdict"), "")
    code, label = VERDICTS.get(verdict, ("", ""))
    published = (record.get("published") or "")[:10]
    date = None
    if published:
        import datetime

        date = datetime.date.fromisoformat(published)
    title = title_of(record)
    return SearchDocument(
        page_id=page_id,
        content_type="rebuttal",
        content_label="辟谣",
        primary=True,
        title=title,
        url=f"/r{page_id}/",
        claim=record.get("claim", ""),
        summary=record.get("summary", ""),
        body="\n".join(filter(None, [record.get("body", ""), record.get("rebuttal", "")])),
        verdict=code,
        verdict_label=label,
        category=record.get("source", ""),
        date=date,
        year=date.year if date else None,
        title_terms=text.index_terms(title),
        claim_terms=text.index_terms(record.get("claim", "")),
        gram_terms=text.gram_text(title, record.get("claim", ""), record.get("summary", "")),
        title_grams=text.title_gram_text(title),
        fingerprint=text.fingerprint(record.get("claim", ""), f"page-{page_id}"),
        text_terms=text.index_terms(
            "\n".join(
                filter(
                    None,
                    [
                        record.get("claim", ""),
                        record.get("summary", ""),
                        record.get("body", ""),
                        record.get("rebuttal", ""),
                        record.get("source", ""),
                    ],
                )
            )
        ),
    )


def build_queries(records, page_of, count, seed=7):
    """(kind, query, expected page ids) triples from records that have a claim."""
    from opencc import OpenCC

    from search import text

    to_traditional, to_simplified = OpenCC("s2t"), OpenCC("t2s")
    by_claim = {}
    for record in records:
        if record.get("claim"):
            by_claim.setdefault(text.normalise(record["claim"]), set()).add(page_of[record["id"]])
    rng = random.Random(seed)
    candidates = [r for r in records if len(r.get("claim", "")) >= 20]
    rng.shuffle(candidates)
    queries = {"keywords": [], "other script": [], "message": []}
    for record in candidates:
        expected = by_claim[text.normalise(record["claim"])]
        words = [w for w in text.words(record["claim"]) if len(w) >= 2]
        if len(words) >= 4 and len(queries["keywords"]) < count:
            middle = len(words) // 2
            size = rng.choice([2, 3])
            keywords = "".join(words[middle - 1 : middle - 1 + size])
            queries["keywords"].append(("keywords", keywords, expected))
            converted = to_simplified.convert(keywords)
            if converted == keywords:
                converted = to_traditional.convert(keywords)
            if converted != keywords:
                queries["other script"].append(("other script", converted, expected))
        if len(queries["message"]) < count and len(record["claim"]) >= 40:
            queries["message"].append(("message", record["claim"][:1500], expected))
        if all(len(q) >= count for q in queries.values()):
            break
    return [q for kind in queries.values() for q in kind[:count]]


def evaluate(backend, queries):
    from search import text
    from search.backends.base import SearchRequest

    by_kind, timings = {}, []
    for kind, query, expected in queries:
        started = time.perf_counter()
        results = backend.search(SearchRequest(text.prepare_query(query), {}, 1, 10))
        timings.append((time.perf_counter() - started) * 1000)
        rank = next((i + 1 for i, hit in enumerate(results.hits) if hit.page_id in expected), None)
        stats = by_kind.setdefault(kind, {"n": 0, "found": 0, "rr": 0.0})
        stats["n"] += 1
        stats["found"] += rank is not None
        stats["rr"] += 1 / rank if rank else 0.0
    relevance = {
        kind: {"queries": s["n"], "recall@10": s["found"] / s["n"], "MRR": s["rr"] / s["n"]}
        for kind, s in by_kind.items()
    }
    return relevance, timings


def latency(backend, queries, repeat=1):
    from search import text
    from search.backends.base import SearchRequest

    timings, by_kind = [], {}
    for _ in range(repeat):
        for kind, query, _ in queries:
            started = time.perf_counter()
            backend.search(SearchRequest(text.prepare_query(query), {}, 1, 10))
            spent = (time.perf_counter() - started) * 1000
            timings.append(spent)
            by_kind.setdefault(kind, []).append(spent)
    # Per kind too: where the tail comes from (a pasted message is the costliest search).
    return {**summary(timings), **{kind: summary(spent) for kind, spent in by_kind.items()}}


def publish_delay(engine_backend):
    from wagtail.models import Page

    from cms.models import StandardPage
    from search import text
    from search.backends.base import SearchRequest

    parent = Page.objects.get(depth=2)
    page = StandardPage(title="发布延迟探针", slug="publish-delay", live=False)
    parent.add_child(instance=page)
    started = time.perf_counter()
    page.save_revision().publish()  # autocommit: the on-commit sync runs here
    query = SearchRequest(text.prepare_query("发布延迟探针"), {}, 1, 10)
    while page.pk not in [hit.page_id for hit in engine_backend.search(query).hits]:
        if time.perf_counter() - started > 30:
            return None
        time.sleep(0.01)
    return round((time.perf_counter() - started) * 1000, 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="+", help="JSONL files (rumours.jsonl, claims_cc.jsonl)")
    parser.add_argument("--engine", help="e.g. opensearch+http://127.0.0.1:9250")
    parser.add_argument("--scale", type=int, default=50_000, help="documents in the scale run")
    parser.add_argument("--queries", type=int, default=200, help="queries per kind")
    parser.add_argument("--output", help="also write the figures to this JSON file")
    args = parser.parse_args()

    workdir = tempfile.mkdtemp(prefix="qingyuan-bench-search-")
    setup_django(workdir, args.engine)
    from search import text
    from search.backends.database import DatabaseBackend
    from search.models import SearchDocument
    from search.sync import count_copies

    figures = {"workdir": workdir}
    records = load_records(args.corpus)
    page_ids = make_pages(len(records))
    page_of = {record["id"]: pk for record, pk in zip(records, page_ids, strict=True)}

    started = time.perf_counter()
    documents = [document_for(r, pk, text) for r, pk in zip(records, page_ids, strict=True)]
    prepare_seconds = time.perf_counter() - started
    SearchDocument.objects.bulk_create(documents, batch_size=1000)
    count_copies()  # duplicates in the corpus are copies of one rumour, as publishing counts
    figures["corpus"] = {"documents": len(documents)}
    figures["prepare"] = {
        "seconds": round(prepare_seconds, 1),
        "docs_per_s": round(len(documents) / prepare_seconds),
    }
    print(f"{len(documents)} documents prepared in {prepare_seconds:.1f}s", file=sys.stderr)

    figures["reindex"] = {"corpus": reindex_figures(bool(args.engine))}
    queries = build_queries(records, page_of, args.queries)
    backends = {"database (sqlite)": DatabaseBackend()}
    if args.engine:
        from search.backends.engine import EngineBackend

        backends["engine"] = EngineBackend()
    figures["relevance"], figures["latency"] = {}, {"corpus": {}, "scale": {}}
    for name, backend in backends.items():
        relevance, timings = evaluate(backend, queries)
        figures["relevance"][name] = relevance
        figures["latency"]["corpus"][name] = latency(backend, queries)
        print(f"{name}: relevance and latency at corpus size done", file=sys.stderr)
    if args.engine:
        figures["publish_to_searchable_ms"] = publish_delay(backends["engine"])

    extra = args.scale - SearchDocument.objects.count()
    if extra > 0:
        copies, offset = [], len(page_ids) + 10
        new_ids = make_pages(extra, start=offset)
        for n, pk in enumerate(new_ids):
            source = documents[n % len(documents)]
            copy = SearchDocument(
                **{
                    f.attname: getattr(source, f.attname)
                    for f in SearchDocument._meta.concrete_fields
                }
            )
            # Stand-ins for other rebuttals, not copies of the same rumour: their own fingerprint.
            copy.page_id, copy.url = pk, f"/r{pk}/"
            copy.fingerprint, copy.copies = f"{source.fingerprint}-{pk}", 1
            copies.append(copy)
        SearchDocument.objects.bulk_create(copies, batch_size=1000)
        figures["scale"] = {"documents": SearchDocument.objects.count()}
        figures["reindex"]["scale"] = reindex_figures(bool(args.engine))
        for name, backend in backends.items():
            figures["latency"]["scale"][name] = latency(backend, queries)
            print(f"{name}: latency at scale done", file=sys.stderr)

    if args.engine:
        engine = backends["engine"]
        for index in engine.client.indices_matching(f"{engine.alias}*"):
            engine.client.delete_index(index)
    print(json.dumps(figures, ensure_ascii=False, indent=2))
    if args.output:
        Path(args.output).write_text(json.dumps(figures, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
