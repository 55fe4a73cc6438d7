"""The short-video series (征视频)."""

from django.db import models

from wagtail.admin.panels import FieldPanel
from wagtail.models import Page


class VideoSeriesIndexPage(Page):
    """All video series."""

    intro = models.CharField("导语", max_length=250, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    max_count = 1

    class Meta:
        verbose_name = "视频栏目"
        verbose_name_plural = "视频栏目"
