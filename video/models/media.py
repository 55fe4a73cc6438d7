"""Uploaded videos: wagtailmedia's model plus what ffprobe found in the file."""

from functools import partial

from django.db import models, transaction

from wagtailmedia.models import AbstractMedia


class ProbeStatus(models.TextChoices):
    PENDING = "pending", "等待分析"
    DONE = "done", "已分析"
    FAILED = "failed", "分析失败"


class VideoMedia(AbstractMedia):
    """A media item (wagtailmedia's `MEDIA_MODEL`); a background task fills the probe fields.

    `duration`, `width`, `height` and `thumbnail` come from wagtailmedia; the task sets them
    from the file, and extracts a poster frame into `thumbnail` when the editor gave none.
    """

    video_codec = models.CharField("视频编码", max_length=32, blank=True, editable=False)
    audio_codec = models.CharField("音频编码", max_length=32, blank=True, editable=False)
    container = models.CharField("封装格式", max_length=50, blank=True, editable=False)
    file_size = models.PositiveBigIntegerField("文件大小", null=True, blank=True, editable=False)
    probe_status = models.CharField(
        "分析状态",
        max_length=10,
        choices=ProbeStatus.choices,
        default=ProbeStatus.PENDING,
        editable=False,
    )
    probe_message = models.CharField("分析说明", max_length=300, blank=True, editable=False)
    probed_at = models.DateTimeField("分析时间", null=True, blank=True, editable=False)
    # The file name the probe fields describe: a new upload differs, so it is probed again.
    probed_file = models.CharField(max_length=255, blank=True, editable=False)
    poster_generated = models.BooleanField("封面由系统截取", default=False, editable=False)

    admin_form_fields = ("title", "file", "collection", "thumbnail", "tags")

    class Meta(AbstractMedia.Meta):
        verbose_name = "音视频文件"
        verbose_name_plural = "音视频文件"

    @property
    def needs_probe(self) -> bool:
        return bool(self.file) and self.file.name != self.probed_file

    def save(self, *args, **kwargs):
        if self.needs_probe and "update_fields" not in kwargs:
            self.probe_status = ProbeStatus.PENDING
            self.probe_message = ""
        super().save(*args, **kwargs)
        if self.needs_probe and "update_fields" not in kwargs:
            # After commit, so a worker in another process finds the row and the file.
            transaction.on_commit(partial(enqueue_probe, self.pk))


def enqueue_probe(media_id: int) -> None:
    from video.tasks import probe_media

    probe_media.enqueue(media_id)
