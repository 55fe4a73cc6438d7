"""`{% if page.body|has_block:"embed" %}`: what a StreamField holds, read without rendering it."""

from django import template

from wagtail.blocks import StreamValue

register = template.Library()


@register.filter
def has_block(stream, block_type: str) -> bool:
    """True when `stream` has a top-level block of `block_type`; False for anything not a
    StreamField (a page without a body). Reads the stored types only: no block is converted,
    so no image or embed is looked up."""
    if not isinstance(stream, StreamValue):
        return False
    return any(item["type"] == block_type for item in stream.raw_data)
