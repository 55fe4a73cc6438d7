from django.core.cache import cache

import pytest

from tests.cms.factories import CampaignPageFactory, days_from_today


@pytest.fixture(autouse=True)
def empty_cache():
    """The rate limit counts in the cache: each test starts with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def campaign_index(site_tree):
    return site_tree["campaigns"]


@pytest.fixture
def ongoing_campaign(campaign_index):
    return CampaignPageFactory(
        parent=campaign_index,
        title="我想对清源说句话",
        slug="say-something",
        start_date=days_from_today(-5),
        end_date=days_from_today(10),
        accepts_submissions=True,
        submission_prompt="写下你想对家乡说的话，或上传一段短视频",
    )
