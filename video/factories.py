"""Factories for video pages (wagtail-factories, a dev dependency), for tests."""

import factory
import wagtail_factories

from .models import (
    VideoEpisodePage,
    VideoEpisodeRebuttal,
    VideoSeriesIndexPage,
    VideoSeriesPage,
)


class VideoSeriesIndexPageFactory(wagtail_factories.PageFactory):
    title = "征视频"
    slug = "videos"
    show_in_menus = True

    class Meta:
        model = VideoSeriesIndexPage


class VideoSeriesPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"辟谣短视频系列{n}")
    slug = factory.Sequence(lambda n: f"series-{n}")
    tagline = "每集一分钟，讲清一条谣言。"
    credit = "出品：清源县融媒体中心"

    class Meta:
        model = VideoSeriesPage


class VideoEpisodePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"第{n}条谣言的真相")
    slug = factory.Sequence(lambda n: f"episode-{n}")
    episode_number = factory.Sequence(lambda n: n + 1)
    summary = "网传消息不实，专家解释了原因。"
    embed_url = "https://www.bilibili.com/video/BV1GJ411x7h7"
    duration_seconds = 65

    class Meta:
        model = VideoEpisodePage


class VideoEpisodeRebuttalFactory(factory.django.DjangoModelFactory):
    """A link from an episode to a rebuttal it explains (pass page= and rebuttal=)."""

    sort_order = factory.Sequence(lambda n: n)

    class Meta:
        model = VideoEpisodeRebuttal
