"""Video platforms readers here use: page URL -> player URL by pattern, with no network call.

Wagtail's oEmbed providers know none of these platforms, and the network may be closed, so
each platform is a set of URL patterns and a player URL template. The player is rendered as a
click-to-load facade: no third-party iframe or script until the reader presses play.
"""

import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, quote, urlencode, urlsplit

from django.core.exceptions import ValidationError
from django.template.loader import render_to_string

from wagtail.embeds.exceptions import EmbedNotFoundException
from wagtail.embeds.finders.base import EmbedFinder


@dataclass(frozen=True)
class Platform:
    key: str
    name: str
    hosts: tuple[str, ...]
    # Each pattern matches the URL's path (plus "?query"); named groups feed `player()`.
    patterns: tuple[re.Pattern, ...]
    player_url: str
    portrait: bool = False
    hint: str = ""

    def player(self, groups: dict[str, str | None]) -> str:
        """The player URL; parameters whose group did not match are left out."""
        base, _, query = self.player_url.partition("?")
        values = Blank({key: value for key, value in groups.items() if value})
        path = base.format_map(
            Blank({key: quote(value, safe="=") for key, value in values.items()})
        )
        params = [(key, template.format_map(values)) for key, template in parse_qsl(query)]
        return f"{path}?{urlencode([(key, value) for key, value in params if value])}"


class Blank(dict):
    def __missing__(self, key):
        return ""


BILIBILI = Platform(
    key="bilibili",
    name="哔哩哔哩",
    hosts=("www.bilibili.com", "bilibili.com", "m.bilibili.com", "player.bilibili.com"),
    patterns=(
        re.compile(r"^/video/(?P<bvid>BV[0-9A-Za-z]{10})/?(?:\?(?:.*&)?p=(?P<page>\d+))?"),
        re.compile(r"^/video/av(?P<aid>\d+)/?(?:\?(?:.*&)?p=(?P<page>\d+))?"),
        re.compile(r"^/player\.html\?(?:.*&)?bvid=(?P<bvid>BV[0-9A-Za-z]{10})"),
    ),
    player_url=(
        "https://player.bilibili.com/player.html?bvid={bvid}&aid={aid}&page={page}"
        "&autoplay=1&isOutside=true"
    ),
    hint="例如 https://www.bilibili.com/video/BV1xx411c7mD",
)

TENCENT = Platform(
    key="tencent",
    name="腾讯视频",
    hosts=("v.qq.com", "m.v.qq.com"),
    patterns=(
        re.compile(r"^/x/cover/[0-9a-z]+/(?P<vid>[0-9a-z]{11})\.html"),
        re.compile(r"^/x/page/(?P<vid>[0-9a-z]{11})\.html"),
        re.compile(r"^/txp/iframe/player\.html\?(?:.*&)?vid=(?P<vid>[0-9a-z]{11})"),
    ),
    player_url="https://v.qq.com/txp/iframe/player.html?vid={vid}&autoplay=true",
    hint="请打开具体某一集，例如 https://v.qq.com/x/page/a0012abcdef.html",
)

YOUKU = Platform(
    key="youku",
    name="优酷",
    hosts=("v.youku.com", "player.youku.com"),
    patterns=(
        re.compile(r"^/v_show/id_(?P<vid>X[0-9A-Za-z]+={0,2})\.html"),
        re.compile(r"^/embed/(?P<vid>X[0-9A-Za-z]+={0,2})"),
    ),
    player_url="https://player.youku.com/embed/{vid}?autoplay=true",
    hint="例如 https://v.youku.com/v_show/id_XNDc4MzY3NjYwOA==.html",
)

DOUYIN = Platform(
    key="douyin",
    name="抖音",
    hosts=("www.douyin.com", "douyin.com", "www.iesdouyin.com", "open.douyin.com"),
    patterns=(
        re.compile(r"^/video/(?P<vid>\d{15,20})"),
        re.compile(r"^/share/video/(?P<vid>\d{15,20})"),
        re.compile(r"^/player/video\?(?:.*&)?vid=(?P<vid>\d{15,20})"),
    ),
    player_url="https://open.douyin.com/player/video?vid={vid}&autoplay=1",
    portrait=True,
    hint="例如 https://www.douyin.com/video/7146408143612123456",
)

PLATFORMS = (BILIBILI, TENCENT, YOUKU, DOUYIN)
# Short links need a request to resolve; the editor can paste the full address instead.
SHORT_LINK_HOSTS = {"b23.tv": BILIBILI, "v.douyin.com": DOUYIN}


@dataclass(frozen=True)
class PlatformVideo:
    platform: Platform
    page_url: str
    player_url: str

    @property
    def platform_name(self) -> str:
        return self.platform.name


def supported_platform_names() -> str:
    return "、".join(platform.name for platform in PLATFORMS)


def player_origins() -> list[str]:
    """Where the platforms' players are framed from (the Content-Security-Policy's frame-src)."""
    origins = (urlsplit(platform.player_url) for platform in PLATFORMS)
    return list(dict.fromkeys(f"{parts.scheme}://{parts.netloc}" for parts in origins))


def platform_for_host(host: str) -> Platform | None:
    return next((p for p in PLATFORMS if host in p.hosts), None)


def parse_video_url(url: str) -> PlatformVideo:
    """The platform video a page URL points at, or a ValidationError that says what to fix."""
    url = (url or "").strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise ValidationError("视频链接必须以 https:// 或 http:// 开头。", code="scheme")
    host = (parts.hostname or "").lower()
    if host in SHORT_LINK_HOSTS:
        name = SHORT_LINK_HOSTS[host].name
        raise ValidationError(
            f"暂不支持{name}短链接，请在浏览器中打开后复制完整的视频页地址。", code="short_link"
        )
    platform = platform_for_host(host)
    if platform is None:
        raise ValidationError(
            f"不支持该视频平台（{host or '无效地址'}）。目前支持：{supported_platform_names()}。",
            code="unknown_host",
        )
    target = parts.path + (f"?{parts.query}" if parts.query else "")
    for pattern in platform.patterns:
        match = pattern.match(target)
        if match:
            return PlatformVideo(platform, url, platform.player(match.groupdict()))
    raise ValidationError(
        f"无法从该地址识别{platform.name}视频。{platform.hint}", code="unknown_pattern"
    )


def validate_video_url(url: str) -> None:
    parse_video_url(url)


def render_facade(video: PlatformVideo, *, title: str = "", poster_url: str = "") -> str:
    """The click-to-load player: a local poster and a button; the iframe comes on click."""
    return render_to_string(
        "video/includes/embed_facade.html",
        {"video": video, "title": title, "poster_url": poster_url},
    )


class PlatformEmbedFinder(EmbedFinder):
    """Wagtail embed finder (WAGTAILEMBEDS_FINDERS) for the platforms above, offline."""

    def accept(self, url):
        try:
            parse_video_url(url)
        except ValidationError:
            return False
        return True

    def find_embed(self, url, max_width=None, max_height=None):
        try:
            video = parse_video_url(url)
        except ValidationError as error:
            raise EmbedNotFoundException(error.messages[0]) from error
        return {
            "title": "",
            "author_name": "",
            "provider_name": video.platform.name,
            "type": "video",
            "thumbnail_url": "",
            # No width/height: the facade keeps its own aspect ratio.
            "width": None,
            "height": None,
            "html": render_facade(video),
        }
