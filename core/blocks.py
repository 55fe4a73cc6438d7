"""StreamField blocks shared by every page type (apps add their own in their blocks.py)."""

from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock

from .markup import plain_text, render_markdown


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label="标题文字", max_length=120)
    level = blocks.ChoiceBlock(
        label="级别",
        choices=[("h2", "二级标题"), ("h3", "三级标题"), ("h4", "四级标题")],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = "小标题"
        template = "components/streamfield/heading_block.html"
        preview_value = {"text": "专家提醒", "level": "h2"}
        description = "正文中的小标题"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label="引文")
    attribution = blocks.CharBlock(label="出处", required=False, max_length=200)

    class Meta:
        icon = "openquote"
        label = "引用"
        template = "components/streamfield/quote_block.html"
        preview_value = {"text": "网传消息不实，请以官方发布为准。", "attribution": "县网信办"}


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageBlock(label="图片")
    caption = blocks.CharBlock(label="图片说明", required=False, max_length=200)

    class Meta:
        icon = "image"
        label = "图片"
        template = "components/streamfield/image_block.html"


class BaseStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label="段落",
        features=["bold", "italic", "link", "ol", "ul", "hr", "document-link"],
        template="components/streamfield/paragraph_block.html",
    )
    image = CaptionedImageBlock()
    quote = QuoteBlock()
    embed = EmbedBlock(
        label="嵌入媒体",
        help_text="粘贴视频或网页地址",
        template="components/streamfield/embed_block.html",
    )


# Python-Markdown and the standard library's HTML parser slow down sharply on long runs of
# unclosed tags; ten thousand characters (twice the longest rebuttal in the public corpus)
# keep a block's worst case well under a second.
MARKDOWN_BLOCK_MAX_LENGTH = 10_000


class MarkdownBlock(blocks.TextBlock):
    """Markdown for editors who prefer it; rendered and sanitised by core.markup on output."""

    def __init__(self, *args, max_length=MARKDOWN_BLOCK_MAX_LENGTH, **kwargs):
        super().__init__(*args, max_length=max_length, **kwargs)

    class Meta:
        icon = "code"
        label = "Markdown"
        template = "components/streamfield/markdown_block.html"
        description = "用 Markdown 书写的段落（标题、列表、链接、表格、本站图片）"
        preview_value = "**核查要点**\n\n1. 找到原始出处\n2. 向权威部门求证"
        form_classname = "monospace"

    def get_searchable_content(self, value):
        # The text readers see, never the source: search snippets must not show "## " or "**".
        return [plain_text(render_markdown(value))] if value else []
