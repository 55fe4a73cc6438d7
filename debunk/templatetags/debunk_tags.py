"""Template helpers for the rumour column."""

from functools import lru_cache

from django import template
from django.utils.html import format_html

from debunk.verdicts import grade_for
from search.text import has_traditional

register = template.Library()


@register.simple_tag
def verdict_label(verdict, size=""):
    """The verdict as colour, glyph and words: `{% verdict_label page.verdict "large" %}`.

    A tag rather than an included template: lists render it once per card.
    """
    grade = grade_for(getattr(verdict, "key", verdict))
    size_class = f" verdict--{size}" if size else ""
    return format_html(
        '<span class="verdict verdict--{}{}"><span class="verdict__icon" aria-hidden="true">{}'
        '</span><span class="visually-hidden">核查结论：</span>{}</span>',
        grade.key,
        size_class,
        grade.icon,
        grade.label,
    )


@register.filter
def is_traditional(text) -> bool:
    """Text written in Traditional characters (many imported rumours are), for its ``lang``."""
    return _has_traditional(str(text or ""))


@lru_cache(maxsize=4096)
def _has_traditional(text: str) -> bool:
    # Lists ask about the same titles on every view; the conversion is the costly part.
    return has_traditional(text)
