"""Page types of other apps register themselves: video episodes (by transcript) and campaigns."""

import pytest

from search import backends, text
from search.backends.base import SearchRequest
from search.models import SearchDocument
from tests.cms.factories import CampaignPageFactory, CampaignPostPageFactory
from tests.video.factories import VideoEpisodePageFactory, VideoSeriesPageFactory

pytestmark = pytest.mark.django_db


def search(query, **filters):
    return backends.search(SearchRequest(text.prepare_query(query), filters, page=1, per_page=20))


def test_video_episodes_are_found_by_their_transcript(backend_name, site_tree, publish):
    series = VideoSeriesPageFactory(parent=site_tree["videos"])
    episode = VideoEpisodePageFactory(
        parent=series,
        title="一分钟看懂：隔夜菜致癌吗",
        summary="隔夜菜只要冷藏得当，亚硝酸盐远低于限量。",
        transcript="大家好。今天说说隔夜菜。冰箱冷藏的剩菜，亚硝酸盐含量很低，不会致癌。",
        live=False,
    )
    publish(episode)

    document = SearchDocument.objects.get(pk=episode.pk)
    assert (document.content_type, document.content_label, document.kind_label) == (
        "video",
        "视频",
        "视频",
    )
    results = search("冰箱 冷藏", type=["video"])
    assert [hit.page_id for hit in results.hits] == [episode.pk]
    assert "<mark>冷藏</mark>" in results.hits[0].snippet_html


def test_campaigns_and_their_posts_share_one_facet_value(backend_name, site_tree, publish):
    campaign = publish(
        CampaignPageFactory(parent=site_tree["campaigns"], title="网络辟谣月", live=False)
    )
    post = publish(CampaignPostPageFactory(parent=campaign, title="辟谣月启动仪式", live=False))

    results = search("辟谣月")
    assert {hit.page_id for hit in results.hits} == {campaign.pk, post.pk}
    types = {f.name: f for f in results.facets}["type"]
    assert [(v.value, v.label, v.count) for v in types.values] == [("campaign", "活动", 2)]
