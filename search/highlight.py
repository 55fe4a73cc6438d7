"""Marking query terms in results, on the text as it was written.

Matching happens on ``text.fold_chars(original)`` (Simplified, half-width, lower case, same
length), so a Traditional document shows its own characters with the Simplified query's words
marked. The database backend uses :func:`highlight` and :func:`snippet` directly; the engine
backend returns fragments of the folded text, which :func:`from_fragment` maps back.
"""

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from . import text

MARK_OPEN = "<mark>"
MARK_CLOSE = "</mark>"
ELLIPSIS = "…"


def find_spans(original: str, terms: list[str]) -> list[tuple[int, int]]:
    """Non-overlapping (start, end) spans of ``terms`` in ``original``, longest terms first."""
    folded = text.fold_chars(original)
    taken = [False] * len(folded)
    spans = []
    for term in sorted({t for t in terms if t}, key=len, reverse=True):
        start = folded.find(term)
        while start != -1:
            end = start + len(term)
            if not any(taken[start:end]):
                spans.append((start, end))
                taken[start:end] = [True] * (end - start)
            start = folded.find(term, end)
    return _merge(sorted(spans))


def _merge(spans):
    merged = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def render(original: str, spans, start: int = 0, end: int | None = None) -> SafeString:
    """``original[start:end]`` escaped, with ``spans`` wrapped in <mark>."""
    end = len(original) if end is None else end
    out, cursor = [], start
    for span_start, span_end in spans:
        span_start, span_end = max(span_start, start), min(span_end, end)
        if span_start >= span_end:
            continue
        out.append(escape(original[cursor:span_start]))
        out.append(MARK_OPEN + escape(original[span_start:span_end]) + MARK_CLOSE)
        cursor = span_end
    out.append(escape(original[cursor:end]))
    return mark_safe("".join(out))


def highlight(original: str, terms: list[str]) -> SafeString:
    return render(original, find_spans(original, terms))


def snippet(original: str, terms: list[str], length: int = 120) -> SafeString:
    """The window of ``length`` characters holding the most distinct marked terms."""
    original = _one_line(original)
    if not original:
        return mark_safe("")
    spans = find_spans(original, terms)
    if len(original) <= length:
        return render(original, spans)
    folded = text.fold_chars(original)
    best_start, best_score = 0, -1
    for span_start, _ in spans:
        start = max(0, span_start - length // 4)
        window = folded[start : start + length]
        score = sum(1 for term in set(terms) if term and term in window)
        if score > best_score:
            best_start, best_score = start, score
    best_start = min(best_start, max(0, len(original) - length))
    end = best_start + length
    return mark_safe(
        (ELLIPSIS if best_start > 0 else "")
        + render(original, spans, best_start, end)
        + (ELLIPSIS if end < len(original) else "")
    )


_ANY_TAG = re.compile(r"</?em>")


def from_fragment(original: str, fragment: str) -> SafeString | None:
    """Map an engine fragment of ``fold_chars(original)`` (terms in <em>) back onto
    ``original``; None when the fragment cannot be placed (then use :func:`snippet`)."""
    original = _one_line(original)
    fragment = fragment.replace("</em><em>", "")
    plain = _ANY_TAG.sub("", fragment)
    offset = text.fold_chars(original).find(plain)
    if offset == -1 or not plain:
        return None
    spans, position = [], offset
    for part in re.split(r"(<em>.*?</em>)", fragment):
        if part.startswith("<em>"):
            inner = part[4:-5]
            spans.append((position, position + len(inner)))
            position += len(inner)
        else:
            position += len(part)
    end = offset + len(plain)
    return mark_safe(
        (ELLIPSIS if offset > 0 else "")
        + render(original, spans, offset, end)
        + (ELLIPSIS if end < len(original) else "")
    )


def _one_line(value: str) -> str:
    return re.sub(r"\s+", " ", value or "").strip()
