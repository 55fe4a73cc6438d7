"""core.protection, the shared guard of public forms: images checked by opening them, the
signed fill-time token, the text cleaning."""

import io
import time

from django import forms
from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile

import pytest
from PIL import Image

from core import protection


def encoded(image: Image.Image, image_format: str, **options) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    image.save(buffer, format=image_format, **options)
    return SimpleUploadedFile(f"shot.{image_format.lower()}", buffer.getvalue())


def test_an_animated_gif_keeps_its_first_frame_as_png():
    frames = [Image.new("P", (20, 10), colour) for colour in (1, 2, 3)]
    buffer = io.BytesIO()
    frames[0].save(buffer, format="GIF", save_all=True, append_images=frames[1:])
    checked = protection.check_image(SimpleUploadedFile("a.gif", buffer.getvalue()), 5)
    assert checked.format == "PNG" and (checked.width, checked.height) == (20, 10)
    assert checked.file.name == "a.png" and checked.file.content_type == "image/png"


@pytest.mark.parametrize(
    ("mode", "image_format", "expected"),
    [
        ("RGB", "JPEG", "JPEG"),
        ("RGB", "WEBP", "WEBP"),
        ("RGBA", "PNG", "PNG"),
        ("CMYK", "JPEG", "JPEG"),
    ],
)
def test_real_images_are_re_encoded_in_a_safe_format(mode, image_format, expected):
    upload = encoded(Image.new(mode, (30, 20)), image_format)
    checked = protection.check_image(upload, 5)
    assert checked.format == expected
    with Image.open(checked.file) as reopened:
        assert reopened.format == expected and reopened.size == (30, 20)


def test_too_many_pixels_are_refused_before_decoding(monkeypatch):
    monkeypatch.setattr(protection, "IMAGE_MAX_PIXELS", 100)
    with pytest.raises(forms.ValidationError) as refused:
        protection.check_image(encoded(Image.new("RGB", (20, 20)), "PNG"), 5)
    assert refused.value.code == "too_many_pixels"
    assert "20×20" in refused.value.messages[0]


def test_the_fill_time_token_is_signed_and_ages(monkeypatch):
    token = protection.form_started_token()
    assert 0 <= protection.seconds_since_started(token) < 5
    old = signing.dumps(time.time() - 90, salt=protection.FORM_TOKEN_SALT)
    assert 89 < protection.seconds_since_started(old) < 95
    later = time.time() + 120
    monkeypatch.setattr(signing.time, "time", lambda: later)
    assert protection.seconds_since_started(token, max_age=60) is None  # a form left for long
    monkeypatch.undo()
    assert protection.seconds_since_started(token[:-2] + "xx") is None  # tampered
    other_salt = signing.dumps(time.time() - 90, salt="something-else")
    assert protection.seconds_since_started(other_salt) is None
    assert (
        protection.seconds_since_started(signing.dumps("soon", salt=protection.FORM_TOKEN_SALT))
        is None
    )


def test_public_text_refuses_markup_and_keeps_plain_text():
    assert protection.clean_public_text("1 < 2 且 AT&T 很好 <3") == "1 < 2 且 AT&T 很好 <3"
    with pytest.raises(forms.ValidationError) as refused:
        protection.clean_public_text("<<script>script>alert(1)<</script>/script>")
    assert refused.value.messages == [protection.MARKUP_ERROR]


@pytest.mark.parametrize(
    "typed",
    ["x<y", "a<b 和 b>c", "如果x<y，那么y>x", "&lt;", "1 &lt; 2 &gt; 0", "AT&amp;T"],
)
def test_public_text_refuses_tags_not_characters(typed):
    assert protection.clean_public_text(f"  {typed}\r\n") == typed


@pytest.mark.parametrize(
    "typed", ["<b>城关镇</b>", "<br>", "注意</p>", "<!-- 注释 -->", "<a href=x>"]
)
def test_public_text_with_a_tag_is_refused_with_the_message(typed):
    with pytest.raises(forms.ValidationError) as refused:
        protection.clean_public_text(typed)
    assert refused.value.messages == [protection.MARKUP_ERROR]
    assert refused.value.code == "markup"


@pytest.mark.django_db
def test_a_nul_character_in_an_admin_request_is_a_400(client, admin_client):
    for response in (
        admin_client.get("/admin/snippets/debunk/tip/edit/1\x00/"),
        admin_client.get("/admin/snippets/debunk/tip/", {"status": "new\x00"}),
        admin_client.post("/admin/snippets/debunk/tip/", {"q\x00": "x"}),
    ):
        assert response.status_code == 400
        assert "不允许的字符" in response.content.decode()
    # Readers' pages clean such input themselves and answer as usual.
    assert client.get("/search/", {"q": "谣言\x00"}).status_code == 200
