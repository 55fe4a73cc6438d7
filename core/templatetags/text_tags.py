"""`{{ value|plain_text }}`: any markup removed (core.markup); autoescaping still applies."""

from django import template

from core.markup import plain_text

register = template.Library()
register.filter("plain_text", plain_text)
