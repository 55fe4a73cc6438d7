from .media import ProbeStatus, VideoMedia
from .pages import (
    VideoEpisodePage,
    VideoEpisodeRebuttal,
    VideoEpisodeTag,
    VideoSeriesIndexPage,
    VideoSeriesPage,
    VideoSubtitle,
)

__all__ = [
    "ProbeStatus",
    "VideoEpisodePage",
    "VideoEpisodeRebuttal",
    "VideoEpisodeTag",
    "VideoMedia",
    "VideoSeriesIndexPage",
    "VideoSeriesPage",
    "VideoSubtitle",
]
