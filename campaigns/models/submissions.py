"""What the public sends to a campaign: a message, optionally a short video or a link to one.

Stored privately and shown on the campaign page only after a moderator approves it. The contact
field never leaves the admin: public querysets do not even load it, and it is not exported.

An uploaded video lives in private storage (PRIVATE_MEDIA_ROOT) whatever its status, and has no
public file URL: moderators play it through an admin view that checks their permission
(campaigns.admin_views), readers through the campaign page's `videos/<id>/` route, which serves
it only while the submission is approved. Rejecting or deleting it ends public access at once;
there is no public copy to chase.
"""

from django.conf import settings
from django.core.validators import MaxLengthValidator, URLValidator
from django.db import models, transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from core.links import absolute_url
from core.markup import remove_tags
from core.private_media import private_storage
from core.uploads import UnguessablePath

from ..panels import SubmissionVideoPanel

NAME_MAX_LENGTH = 30
CONTACT_MAX_LENGTH = 60
TOWNSHIP_MAX_LENGTH = 30
MESSAGE_MAX_LENGTH = 500

# The fields a reader types, cleaned of markup again on every save (admin edits included).
TEXT_FIELDS = ("name", "contact", "township", "message", "moderation_note")
# What the public wall may load; `contact` is deliberately absent.
WALL_FIELDS = ("id", "campaign_id", "name", "township", "message", "video", "video_url")


class SubmissionStatus(models.TextChoices):
    PENDING = "pending", "待审核"
    APPROVED = "approved", "已通过"
    REJECTED = "rejected", "未通过"


class CampaignSubmissionQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=SubmissionStatus.APPROVED, consent=True)

    def for_wall(self):
        """Approved submissions for the public page, newest approval first, without contact."""
        return self.approved().only(*WALL_FIELDS).order_by("-moderated_at", "-created_at", "-pk")

    def moderate(self, status: str, user=None) -> int:
        return self.update(status=status, moderated_at=timezone.now(), moderated_by=user)


class CampaignSubmission(models.Model):
    campaign = models.ForeignKey(
        "campaigns.CampaignPage",
        verbose_name="活动",
        on_delete=models.CASCADE,
        related_name="submissions",
    )
    name = models.CharField("姓名或昵称", max_length=NAME_MAX_LENGTH)
    contact = models.CharField(
        "联系方式",
        max_length=CONTACT_MAX_LENGTH,
        help_text="手机号、邮箱或微信号；仅在后台可见，不公开、不导出",
    )
    township = models.CharField("乡镇（街道）", max_length=TOWNSHIP_MAX_LENGTH)
    message = models.TextField(
        "留言", validators=[MaxLengthValidator(MESSAGE_MAX_LENGTH)], max_length=MESSAGE_MAX_LENGTH
    )
    video = models.FileField(
        "视频",
        upload_to=UnguessablePath("campaign-submissions"),
        storage=private_storage,
        blank=True,
        max_length=200,
    )
    video_duration = models.PositiveIntegerField("视频时长（秒）", null=True, blank=True)
    video_url = models.URLField(
        "视频链接",
        max_length=500,
        blank=True,
        validators=[URLValidator(schemes=["http", "https"])],
    )
    consent = models.BooleanField("同意公开展示", default=False)
    status = models.CharField(
        "审核状态",
        max_length=10,
        choices=SubmissionStatus.choices,
        default=SubmissionStatus.PENDING,
        db_index=True,
    )
    moderation_note = models.CharField(
        "审核备注", max_length=200, blank=True, help_text="仅后台可见"
    )
    created_at = models.DateTimeField("提交时间", default=timezone.now, db_index=True)
    moderated_at = models.DateTimeField("审核时间", null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="审核人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = CampaignSubmissionQuerySet.as_manager()

    panels = [
        FieldPanel("campaign", read_only=True),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("name"), FieldPanel("township")]),
                FieldPanel("message"),
                SubmissionVideoPanel(heading="视频"),
                FieldPanel("video_url"),
                FieldPanel("consent", read_only=True),
            ],
            heading="投稿内容",
        ),
        FieldPanel("contact", heading="联系方式（不公开）"),
        MultiFieldPanel([FieldPanel("status"), FieldPanel("moderation_note")], heading="审核"),
    ]

    class Meta:
        verbose_name = "活动投稿"
        verbose_name_plural = "活动投稿"
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["campaign", "status", "-moderated_at"], name="cms_submission_wall")
        ]

    def __str__(self):
        excerpt = self.message[:20] + ("…" if len(self.message) > 20 else "")
        return f"{self.name}：{excerpt}"

    def save(self, *args, **kwargs):
        for field in TEXT_FIELDS:
            setattr(self, field, remove_tags(getattr(self, field)))
        super().save(*args, **kwargs)

    # Columns for the admin listing and the export (kept short; `contact` is not among them).
    def message_excerpt(self) -> str:
        return self.message[:40] + ("…" if len(self.message) > 40 else "")

    message_excerpt.short_description = "留言"

    def has_video(self) -> bool:
        return bool(self.video or self.video_url)

    has_video.short_description = "视频"
    has_video.boolean = True

    def moderation_video_url(self) -> str:
        """Where moderators play the uploaded video (the admin view checks their permission)."""
        return reverse("campaigns_submission_video", args=[self.pk]) if self.video else ""

    def video_file_url(self) -> str:
        url = self.moderation_video_url()
        return absolute_url(url) if url else ""

    video_file_url.short_description = "视频文件"


@receiver(post_delete, sender=CampaignSubmission)
def delete_video_file(sender, instance, **kwargs):
    """A deleted submission takes its video with it, once the deletion is committed."""
    if instance.video:
        storage, name = instance.video.storage, instance.video.name
        transaction.on_commit(lambda: storage.delete(name))
