"""schema.org VideoObject JSON-LD and Open Graph video tags for an episode page."""

import mimetypes

from core.dates import start_of_day
from video import durations


def absolute(request, url: str) -> str:
    return request.build_absolute_uri(url) if url else ""


def upload_datetime(episode) -> str:
    return start_of_day(episode.published_on).isoformat()


def video_object(episode, request) -> dict:
    """The VideoObject Google and Baidu read: name, description, thumbnail, date, duration, URL."""
    data = {
        "@context": "https://schema.org",
        "@type": "VideoObject",
        "name": episode.title,
        "description": episode.summary or episode.title,
        "uploadDate": upload_datetime(episode),
        "inLanguage": "zh-CN",
        "url": absolute(request, episode.get_url(request)),
    }
    if episode.poster_url:
        data["thumbnailUrl"] = [absolute(request, episode.poster_url)]
    if episode.duration:
        data["duration"] = durations.iso8601(episode.duration)
    if episode.media_id and episode.media:
        data["contentUrl"] = absolute(request, episode.media.url)
        if episode.media.width and episode.media.height:
            data["width"], data["height"] = episode.media.width, episode.media.height
    elif episode.platform_video:
        data["embedUrl"] = episode.platform_video.player_url
    transcript = episode.transcript_text
    if transcript:
        data["transcript"] = transcript
    return data


def open_graph(episode, request) -> list[tuple[str, str]]:
    """og:* properties for share cards (WeChat, Weibo and others read these)."""
    tags = [
        ("og:type", "video.episode"),
        ("og:title", episode.title),
        ("og:description", episode.summary),
        ("og:url", absolute(request, episode.get_url(request))),
        ("og:locale", "zh_CN"),
    ]
    if episode.poster_url:
        tags.append(("og:image", absolute(request, episode.poster_url)))
    if episode.media_id and episode.media:
        media = episode.media
        url = absolute(request, media.url)
        tags += [
            ("og:video", url),
            ("og:video:secure_url", url) if url.startswith("https://") else None,
            ("og:video:type", mimetypes.guess_type(media.filename)[0] or "video/mp4"),
            ("og:video:width", str(media.width or "")),
            ("og:video:height", str(media.height or "")),
        ]
    elif episode.platform_video:
        tags += [
            ("og:video", episode.platform_video.player_url),
            ("og:video:type", "text/html"),
        ]
    if episode.duration:
        tags.append(("video:duration", str(round(episode.duration))))
    return [(name, value) for name, value in filter(None, tags) if value]
