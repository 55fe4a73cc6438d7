"""Learn the similarity at which a reader's tip is offered a rebuttal as "this is it"
(debunk.matching.SHOW_SIMILARITY) from the rumour corpus, without building a site.

    .venv/bin/python bench/tip_threshold.py ../shared/data/rumours.jsonl [--tips 400] [--pool 3000]

Same rumour: each sampled claim, changed as bench/tips.py changes it (three words dropped, two
swapped), scored against its own claim. Unrelated: each sampled claim's best score against a
pool of other claims, leaving out copies of the same rumour (the corpus repeats chain
messages): claims sharing a run of COPY_RUN characters with it. The threshold is the lowest score
(0.05 steps) that at most 5 % of unrelated claims reach; copies reworded beyond that test still
count as unrelated, so the unrelated side is pessimistic.
"""

import argparse
import os
import random
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
COPY_RUN = 8
UNRELATED_SHARE = 0.05  # at most this share of unrelated claims offered as "this is it"
sys.path.insert(0, str(REPO))
sys.path.append(str(REPO / "bench"))  # after the repo: bench/search.py is not search/


def runs(text: str, normalise) -> set[str]:
    """Every run of COPY_RUN characters (Simplified, no spaces or punctuation)."""
    chars = "".join(ch for ch in normalise(text) if ch.isalnum())
    return {chars[i : i + COPY_RUN] for i in range(len(chars) - COPY_RUN + 1)}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("path")
    parser.add_argument("--tips", type=int, default=400)
    parser.add_argument("--pool", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=16)
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
    import django

    django.setup()
    from tips import changed, claim_of

    from debunk.matching import similarity, word_set
    from search.text import normalise

    text = Path(args.path).read_text(encoding="utf-8")
    claims = [c for c in (claim_of(line) for line in text.split("\n") if line.strip()) if c]
    rng = random.Random(args.seed)
    rng.shuffle(claims)
    tips, pool = claims[: args.tips], claims[args.tips : args.tips + args.pool]
    pool_words = [word_set(claim) for claim in pool]
    pool_runs = [runs(claim, normalise) for claim in pool]

    same, unrelated = [], []
    for claim in tips:
        words = word_set(claim)
        same.append(similarity(word_set(changed(claim, rng)), words))
        own_runs = runs(claim, normalise)
        scores = [
            similarity(words, other)
            for other, other_runs in zip(pool_words, pool_runs, strict=True)
            if not own_runs & other_runs
        ]
        unrelated.append(max(scores, default=0.0))

    unrelated.sort()
    same.sort()
    print(f"tips {len(tips)}, pool {len(pool)}")
    for share in (0.5, 0.9, 0.95, 0.98):
        best = unrelated[int(len(unrelated) * share)]
        print(f"unrelated best score, p{round(share * 100)}: {best:.3f}")
    for share in (0.01, 0.05, 0.1):
        print(f"same-rumour score, p{round(share * 100)}: {same[int(len(same) * share)]:.3f}")
    # The lowest score (on a 0.05 grid) that at most UNRELATED_SHARE of unrelated claims reach.
    threshold = next(
        t / 100
        for t in range(5, 100, 5)
        if sum(u >= t / 100 for u in unrelated) <= UNRELATED_SHARE * len(unrelated)
    )
    kept = sum(s >= threshold for s in same) / len(same)
    left_out = sum(u < threshold for u in unrelated) / len(unrelated)
    print(
        f"threshold: {threshold:.2f} (same-rumour tips kept {kept:.1%}, "
        f"unrelated claims left out {left_out:.1%})"
    )


if __name__ == "__main__":
    main()
