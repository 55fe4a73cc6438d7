"""The site shell's pages: the home page and plain pages."""

from django.db import models

from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from campaigns.models import CampaignPage, site_today
from core.blocks import BaseStreamBlock
from core.publishing import GuardedPublishMixin
from search.index import prepared
from search.registry import register

CAMPAIGNS_ON_HOME_PAGE = 4


class HomePage(GuardedPublishMixin, Page):
    intro = models.CharField("导语", max_length=200, blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name="正文", blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = prepared([*Page.search_fields, index.SearchField("intro")])

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "cms.StandardPage",
        "campaigns.CampaignIndexPage",
        "debunk.RebuttalIndexPage",
        "video.VideoSeriesIndexPage",
    ]
    max_count = 1

    class Meta:
        verbose_name = "首页"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = self.get_children().live().public().in_menu().specific()
        context["campaigns"] = self.campaigns()
        return context

    def campaigns(self):
        """Live campaigns for the home page, ongoing ones first."""
        return (
            CampaignPage.objects.descendant_of(self)
            .live()
            .public()
            .for_cards()
            .in_display_order(site_today())[:CAMPAIGNS_ON_HOME_PAGE]
        )


class StandardPage(GuardedPublishMixin, Page):
    """About pages, notices, explanations of our methods."""

    intro = models.CharField("导语", max_length=250, blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name="正文", blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = prepared(
        [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    )

    class Meta:
        verbose_name = "普通页面"
        verbose_name_plural = "普通页面"


# What the reader search page finds (search/registry.py); rebuttals, videos and campaigns
# register themselves in their own apps.
register(HomePage, content_type="home", label="首页")
register(StandardPage, content_type="page", label="页面")
