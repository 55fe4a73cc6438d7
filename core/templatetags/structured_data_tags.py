"""`{% json_ld data %}`: schema.org JSON-LD in its <script> element (core.jsonld)."""

from django import template

from core.jsonld import json_ld_script

register = template.Library()


@register.simple_tag
def json_ld(data):
    return json_ld_script(data)
