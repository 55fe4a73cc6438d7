"""How well and how fast a reader's tip finds the rebuttal it repeats (debunk.matching).

    .venv/bin/python bench/tips.py ../shared/data/rumours.jsonl [--tips 300] [--holdout 300] \\
        [--engine opensearch+http://127.0.0.1:9250]

Builds a throwaway SQLite site in a temporary directory (migrate, load_demo, then
``import_rumours --publish-incomplete`` of the file minus a held-out sample), then sends
tips built from imported claims through ``find_matches``:

- "copied": the claim as it is;
- "traditional": the claim converted to Traditional characters (OpenCC s2t);
- "changed": three of its words dropped and two swapped with their neighbours;

and reports, per kind, hit@1 (the claim's own rebuttal, or one with the same claim, ranked
first), MRR over the five shown, the share counted as "spreading again" (similarity >= 0.6),
and the median and p95 latency. Held-out claims (not imported) measure how often a new rumour
is wrongly taken for an old one (best similarity >= 0.6; the corpus has near-duplicates, so
this is an upper bound). Nothing is written outside the temporary directory, except engine
indices named ``qy-bench-tips-*`` (deleted at the end).
"""

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def setup_django(workdir: str, engine: str | None):
    os.environ.update(
        DJANGO_SETTINGS_MODULE="cms.settings.dev",
        QINGYUAN_VAR_DIR=workdir,
        MEDIA_ROOT=os.path.join(workdir, "media"),
        LOG_LEVEL="WARNING",
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        DEBUG="0",
    )
    if engine:
        os.environ.update(SEARCH_URL=engine, SEARCH_INDEX=f"qy-bench-tips-{os.getpid()}")
    sys.path.insert(0, str(REPO))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115


def split_records(path: str, holdout: int, seed: int):
    # split("\n"), not splitlines(): claims may hold U+2028 inside their JSON strings.
    text = Path(path).read_text(encoding="utf-8")
    lines = [line for line in text.split("\n") if line.strip()]
    with_claim = [i for i, line in enumerate(lines) if claim_of(line)]
    held = set(random.Random(seed).sample(with_claim, min(holdout, len(with_claim))))
    kept = [line for i, line in enumerate(lines) if i not in held]
    return kept, [claim_of(lines[i]) for i in sorted(held)]


def claim_of(line: str) -> str:
    try:
        return json.loads(line).get("claim") or ""
    except (ValueError, AttributeError):
        return ""  # the import warns about it too


def changed(text: str, rng: random.Random) -> str:
    from search import text as prep

    words = [w for w in prep.segments(text) if w.strip()]
    if len(words) < 8:
        return text
    for _ in range(3):
        words.pop(rng.randrange(len(words)))
    for _ in range(2):
        i = rng.randrange(len(words) - 1)
        words[i], words[i + 1] = words[i + 1], words[i]
    return "".join(words)


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path")
    parser.add_argument("--tips", type=int, default=300)
    parser.add_argument("--holdout", type=int, default=300)
    parser.add_argument("--engine", default=None)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--show", type=int, default=0, help="print this many held-out matches")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="qy-bench-tips-") as workdir:
        setup_django(workdir, args.engine)
        from django.core.management import call_command

        from opencc import OpenCC

        from debunk.matching import RESURFACING_SIMILARITY, find_matches
        from debunk.models import RebuttalPage
        from search import text as prep

        kept, held_out = split_records(args.path, args.holdout, args.seed)
        data = Path(workdir) / "kept.jsonl"
        data.write_text("\n".join(kept) + "\n", encoding="utf-8")
        started = time.perf_counter()
        with open(os.devnull, "w") as quiet:  # noqa: SIM117
            call_command(
                "import_rumours", str(data), publish_incomplete=True, stdout=quiet, stderr=quiet
            )
        pages = list(RebuttalPage.objects.live().values_list("pk", "claim_text"))
        print(f"imported: {len(pages)} live rebuttals in {time.perf_counter() - started:.0f} s")
        if args.engine:
            from search import reindex

            reindex.reindex(quiet=True)

        # Pages whose claim reads the same count as the right answer (the corpus repeats).
        same_claim: dict[str, set[int]] = {}
        for pk, claim in pages:
            same_claim.setdefault(prep.normalise(claim), set()).add(pk)
        rng = random.Random(args.seed)
        sample = rng.sample([p for p in pages if len(p[1]) >= 12], min(args.tips, len(pages)))
        to_traditional = OpenCC("s2t")
        kinds = {
            "copied": lambda text: text,
            "traditional": to_traditional.convert,
            "changed": lambda text: changed(text, rng),
        }
        print(f"backend: {'engine ' + args.engine if args.engine else 'database'}")
        print(
            f"{'kind':<12} {'tips':>5} {'hit@1':>7} {'MRR':>6} {'close':>7} "
            f"{'p50 ms':>7} {'p95 ms':>7}"
        )
        for kind, make in kinds.items():
            hits = reciprocal = close = 0
            latencies = []
            for pk, claim in sample:
                right = same_claim[prep.normalise(claim)] | {pk}
                tip = make(claim)
                began = time.perf_counter()
                matches = find_matches(tip)
                latencies.append((time.perf_counter() - began) * 1000)
                ranks = [i for i, m in enumerate(matches, 1) if m.rebuttal.pk in right]
                hits += bool(ranks and ranks[0] == 1)
                reciprocal += 1 / ranks[0] if ranks else 0
                close += bool(matches and matches[0].similarity >= RESURFACING_SIMILARITY)
            n = len(sample)
            print(
                f"{kind:<12} {n:>5} {hits / n:>7.1%} {reciprocal / n:>6.3f} {close / n:>7.1%} "
                f"{statistics.median(latencies):>7.1f} {percentile(latencies, 0.95):>7.1f}"
            )

        wrong = 0
        for claim in held_out:
            matches = find_matches(claim)
            if matches and matches[0].similarity >= RESURFACING_SIMILARITY:
                wrong += 1
                if wrong <= args.show:
                    best = matches[0]
                    print(f"  {best.similarity:.2f} {claim[:70]!r}")
                    print(f"       {best.rebuttal.claim_text[:70]!r}")
        print(
            f"held-out claims taken for an old rumour (>= {RESURFACING_SIMILARITY}): "
            f"{wrong}/{len(held_out)} ({wrong / max(len(held_out), 1):.1%}, upper bound)"
        )

        if args.engine:
            from search.backends.engine import EngineBackend

            client = EngineBackend().client
            for index in client.indices_matching("qy-bench-tips-*"):
                client.delete_index(index)


if __name__ == "__main__":
    main()
