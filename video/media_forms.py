"""The media upload form (wagtailmedia's MEDIA_FORM_BASE), apart from the page forms because
wagtailmedia's form module needs the model registry loaded."""

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat

from wagtailmedia.forms import BaseMediaForm
from wagtailmedia.settings import wagtailmedia_settings

from video.forms import check_upload


class VideoMediaForm(BaseMediaForm):
    """wagtailmedia's form (WAGTAILMEDIA["MEDIA_FORM_BASE"]) with the upload checked by ffprobe."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "file" in self.fields:
            self.fields["file"].error_messages["empty"] = "文件是空的（0 字节），请重新上传。"
            self.fields["file"].help_text = (
                f"支持 MP4、WebM、MOV，不超过 {filesizeformat(settings.VIDEO_MAX_UPLOAD_SIZE)}；"
                "上传后系统自动读取时长、分辨率和编码，并在未提供封面时截取一帧作为封面。"
            )

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if isinstance(upload, UploadedFile):
            kind = self.instance.type or "video"
            extensions = getattr(wagtailmedia_settings, f"{kind.upper()}_EXTENSIONS", None)
            check_upload(upload, kind, extensions)
        return upload

    def save(self, commit=True):
        if "thumbnail" in self.changed_data:
            self.instance.poster_generated = False  # the editor's own poster: keep it
        return super().save(commit=commit)
