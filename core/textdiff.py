"""Show what changed between two versions of labelled texts, character by character.

Chinese has no spaces between words, so the diff works on characters (with whole lines kept
together where they are unchanged); the result is escaped HTML with <del> and <ins>.
"""

from dataclasses import dataclass
from difflib import SequenceMatcher

from django.utils.html import escape, format_html_join
from django.utils.safestring import SafeString, mark_safe


@dataclass(frozen=True)
class FieldChange:
    label: str
    before: str
    after: str

    @property
    def html(self) -> SafeString:
        return inline_diff(self.before, self.after)


def inline_diff(before: str, after: str) -> SafeString:
    """``before`` turned into ``after``: removed text in <del>, added text in <ins>."""
    parts = []
    matcher = SequenceMatcher(None, before, after, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(escape(before[a1:a2]))
            continue
        if a2 > a1:
            parts.append(f"<del>{escape(before[a1:a2])}</del>")
        if b2 > b1:
            parts.append(f"<ins>{escape(after[b1:b2])}</ins>")
    return mark_safe("".join(parts))  # noqa: S308 - every piece escaped above


def changed_fields(
    before: list[tuple[str, str]] | None, after: list[tuple[str, str]]
) -> list[FieldChange]:
    """The labelled texts that differ; with no ``before`` (a new item) every non-empty one."""
    old = dict(before or [])
    return [
        FieldChange(label, old.get(label, ""), text)
        for label, text in after
        if old.get(label, "") != text
    ]


def summary(changes: list[FieldChange]) -> SafeString:
    return format_html_join("、", "{}", ((change.label,) for change in changes))
