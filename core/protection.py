"""What every public form that stores something uses against bots and bad input: a honeypot,
a minimum fill time, HTML tags refused (core.markup), and uploaded images checked as real
images. The per-client rate limit is core.ratelimit.

Used by the campaign submission form (cms) and the reader tip form (debunk). A leaf helper: it
imports nothing but Django, Pillow and the other leaf helpers, and anyone may import it.
"""

import datetime
import io
import time
from dataclasses import dataclass
from pathlib import Path

from django import forms
from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from wagtail.log_actions import log

from .markup import contains_markup, typed_text

MARKUP_ERROR = "请不要输入网页代码或脚本（如 <script>、<a> 这样的标签），只写文字即可。"

# -- honeypot ------------------------------------------------------------------------------

# A field people never see (hidden by CSS, out of the tab order): bots fill every input.
HONEYPOT_FIELD = "website"


def honeypot_field() -> forms.CharField:
    return forms.CharField(
        label="网址（请留空）",
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )


def caught_by_honeypot(request) -> bool:
    return bool(request.POST.get(HONEYPOT_FIELD))


# -- minimum fill time ----------------------------------------------------------------------

FORM_TOKEN_SALT = "core.protection.form-started"


def form_started_token() -> str:
    """A signed timestamp put in the form when it is shown."""
    return signing.dumps(time.time(), salt=FORM_TOKEN_SALT)


def seconds_since_started(token: str, max_age: int = 24 * 3600) -> float | None:
    """Seconds since the form carrying ``token`` was shown; None when the token is missing,
    forged or older than ``max_age``."""
    try:
        started = signing.loads(token or "", salt=FORM_TOKEN_SALT, max_age=max_age)
    except signing.BadSignature:
        return None
    if not isinstance(started, (int, float)):
        return None
    return time.time() - started


# -- text -----------------------------------------------------------------------------------


def clean_public_text(value: str) -> str:
    """Refuse HTML tags (so the sender knows); keep everything else as typed. Tags, not
    characters: "x<y", "a<b 和 b>c" and a typed "&lt;" are text, and templates escape them."""
    if contains_markup(value):
        raise forms.ValidationError(MARKUP_ERROR, code="markup")
    return typed_text(value)


# -- images ---------------------------------------------------------------------------------

IMAGE_FORMATS = {"JPEG": ".jpg", "PNG": ".png", "GIF": ".gif", "WEBP": ".webp"}
IMAGE_MAX_PIXELS = 40_000_000  # a long phone screenshot is ~ 1,200 x 20,000


@dataclass
class CheckedImage:
    file: SimpleUploadedFile
    width: int
    height: int
    format: str


def check_image(upload, max_mb: int) -> CheckedImage:
    """Open ``upload`` with Pillow and re-encode it: anything that is not a real JPEG, PNG,
    GIF or WebP image is refused with a message, and what is kept carries no metadata (a
    phone photo's EXIF holds where it was taken)."""
    from PIL import Image, ImageOps, UnidentifiedImageError

    if upload.size > max_mb * 1024 * 1024:
        raise forms.ValidationError(
            f"图片太大：最大 {max_mb} MB，这张有 {upload.size / 1024 / 1024:.1f} MB。"
            "可以截取关键部分或压缩后再传。",
            code="too_big",
        )
    try:
        upload.seek(0)
        with Image.open(upload) as probe:
            image_format = probe.format
            width, height = probe.size
            probe.verify()  # checks the file's structure without decoding every pixel
        if image_format not in IMAGE_FORMATS:
            raise forms.ValidationError(
                "只接受 JPG、PNG、GIF 或 WebP 格式的截图。", code="image_format"
            )
        if width * height > IMAGE_MAX_PIXELS:
            raise forms.ValidationError(
                f"图片尺寸太大（{width}×{height}），请截取关键部分后再传。", code="too_many_pixels"
            )
        upload.seek(0)
        with Image.open(upload) as image:
            image.load()
            cleaned = ImageOps.exif_transpose(image)
            stored = _reencode(cleaned, image_format)
    except forms.ValidationError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise forms.ValidationError(
            "上传的文件不是有效的图片（可能已损坏，或只是改了扩展名）。请上传手机截图或照片。",
            code="not_image",
        ) from None
    name = Path(getattr(upload, "name", "") or "image").stem[:40] + IMAGE_FORMATS[stored.format]
    content_type = Image.MIME.get(stored.format, "application/octet-stream")
    return CheckedImage(
        SimpleUploadedFile(name, stored.data, content_type=content_type),
        stored.width,
        stored.height,
        stored.format,
    )


@dataclass
class _Encoded:
    data: bytes
    format: str
    width: int
    height: int


def _reencode(image, image_format: str) -> _Encoded:
    """Write pixels only. Animated GIFs keep their first frame; everything else keeps its
    format, except that images with transparency stay PNG."""
    if image_format == "GIF" or image.mode in ("P", "LA", "RGBA"):
        target = "PNG" if image_format != "JPEG" else "JPEG"
    else:
        target = image_format
    if target == "JPEG" and image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    buffer = io.BytesIO()
    options = {"quality": 90} if target in ("JPEG", "WEBP") else {}
    image.save(buffer, format=target, **options)
    return _Encoded(buffer.getvalue(), target, image.width, image.height)


# -- spreadsheet exports ----------------------------------------------------------------------

# Spreadsheet programs run cells starting with these as formulas ("CSV injection").
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell(value):
    """A CSV cell that a spreadsheet shows as text, never runs as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


class SpreadsheetSafeExportMixin:
    """For a Wagtail listing (IndexView) that exports what the public typed: cells that would
    run as formulas are quoted, the CSV starts with a byte-order mark (Excel in Chinese
    locales reads UTF-8 CSV as GBK without one), and times are Beijing time with the offset
    written out (2024-06-01 20:15+08:00), in every export alike."""

    # Exports of what the public sent are in Wagtail's audit log (Reports → Site history).
    export_log_action = "core.export"

    def stream_csv(self, queryset):
        yield "\ufeff"
        yield from super().stream_csv(queryset)

    def as_spreadsheet(self, queryset, spreadsheet_format):
        log(
            instance=self.request.user,
            action=self.export_log_action,
            user=self.request.user,
            data={
                "listing": str(queryset.model._meta.verbose_name_plural),
                "format": spreadsheet_format,
                "count": queryset.count(),
                "filters": {k: v for k, v in self.request.GET.items() if k != "export"},
            },
        )
        return super().as_spreadsheet(queryset, spreadsheet_format)

    def preprocess_field_value(self, field, value, export_format):
        if isinstance(value, datetime.datetime) and timezone.is_aware(value):
            return timezone.localtime(value).isoformat(sep=" ", timespec="minutes")
        value = super().preprocess_field_value(field, value, export_format)
        return spreadsheet_cell(value) if export_format == "csv" else value
