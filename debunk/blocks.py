"""Blocks of a rebuttal's body: the shared ones plus Markdown and quotes from authorities."""

from wagtail import blocks

from core.blocks import BaseStreamBlock, MarkdownBlock


class AuthorityQuoteBlock(blocks.StructBlock):
    """What an official body or expert said, with who said it and where it was published."""

    text = blocks.TextBlock(label="原话")
    speaker = blocks.CharBlock(label="发言人或机构", max_length=100)
    role = blocks.CharBlock(label="职务", required=False, max_length=100)
    source_url = blocks.URLBlock(label="出处链接", required=False)
    date = blocks.DateBlock(label="日期", required=False)

    class Meta:
        icon = "openquote"
        label = "权威说法"
        template = "components/streamfield/authority_quote_block.html"
        description = "权威部门或专家的原话，注明出处"
        preview_value = {
            "text": "经检测，该批次产品各项指标均符合国家标准。",
            "speaker": "县市场监督管理局",
            "role": "",
        }


class RebuttalStreamBlock(BaseStreamBlock):
    markdown = MarkdownBlock()
    authority_quote = AuthorityQuoteBlock()
