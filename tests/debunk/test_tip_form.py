"""我要求证: the reader pastes a message, sees the closest rebuttals, and either opens one (an
answered-by-search outcome) or sends the tip. Bad input and abuse get a clear message and
nothing is stored."""

import io
import os
import re
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

import pytest
from PIL import Image

from debunk.models import RebuttalPage, Tip, TipMatch, TipPriority, TipStatus

from .conftest import RUMOURS

pytestmark = pytest.mark.django_db

WATER_CLAIM = RUMOURS["tap-water"][1]
CHANGED_WATER = "紧急通知：明天起全县自来水有毒，千万不要喝，赶紧转发给亲人！"


def png_bytes(size=(40, 30), colour=(200, 30, 30), exif: bytes | None = None) -> bytes:
    buffer = io.BytesIO()
    image = Image.new("RGB", size, colour)
    if exif is not None:
        image.save(buffer, format="JPEG", exif=exif)
    else:
        image.save(buffer, format="PNG")
    return buffer.getvalue()


def details(form_token, **overrides):
    data = {
        "text": CHANGED_WATER,
        "seen_on": "wechat_group",
        "link": "",
        "township": "城关镇",
        "email": "",
        "started": form_token(),
        "website": "",
    }
    data.update(overrides)
    return data


def check(client, text, form_token):
    return client.post(reverse("debunk:check"), {"text": text, "started": form_token()})


# -- the two steps --------------------------------------------------------------------------


def test_every_page_links_to_the_form(client, site_tree):
    html = client.get("/").content.decode()
    assert html.count(f'href="{reverse("debunk:ask")}"') >= 2  # header and footer
    assert f'href="{reverse("debunk:informant_home")}"' in html


def test_the_first_step_asks_for_the_message(client, site_tree):
    response = client.get(reverse("debunk:ask"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "收到的消息" in html and 'name="started"' in html
    assert 'class="form__hp"' in html  # the honeypot, off screen
    assert response["Cache-Control"].startswith("max-age=0")


def test_checking_shows_the_closest_rebuttals_and_stores_nothing(client, rumours, form_token):
    response = check(client, CHANGED_WATER, form_token)
    html = response.content.decode()
    assert response.status_code == 200
    assert "这些是不是你要找的？" in html
    titles = re.findall(r'class="tip-match__title" type="submit">([^<]+)<', html)
    assert titles[0] == RUMOURS["tap-water"][0]
    assert "就是这条，看辟谣" in html
    # The details form comes with the message already in it.
    assert CHANGED_WATER in html
    assert Tip.objects.count() == 0


def test_nothing_close_says_so_and_offers_the_form(client, rumours, form_token):
    html = check(client, "镇上的菜市场明天要搬到河边去了吗？", form_token).content.decode()
    assert "还没有找到相关的辟谣" in html
    assert "提交求证" in html


def found_form(html: str) -> dict:
    token = re.search(r'name="token" value="([^"]+)"', html).group(1)
    rebuttal = re.search(r'name="rebuttal" value="(\d+)"', html).group(1)
    return {"token": token, "rebuttal": rebuttal}


def test_choosing_a_rebuttal_opens_it_and_records_an_answered_by_search_tip(
    client, rumours, form_token
):
    water = rumours["tap-water"]
    form = found_form(check(client, CHANGED_WATER, form_token).content.decode())
    response = client.post(reverse("debunk:found"), form)
    assert response.status_code == 302
    assert response["Location"] == water.url

    tip = Tip.objects.get()
    assert tip.answered_by_search and tip.status == TipStatus.ANSWERED
    assert tip.rebuttal_id == water.pk and tip.answered_at is not None
    assert tip.text == CHANGED_WATER and tip.email == ""
    assert tip.matches.first().rebuttal_id == water.pk
    water.refresh_from_db()
    assert water.resurfaced_count == 1  # counted once, although both rules apply
    # Sending the same choice again opens the rebuttal but records nothing more.
    again = client.post(reverse("debunk:found"), form)
    assert again.status_code == 302 and Tip.objects.count() == 1


def test_choices_over_the_rate_limit_open_the_rebuttal_without_being_recorded(
    client, rumours, form_token, settings
):
    settings.TIPS_PER_IP = 1
    first = found_form(check(client, CHANGED_WATER, form_token).content.decode())
    second = found_form(check(client, CHANGED_WATER + "！", form_token).content.decode())
    assert client.post(reverse("debunk:found"), first).status_code == 302
    response = client.post(reverse("debunk:found"), second)
    assert response.status_code == 302 and response["Location"] == rumours["tap-water"].url
    assert Tip.objects.count() == 1


def test_a_forged_or_foreign_choice_stores_nothing(client, rumours, form_token):
    form = found_form(check(client, CHANGED_WATER, form_token).content.decode())
    forged = client.post(reverse("debunk:found"), {**form, "token": form["token"] + "x"})
    assert forged.status_code == 400
    assert "页面已过期" in forged.content.decode()
    not_shown = rumours["iodine-salt"].pk
    other = client.post(reverse("debunk:found"), {**form, "rebuttal": str(not_shown)})
    assert other.status_code == 302 and other["Location"] == reverse("debunk:ask")
    assert Tip.objects.count() == 0


def test_sending_stores_the_tip_with_its_matches(client, rumours, form_token):
    response = client.post(reverse("debunk:send"), details(form_token, email="reader@example.org"))
    assert response.status_code == 302 and response["Location"] == reverse("debunk:thanks")
    tip = Tip.objects.get()
    assert tip.status == TipStatus.NEW and not tip.from_informant
    assert tip.township == "城关镇" and tip.seen_on == "wechat_group"
    matches = list(tip.matches.select_related("rebuttal"))
    assert matches[0].rebuttal.slug == "tap-water" and matches[0].similarity >= 0.6
    # A close match: probably answered already, so lower priority, and counted as resurfacing.
    assert tip.priority == TipPriority.LOW
    assert RebuttalPage.objects.get(slug="tap-water").resurfaced_count == 1

    thanks = client.get(response["Location"]).content.decode()
    assert "发到你留下的邮箱" in thanks
    assert "reader@example.org" not in thanks  # contact details never leave the admin


def test_a_new_rumour_keeps_normal_priority_and_counts_nowhere(client, rumours, form_token):
    data = details(form_token, text="听说河西镇的菜市场猪肉注水，一斤能多出二两水")
    client.post(reverse("debunk:send"), data)
    tip = Tip.objects.get()
    assert tip.priority == TipPriority.NORMAL and not tip.counted_as_resurfacing
    assert sum(RebuttalPage.objects.values_list("resurfaced_count", flat=True)) == 0


# -- bad input ---------------------------------------------------------------------------------

BAD_TEXTS = {
    "empty": ("", "请粘贴或输入你收到的消息内容"),
    "whitespace": ("   \n\t  ", "请粘贴或输入你收到的消息内容"),
    "invisible": ("\u3000\u200b\u3000 \ufeff", "请粘贴或输入你收到的消息内容"),
    "javascript": ("javascript:alert(document.cookie)", "javascript: 或 data: 开头"),
    "javascript-spaced": ("  JavaScript : alert(1)", "javascript: 或 data: 开头"),
    "data": ("data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", "javascript: 或 data:"),
    "only-a-link": ("https://example.com/some/article", "只有一个链接"),
    "thousands": ("谣" * 5000, "消息太长了（5000 字）"),
    "markup": ('<script>alert(1)</script><a href="x">点我</a>', "请不要输入网页代码"),
    "no-words": ("😀😀！！？？……", "没有可以核查的文字"),
}


@pytest.mark.parametrize("case", BAD_TEXTS, ids=list(BAD_TEXTS))
def test_bad_messages_are_refused_at_both_steps(client, site_tree, form_token, case):
    text, message = BAD_TEXTS[case]
    checked = check(client, text, form_token)
    assert checked.status_code == 400
    assert message in checked.content.decode()
    sent = client.post(reverse("debunk:send"), details(form_token, text=text))
    assert sent.status_code == 400
    assert message in sent.content.decode()
    assert Tip.objects.count() == 0


@pytest.mark.parametrize(
    "text",
    [
        "群里说如果x<y，那么y>x，考试就能过，是真的吗",
        "有人说 a<b 和 b>c，所以这个药最管用",
        "网传通知里写着 &lt;紧急&gt; 明天全县停水",
        "AT&T 的 5G 信号<3 格就会致癌？",
    ],
)
def test_comparisons_and_entities_are_text_and_stored_as_typed(client, site_tree, form_token, text):
    assert check(client, text, form_token).status_code == 200
    response = client.post(reverse("debunk:send"), details(form_token, text=text))
    assert response.status_code == 302
    assert Tip.objects.get().text == text


def test_a_tag_in_the_message_is_refused_with_the_message(client, site_tree, form_token):
    response = check(client, "网传<b>紧急通知</b>：明天停水", form_token)
    assert response.status_code == 400
    assert (
        "请不要输入网页代码或脚本（如 &lt;script&gt;、&lt;a&gt; 这样的标签），只写文字即可。"
        in (response.content.decode())
    )


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("link", "javascript:alert(1)", "请填写以 http:// 或 https:// 开头的网址"),
        ("link", "data:text/html,hi", "请填写以 http:// 或 https:// 开头的网址"),
        ("email", "not-an-address", "邮箱格式不对"),
        ("township", "<b>城关镇</b>", "请不要输入网页代码"),
        ("township", "镇" * 31, "名称最多 30 个字，现在是 31 个字"),
        ("seen_on", "carrier-pigeon", "选择一个有效的选项"),
    ],
)
def test_bad_details_are_refused(client, site_tree, form_token, field, value, message):
    response = client.post(reverse("debunk:send"), details(form_token, **{field: value}))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Tip.objects.count() == 0


def test_sending_too_fast_is_refused_with_a_message(client, site_tree, form_token):
    response = client.post(reverse("debunk:send"), details(form_token, started=form_token(0)))
    assert response.status_code == 400
    assert "提交得太快了" in response.content.decode()
    assert Tip.objects.count() == 0
    # The same form a little later goes through.
    again = client.post(reverse("debunk:send"), details(form_token, started=form_token(10)))
    assert again.status_code == 302 and Tip.objects.count() == 1


def test_a_missing_or_forged_form_token_is_refused(client, site_tree, form_token):
    for token in ["", "abc:def", form_token(60) + "0"]:
        response = client.post(reverse("debunk:send"), details(form_token, started=token))
        assert response.status_code == 400
        assert "页面停留太久或已失效" in response.content.decode()
    assert Tip.objects.count() == 0


def test_the_honeypot_drops_bots_quietly(client, site_tree, form_token):
    response = client.post(
        reverse("debunk:send"), details(form_token, website="http://spam.example")
    )
    assert response.status_code == 302 and response["Location"] == reverse("debunk:thanks")
    assert Tip.objects.count() == 0


def test_csrf_is_required(site_tree, form_token):
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(reverse("debunk:send"), details(form_token))
    assert response.status_code == 403
    assert "提交未成功" in response.content.decode()
    assert Tip.objects.count() == 0


def test_the_rate_limit_counts_per_client_address(client, site_tree, form_token, settings):
    settings.TIPS_PER_IP = 2
    settings.TRUSTED_PROXY_COUNT = 1
    same = {"HTTP_X_FORWARDED_FOR": "203.0.113.7"}
    for number in range(2):
        data = details(form_token, text=f"第{number}条：听说镇上的井水不能喝了")
        assert client.post(reverse("debunk:send"), data, **same).status_code == 302
    refused = client.post(
        reverse("debunk:send"), details(form_token, text="第三条：听说学校要放假"), **same
    )
    html = refused.content.decode()
    assert refused.status_code == 429
    assert "提交太频繁了" in html and "你填写的内容没有保存" in html
    assert "第三条：听说学校要放假" in html  # what was typed is put back
    assert 0 < int(refused["Retry-After"]) <= settings.TIPS_WINDOW_SECONDS
    other = client.post(
        reverse("debunk:send"),
        details(form_token, text="另一个网络：听说学校要放假"),
        HTTP_X_FORWARDED_FOR="198.51.100.2",
    )
    assert other.status_code == 302
    assert Tip.objects.count() == 3


# -- screenshots -------------------------------------------------------------------------------


def upload(name: str, content: bytes, content_type: str = "image/png"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def test_a_real_screenshot_is_kept_privately_without_its_metadata(client, site_tree, form_token):
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x8825] = {2: (31, 14, 0)}  # GPSInfo: where the photo was taken
    jpeg = png_bytes(size=(64, 48), exif=exif.tobytes())
    data = details(form_token, screenshot=upload("微信截图.jpg", jpeg, "image/jpeg"))
    assert client.post(reverse("debunk:send"), data).status_code == 302

    tip = Tip.objects.get()
    path = Path(tip.screenshot.path)
    assert path.is_file()
    assert str(path).startswith(str(settings.PRIVATE_MEDIA_ROOT))
    assert not str(path).startswith(str(settings.MEDIA_ROOT))
    assert "微信截图" not in tip.screenshot.name  # the sender's file name is not kept
    with Image.open(path) as stored:
        assert stored.size == (64, 48)
        assert not stored.getexif()


FAKE_IMAGES = {
    "text-renamed": ("notes.png", b"this is not an image at all", "image/png"),
    "truncated-png": ("shot.png", png_bytes()[:60], "image/png"),
    "svg-with-script": (
        "shot.png",
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        "image/png",
    ),
    "html": ("shot.jpg", b"<html><body><script>alert(1)</script></body></html>", "image/jpeg"),
    "bmp": ("shot.bmp", None, "image/bmp"),
}


@pytest.mark.parametrize("case", FAKE_IMAGES, ids=list(FAKE_IMAGES))
def test_fake_images_are_refused(client, site_tree, form_token, case):
    name, content, content_type = FAKE_IMAGES[case]
    if content is None:
        buffer = io.BytesIO()
        Image.new("RGB", (10, 10)).save(buffer, format="BMP")
        content = buffer.getvalue()
    data = details(form_token, screenshot=upload(name, content, content_type))
    response = client.post(reverse("debunk:send"), data)
    html = response.content.decode()
    assert response.status_code == 400
    assert "不是有效的图片" in html or "只接受 JPG、PNG、GIF 或 WebP" in html
    assert Tip.objects.count() == 0


def test_a_screenshot_over_the_size_limit_is_refused(client, site_tree, form_token, settings):
    settings.TIPS_SCREENSHOT_MAX_MB = 1
    noise = Image.frombytes("RGB", (800, 800), os.urandom(800 * 800 * 3))
    buffer = io.BytesIO()
    noise.save(buffer, format="PNG")
    assert buffer.tell() > 1024 * 1024
    data = details(form_token, screenshot=upload("big.png", buffer.getvalue()))
    response = client.post(reverse("debunk:send"), data)
    assert response.status_code == 400
    assert "图片太大：最大 1 MB" in response.content.decode()
    assert Tip.objects.count() == 0


def test_screenshots_are_not_reachable_without_an_admin_login(client, site_tree, form_token):
    data = details(form_token, screenshot=upload("shot.png", png_bytes()))
    client.post(reverse("debunk:send"), data)
    tip = Tip.objects.get()
    response = client.get(reverse("debunk_tip_screenshot", args=[tip.pk]))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    media_guess = client.get(settings.MEDIA_URL + tip.screenshot.name)
    assert media_guess.status_code == 404


def test_matches_are_stored_once_per_rebuttal(client, rumours, form_token):
    client.post(reverse("debunk:send"), details(form_token, text=WATER_CLAIM))
    assert TipMatch.objects.filter(rebuttal__slug="tap-water").count() == 1
