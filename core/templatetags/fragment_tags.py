"""``{% fragment key "name" %}…{% endfragment %}``: the enclosed template rendered once and reused
from the cache under ``key`` and the part's name (core/generations.py says what keys carry), or
rendered every time when ``key`` is empty (a preview, or the fragment cache turned off).

Django's own ``{% cache %}`` cannot be switched off per request: a preview would be served the
live page's copy. Whatever the enclosed part reads (querysets, lazy context values) is read only
when it is rendered, so a hit costs one cache read and no query.
"""

from django import template
from django.core.cache import cache

from core.generations import fragment_seconds

register = template.Library()


class FragmentNode(template.Node):
    def __init__(self, nodelist, key, name):
        self.nodelist = nodelist
        self.key = key
        self.name = name

    def render(self, context):
        key = self.key.resolve(context)
        if not key:
            return self.nodelist.render(context)
        key = f"qingyuan:fragment:{self.name.resolve(context)}:{key}"
        rendered = cache.get(key)
        if rendered is None:
            rendered = self.nodelist.render(context)
            cache.set(key, rendered, fragment_seconds())
        return rendered  # a node's output is not escaped again: it was, as it was rendered


@register.tag
def fragment(parser, token):
    bits = token.split_contents()
    if len(bits) != 3:
        raise template.TemplateSyntaxError(f"{bits[0]} takes a cache key and the part's name")
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(nodelist, parser.compile_filter(bits[1]), parser.compile_filter(bits[2]))
