"""Platform embeds: URL patterns -> player URLs and click-to-load markup, with no network."""

import socket

from django.core.exceptions import ValidationError

from wagtail.embeds.embeds import get_embed

import pytest

from cms.models import StandardPage
from video.embeds import parse_video_url, render_facade


@pytest.fixture
def no_network(monkeypatch):
    """Any attempt to open a connection fails the test: the finders must work offline."""

    def refuse(*args, **kwargs):
        raise AssertionError(f"network access attempted: {args}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


@pytest.mark.parametrize(
    ("page_url", "player_url"),
    [
        (
            "https://www.bilibili.com/video/BV1GJ411x7h7",
            "https://player.bilibili.com/player.html?bvid=BV1GJ411x7h7&autoplay=1&isOutside=true",
        ),
        (
            "https://www.bilibili.com/video/BV1GJ411x7h7/?spm_id_from=333&p=3",
            "https://player.bilibili.com/player.html?bvid=BV1GJ411x7h7&page=3&autoplay=1&isOutside=true",
        ),
        (
            "https://m.bilibili.com/video/av170001",
            "https://player.bilibili.com/player.html?aid=170001&autoplay=1&isOutside=true",
        ),
        (
            "https://v.qq.com/x/cover/mzc00200016zk9d/k0044xauzt4.html",
            "https://v.qq.com/txp/iframe/player.html?vid=k0044xauzt4&autoplay=true",
        ),
        (
            "https://v.qq.com/x/page/e0887umbbap.html",
            "https://v.qq.com/txp/iframe/player.html?vid=e0887umbbap&autoplay=true",
        ),
        (
            "https://v.youku.com/v_show/id_XNDc4MzY3NjYwOA==.html?spm=a2h0c",
            "https://player.youku.com/embed/XNDc4MzY3NjYwOA==?autoplay=true",
        ),
        (
            "https://www.douyin.com/video/7146408143612123456",
            "https://open.douyin.com/player/video?vid=7146408143612123456&autoplay=1",
        ),
    ],
)
def test_page_urls_become_player_urls(page_url, player_url):
    assert parse_video_url(page_url).player_url == player_url


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("javascript:alert(1)", "视频链接必须以 https:// 或 http:// 开头。"),
        ("JavaScript://www.bilibili.com/video/BV1GJ411x7h7", "必须以 https://"),
        ("data:text/html,<script>alert(1)</script>", "必须以 https://"),
        ("https://evil.example.com/video/BV1GJ411x7h7", "不支持该视频平台（evil.example.com）"),
        ("https://bilibili.com.evil.example/video/BV1GJ411x7h7", "不支持该视频平台"),
        ("https://b23.tv/abc123", "暂不支持哔哩哔哩短链接"),
        ("https://www.bilibili.com/read/cv123", "无法从该地址识别哔哩哔哩视频"),
        ("https://v.qq.com/x/cover/mzc00200016zk9d.html", "请打开具体某一集"),
        ("", "必须以 https://"),
    ],
)
def test_bad_urls_get_a_clear_message(url, message):
    with pytest.raises(ValidationError) as caught:
        parse_video_url(url)
    assert message in caught.value.messages[0]


def test_unknown_hosts_list_the_supported_platforms():
    with pytest.raises(ValidationError) as caught:
        parse_video_url("https://www.example.org/watch?v=1")
    assert caught.value.messages[0].endswith("目前支持：哔哩哔哩、腾讯视频、优酷、抖音。")


def test_facade_loads_nothing_from_the_platform_until_play():
    video = parse_video_url("https://www.bilibili.com/video/BV1GJ411x7h7")
    html = render_facade(video, title="板蓝根", poster_url="/media/poster.jpg")

    assert "<iframe" not in html and "<script" not in html
    assert 'data-embed-src="https://player.bilibili.com/player.html?bvid=BV1GJ411x7h7' in html
    assert '<button type="button" class="embed-facade__play">' in html
    assert 'src="/media/poster.jpg"' in html  # our own poster, not the platform's thumbnail
    assert 'href="https://www.bilibili.com/video/BV1GJ411x7h7"' in html  # works without JS
    assert "点击播放后才会连接哔哩哔哩" in html


def test_portrait_platforms_get_a_portrait_player():
    html = render_facade(parse_video_url("https://www.douyin.com/video/7146408143612123456"))
    assert "embed-facade--portrait" in html


@pytest.mark.django_db
def test_wagtail_embed_finder_serves_platform_urls_offline(no_network):
    embed = get_embed("https://v.qq.com/x/page/e0887umbbap.html")

    assert embed.provider_name == "腾讯视频"
    assert embed.type == "video"
    assert "embed-facade" in embed.html and "<iframe" not in embed.html


@pytest.mark.django_db
def test_embed_block_in_a_page_body_renders_the_facade(client, home_page, no_network):
    page = StandardPage(
        title="视频说明",
        slug="video-note",
        body=[{"type": "embed", "value": "https://www.bilibili.com/video/BV1GJ411x7h7"}],
    )
    home_page.add_child(instance=page)

    html = client.get("/video-note/").content.decode()

    assert 'class="embed-facade"' in html
    assert "<iframe" not in html
    assert "embed-facade.js" in html
