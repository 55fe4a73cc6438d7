"""Reader tips (求证/举报) and the informant network (网情信息员).

A tip is private: it never reaches a public page or a search index. Its contact address is
shown only in the admin and left out of exports. Status flow::

    new ──> triaged ──> answered
     │         │  └───> duplicate
     └─────────┴──────> rejected

``answered`` and ``duplicate`` always name the rebuttal that answers the tip, and the sender
(who left an e-mail address) is sent its link once (debunk.replies). The transitions live in
debunk.triage; this module holds the data.
"""

from django.conf import settings
from django.core.validators import MaxLengthValidator, URLValidator
from django.db import models
from django.utils import timezone

from core.markup import remove_tags
from core.private_media import private_storage
from core.uploads import UnguessablePath

from .rebuttals import Platform

# The fields people type, cleaned of markup again on every save (admin edits included).
TEXT_FIELDS = ("text", "township", "note")
TEXT_MAX_LENGTH = 2000
TOWNSHIP_MAX_LENGTH = 30
NOTE_MAX_LENGTH = 500
EXCERPT_LENGTH = 40


class TipStatus(models.TextChoices):
    NEW = "new", "待分拣"
    TRIAGED = "triaged", "核查中"
    ANSWERED = "answered", "已答复"
    DUPLICATE = "duplicate", "已有辟谣"
    REJECTED = "rejected", "不予处理"


OPEN_STATUSES = (TipStatus.NEW, TipStatus.TRIAGED)
# Statuses that point the sender to a rebuttal (and so need one).
ANSWERING_STATUSES = (TipStatus.ANSWERED, TipStatus.DUPLICATE)


class TipPriority(models.IntegerChoices):
    URGENT = 1, "紧急"
    HIGH = 2, "较高"
    NORMAL = 3, "一般"
    LOW = 4, "较低"


class InformantRole(models.TextChoices):
    BUILDING_HEAD = "building_head", "楼栋长"
    GRID_WORKER = "grid_worker", "网格员"
    PROPERTY_LIAISON = "property_liaison", "物业联络员"
    VILLAGE_CADRE = "village_cadre", "村（社区）干部"
    OTHER = "other", "其他"


class TipQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=OPEN_STATUSES)

    def inbox_order(self):
        """Open tips first, informants' first among them, then by priority, newest first."""
        open_first = models.Case(
            models.When(status__in=OPEN_STATUSES, then=models.Value(0)),
            default=models.Value(1),
            output_field=models.IntegerField(),
        )
        return self.annotate(open_first=open_first).order_by(
            "open_first", "-from_informant", "priority", "-created_at", "-pk"
        )


class Tip(models.Model):
    """One message a reader or an informant asked us to check."""

    # What was sent
    text = models.TextField(
        "消息内容",
        max_length=TEXT_MAX_LENGTH,
        validators=[MaxLengthValidator(TEXT_MAX_LENGTH)],
        help_text="读者收到的消息原文",
    )
    seen_on = models.CharField(
        "在哪里看到", max_length=20, choices=Platform.choices, blank=True, db_index=True
    )
    link = models.URLField(
        "链接", max_length=500, blank=True, validators=[URLValidator(schemes=["http", "https"])]
    )
    screenshot = models.ImageField(
        "截图",
        upload_to=UnguessablePath("tips"),
        storage=private_storage,
        blank=True,
        max_length=200,
    )
    township = models.CharField(
        "乡镇（街道）", max_length=TOWNSHIP_MAX_LENGTH, blank=True, db_index=True
    )
    email = models.EmailField(
        "电子邮箱",
        blank=True,
        help_text="读者留下的联系方式：仅后台可见，不导出，只用于告知核查结果",
    )

    # Who sent it
    submitter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="报送人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tips",
    )
    from_informant = models.BooleanField("信息员报送", default=False, db_index=True)
    answered_by_search = models.BooleanField(
        "读者已自助找到答案",
        default=False,
        help_text="读者在提交前看到了已有辟谣，确认“就是这条”，没有再提交",
    )

    # Triage
    status = models.CharField(
        "处理状态", max_length=12, choices=TipStatus.choices, default=TipStatus.NEW, db_index=True
    )
    priority = models.PositiveSmallIntegerField(
        "优先级", choices=TipPriority.choices, default=TipPriority.NORMAL
    )
    rebuttal = models.ForeignKey(
        "debunk.RebuttalPage",
        verbose_name="对应辟谣",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tips",
        help_text="答复或判定重复时必填：读者会收到这篇辟谣的链接",
    )
    note = models.TextField("编辑备注", max_length=NOTE_MAX_LENGTH, blank=True)
    counted_as_resurfacing = models.BooleanField("已计入再次流传", default=False, editable=False)

    # When
    created_at = models.DateTimeField("提交时间", default=timezone.now, db_index=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)
    answered_at = models.DateTimeField("答复时间", null=True, blank=True, editable=False)
    replied_at = models.DateTimeField("回复邮件发送时间", null=True, blank=True, editable=False)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="处理人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    objects = TipQuerySet.as_manager()

    class Meta:
        verbose_name = "求证线索"
        verbose_name_plural = "求证线索"
        ordering = ["-created_at", "-pk"]
        permissions = [("report_as_informant", "以信息员身份报送线索")]
        indexes = [models.Index(fields=["status", "-created_at"], name="debunk_tip_status_created")]

    def __str__(self):
        return self.excerpt()

    def save(self, *args, **kwargs):
        for name in TEXT_FIELDS:
            setattr(self, name, remove_tags(getattr(self, name)))
        super().save(*args, **kwargs)

    def excerpt(self) -> str:
        text = " ".join(self.text.split())
        return text[:EXCERPT_LENGTH] + ("…" if len(text) > EXCERPT_LENGTH else "")

    excerpt.short_description = "消息内容"

    @property
    def has_answer(self) -> bool:
        """Answered or a duplicate, with a rebuttal readers can open."""
        return (
            self.status in ANSWERING_STATUSES
            and self.rebuttal_id is not None
            and self.rebuttal.live
        )

    @property
    def reply_address(self) -> str:
        """Where the answer goes: the address the reader left, or the informant's account."""
        if self.email:
            return self.email
        if self.submitter_id and self.submitter.email:
            return self.submitter.email
        return ""

    def channel_display(self) -> str:
        if self.from_informant:
            return "信息员"
        if self.answered_by_search:
            return "读者自查"
        return "读者求证"

    channel_display.short_description = "渠道"

    def rebuttal_title(self) -> str:
        return self.rebuttal.title if self.rebuttal_id else ""

    rebuttal_title.short_description = "对应辟谣"


class TipMatch(models.Model):
    """An existing rebuttal found for a tip when it arrived, with how alike the two texts are
    (0–1, see debunk.matching)."""

    tip = models.ForeignKey(Tip, on_delete=models.CASCADE, related_name="matches")
    rebuttal = models.ForeignKey(
        "debunk.RebuttalPage", verbose_name="辟谣", on_delete=models.CASCADE, related_name="+"
    )
    similarity = models.FloatField("相似度")
    rank = models.PositiveSmallIntegerField("排序", default=0)

    class Meta:
        verbose_name = "相似辟谣"
        verbose_name_plural = "相似辟谣"
        ordering = ["tip", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["tip", "rebuttal"], name="debunk_tipmatch_unique")
        ]

    def __str__(self):
        return f"{self.rebuttal_id}（{self.percent}%）"

    @property
    def percent(self) -> int:
        return round(self.similarity * 100)


class InformantProfile(models.Model):
    """A community informant: the township their tips are tagged with.

    Membership of the 信息员 group lets a user report on the front-end page (/tips/informant/);
    this profile says where they report from.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="用户",
        on_delete=models.CASCADE,
        related_name="informant_profile",
    )
    township = models.CharField("乡镇（街道）", max_length=TOWNSHIP_MAX_LENGTH)
    role = models.CharField(
        "身份", max_length=20, choices=InformantRole.choices, default=InformantRole.GRID_WORKER
    )
    phone = models.CharField("联系电话", max_length=30, blank=True, help_text="仅后台可见")
    note = models.CharField("备注", max_length=200, blank=True)
    created_at = models.DateTimeField("登记时间", default=timezone.now)

    class Meta:
        verbose_name = "信息员"
        verbose_name_plural = "信息员名册"
        ordering = ["township", "user__username"]

    def __str__(self):
        name = self.user.get_full_name() or self.user.get_username()
        return f"{name}（{self.township}，{self.get_role_display()}）"
