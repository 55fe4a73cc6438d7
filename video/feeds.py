"""RSS 2.0 feed of a series' episodes, newest first, with the uploaded video as the enclosure."""

import mimetypes

from django.utils.feedgenerator import Enclosure

from core.dates import start_of_day
from core.feeds import PageFeed

FEED_LENGTH = 50


class SeriesFeed(PageFeed):
    item_guid_is_permalink = True

    def description(self):
        return self.page.tagline or self.page.search_description or self.page.title

    def author_name(self):
        return self.page.credit or None

    def items(self):
        return self.page.episodes().order_by("-published_on", "-episode_number")[:FEED_LENGTH]

    def item_title(self, episode):
        return f"第{episode.episode_number}集 {episode.title}"

    def item_description(self, episode):
        return episode.summary

    def item_pubdate(self, episode):
        return start_of_day(episode.published_on)

    def item_enclosures(self, episode):
        if not (episode.media_id and episode.media):
            return []  # an embedded episode has no file to enclose
        media = episode.media
        return [
            Enclosure(
                self.request.build_absolute_uri(media.url),
                str(media.file_size or 0),
                mimetypes.guess_type(media.filename)[0] or "video/mp4",
            )
        ]
