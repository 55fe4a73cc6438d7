"""The tip forms: the reader's two steps (the message, then the details) and the informants'.

Protected like the campaign form (core.protection): honeypot, a minimum fill time, HTML tags
refused (other text kept as typed), screenshots opened and re-encoded as real images. Every
refusal says what to change; nothing is stored until the whole form is valid.
"""

import re

from django import forms
from django.conf import settings
from django.core.validators import URLValidator

from core.protection import (
    check_image,
    clean_public_text,
    form_started_token,
    honeypot_field,
    seconds_since_started,
)
from search import text as prep

from .models import Platform, Tip
from .models.tips import TEXT_MAX_LENGTH, TOWNSHIP_MAX_LENGTH

# Script or inline data dressed as a link ("javascript:alert(1)", "data:text/html,…"): no one
# receives a rumour that starts like that.
UNSAFE_LINK = re.compile(r"^\s*(javascript|data|vbscript|file)\s*:", re.IGNORECASE)
# A web address and nothing else to read.
ONLY_A_LINK = re.compile(r"^\s*https?://\S+\s*$", re.IGNORECASE)
# Spaces that str.strip() keeps but a reader cannot see.
INVISIBLE = re.compile(r"[\u200b-\u200f\u2060\ufeff\u3000\s]+")

TEXT_HELP = "把收到的消息原样粘贴进来，不用改动，繁体、简体都可以"
TOWNSHIP_TOO_LONG = f"乡镇（街道）名称最多 {TOWNSHIP_MAX_LENGTH} 个字，现在是 %(show_value)d 个字。"
SEEN_ON_CHOICES = [("", "请选择（可不填）"), *Platform.choices]


def clean_tip_text(value: str) -> str:
    """The message as the reader received it, or a ValidationError that says what is wrong."""
    value = value or ""
    if not INVISIBLE.sub("", value):
        raise forms.ValidationError("请粘贴或输入你收到的消息内容。", code="required")
    if len(value) > TEXT_MAX_LENGTH:
        raise forms.ValidationError(
            f"消息太长了（{len(value)} 字），请只粘贴最关键的部分，不超过 {TEXT_MAX_LENGTH} 字。",
            code="max_length",
        )
    value = clean_public_text(value)
    if UNSAFE_LINK.match(value):
        raise forms.ValidationError(
            "这不是一条可以核查的消息：以 javascript: 或 data: 开头的内容是网页代码，"
            "不是网址。请粘贴你收到的消息文字。",
            code="unsafe_link",
        )
    if ONLY_A_LINK.match(value):
        raise forms.ValidationError(
            "只有一个链接，我们没法据此查找：请把消息的文字内容也粘贴进来"
            "（链接可以填在下面的“链接”一栏）。",
            code="only_link",
        )
    if not prep.has_word(value):
        raise forms.ValidationError(
            "消息里没有可以核查的文字（只有标点或表情），请粘贴消息的文字内容。", code="no_words"
        )
    return value


def text_field() -> forms.CharField:
    # No max_length here: clean_tip_text says how long the message is in its own words.
    return forms.CharField(
        label="收到的消息",
        help_text=TEXT_HELP,
        strip=False,
        widget=forms.Textarea(
            attrs={"rows": 6, "maxlength": TEXT_MAX_LENGTH, "placeholder": "例如：紧急通知……"}
        ),
        error_messages={"required": "请粘贴或输入你收到的消息内容。"},
    )


class StartedMixin(forms.Form):
    """The signed time the form was first shown, carried through the steps."""

    started = forms.CharField(widget=forms.HiddenInput, required=False)
    website = honeypot_field()  # core.protection.HONEYPOT_FIELD

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("started", form_started_token())

    def clean(self):
        cleaned = super().clean()
        # Non-field errors: the field is hidden, the reader must still see why.
        if seconds_since_started(cleaned.get("started", "")) is None:
            raise forms.ValidationError(
                "页面停留太久或已失效，请检查内容后再提交一次。", code="expired"
            )
        return cleaned

    def refuse_if_too_fast(self) -> None:
        """Sent sooner than a person can read and fill the form: a script, or a double click.
        Called by forms that store something."""
        elapsed = seconds_since_started(self.cleaned_data.get("started", ""))
        if elapsed is not None and elapsed < settings.TIPS_MIN_SECONDS:
            raise forms.ValidationError(
                "提交得太快了：请核对一遍内容，再点一次提交。", code="too_fast"
            )


class MessageForm(StartedMixin):
    """Step 1: the message, to look for rebuttals that already answer it."""

    text = text_field()

    def clean_text(self):
        return clean_tip_text(self.cleaned_data.get("text", ""))


class TipDetailsMixin(forms.ModelForm):
    """The fields both readers and informants fill in."""

    text = text_field()
    seen_on = forms.ChoiceField(label="在哪里看到", choices=SEEN_ON_CHOICES, required=False)
    link = forms.URLField(
        label="链接（可选）",
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text="消息、文章或视频的网址",
        validators=[URLValidator(schemes=["http", "https"])],
        error_messages={"invalid": "请填写以 http:// 或 https:// 开头的网址。"},
        widget=forms.URLInput(attrs={"placeholder": "https://"}),
    )
    screenshot = forms.FileField(
        label="截图（可选）",
        required=False,
        help_text="聊天记录或网页的截图，JPG、PNG、GIF、WebP 格式",
        widget=forms.ClearableFileInput(
            attrs={"accept": "image/jpeg,image/png,image/gif,image/webp"}
        ),
    )

    def clean_text(self):
        return clean_tip_text(self.cleaned_data.get("text", ""))

    def clean_link(self):
        value = (self.cleaned_data.get("link") or "").strip()
        return clean_public_text(value)

    def clean_screenshot(self):
        upload = self.cleaned_data.get("screenshot")
        if not upload:
            return None
        return check_image(upload, settings.TIPS_SCREENSHOT_MAX_MB).file

    def clean_township(self):
        return clean_public_text(self.cleaned_data.get("township", ""))


class TipForm(StartedMixin, TipDetailsMixin):
    """Step 2 for readers: the details, then send."""

    township = forms.CharField(
        label="所在乡镇（街道）（可选）",
        required=False,
        max_length=TOWNSHIP_MAX_LENGTH,
        error_messages={"max_length": TOWNSHIP_TOO_LONG},
    )
    email = forms.EmailField(
        label="电子邮箱（可选）",
        required=False,
        help_text="留下邮箱，核查有结果时我们把辟谣链接发给你；邮箱不会公开",
        error_messages={"invalid": "邮箱格式不对，请检查，例如 name@example.com。"},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    class Meta:
        model = Tip
        fields = ["text", "seen_on", "link", "screenshot", "township", "email"]

    def clean(self):
        cleaned = super().clean()
        self.refuse_if_too_fast()
        return cleaned

    field_order = ["text", "seen_on", "link", "screenshot", "township", "email"]


class InformantTipForm(TipDetailsMixin):
    """For informants, signed in: their township comes from the roster when they are on it."""

    township = forms.CharField(
        label="乡镇（街道）",
        max_length=TOWNSHIP_MAX_LENGTH,
        error_messages={
            "max_length": TOWNSHIP_TOO_LONG,
            "required": "请填写你所在的乡镇（街道）。",
        },
    )

    class Meta:
        model = Tip
        fields = ["text", "seen_on", "link", "screenshot", "township"]

    def __init__(self, *args, township: str = "", **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fixed_township = township
        if township:
            # From the roster (InformantProfile); not theirs to change per tip.
            del self.fields["township"]

    def save(self, commit=True):
        tip = super().save(commit=False)
        if self.fixed_township:
            tip.township = self.fixed_township
        if commit:
            tip.save()
        return tip


# -- 有结果了告诉我 -----------------------------------------------------------------------------

# Throwaway mailboxes: a notice sent there weeks later reaches no one.
THROWAWAY_DOMAINS = frozenset(
    {
        "10minutemail.com",
        "guerrillamail.com",
        "guerrillamail.net",
        "mailinator.com",
        "maildrop.cc",
        "sharklasers.com",
        "temp-mail.org",
        "tempmail.com",
        "throwawaymail.com",
        "trashmail.com",
        "yopmail.com",
        "getnada.com",
        "dispostable.com",
        "fakeinbox.com",
        "example.invalid",
    }
)
QUERY_MAX_LENGTH = 200


class SubscribeForm(forms.Form):
    """An address and what to be told about: a question (from a search that found nothing or
    a tip) or a category's weekly digest."""

    email = forms.EmailField(
        label="你的邮箱",
        max_length=254,
        error_messages={
            "required": "请填写邮箱地址。",
            "invalid": "这不是有效的邮箱地址，请检查是否漏了 @ 或写错了域名。",
        },
        help_text="只用于告知结果；确认前不会保存地址，随时可以一键退订",
    )
    query = forms.CharField(label="想知道的说法", required=False, max_length=QUERY_MAX_LENGTH)
    category = forms.ModelChoiceField(
        label="或订阅分类每周摘要",
        queryset=None,
        required=False,
        to_field_name="slug",
        empty_label="（不订阅分类）",
    )
    website = honeypot_field()

    def __init__(self, *args, **kwargs):
        from .models import Category

        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = Category.objects.all()

    def clean_email(self):
        email = self.cleaned_data["email"].strip()
        domain = email.rsplit("@", 1)[-1].casefold()
        if domain in THROWAWAY_DOMAINS:
            raise forms.ValidationError(
                "这是临时邮箱，几天后就收不到信了：请留一个你常用的邮箱。", code="throwaway"
            )
        return email

    def clean_query(self):
        query = clean_public_text(self.cleaned_data.get("query", "")).strip()
        if query and not prep.words(query):
            raise forms.ValidationError("请写下你想知道真假的说法。", code="empty_query")
        return query

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not cleaned.get("query") and not cleaned.get("category"):
            raise forms.ValidationError("请写下想知道的说法，或选择一个分类。", code="nothing")
        return cleaned
