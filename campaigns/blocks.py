"""StreamField blocks of campaign pages: the shared ones plus a row of figures."""

from wagtail import blocks

from core.blocks import BaseStreamBlock


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
