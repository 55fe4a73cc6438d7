"""The public submission form on a campaign page."""

from pathlib import Path

from django import forms
from django.conf import settings
from django.core.validators import URLValidator

from core.media_probe import MediaRejected, ProbeUnavailable, check_video, local_path
from core.protection import clean_public_text, honeypot_field

from .models.submissions import (
    CONTACT_MAX_LENGTH,
    MESSAGE_MAX_LENGTH,
    NAME_MAX_LENGTH,
    TOWNSHIP_MAX_LENGTH,
    CampaignSubmission,
)

VIDEO_EXTENSIONS = (".mp4", ".mov", ".m4v", ".webm")


class CampaignSubmissionForm(forms.ModelForm):
    """Name, private contact, township, message, an optional short video or link, consent.

    Every text field is refused when it carries markup (so the sender knows) and cleaned with
    bleach before it is stored; the model cleans again on save.
    """

    website = honeypot_field()  # core.protection.HONEYPOT_FIELD
    video_url = forms.URLField(
        label="或填写视频链接（可选）",
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text="抖音、视频号、B站等平台的视频地址",
        validators=[URLValidator(schemes=["http", "https"])],
        error_messages={"invalid": "请填写以 http:// 或 https:// 开头的视频链接。"},
        widget=forms.URLInput(attrs={"placeholder": "https://"}),
    )
    consent = forms.BooleanField(
        label="我同意在本活动页面公开展示我的昵称、乡镇、留言和视频（联系方式不会公开）",
        required=True,
        error_messages={"required": "请勾选同意公开展示，否则我们无法展示你的投稿。"},
    )

    class Meta:
        model = CampaignSubmission
        fields = ["name", "contact", "township", "message", "video", "video_url", "consent"]
        labels = {"video": "上传短视频（可选）"}
        help_texts = {"contact": "仅供工作人员联系你，不会公开"}
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "nickname"}),
            "contact": forms.TextInput(attrs={"autocomplete": "tel"}),
            "message": forms.Textarea(attrs={"rows": 5}),
            "video": forms.ClearableFileInput(
                attrs={"accept": "video/mp4,video/quicktime,video/webm"}
            ),
        }
        error_messages = {
            "name": {"required": "请填写姓名或昵称。"},
            "contact": {"required": "请留下联系方式，方便工作人员与你联系（不会公开）。"},
            "township": {"required": "请填写你所在的乡镇（街道）。"},
            "message": {"required": "请写下你想说的话。"},
        }

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")  # labels sit above their inputs
        super().__init__(*args, **kwargs)
        self.video_info = None
        limits = {
            "name": NAME_MAX_LENGTH,
            "contact": CONTACT_MAX_LENGTH,
            "township": TOWNSHIP_MAX_LENGTH,
            "message": MESSAGE_MAX_LENGTH,
        }
        for name, limit in limits.items():
            field = self.fields[name]
            field.max_length = limit
            field.widget.attrs["maxlength"] = limit
            field.error_messages["max_length"] = (
                f"{field.label}最多 {limit} 个字，现在是 %(show_value)d 个字，请删减后再提交。"
            )

    # Text: refuse markup, then store bleach's plain text.
    def _clean_text(self, name: str) -> str:
        return clean_public_text(self.cleaned_data.get(name, ""))

    def clean_name(self):
        return self._clean_text("name")

    def clean_contact(self):
        return self._clean_text("contact")

    def clean_township(self):
        return self._clean_text("township")

    def clean_message(self):
        value = self._clean_text("message")
        if not value:
            raise forms.ValidationError("请写下你想说的话。", code="required")
        return value

    def clean_video_url(self):
        return self._clean_text("video_url")

    def clean_video(self):
        upload = self.cleaned_data.get("video")
        if not upload:
            return upload
        max_mb = settings.CAMPAIGN_VIDEO_MAX_MB
        if upload.size > max_mb * 1024 * 1024:
            raise forms.ValidationError(
                f"视频文件太大：最大 {max_mb} MB，这个文件有 {upload.size / 1024 / 1024:.1f} MB。"
                "可以压缩后再传，或填写视频链接。",
                code="too_big",
            )
        if Path(upload.name).suffix.lower() not in VIDEO_EXTENSIONS:
            raise forms.ValidationError(
                "只接受 MP4、MOV 或 WebM 格式的视频文件。", code="extension"
            )
        try:
            with local_path(upload) as path:
                self.video_info = check_video(path, settings.CAMPAIGN_VIDEO_MAX_SECONDS)
        except MediaRejected as error:
            raise forms.ValidationError(str(error), code="not_video") from error
        except ProbeUnavailable as error:
            raise forms.ValidationError(
                "暂时无法检查上传的视频，请改为填写视频链接，或稍后再试。", code="unavailable"
            ) from error
        return upload

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("video") and cleaned.get("video_url"):
            self.add_error("video_url", "上传视频和填写链接请二选一。")
        return cleaned

    def save(self, commit=True):
        submission = super().save(commit=False)
        if self.video_info is not None:
            submission.video_duration = round(self.video_info.duration)
        if commit:
            submission.save()
        return submission
