"""Template filters over core.markup: the only way templates turn stored text into HTML.

``{{ page.description|rich }}`` for rich text (a RichTextField or a RichTextBlock's value) and
``{{ value|markdown }}`` for Markdown; both end in core.markup's sanitiser. Wagtail's own
``|richtext`` expands links but does not sanitise: tests/core/test_template_safety.py fails on
it, on ``|safe`` and on ``{% autoescape off %}`` in templates/.
"""

from django import template
from django.utils.safestring import mark_safe

from core.markup import render_markdown, render_rich_text, safe_url

register = template.Library()


@register.filter(name="rich")
def rich_filter(value):
    return mark_safe(render_rich_text(value))  # noqa: S308 - sanitised by core.markup


@register.filter(name="markdown")
def markdown_filter(text):
    return mark_safe(render_markdown(text))  # noqa: S308 - sanitised by core.markup


@register.filter(name="safe_url")
def safe_url_filter(url):
    """Only http(s) URLs survive into an href; autoescaping still applies to the result."""
    return safe_url(url)
