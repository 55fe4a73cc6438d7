"""Factories for the page tree (wagtail-factories), shared by every test package."""

import factory
import wagtail_factories

from campaigns.models import CampaignIndexPage
from cms.models import HomePage, StandardPage
from debunk.models import RebuttalIndexPage
from video.models import VideoSeriesIndexPage


class HomePageFactory(wagtail_factories.PageFactory):
    title = "清源辟谣平台"
    slug = "home"
    intro = "网络谣言早发现、早求证、早澄清。"

    class Meta:
        model = HomePage


class StandardPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"普通页面{n}")
    intro = "说明文字"
    show_in_menus = True

    class Meta:
        model = StandardPage


class RebuttalIndexPageFactory(wagtail_factories.PageFactory):
    title = "捉谣记"
    slug = "rumours"
    show_in_menus = True

    class Meta:
        model = RebuttalIndexPage


class VideoSeriesIndexPageFactory(wagtail_factories.PageFactory):
    title = "征视频"
    slug = "videos"
    show_in_menus = True

    class Meta:
        model = VideoSeriesIndexPage


class CampaignIndexPageFactory(wagtail_factories.PageFactory):
    title = "活动专区"
    slug = "campaigns"
    show_in_menus = True

    class Meta:
        model = CampaignIndexPage
