"""Which existing rebuttals answer a message a reader received.

The search layer finds candidates (``search.backends.similar``: the database's full-text index
or the engine's more_like_this, whichever is configured). Their ranks are not comparable
between backends, so the candidates are scored again here on one scale: how much the words of
the message and of the rebuttal's claim overlap, both prepared the same way (Simplified
characters, jieba words, no stop words). A message copied from the claim scores 1; one written
in Traditional characters too; one with a few words changed a little less.

The score is the cosine of the two word sets, |A ∩ B| / √(|A|·|B|), against the claim as it
circulated or against its one-line summary, whichever is higher: a short question ("5G基站会传播
新冠病毒吗") is close to the summary, a forwarded message to the claim. A message sharing only
a word or two with a rebuttal scores low.
"""

import math
from dataclasses import dataclass

from search import backends
from search import text as prep

from .models import RebuttalPage

# Candidates asked of the search layer: it may return videos or campaigns too.
CANDIDATES = 12
# Below this, a rebuttal is not shown to the reader at all.
SHOW_SIMILARITY = 0.2
# At or above this, a rebuttal is offered as the answer ("就是这条"); between the two it is only
# listed as 可能相关 below the send form. Learnt from the corpus: at most 5 % of unrelated
# rumours reach it, 99.8 % of reworded copies do (bench/tip_threshold.py, docs/reader-tips.md).
ANSWER_SIMILARITY = 0.5
# At or above this, the tip is the same rumour again (旧谣新炒): counted on the rebuttal.
RESURFACING_SIMILARITY = 0.6


@dataclass
class Match:
    rebuttal: RebuttalPage
    similarity: float
    url: str

    @property
    def percent(self) -> int:
        return round(self.similarity * 100)

    @property
    def is_answer(self) -> bool:
        return self.similarity >= ANSWER_SIMILARITY

    @property
    def is_close(self) -> bool:
        return self.similarity >= RESURFACING_SIMILARITY


def word_set(text: str) -> frozenset[str]:
    """The meaningful words of a text: single Chinese characters say too little alone."""
    return frozenset(word for word in prep.words(text) if len(word) > 1 or word.isascii())


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / math.sqrt(len(a) * len(b))


def claim_similarity(words: frozenset[str], rebuttal: RebuttalPage) -> float:
    return max(
        similarity(words, word_set(rebuttal.claim_text)),
        similarity(words, word_set(rebuttal.claim_summary)),
    )


def find_matches(text: str, limit: int = 5) -> list[Match]:
    """Live rebuttals like ``text``, most similar first (one search, one query)."""
    words = word_set(text)
    if not words:
        return []
    hits = backends.similar(text=text, limit=CANDIDATES)
    order = {hit.page_id: rank for rank, hit in enumerate(hits)}
    urls = {hit.page_id: hit.url for hit in hits}
    rebuttals = (
        RebuttalPage.objects.live()
        .public()
        .filter(pk__in=order)
        .only(
            "id",
            "title",
            "url_path",
            "claim_text",
            "claim_summary",
            "short_answer",
            "verdict",
            "published_date",
            "resurfaced_count",
            "resurfaced_on",
        )
    )
    matches = [
        Match(rebuttal, claim_similarity(words, rebuttal), urls[rebuttal.pk])
        for rebuttal in rebuttals
    ]
    matches = [match for match in matches if match.similarity >= SHOW_SIMILARITY]
    # Most similar first; the search layer's rank breaks ties.
    matches.sort(key=lambda match: (-match.similarity, order[match.rebuttal.pk]))
    return matches[:limit]
