"""Factories for the rumour column, for tests (wagtail-factories and factory_boy are dev
dependencies). Categories are seeded by migration: reuse them by slug."""

import datetime

import factory
import wagtail_factories

from .models import (
    Category,
    Correction,
    EvidenceSource,
    FactCheckerCredit,
    InformantProfile,
    RebuttalIndexPage,
    RebuttalPage,
    RebuttalScreenshot,
    RelatedRebuttal,
    Tip,
)
from .signals import refresh_column_facets
from .verdicts import Verdict


class CategoryFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"测试分类{n}")
    slug = factory.Sequence(lambda n: f"test-category-{n}")

    class Meta:
        model = Category
        django_get_or_create = ("slug",)


class RebuttalIndexPageFactory(wagtail_factories.PageFactory):
    title = "捉谣记"
    slug = "rumours"
    show_in_menus = True

    class Meta:
        model = RebuttalIndexPage


class RebuttalPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"网传某地自来水有毒？假的！（{n}）")
    slug = factory.Sequence(lambda n: f"rebuttal-{n}")
    claim_text = "紧急通知：明天起全城自来水有毒，千万别喝，赶紧转发给家人！"
    claim_summary = factory.Sequence(lambda n: f"网传全城自来水有毒（{n}）")
    verdict = Verdict.FALSE
    short_answer = "县水务局检测显示，自来水各项指标合格，网传消息不实。"
    published_date = factory.Sequence(
        lambda n: datetime.date(2025, 1, 1) + datetime.timedelta(days=n)
    )
    seen_on = factory.LazyFunction(lambda: ["wechat_group", "moments"])

    class Meta:
        model = RebuttalPage
        skip_postgeneration_save = True

    @factory.post_generation
    def column_facets(page, create, extracted, **kwargs):
        """A live page made here counts in its column's filters, as a published one does."""
        if create and page.live:
            refresh_column_facets([page.path[: -page.steplen]])


class EvidenceSourceFactory(factory.django.DjangoModelFactory):
    page = factory.SubFactory(RebuttalPageFactory)
    title = factory.Sequence(lambda n: f"关于自来水水质的情况说明（{n}）")
    authority = "清源县水务局"
    url = factory.Sequence(lambda n: f"https://water.example.gov.cn/notice/{n}")
    date = datetime.date(2025, 3, 1)

    class Meta:
        model = EvidenceSource


class CorrectionFactory(factory.django.DjangoModelFactory):
    page = factory.SubFactory(RebuttalPageFactory)
    date = datetime.date(2025, 3, 5)
    note = "此前误写检测日期为 3 月 2 日，现更正为 3 月 1 日。"

    class Meta:
        model = Correction


class FactCheckerCreditFactory(factory.django.DjangoModelFactory):
    page = factory.SubFactory(RebuttalPageFactory)
    name = factory.Sequence(lambda n: f"核查员{n}")

    class Meta:
        model = FactCheckerCredit


class RelatedRebuttalFactory(factory.django.DjangoModelFactory):
    page = factory.SubFactory(RebuttalPageFactory)

    class Meta:
        model = RelatedRebuttal


class RebuttalScreenshotFactory(factory.django.DjangoModelFactory):
    page = factory.SubFactory(RebuttalPageFactory)
    image = factory.SubFactory(wagtail_factories.ImageFactory)
    caption = "微信群截图"

    class Meta:
        model = RebuttalScreenshot


class TipFactory(factory.django.DjangoModelFactory):
    """A stored tip (as triage.receive would leave it, without matching)."""

    text = factory.Sequence(lambda n: f"听说镇上第{n}个菜市场的猪肉有问题，是真的吗？")
    seen_on = "wechat_group"
    township = "城关镇"

    class Meta:
        model = Tip


class InformantProfileFactory(factory.django.DjangoModelFactory):
    township = "河西镇"
    role = "grid_worker"

    class Meta:
        model = InformantProfile
