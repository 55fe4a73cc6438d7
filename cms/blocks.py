"""StreamField blocks shared by every page type (apps add their own beside these)."""

from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock


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


class FigureBlock(blocks.StructBlock):
    """One labelled number, e.g. 活动场次 120+ (kept as text so "30万+" reads as written)."""

    label = blocks.CharBlock(label="名称", max_length=20, help_text="如：活动场次、覆盖人次")
    value = blocks.CharBlock(label="数字", max_length=20, help_text="如：120+、30万+")
    note = blocks.CharBlock(label="说明", max_length=60, required=False)

    class Meta:
        icon = "order"
        label = "数据项"


class FiguresBlock(blocks.StructBlock):
    """A row of labelled numbers for reporting what a campaign achieved."""

    heading = blocks.CharBlock(label="标题", max_length=40, required=False, default="数据一览")
    items = blocks.ListBlock(FigureBlock(), label="数据项", min_num=1, max_num=12)

    class Meta:
        icon = "table"
        label = "数据一览"
        template = "components/streamfield/figures_block.html"
        preview_value = {
            "heading": "数据一览",
            "items": [
                {"label": "活动场次", "value": "120+", "note": ""},
                {"label": "覆盖人次", "value": "30万+", "note": ""},
                {"label": "发放宣传册", "value": "8000份", "note": ""},
            ],
        }
        description = "活动成果的数字，如活动场次、覆盖人次"


class CampaignStreamBlock(BaseStreamBlock):
    """The shared blocks plus the figures block campaigns report with."""

    figures = FiguresBlock()


class MarkdownBlock(blocks.TextBlock):
    """Markdown for editors who prefer it; rendered and sanitised by cms.markup on output."""

    class Meta:
        icon = "code"
        label = "Markdown"
        template = "components/streamfield/markdown_block.html"
        description = "用 Markdown 书写的段落（标题、列表、链接、表格、本站图片）"
        preview_value = "**核查要点**\n\n1. 找到原始出处\n2. 向权威部门求证"
        form_classname = "monospace"
