"""Factories for campaigns, their posts and public submissions (wagtail-factories, a dev
dependency), for tests."""

import datetime

import factory
import wagtail_factories

from .models import (
    CampaignIndexPage,
    CampaignPage,
    CampaignPostPage,
    CampaignSubmission,
    site_today,
)


def days_from_today(days: int) -> datetime.date:
    return site_today() + datetime.timedelta(days=days)


class CampaignIndexPageFactory(wagtail_factories.PageFactory):
    title = "活动专区"
    slug = "campaigns"
    show_in_menus = True

    class Meta:
        model = CampaignIndexPage


class CampaignPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"活动{n}")
    slug = factory.Sequence(lambda n: f"campaign-{n}")
    theme = "崇尚科学 远离谣言"
    slogan = "不信谣 不传谣"
    intro = "线上读书与微视频征集活动"
    start_date = factory.LazyFunction(lambda: days_from_today(-10))
    end_date = factory.LazyFunction(lambda: days_from_today(20))

    class Meta:
        model = CampaignPage


class CampaignPostPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"活动动态{n}")
    slug = factory.Sequence(lambda n: f"post-{n}")
    date = factory.LazyFunction(site_today)
    intro = "活动进展"

    class Meta:
        model = CampaignPostPage


class CampaignSubmissionFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"网友{n}")
    contact = factory.Sequence(lambda n: f"1380000{n:04d}")
    township = "城关镇"
    message = factory.Sequence(lambda n: f"第{n}条留言：不信谣、不传谣。")
    consent = True

    class Meta:
        model = CampaignSubmission
