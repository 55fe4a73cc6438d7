"""The site shell's pages: the home page and plain pages."""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.http import Http404

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from campaigns.models import CampaignIndexPage, CampaignPage, site_today
from core.blocks import BaseStreamBlock
from core.publishing import GuardedPublishMixin
from core.tree import children_of, descendants_at
from core.visibility import outside_restricted_sections, shown_targets
from debunk.models import RebuttalIndexPage, RebuttalPage
from search import query_stats
from search.index import prepared
from search.registry import register
from video.models import VideoEpisodePage, VideoSeriesIndexPage
from video.models.pages import episode_queryset

CAMPAIGNS_ON_HOME_PAGE = 4
LATEST_ON_HOME_PAGE = 8
FEATURED_ON_HOME_PAGE = 3
EPISODES_ON_HOME_PAGE = 4
TRENDING_ON_HOME_PAGE = 8
# Imported columns repeat headlines (the same chain message answered many times): the home
# page reads a few more than it shows and keeps one card per headline.
LATEST_READ_AHEAD = 3
CARD_DEFERS = ("body", "claim_text", "appearance_urls", "attribution")


# Each section's page type by (home page, slug), kept per process: a page's type never changes,
# and a stale entry (a section deleted, its slug reused) finds nothing, so Wagtail's way answers.
SECTION_TYPES: dict[tuple[int, str], int] = {}


def _readable():
    """Pages readers may open, as a filter inside each listing's own query (Wagtail's public()
    costs a query of its own per listing)."""
    return outside_restricted_sections("path")


class HomePage(GuardedPublishMixin, Page):
    intro = models.CharField("导语", max_length=200, blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name="正文", blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        InlinePanel(
            "featured_links",
            label="编辑推荐",
            max_num=FEATURED_ON_HOME_PAGE,
            help_text="首页最上方推荐的辟谣（最多 3 篇）",
        ),
        FieldPanel("body"),
    ]
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

    def route(self, request, path_components):
        """Wagtail's route, with the section read as its own page type in one query (Wagtail
        reads it as a Page, then again as its type) once its type is known."""
        if not path_components:
            return super().route(request, path_components)
        slug, rest = path_components[0], path_components[1:]
        content_type_id = SECTION_TYPES.get((self.pk, slug))
        model = (
            ContentType.objects.get_for_id(content_type_id).model_class()
            if content_type_id
            else None
        )
        section = children_of(model.objects, self).filter(slug=slug).first() if model else None
        if section is None:
            section = children_of(Page.objects, self).filter(slug=slug).first()
            if section is None:
                raise Http404
            SECTION_TYPES[(self.pk, slug)] = section.content_type_id
            section = section.specific
        section._cached_parent_obj = self
        return section.route(request, rest)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        featured = self.featured_rebuttals()
        children = list(self.get_children().live().filter(_readable()).specific())
        sections = [child for child in children if child.show_in_menus]
        column = first_of(children, RebuttalIndexPage)
        trending = query_stats.trending(limit=TRENDING_ON_HOME_PAGE)
        context.update(
            sections=sections,
            column=column,
            search_examples=query_stats.examples_placeholder(),
            featured=featured,
            latest=self.latest_rebuttals(column, exclude={r.pk for r in featured}),
            trending=trending,
            episodes=self.latest_episodes(first_of(children, VideoSeriesIndexPage)),
            campaigns=self.campaigns(first_of(children, CampaignIndexPage)),
        )
        return context

    # The listings below read their own section's pages as an index range (core.tree): "every
    # page below the home page" would read the index entries of all 50,000 rebuttals.

    def featured_rebuttals(self) -> list[RebuttalPage]:
        """The editors' picks that readers may open, in the editors' order (one query)."""
        return shown_targets(
            self.featured_links, "rebuttal", select=("category",), defer=CARD_DEFERS
        )

    def latest_rebuttals(self, column, exclude=frozenset()) -> list[RebuttalPage]:
        """The column's newest rebuttals as the column orders them, one card per headline."""
        if column is None:
            return []
        candidates = column.rebuttals().exclude(pk__in=exclude)[
            : LATEST_ON_HOME_PAGE * LATEST_READ_AHEAD
        ]
        seen, latest = set(), []
        for rebuttal in candidates:
            if rebuttal.title not in seen:
                seen.add(rebuttal.title)
                latest.append(rebuttal)
        return latest[:LATEST_ON_HOME_PAGE]

    def latest_episodes(self, series_index) -> list[VideoEpisodePage]:
        """The newest video episodes (index, series, episode) with their posters (two
        queries)."""
        if series_index is None:
            return []
        newest = descendants_at(episode_queryset(), series_index, 2).filter(_readable())
        newest = newest.order_by("-first_published_at", "-pk")
        return list(newest[:EPISODES_ON_HOME_PAGE])

    def campaigns(self, campaign_index):
        """Live campaigns for the home page, ongoing ones first."""
        if campaign_index is None:
            return []
        return (
            children_of(CampaignPage.objects, campaign_index)
            .live()
            .filter(_readable())
            .for_cards()
            .in_display_order(site_today())[:CAMPAIGNS_ON_HOME_PAGE]
        )


def first_of(sections, page_type):
    return next((s for s in sections if isinstance(s, page_type)), None)


class HomeFeaturedRebuttal(Orderable):
    """A rebuttal the editors put on the home page."""

    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_links")
    rebuttal = models.ForeignKey(
        RebuttalPage, verbose_name="辟谣", on_delete=models.CASCADE, related_name="home_features"
    )

    panels = [FieldPanel("rebuttal")]

    class Meta(Orderable.Meta):
        verbose_name = "编辑推荐"
        verbose_name_plural = "编辑推荐"


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
