"""RSS 2.0 feed of a series' episodes, with the uploaded video as the enclosure."""

import mimetypes
from datetime import datetime, time

from django.http import HttpResponse
from django.utils import timezone
from django.utils.feedgenerator import Enclosure, Rss201rev2Feed

FEED_LENGTH = 50


def series_feed(series, request) -> HttpResponse:
    link = request.build_absolute_uri(series.get_url(request))
    feed = Rss201rev2Feed(
        title=series.title,
        link=link,
        description=series.tagline or series.search_description or series.title,
        language="zh-cn",
        feed_url=request.build_absolute_uri(),
        author_name=series.credit or None,
    )
    episodes = series.episodes().order_by("-published_on", "-episode_number")[:FEED_LENGTH]
    for episode in episodes:
        enclosures = []
        if episode.media_id and episode.media:
            media = episode.media
            enclosures.append(
                Enclosure(
                    request.build_absolute_uri(media.url),
                    str(media.file_size or 0),
                    mimetypes.guess_type(media.filename)[0] or "video/mp4",
                )
            )
        published = datetime.combine(
            episode.published_on, time(0), tzinfo=timezone.get_current_timezone()
        )
        feed.add_item(
            title=f"第{episode.episode_number}集 {episode.title}",
            link=request.build_absolute_uri(episode.get_url(request)),
            description=episode.summary,
            pubdate=published,
            unique_id=request.build_absolute_uri(episode.get_url(request)),
            unique_id_is_permalink=True,
            enclosures=enclosures,
            categories=[],
        )
    response = HttpResponse(content_type="application/rss+xml; charset=utf-8")
    feed.write(response, "utf-8")
    return response
