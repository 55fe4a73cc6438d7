"""The rumour column (捉谣记): the column, one rebuttal per rumour, and the categories."""

import datetime
from urllib.parse import urlencode

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.db.models import Count, Value
from django.db.models.functions import Coalesce, ExtractYear, Greatest
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject, cached_property

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from rest_framework import serializers

from core.generations import page_fragment_key
from core.markup import plain_text
from core.pagination import paginate
from core.publishing import GuardedPublishMixin
from core.visibility import OneQueryViewRestrictionsMixin, outside_restricted_sections
from search.index import prepared
from search.registry import Document, register

from .. import share_image as share_cards
from ..admin_forms import RebuttalPageForm
from ..blocks import RebuttalStreamBlock
from ..feeds import RebuttalAtomFeed, RebuttalRssFeed
from ..fields import MultipleChoiceField
from ..filters import RebuttalFilter
from ..structured_data import claim_review
from ..verdicts import ItemKind, Verdict, grade_for

COLUMN_PAGE_SIZE = 20
# A rebuttal counts as "近期再次流传" for readers this long after the last tip matching it.
RESURFACED_RECENT_DAYS = 90


class Platform(models.TextChoices):
    """Where a rumour was seen circulating."""

    WECHAT_GROUP = "wechat_group", "微信群"
    MOMENTS = "moments", "朋友圈"
    WECHAT_ACCOUNT = "wechat_account", "微信公众号"
    DOUYIN = "douyin", "抖音"
    KUAISHOU = "kuaishou", "快手"
    WEIBO = "weibo", "微博"
    SMS = "sms", "短信"
    OFFLINE = "offline", "线下"
    OTHER = "other", "其他"


class SourceKind(models.TextChoices):
    OFFICIAL_NOTICE = "official_notice", "官方通报"
    POLICE_STATEMENT = "police_statement", "警方通报"
    EXPERT = "expert", "专家解读"
    RESEARCH = "research", "研究文献"
    ON_SITE = "on_site", "实地核查"
    OTHER = "other", "其他资料"


class CreditRole(models.TextChoices):
    FACT_CHECK = "fact_check", "事实核查"
    WRITING = "writing", "撰稿"
    REVIEW = "review", "审核"


def validate_url_lines(value: str) -> None:
    """One http(s) URL per line; blank lines are ignored."""
    validate = URLValidator(schemes=["http", "https"])
    for number, line in enumerate(value.splitlines(), start=1):
        if line.strip():
            try:
                validate(line.strip())
            except ValidationError as error:
                raise ValidationError(f"第 {number} 行不是有效的网址：{line.strip()}") from error


@register_snippet
class Category(models.Model):
    """A topic of the column (食品安全, 网络诈骗 …); seeded by a data migration."""

    name = models.CharField("名称", max_length=50, unique=True)
    slug = models.SlugField(
        "英文标识", max_length=50, unique=True, help_text="用于网址和订阅，如 food-safety"
    )
    description = models.CharField("说明", max_length=200, blank=True)
    sort_order = models.PositiveSmallIntegerField("排序", default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = "辟谣分类"
        verbose_name_plural = "辟谣分类"

    def __str__(self):
        return self.name


class CategorySerializer(serializers.Serializer):
    """A rebuttal's category in the API: its name and the slug the ``category`` filter takes."""

    name = serializers.CharField()
    slug = serializers.CharField()


class RebuttalPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "debunk.RebuttalPage", related_name="tagged_items", on_delete=models.CASCADE
    )


RELATED_FALLBACK = 4
# The column date of a record with no date at all: before every real one.
UNDATED = datetime.date(1, 1, 1)
SHARE_TITLE_LENGTH = 32  # characters of the claim in a title bar or share card title
# Newest first; undated imports (column date UNDATED) last. A plain descending order, so both
# databases read the column_date index in order and stop at the page's last row.
COLUMN_ORDER = ("-column_date", "-pk")
# What a card (templates/components/rebuttal_card.html) and its link read: a column page loads
# only these, not the sixty-odd columns of a rebuttal page (a third of the listing's cost).
CARD_FIELDS = (
    "id",
    "content_type",
    "path",
    "depth",
    "url_path",
    "slug",
    "title",
    "live",
    "verdict",
    "category",
    "category__name",
    "category__slug",
    "region",
    "published_date",
    "resurfaced_on",
    "short_answer",
)
# What a related rebuttal's line (templates/components/related_rebuttals.html) reads.
RELATED_FIELDS = (
    "id",
    "title",
    "slug",
    "url_path",
    "path",
    "depth",
    "verdict",
    "locale_id",
    "live",
)


class RebuttalIndexPage(
    GuardedPublishMixin, OneQueryViewRestrictionsMixin, RoutablePageMixin, Page
):
    """The column that lists rebuttals, newest first, with filters and feeds."""

    intro = models.CharField("导语", max_length=250, blank=True)
    verdicts_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name="评级说明页面",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="向读者解释“谣言、误导、部分属实……”等结论的页面",
    )

    # What the filters offer and how many rebuttals each choice holds, recounted when a
    # rebuttal is published, unpublished, moved or deleted (debunk.signals) and after an import:
    # a reader's request never aggregates the whole column. Empty until first needed.
    listing_facets = models.JSONField(default=dict, blank=True, editable=False)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("verdicts_page")]
    search_fields = prepared([*Page.search_fields, index.SearchField("intro")])
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["debunk.RebuttalPage"]
    exclude_fields_in_copy = ["listing_facets"]

    class Meta:
        verbose_name = "辟谣栏目"
        verbose_name_plural = "辟谣栏目"

    # First path segments that belong to the routes below, never to a rebuttal's slug.
    ROUTE_PREFIXES = frozenset({"feed", "category", "verdicts"})

    def get_cached_paths(self):
        # Purged with the column (wagtail.contrib.frontend_cache): its routes, as prefixes.
        return ["/", "/feed/*", "/category/*", "/verdicts/*"]

    def route(self, request, path_components):
        # A rebuttal and its category in one query, instead of Wagtail's child + specific.
        if path_components and path_components[0] not in self.ROUTE_PREFIXES:
            # By slug under this path (rebuttals live only directly under a column): a depth
            # term would lead SQLite to the (depth, path) index, every rebuttal of the site.
            rebuttal = (
                RebuttalPage.objects.filter(path__startswith=self.path, slug=path_components[0])
                .select_related("category")
                .first()
            )
            if rebuttal is not None:
                rebuttal._cached_parent_obj = self
                return rebuttal.route(request, path_components[1:])
        return super().route(request, path_components)

    def with_content_json(self, content):
        """Publishing a revision of the column keeps the live facets (a revision's copy is
        older than the rebuttals published since)."""
        page = super().with_content_json(content)
        current = RebuttalIndexPage.objects.filter(pk=self.pk).values("listing_facets").first()
        page.listing_facets = current["listing_facets"] if current else self.listing_facets
        return page

    def rebuttals(self):
        """Live, public rebuttals of this column, newest first, with what a card shows."""
        return (
            # Every rebuttal lies directly under a column, so "below this path" is "child of";
            # no depth term: it would lead SQLite to the (depth, path) index, all 50,000 rows.
            RebuttalPage.objects.filter(path__startswith=self.path)
            .live()
            # Not Wagtail's .public(): it reads every restriction as the queryset is built, one
            # query on each view even when the listing comes from the cache.
            .filter(outside_restricted_sections("path"))
            # Always true, but it lets SQLite read the column_date index in order and stop at
            # the page's last row, instead of reading every page and sorting them all.
            .filter(column_date__lte=datetime.date.max)
            .select_related("category")
            .defer("body", "claim_text", "appearance_urls", "attribution")
            .order_by(*COLUMN_ORDER)
        )

    def refresh_facets(self) -> dict:
        """Recount the filters' choices over the live rebuttals (one grouped query) and store
        them on the column's row, without a revision."""
        groups = (
            self.rebuttals()
            .order_by()
            .values("category__slug", "verdict", "region", year=ExtractYear("published_date"))
            .annotate(n=Count("pk"))
        )
        counts = {"category": {}, "verdict": {}, "region": {}, "year": {}}
        total = 0
        for group in groups:
            total += group["n"]
            for name, key in (
                ("category", group["category__slug"]),
                ("verdict", group["verdict"]),
                ("region", group["region"]),
                ("year", str(group["year"]) if group["year"] else None),
            ):
                if key:
                    counts[name][key] = counts[name].get(key, 0) + group["n"]
        facets = {"total": total, "counts": counts}
        RebuttalIndexPage.objects.filter(pk=self.pk).update(listing_facets=facets)
        self.listing_facets = facets
        return facets

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        facets = self.listing_facets or self.refresh_facets()
        column_filter = RebuttalFilter(
            request.GET,
            self.rebuttals().only(*CARD_FIELDS),
            categories=Category.objects.all(),
            facets=facets,
        )
        context.update(
            fragment_key=self._listing_fragment_key(request),
            filter=column_filter,
            rebuttals=paginate(
                request, column_filter.qs, COLUMN_PAGE_SIZE, count=column_filter.known_count()
            ),
            feed_category=column_filter.chosen_category,
        )
        return context

    # The query parameters the listing understands; any other keeps it out of the cache (a
    # link with junk parameters is rendered, not stored once per spelling).
    LISTING_PARAMETERS = frozenset({"category", "verdict", "region", "year", "page", "script"})

    def _listing_fragment_key(self, request) -> str | None:
        """The cached listing's key: the column's own (core/generations.py) and the query,
        whose every parameter the listing's links carry on."""
        key = page_fragment_key(self, request)
        if key is None or not set(request.GET) <= self.LISTING_PARAMETERS:
            return None
        return f"{key}:{urlencode(sorted(request.GET.lists()), doseq=True)}"

    @path("verdicts/", name="verdicts")
    def verdicts(self, request):
        """A stable link to the verdict scale that costs rebuttal pages no query."""
        if self.verdicts_page is None or not self.verdicts_page.live:
            raise Http404("评级说明页面尚未设置")
        return redirect(self.verdicts_page.get_url(request))

    @path("feed/rss/", name="feed_rss")
    def feed_rss(self, request):
        return RebuttalRssFeed(self)(request)

    @path("feed/atom/", name="feed_atom")
    def feed_atom(self, request):
        return RebuttalAtomFeed(self)(request)

    @path("category/<slug:slug>/feed/rss/", name="category_feed_rss")
    def category_feed_rss(self, request, slug):
        return RebuttalRssFeed(self, self._category_or_404(slug))(request)

    @path("category/<slug:slug>/feed/atom/", name="category_feed_atom")
    def category_feed_atom(self, request, slug):
        return RebuttalAtomFeed(self, self._category_or_404(slug))(request)

    def _category_or_404(self, slug):
        category = Category.objects.filter(slug=slug).first()
        if category is None:
            raise Http404("没有这个分类")
        return category


class RebuttalPage(GuardedPublishMixin, OneQueryViewRestrictionsMixin, Page):
    """One rumour answered: what circulated, the verdict, the evidence and its sources."""

    base_form_class = RebuttalPageForm

    # The claim as it circulated
    claim_text = models.TextField("网传说法", help_text="谣言原文，按传播时的样子照录")
    claim_summary = models.CharField(
        "谣言概要",
        max_length=75,
        help_text="一句话概括网传说法（75 字以内），用于列表和搜索引擎（ClaimReview）",
    )
    seen_on = MultipleChoiceField(
        "流传平台", item_choices=Platform.choices, help_text="在哪里看到这条传言，可多选"
    )
    appearance_urls = models.TextField(
        "传播链接",
        blank=True,
        validators=[validate_url_lines],
        help_text="谣言出现过的网址，每行一个",
    )
    first_seen = models.DateField("首次发现日期", null=True, blank=True)
    claimant = models.CharField(
        "传播者", max_length=100, blank=True, help_text="已知的发布者或账号，不知道就留空"
    )

    # The answer
    # No default: "a verdict is set" is on the fact-check checklist, so it must be chosen.
    verdict = models.CharField(
        "核查结论", max_length=20, choices=Verdict.choices, blank=True, default=""
    )
    kind = models.CharField(
        "稿件类型", max_length=20, choices=ItemKind.choices, default=ItemKind.REBUTTAL
    )
    short_answer = models.TextField(
        "真相",
        max_length=300,
        blank=True,
        help_text="一两句话说清真相，显示在页面最上方",
    )
    body = StreamField(RebuttalStreamBlock(), verbose_name="正文", blank=True)
    # Empty only for imported records that carry no date: they are never dated "today".
    published_date = models.DateField(
        "发布日期",
        default=timezone.localdate,
        null=True,
        blank=True,
        db_index=True,
        help_text="栏目按此日期排序（重新置顶后按置顶日期）；导入的无日期记录留空",
    )

    # Spreading again (旧谣新炒): reader tips that match this rebuttal closely count here
    # (debunk.triage). Kept on the page row, so the page and the column show them without a
    # query, and page-wide: publishing an older revision keeps them (see with_content_json).
    resurfaced_count = models.PositiveIntegerField(
        "再次流传线索数", default=0, editable=False, help_text="与本文高度相似的读者求证线索条数"
    )
    resurfaced_on = models.DateField("最近再次流传", null=True, blank=True, editable=False)
    bumped_on = models.DateField(
        "重新置顶日期", null=True, blank=True, editable=False, help_text="编辑把本文重新置顶的日期"
    )
    # What the column sorts by: the published date, or the day an editor bumped it, if later;
    # an undated import sorts by the day its claim was first seen, else last (UNDATED, never
    # NULL: a NULL would need NULLS LAST, which keeps SQLite off the index). Computed by the
    # database, so bulk imports and updates can never leave it stale. Greatest is NULL on
    # SQLite when either date is, hence the Coalesce.
    column_date = models.GeneratedField(
        expression=Coalesce(
            Greatest("published_date", "bumped_on"),
            "published_date",
            "bumped_on",
            "first_seen",
            Value(UNDATED),
        ),
        output_field=models.DateField(),
        db_persist=True,
        db_index=True,
        verbose_name="栏目排序日期",
    )

    # Filing
    category = models.ForeignKey(
        Category,
        verbose_name="分类",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="rebuttals",
    )
    tags = ClusterTaggableManager("标签", through=RebuttalPageTag, blank=True)
    region = models.CharField("地区", max_length=100, blank=True, help_text="县、乡镇或街道")

    # Imports: a stable id per source record, so re-running an import updates, not duplicates
    source_id = models.CharField("导入来源编号", max_length=150, unique=True, null=True, blank=True)
    source_hash = models.CharField(max_length=64, blank=True, editable=False)
    attribution = models.TextField(
        "来源与许可", blank=True, help_text="转载或导入内容的出处与许可说明"
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [FieldPanel("verdict"), FieldPanel("kind"), FieldPanel("short_answer")],
            heading="核查结论",
        ),
        MultiFieldPanel(
            [
                FieldPanel("claim_text"),
                FieldPanel("claim_summary"),
                FieldPanel("seen_on"),
                FieldPanel("appearance_urls"),
                FieldPanel("first_seen"),
                FieldPanel("claimant"),
            ],
            heading="网传说法",
        ),
        InlinePanel("screenshots", heading="谣言截图", label="截图"),
        FieldPanel("body"),
        InlinePanel("sources", heading="信息来源", label="来源"),
        MultiFieldPanel(
            [
                FieldPanel("published_date"),
                FieldPanel("category"),
                FieldPanel("region"),
                FieldPanel("tags"),
            ],
            heading="分类与日期",
        ),
        InlinePanel("related_links", heading="相关辟谣", label="相关辟谣"),
        InlinePanel("credits", heading="核查人员", label="署名"),
        InlinePanel("corrections", heading="更正记录", label="更正"),
        MultiFieldPanel(
            [
                FieldPanel("resurfaced_count", read_only=True),
                FieldPanel("resurfaced_on", read_only=True),
                FieldPanel("bumped_on", read_only=True),
            ],
            heading="再次流传（来自读者求证）",
            classname="collapsed",
        ),
    ]
    settings_panels = [
        *Page.settings_panels,
        MultiFieldPanel(
            [FieldPanel("source_id", read_only=True), FieldPanel("attribution")],
            heading="导入信息",
        ),
    ]

    search_fields = prepared(
        [
            *Page.search_fields,
            index.SearchField("claim_summary", boost=2),
            index.SearchField("claim_text"),
            index.SearchField("short_answer"),
            index.SearchField("body"),
            index.SearchField("region"),
            index.FilterField("verdict"),
            index.FilterField("kind"),
            index.FilterField("category"),
            index.FilterField("published_date"),
        ]
    )

    # The public read API (cms/api/): what a rebuttal says, never who checked it or where it
    # was imported from. ``api_select_related``/``api_prefetch_related`` keep a listing at a
    # constant number of queries whatever its page size.
    api_fields = [
        APIField("verdict"),
        APIField("verdict_label", serializer=serializers.CharField(source="get_verdict_display")),
        APIField("kind"),
        APIField("claim_text"),
        APIField("claim_summary"),
        APIField("short_answer"),
        APIField("category", serializer=CategorySerializer()),
        APIField("region"),
        APIField("published_date"),
        APIField("last_corrected", serializer=serializers.DateField(source="last_corrected_on")),
        APIField("last_published_at"),
        APIField("canonical_url", serializer=serializers.CharField(source="full_url")),
        APIField("sources"),
        APIField("corrections"),
    ]
    api_select_related = ["category"]
    api_prefetch_related = ["sources", "corrections"]

    parent_page_types = ["debunk.RebuttalIndexPage"]
    subpage_types = []
    exclude_fields_in_copy = [
        "source_id",
        "source_hash",
        "resurfaced_count",
        "resurfaced_on",
        "bumped_on",
        "column_date",
    ]
    # Facts about the page as a whole, not about one revision of it.
    PAGE_WIDE_FIELDS = ("resurfaced_count", "resurfaced_on", "bumped_on")

    class Meta:
        verbose_name = "辟谣文章"
        verbose_name_plural = "辟谣文章"

    @property
    def grade(self):
        return grade_for(self.verdict)

    @property
    def share_title(self) -> str:
        """【谣言】网传…: the verdict first, then the claim in short, so a title bar or a share
        card never carries the rumour alone."""
        summary = " ".join((self.seo_title or self.claim_summary or self.title).split())
        if len(summary) > SHARE_TITLE_LENGTH:  # imported summaries are the rumour's first line
            summary = summary[: SHARE_TITLE_LENGTH - 1] + "…"
        return f"【{self.grade.label}】{summary}"

    def with_content_json(self, content):
        """Publishing a revision keeps the live counters: tips counted after the revision was
        saved must not be rolled back by it."""
        page = super().with_content_json(content)
        # Read from the row, not from this instance: it may be older than the last tip.
        current = RebuttalPage.objects.filter(pk=self.pk).values(*self.PAGE_WIDE_FIELDS).first()
        for name in self.PAGE_WIDE_FIELDS:
            setattr(page, name, current[name] if current else getattr(self, name))
        return page

    @property
    def last_corrected_on(self):
        """The newest public correction's date (read from the prefetched corrections)."""
        return max((c.date for c in self.corrections.all()), default=None)

    @property
    def recently_resurfaced(self) -> bool:
        """Shown to readers as "近期再次流传"."""
        if not self.resurfaced_on:
            return False
        age = timezone.localdate() - self.resurfaced_on
        return age.days <= RESURFACED_RECENT_DAYS

    # The 辟谣审核 workflow (cms.models.workflow) asks page types for these two.

    def fact_check_problems(self) -> list[str]:
        """What the fact-check checklist still misses; empty when a reviewer may approve."""
        problems = []
        if self.verdict not in Verdict.values:
            problems.append("没有核查结论")
        if not self.claim_text.strip() or not self.claim_summary.strip():
            problems.append("没有记录网传说法及其概要")
        if not self.short_answer.strip():
            problems.append("没有填写“真相”")
        if not any(source.url or source.authority.strip() for source in self.sources.all()):
            problems.append("至少需要一条注明网址或发布机构的信息来源")
        if uncorrected := self.uncorrected_verdict_change():
            problems.append(uncorrected)
        return problems

    def uncorrected_verdict_change(self, verdict=None, corrections=None) -> str | None:
        """A published verdict changes only with a public correction: the version under review
        (``self``, or the admin form's ``corrections``) must add one to those readers see.
        For a live page the database row holds the published version (edits live in revisions)."""
        verdict = self.verdict if verdict is None else verdict
        published = (
            RebuttalPage.objects.filter(pk=self.pk, live=True).values_list("verdict", flat=True)
            if self.pk
            else []
        )
        if not published or published[0] == verdict:
            return None
        if corrections is None:
            corrections = [c for c in self.corrections.all() if c.note.strip()]
        if len(corrections) > Correction.objects.filter(page_id=self.pk).count():
            return None
        before = Verdict(published[0]).label if published[0] in Verdict.values else "无"
        after = Verdict(verdict).label if verdict in Verdict.values else "无"
        return f"已发布的核查结论由“{before}”改为“{after}”，须在“更正记录”中新增一条公开的更正说明"

    def review_fields(self) -> list[tuple[str, str]]:
        """What the fact-check vouches for (cms.models.workflow fingerprints it and shows
        reviewers what changed): filing details such as the region are not part of it."""
        sources = [
            " | ".join(
                filter(None, [s.title, s.authority, s.url, str(s.date or ""), s.get_kind_display()])
            )
            for s in self.sources.all()
        ]
        return [
            ("标题", self.title),
            ("核查结论", self.get_verdict_display() if self.verdict else "（未选择）"),
            ("网传说法", self.claim_text),
            ("传言摘要", self.claim_summary),
            ("真相", self.short_answer),
            ("证据来源", "\n".join(sources)),
            ("正文", plain_text(self.body)),
        ]

    def record_fact_check(self, reviewer, checked_at) -> None:
        """Credit the reviewer who passed the fact-check (called by the workflow on approval)."""
        self.credits.add(
            FactCheckerCredit(user=reviewer, role=CreditRole.FACT_CHECK, checked_at=checked_at)
        )

    @property
    def seen_on_labels(self) -> list[str]:
        return self._meta.get_field("seen_on").labels(self.seen_on)

    @property
    def appearances(self) -> list[str]:
        return [line.strip() for line in self.appearance_urls.splitlines() if line.strip()]

    def same_category(self, limit: int) -> list["RebuttalPage"]:
        """Related rebuttals for a page no editor linked any to (imported ones): the newest
        of its category that readers may open, in one query."""
        return list(
            RebuttalPage.objects.live()
            .filter(category_id=self.category_id)
            .exclude(pk=self.pk)
            .filter(outside_restricted_sections("path"))
            .only(*RELATED_FIELDS)
            .order_by(*COLUMN_ORDER)[:limit]
        )

    @cached_property
    def column(self):
        """The column above this page: set by the column's route, else one query."""
        parent = getattr(self, "_cached_parent_obj", None)
        if isinstance(parent, RebuttalIndexPage):
            return parent
        return RebuttalIndexPage.objects.filter(path=self.path[: -self.steplen]).first()

    def get_context(self, request, *args, **kwargs):
        """What the page shows, read lazily: the rendered article is kept in the cache
        (``fragment_key``, core/generations.py), and a view that finds it there makes none of
        these queries. One query per relation otherwise, however many items each holds."""
        context = super().get_context(request, *args, **kwargs)
        corrections = SimpleLazyObject(lambda: list(self.corrections.all()))
        # By name: the column may not import cms page models (imports run cms -> debunk).
        site_settings = SimpleLazyObject(
            lambda: apps.get_model("cms", "SiteSettings").for_request(request)
        )
        context.update(
            fragment_key=page_fragment_key(self, request),
            grade=self.grade,
            column=self.column if self.pk else None,
            screenshots=SimpleLazyObject(self._screenshots),
            sources=SimpleLazyObject(lambda: list(self.sources.all())),
            corrections=corrections,
            credits=SimpleLazyObject(lambda: list(self.credits.select_related("user"))),
            related=SimpleLazyObject(self._related),
            page_tags=SimpleLazyObject(lambda: list(self.tags.all())),
            # A callable: the template calls it where it needs it (json needs the real dict).
            claim_review=lambda: claim_review(
                self, request, site_settings.organisation_name, corrections
            ),
            share_image_url=SimpleLazyObject(
                lambda: self._share_image_url(request, site_settings.organisation_name)
            ),
        )
        return context

    def _screenshots(self) -> list["RebuttalScreenshot"]:
        screenshots = list(
            self.screenshots.select_related("image").prefetch_related("image__renditions")
        )
        for shot in screenshots:
            shot.alt_text = f"谣言截图：{shot.caption or self.claim_summary}"
        return screenshots

    def _related(self) -> list["RebuttalPage"]:
        related = [
            link.rebuttal
            for link in self.related_links.select_related("rebuttal").only(
                "page", "rebuttal", *(f"rebuttal__{name}" for name in RELATED_FIELDS)
            )
            if link.rebuttal.live
        ]
        if not related and self.pk and self.category_id:
            related = self.same_category(RELATED_FALLBACK)
        return related

    def _share_image_url(self, request, organisation: str) -> str:
        url_parts = self.get_url_parts(request) if self.pk else None
        if not url_parts:
            return ""
        # The site's root as canonical links have it, cached for the request.
        key = share_cards.key_for(self, organisation)
        return url_parts[1] + reverse("share_image", kwargs={"page_id": self.pk, "key": key})


class RebuttalScreenshot(Orderable):
    """A screenshot of the rumour as it circulated; always shown marked as the rumour."""

    page = ParentalKey(RebuttalPage, related_name="screenshots", on_delete=models.CASCADE)
    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name="截图", on_delete=models.CASCADE, related_name="+"
    )
    caption = models.CharField("说明", max_length=200, blank=True)

    panels = [FieldPanel("image"), FieldPanel("caption")]

    class Meta(Orderable.Meta):
        verbose_name = "谣言截图"
        verbose_name_plural = "谣言截图"


class EvidenceSource(Orderable):
    """One piece of evidence: shown as a numbered source list under the body."""

    page = ParentalKey(RebuttalPage, related_name="sources", on_delete=models.CASCADE)
    title = models.CharField("标题", max_length=255)
    authority = models.CharField("发布机构", max_length=100, blank=True)
    url = models.URLField("网址", max_length=500, blank=True)
    date = models.DateField("日期", null=True, blank=True)
    kind = models.CharField(
        "类型", max_length=20, choices=SourceKind.choices, default=SourceKind.OFFICIAL_NOTICE
    )

    api_fields = ["title", "authority", "url", "date", "kind"]

    panels = [
        FieldPanel("title"),
        FieldPanel("authority"),
        FieldPanel("url"),
        FieldPanel("date"),
        FieldPanel("kind"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "信息来源"
        verbose_name_plural = "信息来源"

    def __str__(self):
        return self.title


class RelatedRebuttal(Orderable):
    page = ParentalKey(RebuttalPage, related_name="related_links", on_delete=models.CASCADE)
    rebuttal = models.ForeignKey(
        RebuttalPage, verbose_name="相关辟谣", on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("rebuttal")]

    class Meta(Orderable.Meta):
        verbose_name = "相关辟谣"
        verbose_name_plural = "相关辟谣"


class FactCheckerCredit(Orderable):
    """Who checked this: a user account, or a name for people without one."""

    page = ParentalKey(RebuttalPage, related_name="credits", on_delete=models.CASCADE)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="用户",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    name = models.CharField("署名", max_length=50, blank=True, help_text="不选用户时填写")
    role = models.CharField(
        "分工", max_length=20, choices=CreditRole.choices, default=CreditRole.FACT_CHECK
    )
    checked_at = models.DateTimeField(
        "核查时间", null=True, blank=True, help_text="事实核查任务通过时自动记录"
    )

    panels = [FieldPanel("user"), FieldPanel("name"), FieldPanel("role"), FieldPanel("checked_at")]

    class Meta(Orderable.Meta):
        verbose_name = "核查人员"
        verbose_name_plural = "核查人员"

    def clean(self):
        super().clean()
        if not self.user_id and not self.name.strip():
            raise ValidationError("请选择用户或填写署名。")

    @property
    def display_name(self) -> str:
        if self.name:
            return self.name
        if self.user is not None:
            return self.user.get_full_name() or self.user.get_username()
        return ""


class Correction(Orderable):
    """A public correction: we say openly what changed and when."""

    page = ParentalKey(RebuttalPage, related_name="corrections", on_delete=models.CASCADE)
    date = models.DateField("更正日期", default=timezone.localdate)
    note = models.TextField("更正内容", help_text="改了什么、为什么改")

    api_fields = ["date", "note"]

    panels = [FieldPanel("date"), FieldPanel("note")]

    class Meta(Orderable.Meta):
        verbose_name = "更正记录"
        verbose_name_plural = "更正记录"


def rebuttal_document(page: RebuttalPage) -> Document:
    """What the reader search page (search/registry.py) holds for a rebuttal."""
    return Document(
        title=page.title,
        claim=page.claim_text,
        summary=page.short_answer,
        body="\n".join(filter(None, [page.claim_summary, plain_text(page.body)])),
        verdict=page.verdict,
        verdict_label=page.get_verdict_display(),
        kind=page.kind,
        kind_label=page.get_kind_display(),
        category=page.category.name if page.category else "",
        region=page.region,
        date=page.published_date,
        tags=[tag.name for tag in page.tags.all()],
    )


register(
    RebuttalPage,
    to_document=rebuttal_document,
    content_type="rebuttal",
    label="辟谣",
    primary=True,
    draft_field="claim_text",
    prefetch=lambda pages: pages.select_related("category").prefetch_related("tags"),
)
