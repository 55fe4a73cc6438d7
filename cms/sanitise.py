"""Plain text from whatever the public typed: no tags, no comments, no scripts.

A leaf helper (imports nothing of ours). When `cms/markup.py` lands on main, these two functions
belong there beside its HTML cleaner.
"""

import html
import re

import bleach

# C0 controls other than tab and newline, DEL, and the bidi overrides used to disguise text.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u202a-\u202e\u2066-\u2069]")
MAX_PASSES = 5


def _normalise(text: str) -> str:
    return CONTROL_CHARACTERS.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def plain_text(value: str) -> str:
    """`value` with every HTML tag and comment removed, returned as plain (unescaped) text.

    bleach escapes what it keeps (&, <, >); unescaping gives the reader's text back, and templates
    escape it once on output. Cleaning repeats until nothing changes, so text built to turn into a
    tag after one pass ("<<script>script>") cannot.
    """
    text = _normalise(value or "")
    for _ in range(MAX_PASSES):
        cleaned = html.unescape(
            bleach.clean(text, tags=set(), attributes={}, strip=True, strip_comments=True)
        )
        if cleaned == text:
            break
        text = cleaned
    return text.strip()


def contains_markup(value: str) -> bool:
    """True when cleaning would remove something: a tag, a comment, an encoded tag.

    "1 < 2", "<3" and "AT&T" are text, not markup.
    """
    return plain_text(value) != html.unescape(_normalise(value or "")).strip()
