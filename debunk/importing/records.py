"""One imported rumour, checked and normalised, whatever source it came from."""

import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.html import escape

# Bump when the mapping from source records to pages changes: every record then counts as
# changed once and is re-imported, so existing pages pick up the new mapping.
MAPPING_VERSION = "1"

BEIJING = ZoneInfo("Asia/Shanghai")
EARLIEST_YEAR = 1990

# Field limits (characters). Longer input is rejected, not cut, so nothing is silently lost.
MAX_CLAIM = 5000
MAX_REBUTTAL = 20000
MAX_TITLE = 255
MAX_SUMMARY = 75
MAX_SHORT_ANSWER = 300
MAX_URL = 500
MAX_SOURCE_TITLE = 255
MAX_SHORT_TEXT = 100

_validate_url = URLValidator(schemes=["http", "https"])
_SPACES = re.compile(r"\s+")
# Chinese needs no space where a line break stood between two CJK characters or punctuation.
_CJK_GAP = re.compile(r"(?<=[\u3000-\u9fff\uff00-\uffef])\s+(?=[\u3000-\u9fff\uff00-\uffef])")
_SENTENCE = re.compile(r"(?<=[。！？!?])")
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


class InvalidRecord(ValueError):
    """A record that cannot be imported; the message says why, in Chinese, for the operator."""


@dataclass
class Source:
    title: str
    url: str = ""
    authority: str = ""
    date: dt.date | None = None
    kind: str = "other"


@dataclass
class Correction:
    date: dt.date
    note: str


@dataclass
class ImportRecord:
    source_id: str
    line: int
    digest: str
    title: str
    claim_text: str
    claim_summary: str
    verdict: str
    short_answer: str = ""
    body: list = field(default_factory=list)
    kind: str = "rebuttal"
    seen_on: list = field(default_factory=list)
    appearance_urls: list = field(default_factory=list)
    first_seen: dt.date | None = None
    claimant: str = ""
    published_date: dt.date | None = None
    category_slug: str = ""
    region: str = ""
    tags: list = field(default_factory=list)
    sources: list = field(default_factory=list)
    corrections: list = field(default_factory=list)
    credits: list = field(default_factory=list)
    attribution: str = ""
    slug: str = ""
    warnings: list = field(default_factory=list)  # kept record, but something was dropped

    @property
    def is_complete(self) -> bool:
        """A claim with an answer; claims without one wait as drafts for an editor."""
        return bool(self.short_answer)


def digest(raw: dict) -> str:
    """A fingerprint of the source record: unchanged records are skipped on a re-run."""
    payload = json.dumps(raw, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(f"{MAPPING_VERSION}\n{payload}".encode()).hexdigest()


def squash(value: str) -> str:
    return _CJK_GAP.sub("", _SPACES.sub(" ", value)).strip()


def first_sentences(value: str, limit: int, *, most: int = 0) -> str:
    """Whole sentences from the start (at most `most`, if given) that fit in `limit`; a cut
    with an ellipsis when they would be too short to say anything (a "转发！" opener)."""
    value = squash(value)
    sentences = [sentence for sentence in _SENTENCE.split(value) if sentence.strip()]
    wanted = sentences[:most] if most else sentences
    kept = ""
    for sentence in wanted:
        if len(kept) + len(sentence) > limit:
            break
        kept += sentence
    if kept == "".join(wanted) or len(kept) >= limit // 3:
        return kept.strip()
    return value[: limit - 1].rstrip() + "…"


def parse_date(value) -> dt.date | None:
    """ISO 8601 dates and date-times; times with a zone are read in Beijing time."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise InvalidRecord(f"不是有效日期：{str(value)[:40]!r}")
    try:
        moment = dt.datetime.fromisoformat(value.strip())
    except ValueError:
        raise InvalidRecord(f"不是有效日期：{value[:40]!r}") from None
    if moment.tzinfo is not None:
        moment = moment.astimezone(BEIJING)
    if not EARLIEST_YEAR <= moment.year <= dt.datetime.now(BEIJING).year + 1:
        raise InvalidRecord(f"超出合理范围：{value[:40]!r}")
    return moment.date()


def check_url(value: str) -> str:
    value = value.strip()
    if len(value) > MAX_URL:
        raise InvalidRecord(f"网址过长（{len(value)} 字符，上限 {MAX_URL}）")
    try:
        _validate_url(value)
    except ValidationError:
        raise InvalidRecord(f"不是有效网址：{value[:80]!r}") from None
    return value


def paragraphs_block(value: str) -> dict:
    """Plain text as one rich-text block: paragraphs kept, line breaks kept, HTML escaped."""
    paragraphs = [p.strip() for p in _PARAGRAPH_BREAK.split(value) if p.strip()]
    html = "".join(
        "<p>" + "<br>".join(escape(line.strip()) for line in p.splitlines()) + "</p>"
        for p in paragraphs
    )
    return {"type": "paragraph", "value": html}


def heading_block(value: str) -> dict:
    return {"type": "heading", "value": {"text": value, "level": "h2"}}
