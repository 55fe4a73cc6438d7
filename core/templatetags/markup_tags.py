"""Template filters over core.markup: the only way templates turn user text into HTML."""

from django import template
from django.utils.safestring import mark_safe

from core.markup import render_markdown, safe_url, sanitise_html

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text):
    return mark_safe(render_markdown(text))  # noqa: S308 - sanitised by core.markup


@register.filter(name="sanitise_html")
def sanitise_html_filter(html):
    return mark_safe(sanitise_html(html))  # noqa: S308 - sanitised by core.markup


@register.filter(name="safe_url")
def safe_url_filter(url):
    """Only http(s) URLs survive into an href; autoescaping still applies to the result."""
    return safe_url(url)
