"""Rich text is cleaned as it is stored, whatever writes it: the admin, an import, a data
migration, the shell, a future API.

One ``pre_save`` receiver for every model (connected in core.apps), rather than a field
subclass: it covers Wagtail's own RichTextField and StreamField wherever they are used,
including the historical models of data migrations, with no migration of ours naming a new
field class. RichTextFields and the RichTextBlocks inside StreamFields (at any depth) go through
core.markup's allow-list in Wagtail's database format; Draftail's output comes back unchanged.

Markdown is not touched here: it is source text, not HTML, until core.markup.render_markdown
(the ``|markdown`` filter) renders and sanitises it. Cleaning the source would mangle code
samples and the "<" of ordinary prose, and would protect nothing the renderer does not.
"""

from functools import cache

from wagtail import blocks
from wagtail.fields import RichTextField, StreamField

from .markup import sanitise_stored_rich_text


@cache
def rich_fields(model) -> tuple:
    """The model's RichTextFields and StreamFields (looked up once per model class)."""
    return tuple(
        field
        for field in model._meta.concrete_fields
        if isinstance(field, (RichTextField, StreamField))
    )


def sanitise_rich_text_on_save(sender, instance, update_fields=None, **kwargs):
    """pre_save receiver: clean what will be written. Deferred fields and fields outside
    ``update_fields`` are not written, so they are neither loaded nor cleaned."""
    deferred = instance.get_deferred_fields()
    for field in rich_fields(sender):
        if field.attname in deferred or (
            update_fields is not None and field.name not in update_fields
        ):
            continue
        value = getattr(instance, field.attname)
        if isinstance(field, StreamField):
            value = field.stream_block.get_prep_value(value)
            cleaned = clean_block_data(field.stream_block, value)
        else:
            cleaned = sanitise_stored_rich_text(value)
        if cleaned != value:
            setattr(instance, field.attname, cleaned)


def clean_block_data(block, data):
    """`data` (a block's stored JSON form) with every rich text inside it cleaned; a new
    structure, so the StreamValue's own raw data is left alone."""
    if isinstance(block, blocks.RichTextBlock):
        return sanitise_stored_rich_text(data) if isinstance(data, str) else data
    if isinstance(block, blocks.StreamBlock) and isinstance(data, list):
        return [_clean_child(block.child_blocks.get(item.get("type")), item) for item in data]
    if isinstance(block, blocks.ListBlock) and isinstance(data, list):
        return [
            _clean_child(block.child_block, item)
            if isinstance(item, dict) and item.get("type") == "item"
            else clean_block_data(block.child_block, item)
            for item in data
        ]
    if isinstance(block, blocks.StructBlock) and isinstance(data, dict):
        return {
            name: clean_block_data(block.child_blocks[name], value)
            if name in block.child_blocks
            else value
            for name, value in data.items()
        }
    return data


def _clean_child(child_block, item: dict) -> dict:
    """A stream child or list item, {"type", "value", "id"}, with its value cleaned."""
    if child_block is None or "value" not in item:
        return item
    return {**item, "value": clean_block_data(child_block, item["value"])}
