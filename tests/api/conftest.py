import datetime

import pytest

from campaigns.factories import CampaignPageFactory, CampaignSubmissionFactory
from debunk.factories import (
    CategoryFactory,
    CorrectionFactory,
    EvidenceSourceFactory,
    RebuttalPageFactory,
    TipFactory,
)
from tests.debunk import conftest as debunk_fixtures
from video.factories import VideoEpisodePageFactory, VideoSeriesPageFactory

# The site's organisation name, as the rumour column's tests set it.
organisation = debunk_fixtures.organisation


def food_category():
    """Seeded by a migration; transactional tests (the live server) flush it, so made again."""
    return CategoryFactory(slug="food-safety", name="食品安全")


@pytest.fixture
def food(db):
    return food_category()


def published(page):
    """Published the way the workflow leaves it: a revision, a log entry, first_published_at."""
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def content(site_tree, organisation, food, django_capture_on_commit_callbacks):
    """A small site: two rebuttals (one corrected), an episode, a campaign; plus what must
    never be seen through the API: a draft, a page in review, a tip and a submission.
    Published as a request would, with the search index updated on commit."""
    with django_capture_on_commit_callbacks(execute=True):
        return _content(site_tree)


def _content(site_tree):
    food = food_category()
    rumours = site_tree["rumours"]
    water = RebuttalPageFactory(
        parent=rumours,
        title="网传全城自来水有毒？假的",
        slug="tap-water",
        claim_text="紧急通知：明天起全城自来水有毒，千万别喝！",
        claim_summary="网传全城自来水有毒",
        category=food,
        region="城关镇",
        published_date=datetime.date(2025, 3, 1),
        appearance_urls="https://weibo.example.com/123",
        first_seen=datetime.date(2025, 2, 27),
    )
    EvidenceSourceFactory(page=water, title="水质情况说明", authority="县水务局")
    CorrectionFactory(page=water, date=datetime.date(2025, 3, 5), note="更正检测日期。")
    water = published(water)
    fiveg = published(
        RebuttalPageFactory(
            parent=rumours,
            title="5G基站传播病毒？谣言",
            slug="5g-virus",
            claim_text="5G基站会传播新冠病毒，大家快拆掉！",
            claim_summary="网传5G基站传播新冠病毒",
            verdict="misleading",
            region="河西镇",
            published_date=datetime.date(2025, 4, 10),
        )
    )
    draft = RebuttalPageFactory(
        parent=rumours, title="草稿：秘密辟谣", slug="secret-draft", live=False
    )
    draft.save_revision()
    series = published(VideoSeriesPageFactory(parent=site_tree["videos"]))
    episode = published(VideoEpisodePageFactory(parent=series, title="一分钟看懂5G"))
    campaign = published(CampaignPageFactory(parent=site_tree["campaigns"], title="清朗行动"))
    tip = TipFactory(text="秘密线索：菜市场猪肉有问题", email="reader@example.org")
    submission = CampaignSubmissionFactory(campaign=campaign, message="私人留言")
    return {
        "water": water,
        "fiveg": fiveg,
        "draft": draft,
        "episode": episode,
        "campaign": campaign,
        "tip": tip,
        "submission": submission,
        **site_tree,
    }
