"""The rumour column (捉谣记)."""

from django.db import models

from wagtail.admin.panels import FieldPanel
from wagtail.models import Page


class RebuttalIndexPage(Page):
    """The column that lists rebuttals, newest first."""

    intro = models.CharField("导语", max_length=250, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]

    class Meta:
        verbose_name = "辟谣栏目"
        verbose_name_plural = "辟谣栏目"
