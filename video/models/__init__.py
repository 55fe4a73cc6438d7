from .media import ProbeStatus, VideoMedia
from .pages import (
    VideoEpisodePage,
    VideoEpisodeTag,
    VideoSeriesIndexPage,
    VideoSeriesPage,
    VideoSubtitle,
)

__all__ = [
    "ProbeStatus",
    "VideoEpisodePage",
    "VideoEpisodeTag",
    "VideoMedia",
    "VideoSeriesIndexPage",
    "VideoSeriesPage",
    "VideoSubtitle",
]
