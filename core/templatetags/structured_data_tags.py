"""`{% json_ld data %}`: schema.org JSON-LD in its <script> element (core.jsonld), with the
request's Content-Security-Policy nonce."""

from django import template

from core.jsonld import json_ld_script

register = template.Library()


@register.simple_tag(takes_context=True)
def json_ld(context, data):
    request = context.get("request")
    return json_ld_script(data, nonce=str(getattr(request, "csp_nonce", "")))
