"""`{{ data|json_ld }}`: schema.org JSON-LD in its <script> element (core.jsonld)."""

from django import template

from core.jsonld import json_ld_script

register = template.Library()
register.filter("json_ld", json_ld_script)
