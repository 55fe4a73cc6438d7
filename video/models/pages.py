"""Reader pages of the short-video series (征视频): all series, a series, an episode."""

from functools import cached_property

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Count, OuterRef, Prefetch, Subquery, Value
from django.db.models.functions import Concat
from django.http import Http404, HttpResponse
from django.utils import timezone

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from rest_framework import serializers
from wagtailmedia.edit_handlers import MediaChooserPanel

from core.publishing import GuardedPublishMixin
from core.tree import PATH_END, children_of
from core.visibility import OneQueryViewRestrictionsMixin, reader_links, shown_targets
from search.index import prepared
from search.registry import Document, register
from video.embeds import parse_video_url, validate_video_url
from video.forms import VideoEpisodeForm
from video.panels import SubtitlesPanel
from video.subtitles import transcript_from_webvtt

# One rendition of each poster serves the player, Open Graph and JSON-LD.
POSTER_FILTER = "fill-1280x720|format-jpeg"

# What a linked rebuttal shows here (verdict and title): its long texts stay in the database.
REBUTTAL_LONG_FIELDS = ("body", "claim_text", "attribution")


def episode_queryset():
    """Episodes as listings show them: live, public, with what the cards need in two queries."""
    return (
        VideoEpisodePage.objects.live()
        .public()
        .select_related("media", "poster")
        .prefetch_related("poster__renditions")
        .defer("transcript")
        .order_by("episode_number", "path")
    )


class VideoSeriesIndexPage(GuardedPublishMixin, Page):
    """All video series."""

    intro = models.CharField("导语", max_length=250, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = prepared([*Page.search_fields, index.SearchField("intro")])
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["video.VideoSeriesPage"]
    max_count = 1

    class Meta:
        verbose_name = "视频栏目"
        verbose_name_plural = "视频栏目"

    def series(self):
        live_episodes = (
            VideoEpisodePage.objects.live()
            .public()
            # The series' children as a range on the (depth, path) index (core.tree).
            .filter(
                depth=OuterRef("depth") + 1,
                path__gt=OuterRef("path"),
                path__lt=Concat(OuterRef("path"), Value(PATH_END)),
            )
            .order_by()
            .values("depth")
            .annotate(count=Count("pk"))
            .values("count")
        )
        return (
            children_of(VideoSeriesPage.objects, self)
            .live()
            .public()
            .select_related("cover")
            .prefetch_related("cover__renditions")
            .annotate(episode_count=Subquery(live_episodes))
            .order_by("path")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["series_list"] = self.series()
        return context


class VideoSeriesPage(GuardedPublishMixin, RoutablePageMixin, Page):
    """A series: cover, description, credit, its episodes in order and an RSS feed of them."""

    cover = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="封面",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    tagline = models.CharField("一句话介绍", max_length=120, blank=True)
    description = RichTextField("系列简介", features=["bold", "italic", "link"], blank=True)
    credit = models.CharField(
        "主讲／出品",
        max_length=200,
        blank=True,
        help_text="例如：主讲 县疾控中心王医生；出品 清源县融媒体中心",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("tagline"),
        FieldPanel("cover"),
        FieldPanel("description"),
        FieldPanel("credit"),
    ]
    search_fields = prepared(
        [
            *Page.search_fields,
            index.SearchField("tagline"),
            index.SearchField("description"),
            index.SearchField("credit"),
        ]
    )
    parent_page_types = ["video.VideoSeriesIndexPage"]
    subpage_types = ["video.VideoEpisodePage"]

    class Meta:
        verbose_name = "视频系列"
        verbose_name_plural = "视频系列"

    def episodes(self):
        return children_of(episode_queryset(), self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["episodes"] = self.episodes()
        return context

    @path("feed/", name="feed")
    def feed(self, request):
        from video.feeds import SeriesFeed

        return SeriesFeed(self)(request)

    def get_cached_paths(self):
        # Purged with the series (wagtail.contrib.frontend_cache): the page and its feed.
        return ["/", "/feed/"]


class VideoEpisodeTag(TaggedItemBase):
    content_object = ParentalKey(
        "video.VideoEpisodePage", related_name="tagged_items", on_delete=models.CASCADE
    )


class VideoEpisodePage(GuardedPublishMixin, OneQueryViewRestrictionsMixin, RoutablePageMixin, Page):
    """One episode: an uploaded video or a platform embed, with subtitles and a transcript.

    View restrictions are read in one query (the mixin) rather than Wagtail's two: that pays
    for the one query the linked rebuttals cost, so the page's query count stayed the same.
    """

    episode_number = models.PositiveSmallIntegerField(
        "集数", validators=[MinValueValidator(1)], help_text="在系列中的顺序，从 1 开始"
    )
    media = models.ForeignKey(
        "video.VideoMedia",
        verbose_name="上传的视频",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    embed_url = models.CharField(
        "外部视频链接",
        max_length=500,
        blank=True,
        validators=[validate_video_url],
        help_text="不上传视频时，粘贴哔哩哔哩、腾讯视频、优酷或抖音的视频页地址",
    )
    duration_seconds = models.PositiveIntegerField(
        "时长（秒）",
        null=True,
        blank=True,
        help_text="外部视频请填写；上传的视频由系统自动读取",
    )
    poster = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="封面图",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="留空时使用系统从视频中截取的画面",
    )
    summary = models.TextField("内容摘要", max_length=400)
    transcript = models.TextField(
        "文字稿",
        blank=True,
        help_text="留空时根据第一条字幕自动生成，供无法播放声音的读者和搜索使用",
    )
    published_on = models.DateField("发布日期", default=timezone.localdate)
    tags = ClusterTaggableManager("标签", through=VideoEpisodeTag, blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("episode_number"),
        MultiFieldPanel(
            [
                MediaChooserPanel("media", media_type="video"),
                FieldPanel("embed_url"),
                FieldPanel("duration_seconds"),
                FieldPanel("poster"),
            ],
            heading="视频（上传或外部链接二选一）",
        ),
        FieldPanel("summary"),
        InlinePanel(
            "rebuttal_links",
            heading="相关辟谣",
            label="辟谣文章",
            help_text="本集讲解的辟谣文章，按顺序显示在视频下方，并带上各自的核查结论",
        ),
        SubtitlesPanel("subtitles", heading="字幕", label="字幕"),
        FieldPanel("transcript"),
        FieldPanel("published_on"),
        FieldPanel("tags"),
    ]
    search_fields = prepared(
        [
            *Page.search_fields,
            index.SearchField("summary"),
            index.SearchField("transcript_text"),
            index.RelatedFields("tags", [index.SearchField("name")]),
            index.FilterField("published_on"),
        ]
    )
    # The public read API (cms/api/): the media a player needs and the subtitles.
    api_fields = [
        APIField("episode_number"),
        APIField("summary"),
        APIField("transcript", serializer=serializers.CharField(source="transcript_text")),
        APIField("published_on"),
        APIField("duration", serializer=serializers.FloatField(allow_null=True)),
        APIField("video_url", serializer=serializers.CharField(source="uploaded_video_url")),
        APIField("embed_url"),
        APIField("canonical_url", serializer=serializers.CharField(source="full_url")),
        APIField("subtitles"),
    ]
    api_select_related = ["media"]
    api_prefetch_related = ["subtitles"]

    base_form_class = VideoEpisodeForm
    parent_page_types = ["video.VideoSeriesPage"]
    subpage_types = []

    class Meta:
        verbose_name = "视频单集"
        verbose_name_plural = "视频单集"

    @property
    def duration(self) -> float | None:
        """Seconds: what ffprobe read from the upload, else what the editor typed."""
        if self.media_id and self.media and self.media.duration:
            return self.media.duration
        return self.duration_seconds

    @property
    def uploaded_video_url(self) -> str:
        return self.media.file.url if self.media_id and self.media and self.media.file else ""

    @cached_property
    def platform_video(self):
        if self.media_id or not self.embed_url:
            return None
        try:
            return parse_video_url(self.embed_url)
        except ValidationError:  # a stored URL the patterns no longer know: no player
            return None

    @cached_property
    def poster_url(self) -> str:
        """Relative URL of the poster: the editor's image, else the frame ffprobe extracted."""
        if self.poster_id and self.poster:
            return self.poster.get_rendition(POSTER_FILTER).url
        if self.media_id and self.media and self.media.thumbnail:
            return self.media.thumbnail.url
        return ""

    @cached_property
    def subtitle_tracks(self):
        return list(self.subtitles.all())

    @property
    def transcript_text(self) -> str:
        """The editor's transcript, or one made from the first subtitle track."""
        if self.transcript.strip():
            return self.transcript
        tracks = self.subtitle_tracks if self.pk else list(self.subtitles.all())
        return transcript_from_webvtt(tracks[0].vtt) if tracks else ""

    def fact_check_problems(self) -> list[str]:
        """The 辟谣审核 checklist for an episode (cms.models.workflow calls this)."""
        problems = []
        if not (self.media_id or self.embed_url):
            problems.append("没有视频（请上传视频或填写外部视频链接）")
        elif self.media_id and self.media and self.media.probe_status != "done":
            problems.append(f"上传的视频尚未通过检查（{self.media.get_probe_status_display()}）")
        if not self.summary.strip():
            problems.append("没有内容摘要")
        if not (self.transcript.strip() or self.subtitles.all()):
            problems.append("没有字幕或文字稿（听不到声音的读者无从了解内容）")
        return problems

    def review_fields(self) -> list[tuple[str, str]]:
        """What the fact-checker watched and read (cms.models.workflow fingerprints it and shows
        reviewers what changed). Readers see the linked rebuttals' verdicts beside the video:
        relinking is a new claim."""
        media = f"{self.media.title}（{self.media.probed_file}）" if self.media_id else ""
        return [
            ("标题", self.title),
            ("视频", "\n".join(filter(None, [media, self.embed_url]))),
            ("简介", self.summary),
            ("文字稿", self.transcript),
            ("字幕", "\n\n".join(track.vtt for track in self.subtitles.all())),
            ("相关辟谣", "\n".join(str(link.rebuttal_id) for link in self.rebuttal_links.all())),
        ]

    def related_rebuttals(self) -> list:
        """The linked rebuttals readers may open, in the editor's order: one query, or none
        when the search reindex prefetched them (``reader_rebuttal_links``)."""
        prefetched = getattr(self, "reader_rebuttal_links", None)
        if prefetched is not None:
            return [link.rebuttal for link in prefetched]
        return shown_targets(self.rebuttal_links, "rebuttal", defer=REBUTTAL_LONG_FIELDS)

    def series_episodes(self):
        return list(
            episode_queryset().sibling_of(self, inclusive=True).defer("summary", "transcript")
        )

    def get_context(self, request, *args, **kwargs):
        from video.structured_data import open_graph, video_object

        context = super().get_context(request, *args, **kwargs)
        episodes = self.series_episodes()
        position = next((i for i, e in enumerate(episodes) if e.pk == self.pk), None)
        if position is not None:
            context["previous_episode"] = episodes[position - 1] if position > 0 else None
            context["next_episode"] = (
                episodes[position + 1] if position + 1 < len(episodes) else None
            )
        context["series"] = VideoSeriesPage.objects.parent_of(self).first()
        context["series_episodes"] = episodes
        context["related_rebuttals"] = self.related_rebuttals()
        context["video_object"] = video_object(self, request)
        context["open_graph"] = open_graph(self, request)
        return context

    @path("subtitles/<int:subtitle_id>/", name="subtitles")
    def subtitles_vtt(self, request, subtitle_id):
        track = self.subtitles.filter(pk=subtitle_id).first()
        if track is None:
            raise Http404("没有这条字幕")
        response = HttpResponse(track.vtt, content_type="text/vtt; charset=utf-8")
        response["Cache-Control"] = "public, max-age=300"
        return response


LANGUAGES = [
    ("zh-Hans", "简体中文"),
    ("zh-Hant", "繁體中文"),
    ("en", "英语"),
    ("bo", "藏语"),
    ("ug", "维吾尔语"),
    ("mn", "蒙古语"),
]


class VideoSubtitle(Orderable):
    """One subtitle track, stored as validated WebVTT text (uploads are converted)."""

    page = ParentalKey(VideoEpisodePage, related_name="subtitles", on_delete=models.CASCADE)
    language = models.CharField("语言", max_length=10, choices=LANGUAGES, default="zh-Hans")
    label = models.CharField(
        "显示名称", max_length=50, blank=True, help_text="播放器字幕菜单中的名称，留空则使用语言名"
    )
    vtt = models.TextField("WebVTT 字幕", blank=True, help_text="上传文件后自动填入，也可直接修改")

    api_fields = [
        "language",
        APIField("label", serializer=serializers.CharField(source="display_label")),
        "vtt",
    ]

    panels = [FieldPanel("upload"), FieldPanel("language"), FieldPanel("label"), FieldPanel("vtt")]

    class Meta(Orderable.Meta):
        verbose_name = "字幕"
        verbose_name_plural = "字幕"

    @property
    def display_label(self) -> str:
        return self.label or self.get_language_display()


class VideoEpisodeRebuttal(Orderable):
    """A rebuttal this episode explains (the 辟谣 it is the video of)."""

    page = ParentalKey(VideoEpisodePage, related_name="rebuttal_links", on_delete=models.CASCADE)
    rebuttal = models.ForeignKey(
        "debunk.RebuttalPage", verbose_name="辟谣文章", on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("rebuttal")]

    class Meta(Orderable.Meta):
        verbose_name = "相关辟谣"
        verbose_name_plural = "相关辟谣"


def episode_document(page: VideoEpisodePage) -> Document:
    # Readers who search for the rumour find the video that explains it, too.
    rebuttals = page.related_rebuttals()
    return Document(
        title=page.title,
        summary=page.summary,
        body="\n".join(
            line for rebuttal in rebuttals for line in (rebuttal.title, rebuttal.claim_summary)
        ),
        transcript=page.transcript_text,
        kind="video",
        kind_label="视频",
        date=page.published_on,
        tags=[tag.name for tag in page.tags.all()],
    )


# The reader search page (search/registry.py) finds episodes by their transcript too.
register(
    VideoEpisodePage,
    to_document=episode_document,
    content_type="video",
    label="视频",
    prefetch=lambda pages: pages.prefetch_related(
        "tags",
        "subtitles",
        Prefetch(
            "rebuttal_links",
            queryset=reader_links(
                VideoEpisodeRebuttal.objects.all(), "rebuttal", defer=REBUTTAL_LONG_FIELDS
            ),
            to_attr="reader_rebuttal_links",
        ),
    ),
)
