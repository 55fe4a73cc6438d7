"""Campaigns: online reading events, micro-video collections, community activity."""

from django.db import models

from wagtail.admin.panels import FieldPanel
from wagtail.models import Page


class CampaignIndexPage(Page):
    """All campaigns: online reading events, micro-video collections, community activity."""

    intro = models.CharField("导语", max_length=250, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    max_count = 1

    class Meta:
        verbose_name = "活动专区"
        verbose_name_plural = "活动专区"
