import datetime

from wagtail.models import Site

import pytest

from cms.models import SiteSettings
from debunk.models import Category
from debunk.verdicts import Verdict
from tests.debunk.factories import (
    CorrectionFactory,
    EvidenceSourceFactory,
    FactCheckerCreditFactory,
    RebuttalPageFactory,
    RebuttalScreenshotFactory,
    RelatedRebuttalFactory,
)


@pytest.fixture
def column(site_tree):
    return site_tree["rumours"]


@pytest.fixture
def categories(db):
    """The eight categories the data migration seeds, by slug."""
    return {category.slug: category for category in Category.objects.all()}


@pytest.fixture
def organisation(site_tree):
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.organisation_name = "测试县委网信办"
    site_settings.save()
    return site_settings.organisation_name


def add_relations(page, *, sources=1, corrections=1, credits=1, related=1, screenshots=0):
    """Give `page` n of each relation the template shows (related ones are new live pages)."""
    for _ in range(sources):
        EvidenceSourceFactory(page=page)
    for _ in range(corrections):
        CorrectionFactory(page=page)
    for _ in range(credits):
        FactCheckerCreditFactory(page=page)
    for _ in range(related):
        other = RebuttalPageFactory(parent=page.get_parent(), verdict=Verdict.MISLEADING)
        RelatedRebuttalFactory(page=page, rebuttal=other)
    for _ in range(screenshots):
        RebuttalScreenshotFactory(page=page)
    return page


@pytest.fixture
def rebuttal(column, categories, organisation):
    """A complete rebuttal: every field and one of each relation."""
    page = RebuttalPageFactory(
        parent=column,
        title="网传“清源自来水有毒”？假的！",
        slug="tap-water",
        claim_text="紧急通知：明天起全城自来水有毒，千万别喝，赶紧转发给家人！",
        claim_summary="网传清源全城自来水有毒",
        short_answer="县水务局检测显示，自来水各项指标合格，网传消息不实。",
        appearance_urls="https://weibo.example.com/123\nhttps://video.example.com/456",
        first_seen=datetime.date(2025, 2, 27),
        claimant="某微信公众号",
        category=categories["food-safety"],
        region="城关镇",
        published_date=datetime.date(2025, 3, 1),
        attribution="演示内容",
        body=[
            {"type": "markdown", "value": "## 检测结果\n\n**全部合格**。<script>alert(1)</script>"},
            {
                "type": "authority_quote",
                "value": {
                    "text": "出厂水和末梢水均符合国家标准。",
                    "speaker": "清源县水务局",
                    "role": "水质科",
                    "source_url": "https://water.example.gov.cn/notice",
                    "date": "2025-03-01",
                },
            },
        ],
    )
    add_relations(page)
    page.tags.add("自来水", "水质")
    page.save()
    return page
