"""Admin forms for episodes: subtitle uploads, one video per episode, upload checks."""

from pathlib import Path

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat

from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm

from core.media_probe import ProbeError, local_path
from video.probe import check_playable
from video.subtitles import to_webvtt


def check_upload(upload: UploadedFile, kind: str, extensions: list[str] | None = None) -> None:
    """Reject what a browser could not play before anything is stored."""
    limit = settings.VIDEO_MAX_UPLOAD_SIZE
    extension = Path(upload.name or "").suffix.lower().lstrip(".")
    if extensions and extension not in extensions:
        raise ValidationError(
            f"不支持的文件类型“.{extension}”，请上传 {'、'.join(extensions).upper()} 格式的文件。",
            code="extension",
        )
    if upload.size == 0:
        raise ValidationError("文件是空的（0 字节），请重新上传。", code="empty")
    if upload.size > limit:
        raise ValidationError(
            f"文件过大（{filesizeformat(upload.size)}），上传上限为 {filesizeformat(limit)}。"
            "请压缩后再上传，或改用外部视频链接。",
            code="too_large",
        )
    try:
        with local_path(upload) as path:
            check_playable(path, kind)
    except ProbeError as error:
        raise ValidationError(str(error), code="not_playable") from error


class SubtitleForm(WagtailAdminModelForm):
    """A subtitle track: an uploaded .vtt/.srt file, or WebVTT text edited in place."""

    upload = forms.FileField(
        label="字幕文件",
        required=False,
        help_text="上传 WebVTT（.vtt）或 SRT（.srt）字幕，须为 UTF-8 编码；SRT 会自动转换为 WebVTT",
        widget=forms.ClearableFileInput(attrs={"accept": ".vtt,.srt,text/vtt"}),
    )

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("upload")
        try:
            if upload:
                cleaned["vtt"] = to_webvtt(upload.read())
            elif cleaned.get("vtt", "").strip():
                cleaned["vtt"] = to_webvtt(cleaned["vtt"].encode("utf-8"))
            elif not cleaned.get("DELETE"):
                raise ValidationError("请上传字幕文件。", code="required")
        except ValidationError as error:
            self.add_error("upload" if upload or not cleaned.get("vtt") else "vtt", error)
        return cleaned


class VideoEpisodeForm(WagtailAdminPageForm):
    """One video per episode (upload or link), and one episode per number in a series."""

    def clean(self):
        cleaned = super().clean()
        media, embed_url = cleaned.get("media"), cleaned.get("embed_url")
        if media and embed_url:
            self.add_error("embed_url", "已选择上传的视频，请清空外部视频链接（二者只能选一）。")
        elif not (media or embed_url or "embed_url" in self.errors or self.is_deferred_validation):
            # Drafts may wait for the video; publishing may not.
            self.add_error("media", "请选择上传的视频，或填写外部视频链接。")
        if media and media.type != "video":
            self.add_error("media", "请选择视频文件，而不是音频文件。")
        elif media and media.probe_status == "failed":
            self.add_error("media", f"该视频文件无法播放：{media.probe_message}")
        self.check_episode_number(cleaned.get("episode_number"))
        return cleaned

    def check_episode_number(self, number):
        parent = getattr(self, "parent_page", None)
        if not number or parent is None:
            return
        from video.models import VideoEpisodePage

        clash = (
            VideoEpisodePage.objects.child_of(parent)
            .filter(episode_number=number)
            .exclude(pk=self.instance.pk)
            .first()
        )
        if clash is not None:
            self.add_error("episode_number", f"本系列已有第 {number} 集：《{clash.title}》。")
