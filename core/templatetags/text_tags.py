from django import template

from core.markup import plain_text as _plain_text

register = template.Library()


@register.filter
def plain_text(value):
    """Reader-supplied text with any markup removed; autoescaping still applies afterwards."""
    return _plain_text(str(value or ""))
