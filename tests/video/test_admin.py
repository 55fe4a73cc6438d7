"""Editors in the Wagtail admin: episodes with subtitle uploads, and every rule on bad input."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wagtail.test.utils.form_data import inline_formset, nested_form_data

import pytest

from video.factories import VideoEpisodePageFactory
from video.models import VideoEpisodePage

pytestmark = pytest.mark.django_db

SRT = (
    "1\n00:00:00,000 --> 00:00:02,000\n网传：隔夜菜会致癌\n\n"
    "2\n00:00:02,000 --> 00:00:04,000\n真相：冷藏得当是安全的\n"
)


def add_url(series):
    return reverse("wagtailadmin_pages:add", args=("video", "videoepisodepage", series.pk))


def episode_form(*, subtitles=(), rebuttals=(), publish=True, **fields):
    data = {
        "title": "隔夜菜会致癌吗",
        "slug": "overnight",
        "episode_number": 1,
        "media": "",
        "embed_url": "https://www.bilibili.com/video/BV1GJ411x7h7",
        "duration_seconds": 90,
        "poster": "",
        "summary": "专家解释隔夜菜的真相。",
        "transcript": "",
        "published_on": "2025-03-08",
        "tags": "食品安全",
        "subtitles": inline_formset(list(subtitles)),
        "rebuttal_links": inline_formset([{"rebuttal": rebuttal.pk} for rebuttal in rebuttals]),
        **fields,
    }
    if publish:
        data["action-publish"] = "publish"
    return nested_form_data(data)


def srt_upload(content: bytes, name="subs.srt"):
    return SimpleUploadedFile(name, content, "application/x-subrip")


def errors_of(response) -> str:
    assert response.status_code == 200, "the form should be shown again with errors"
    return response.content.decode()


def test_editor_publishes_an_episode_with_an_srt_file(admin_client, series, client):
    data = episode_form(
        subtitles=[
            {"upload": srt_upload(SRT.encode()), "language": "zh-Hans", "label": "", "vtt": ""}
        ]
    )

    response = admin_client.post(add_url(series), data)

    assert response.status_code == 302, errors_of(response)[:3000]
    episode = VideoEpisodePage.objects.get(slug="overnight")
    assert episode.live
    track = episode.subtitles.get()
    assert track.vtt.startswith("WEBVTT") and "00:00:02.000 --> 00:00:04.000" in track.vtt
    html = client.get(episode.url).content.decode()
    assert "网传：隔夜菜会致癌，真相：冷藏得当是安全的。" in html  # transcript from the subtitles
    assert [tag.name for tag in episode.tags.all()] == ["食品安全"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            SRT.replace("00:00:02,000 --> 00:00:04,000", "00:00:04,000 --> 00:00:02,000").encode(),
            "结束时间不晚于开始时间",
        ),
        (SRT.encode("gbk"), "不是 UTF-8 编码"),
        (b"\x00\x01 not subtitles", "UTF-16"),
    ],
)
def test_bad_subtitle_files_are_refused_and_nothing_is_stored(
    admin_client, series, content, message
):
    data = episode_form(
        subtitles=[{"upload": srt_upload(content), "language": "zh-Hans", "label": "", "vtt": ""}]
    )

    html = errors_of(admin_client.post(add_url(series), data))

    assert message in html
    assert not VideoEpisodePage.objects.filter(slug="overnight").exists()


def test_a_subtitle_row_needs_a_file_or_text(admin_client, series):
    data = episode_form(subtitles=[{"language": "zh-Hans", "label": "", "vtt": ""}])
    assert "请上传字幕文件。" in errors_of(admin_client.post(add_url(series), data))


@pytest.mark.parametrize(
    ("embed_url", "message"),
    [
        ("javascript:alert(document.cookie)", "视频链接必须以 https:// 或 http:// 开头。"),
        ("https://video.example.com/v/1", "不支持该视频平台（video.example.com）"),
    ],
)
def test_embed_urls_from_unknown_hosts_or_schemes_are_refused(
    admin_client, series, embed_url, message
):
    html = errors_of(admin_client.post(add_url(series), episode_form(embed_url=embed_url)))
    assert message in html
    assert not VideoEpisodePage.objects.exists()


def test_upload_and_link_together_are_refused(admin_client, series, clip, make_media):
    media = make_media(clip)
    html = errors_of(admin_client.post(add_url(series), episode_form(media=media.pk)))
    assert "已选择上传的视频，请清空外部视频链接" in html


def test_a_media_item_that_failed_its_probe_cannot_be_used(
    admin_client, series, truncated_clip, make_media
):
    media = make_media(truncated_clip)
    html = errors_of(admin_client.post(add_url(series), episode_form(media=media.pk, embed_url="")))
    assert "该视频文件无法播放" in html


def test_publishing_needs_a_video_but_a_draft_does_not(admin_client, series):
    html = errors_of(admin_client.post(add_url(series), episode_form(embed_url="")))
    assert "请选择上传的视频，或填写外部视频链接。" in html

    response = admin_client.post(add_url(series), episode_form(embed_url="", publish=False))
    assert response.status_code == 302
    assert not VideoEpisodePage.objects.get(slug="overnight").live


def test_episode_numbers_are_unique_in_a_series(admin_client, series):
    VideoEpisodePageFactory(parent=series, episode_number=1, title="已有的一集")
    html = errors_of(admin_client.post(add_url(series), episode_form()))
    assert "本系列已有第 1 集：《已有的一集》。" in html


def test_the_episode_edit_form_renders(admin_client, uploaded_episode):
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=(uploaded_episode.pk,)))
    html = response.content.decode()
    assert response.status_code == 200
    assert "视频（上传或外部链接二选一）" in html
    assert 'name="subtitles-0-upload"' in html
