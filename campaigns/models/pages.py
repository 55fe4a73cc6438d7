"""Campaigns: online reading events, micro-video collections, community activity.

A campaign's status (upcoming, ongoing, ended) is never stored: it is derived from its start and
end dates in the site's time zone, so a campaign ends at midnight Beijing time on its end date
without anyone pressing a button.
"""

import datetime
import logging
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, F, IntegerField, Prefetch, Value, When
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from rest_framework import serializers

from core import protection
from core.dates import years_spanned
from core.file_responses import file_response
from core.markup import plain_text
from core.pagination import paginate
from core.publishing import GuardedPublishMixin
from core.ratelimit import hit, too_many_requests
from core.tree import children_of
from core.visibility import (
    OneQueryViewRestrictionsMixin,
    outside_restricted_sections,
    shown_targets,
)
from search.index import prepared
from search.registry import Document, register

from ..blocks import CampaignStreamBlock
from .submissions import CampaignSubmission

logger = logging.getLogger(__name__)

PAST_CAMPAIGNS_PER_PAGE = 12
POSTS_ON_CAMPAIGN_PAGE = 20
WALL_PER_PAGE = 24

# What linked pages show on a campaign (a verdict and a title; an episode card): long texts stay
# in the database.
REBUTTAL_LONG_FIELDS = ("body", "claim_text", "attribution")
EPISODE_LONG_FIELDS = ("summary", "transcript")


class CampaignStatus(models.TextChoices):
    UPCOMING = "upcoming", "未开始"
    ONGOING = "ongoing", "进行中"
    ENDED = "ended", "已结束"


def site_today(now: datetime.datetime | None = None) -> datetime.date:
    """The calendar date in the site's time zone (Asia/Shanghai), not in UTC.

    At 2024-06-30 16:00 UTC it is already 1 July in Beijing: a campaign ending on 30 June has
    ended then, although the UTC date still says 30 June.
    """
    return timezone.localdate(now or timezone.now(), timezone=ZoneInfo(settings.TIME_ZONE))


def status_on(start: datetime.date, end: datetime.date, today: datetime.date) -> CampaignStatus:
    """Both dates count as whole days of the campaign."""
    if today < start:
        return CampaignStatus.UPCOMING
    if today > end:
        return CampaignStatus.ENDED
    return CampaignStatus.ONGOING


def chinese_date(day: datetime.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def image_with_renditions():
    """Prefetch for an image foreign key that brings its renditions along (no query per image)."""
    return get_image_model().objects.prefetch_renditions()


class CampaignPageQuerySet(PageQuerySet):
    def with_status(self, status: str, today: datetime.date):
        if status == CampaignStatus.UPCOMING:
            return self.filter(start_date__gt=today)
        if status == CampaignStatus.ENDED:
            return self.filter(end_date__lt=today)
        return self.filter(start_date__lte=today, end_date__gte=today)

    def running_in_year(self, year: int):
        """Campaigns with at least one day in `year`."""
        return self.filter(
            start_date__lte=datetime.date(year, 12, 31), end_date__gte=datetime.date(year, 1, 1)
        )

    def in_display_order(self, today: datetime.date):
        """Ongoing first (ending soonest first), then upcoming (starting soonest), then ended
        (most recently ended first)."""
        rank = Case(
            When(start_date__gt=today, then=Value(1)),
            When(end_date__lt=today, then=Value(2)),
            default=Value(0),
            output_field=IntegerField(),
        )
        soonest = Case(
            When(start_date__gt=today, then=F("start_date")),
            When(end_date__lt=today, then=Value(None)),
            default=F("end_date"),
            output_field=models.DateField(),
        )
        return self.annotate(status_rank=rank, soonest=soonest).order_by(
            "status_rank", F("soonest").asc(nulls_last=True), "-end_date", "pk"
        )

    def for_cards(self):
        """What a campaign card shows: the cover image with its renditions."""
        return self.prefetch_related(Prefetch("cover_image", queryset=image_with_renditions()))


CampaignPageManager = PageManager.from_queryset(CampaignPageQuerySet)


class CampaignIndexPage(GuardedPublishMixin, Page):
    """All campaigns: online reading events, micro-video collections, community activity."""

    intro = models.CharField("导语", max_length=250, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = prepared([*Page.search_fields, index.SearchField("intro")])
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["campaigns.CampaignPage"]
    max_count = 1

    class Meta:
        verbose_name = "活动专区"
        verbose_name_plural = "活动专区"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        today = site_today()
        campaigns = children_of(CampaignPage.objects, self).live().public().for_cards()
        years = years_spanned(campaigns, "start_date", "end_date")  # every year one ran in
        status, year = read_filters(request.GET, years)
        if year is not None:
            campaigns = campaigns.running_in_year(year)

        sections = []
        for section_status, heading, empty, ordering in CAMPAIGN_SECTIONS:
            if status and status != section_status:
                continue
            items = campaigns.with_status(section_status, today).order_by(*ordering)
            page_obj = None
            if section_status == CampaignStatus.ENDED:
                page_obj = paginate(request, items, PAST_CAMPAIGNS_PER_PAGE)
                items = page_obj.object_list
            sections.append(
                {
                    "status": section_status,
                    "heading": heading,
                    "empty": empty,
                    "items": items,
                    "page": page_obj,
                }
            )
        context.update(
            sections=sections,
            years=years,
            current_status=status,
            current_year=year,
            statuses=[(s.value, s.label) for s in (ONGOING, UPCOMING, ENDED)],
        )
        return context


ONGOING, UPCOMING, ENDED = CampaignStatus.ONGOING, CampaignStatus.UPCOMING, CampaignStatus.ENDED

# The index page's sections: which status, its heading, what an empty one says, its order.
CAMPAIGN_SECTIONS = [
    (CampaignStatus.ONGOING, "正在进行", "目前没有正在进行的活动。", ("end_date", "pk")),
    (CampaignStatus.UPCOMING, "即将开始", "暂无即将开始的活动。", ("start_date", "pk")),
    (CampaignStatus.ENDED, "往期回顾", "暂无往期活动。", ("-end_date", "-pk")),
]


def read_filters(params, years: list[int]) -> tuple[str | None, int | None]:
    """The status and year asked for in the query string; anything unknown is ignored, so a
    mangled shared link still shows every campaign rather than an error."""
    status = params.get("status")
    if status not in CampaignStatus.values:
        status = None
    try:
        year = int(params.get("year", ""))
    except ValueError:
        year = None
    if year not in years:
        year = None
    return status, year


class CampaignPage(GuardedPublishMixin, OneQueryViewRestrictionsMixin, RoutablePageMixin, Page):
    """One campaign: what it is about, who runs it, when, what happened and what readers sent.

    Routes: the page itself, `submit/` (the form posts here), `submitted/` (the confirmation
    after a redirect, so a reload never posts twice) and `videos/<id>/` (an approved
    submission's video, which lives in private storage).

    View restrictions are read in one query (the mixin), and the posts skip `.public()`'s
    query: what the linked rebuttals and videos cost, so the page's query count stayed the same.
    """

    theme = models.CharField("活动主题", max_length=100)
    slogan = models.CharField("活动口号", max_length=100, blank=True)
    intro = models.CharField(
        "简介", max_length=250, blank=True, help_text="显示在活动列表和分享卡片上"
    )
    start_date = models.DateField("开始日期")
    end_date = models.DateField("结束日期", help_text="当天（北京时间）24 时结束")
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="封面图",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(CampaignStreamBlock(), verbose_name="正文", blank=True)
    accepts_submissions = models.BooleanField(
        "开放公众投稿",
        default=False,
        help_text="勾选后，活动进行期间页面上显示投稿表单；投稿经审核后才会公开",
    )
    submission_prompt = models.CharField(
        "征集说明",
        max_length=200,
        blank=True,
        help_text="显示在投稿表单上方，如：我想对家乡说句话，写下心里话或上传一段短视频",
    )

    objects = CampaignPageManager()

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [FieldPanel("theme"), FieldPanel("slogan"), FieldPanel("intro")], heading="活动"
        ),
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")], heading="时间"),
        InlinePanel("organisers", heading="主办与承办单位", label="单位"),
        FieldPanel("cover_image"),
        FieldPanel("body"),
        InlinePanel("gallery_images", heading="活动图集", label="图片"),
        InlinePanel(
            "rebuttal_links",
            heading="相关辟谣",
            label="辟谣文章",
            help_text="与活动主题相关的辟谣文章，按顺序显示在活动页上",
        ),
        InlinePanel(
            "video_links",
            heading="相关视频",
            label="视频单集",
            help_text="与活动主题相关的辟谣短视频，按顺序显示在活动页上",
        ),
        MultiFieldPanel(
            [FieldPanel("accepts_submissions"), FieldPanel("submission_prompt")],
            heading="公众参与",
        ),
    ]
    search_fields = prepared(
        [
            *Page.search_fields,
            index.SearchField("theme", boost=2),
            index.SearchField("slogan"),
            index.SearchField("intro"),
            index.SearchField("body"),
            index.RelatedFields("organisers", [index.SearchField("name")]),
            index.FilterField("start_date"),
            index.FilterField("end_date"),
        ]
    )
    # The public read API (cms/api/); submissions are never part of it.
    api_fields = [
        APIField("theme"),
        APIField("slogan"),
        APIField("intro"),
        APIField("start_date"),
        APIField("end_date"),
        APIField("status", serializer=serializers.CharField()),
        APIField("canonical_url", serializer=serializers.CharField(source="full_url")),
    ]

    parent_page_types = ["campaigns.CampaignIndexPage"]
    subpage_types = ["campaigns.CampaignPostPage"]

    class Meta:
        verbose_name = "活动"
        verbose_name_plural = "活动"

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": "结束日期不能早于开始日期。"})

    def status_at(self, now: datetime.datetime | None = None) -> CampaignStatus:
        return status_on(self.start_date, self.end_date, site_today(now))

    @property
    def status(self) -> CampaignStatus:
        return self.status_at()

    def organiser_groups(self) -> list[tuple[str, list[str]]]:
        """Organisers grouped by role in a fixed order: [("主办单位", ["县委网信办", …]), …]."""
        groups: dict[str, list[str]] = {}
        for organiser in self.organisers.all():
            groups.setdefault(organiser.role, []).append(organiser.name)
        return [(label, groups[role]) for role, label in OrganiserRole.choices if role in groups]

    def gallery(self):
        return self.gallery_images.prefetch_related(
            Prefetch("image", queryset=image_with_renditions())
        )

    def posts(self):
        # Not `.public()`: that reads every view restriction in a query of its own.
        return (
            children_of(CampaignPostPage.objects, self)
            .live()
            .filter(outside_restricted_sections("path"))
            .order_by("-date", "-first_published_at", "-pk")[:POSTS_ON_CAMPAIGN_PAGE]
        )

    def related_rebuttals(self) -> list:
        """Linked rebuttals readers may open, in the editor's order (one query)."""
        return shown_targets(self.rebuttal_links, "rebuttal", defer=REBUTTAL_LONG_FIELDS)

    def related_videos(self) -> list:
        """Linked episodes readers may open, with what their cards show (two queries)."""
        return shown_targets(
            self.video_links,
            "episode",
            select=("media", "poster"),
            prefetch=("poster__renditions",),
            defer=EPISODE_LONG_FIELDS,
        )

    def is_accepting_submissions(self, now: datetime.datetime | None = None) -> bool:
        return self.accepts_submissions and self.status_at(now) == CampaignStatus.ONGOING

    def wall(self, request):
        """Approved submissions, a page at a time (a count and one slice: two queries)."""
        submissions = CampaignSubmission.objects.filter(campaign=self).for_wall()
        return paginate(request, submissions, WALL_PER_PAGE, param="wall")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        accepting = self.is_accepting_submissions()
        context.update(
            status=self.status,
            organiser_groups=self.organiser_groups(),
            gallery=self.gallery(),
            posts=self.posts(),
            related_rebuttals=self.related_rebuttals(),
            related_videos=self.related_videos(),
            accepting_submissions=accepting,
            wall=self.wall(request) if self.accepts_submissions else None,
        )
        if accepting:
            context.setdefault("form", submission_form_class()())
            context.update(
                video_max_seconds=settings.CAMPAIGN_VIDEO_MAX_SECONDS,
                video_max_mb=settings.CAMPAIGN_VIDEO_MAX_MB,
            )
        return context

    @path("submit/", name="submit")
    def submit(self, request):
        if request.method != "POST":
            return redirect(self.url + "#participate")
        if not self.is_accepting_submissions():
            return self.refuse(request, self.closed_notice(), status=403)
        refusal = hit(
            request,
            "campaign-submission",
            settings.CAMPAIGN_SUBMISSIONS_PER_IP,
            settings.CAMPAIGN_SUBMISSIONS_WINDOW_SECONDS,
        )
        if refusal is not None:
            return self.too_many(request, refusal)
        form_class = submission_form_class()
        if protection.caught_by_honeypot(request):
            logger.info("Campaign submission dropped by the honeypot on page %s", self.pk)
            return redirect(self.url + self.reverse_subpage("submitted"))
        form = form_class(request.POST, request.FILES)
        if not form.is_valid():
            return self.render(request, context_overrides={"form": form})
        submission = form.save(commit=False)
        submission.campaign = self
        submission.save()
        return redirect(self.url + self.reverse_subpage("submitted"))

    @path("submitted/", name="submitted")
    def submitted(self, request):
        return self.render(request, context_overrides={"submitted": True})

    @path("videos/<int:submission_id>/", name="submission_video")
    def submission_video(self, request, submission_id: int):
        """An approved submission's video, for readers, with range requests (phones need them).

        The status is checked on every request: once the submission is rejected or deleted the
        URL is a 404. Caches may keep a copy but must ask again before reusing it (no-cache),
        which costs a 304 while nothing changed.
        """
        submission = get_object_or_404(
            CampaignSubmission.objects.approved().only("id", "video"),
            campaign=self,
            pk=submission_id,
        )
        return file_response(request, submission.video, cache_control="no-cache")

    def closed_notice(self) -> str:
        status = self.status
        if status == CampaignStatus.ENDED:
            return f"本活动已于 {chinese_date(self.end_date)} 结束，不再接收投稿。感谢关注！"
        if status == CampaignStatus.UPCOMING:
            return f"本活动将于 {chinese_date(self.start_date)} 开始，届时欢迎投稿。"
        return "本活动未开放公众投稿。"

    def refuse(self, request, notice: str, *, status: int):
        """The page with a notice instead of a stored submission."""
        response = self.render(request, context_overrides={"submission_notice": notice})
        response.status_code = status
        return response

    def too_many(self, request, refusal):
        """429: the page with what the reader typed put back into the form (files cannot be),
        so a refusal never costs them their text."""
        typed = {name: request.POST.get(name, "") for name in RETYPED_FIELDS}
        context = self.get_context(request)
        context["form"] = submission_form_class()(initial=typed)
        return too_many_requests(
            request, self.get_template(request), context, refusal, notice_key="submission_notice"
        )


def submission_form_class():
    # Imported late: the form module imports the models package this module belongs to.
    from ..forms import CampaignSubmissionForm

    return CampaignSubmissionForm


RETYPED_FIELDS = ("name", "contact", "township", "message", "video_url")


class OrganiserRole(models.TextChoices):
    HOST = "host", "主办单位"
    ORGANISER = "organiser", "承办单位"
    CO_ORGANISER = "co_organiser", "协办单位"
    SUPPORTER = "supporter", "支持单位"


class CampaignOrganiser(Orderable):
    page = ParentalKey(CampaignPage, on_delete=models.CASCADE, related_name="organisers")
    name = models.CharField("单位名称", max_length=100)
    role = models.CharField(
        "角色", max_length=20, choices=OrganiserRole.choices, default=OrganiserRole.HOST
    )

    panels = [FieldRowPanel([FieldPanel("name"), FieldPanel("role")])]

    class Meta(Orderable.Meta):
        verbose_name = "主办与承办单位"
        verbose_name_plural = "主办与承办单位"

    def __str__(self):
        return self.name


class CampaignGalleryImage(Orderable):
    page = ParentalKey(CampaignPage, on_delete=models.CASCADE, related_name="gallery_images")
    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name="图片", on_delete=models.CASCADE, related_name="+"
    )
    caption = models.CharField("图片说明", max_length=200, blank=True)

    panels = [FieldPanel("image"), FieldPanel("caption")]

    class Meta(Orderable.Meta):
        verbose_name = "活动图片"
        verbose_name_plural = "活动图集"


class CampaignRebuttal(Orderable):
    """A rebuttal that belongs with the campaign's theme."""

    page = ParentalKey(CampaignPage, on_delete=models.CASCADE, related_name="rebuttal_links")
    rebuttal = models.ForeignKey(
        "debunk.RebuttalPage", verbose_name="辟谣文章", on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("rebuttal")]

    class Meta(Orderable.Meta):
        verbose_name = "相关辟谣"
        verbose_name_plural = "相关辟谣"


class CampaignVideo(Orderable):
    """A video episode that belongs with the campaign's theme."""

    page = ParentalKey(CampaignPage, on_delete=models.CASCADE, related_name="video_links")
    episode = models.ForeignKey(
        "video.VideoEpisodePage",
        verbose_name="视频单集",
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("episode")]

    class Meta(Orderable.Meta):
        verbose_name = "相关视频"
        verbose_name_plural = "相关视频"


class CampaignPostPage(GuardedPublishMixin, Page):
    """News and updates under a campaign: a report from an event, a call for entries, results."""

    date = models.DateField("发布日期", default=site_today)
    intro = models.CharField("导语", max_length=250, blank=True)
    body = StreamField(CampaignStreamBlock(), verbose_name="正文", blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("date"),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]
    search_fields = prepared(
        [
            *Page.search_fields,
            index.SearchField("intro"),
            index.SearchField("body"),
            index.FilterField("date"),
        ]
    )
    parent_page_types = ["campaigns.CampaignPage"]
    subpage_types = []

    class Meta:
        verbose_name = "活动动态"
        verbose_name_plural = "活动动态"


def campaign_document(page: CampaignPage) -> Document:
    organisers = [organiser.name for organiser in page.organisers.all()]
    return Document(
        title=page.title,
        summary="\n".join(filter(None, [page.theme, page.slogan, page.intro])),
        body="\n".join([plain_text(page.body), *organisers]),
        kind="campaign",
        kind_label="活动",
        date=page.start_date,
    )


def campaign_post_document(page: CampaignPostPage) -> Document:
    return Document(
        title=page.title,
        summary=page.intro,
        body=plain_text(page.body),
        kind="campaign_post",
        kind_label="活动动态",
        date=page.date,
    )


# The reader search page (search/registry.py): campaigns and their updates, one facet value.
register(
    CampaignPage,
    to_document=campaign_document,
    content_type="campaign",
    label="活动",
    prefetch=lambda pages: pages.prefetch_related("organisers"),
)
register(
    CampaignPostPage, to_document=campaign_post_document, content_type="campaign", label="活动"
)
