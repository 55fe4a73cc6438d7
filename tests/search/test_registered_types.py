"""Page types of other apps register themselves: video episodes (by transcript) and campaigns."""

import io

import pytest

from campaigns.factories import CampaignPageFactory, CampaignPostPageFactory
from cms.factories import StandardPageFactory
from search import backends, text
from search.backends.base import SearchRequest
from search.models import SearchDocument
from video.factories import VideoEpisodePageFactory, VideoSeriesPageFactory

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


def test_rebuttals_carry_verdict_kind_category_and_rank_first_for_messages(
    backend_name, site_tree, publish
):
    from debunk.factories import RebuttalPageFactory
    from debunk.models import Category

    food = Category.objects.get(slug="food-safety")
    rebuttal = publish(
        RebuttalPageFactory(
            parent=site_tree["rumours"],
            title="网传紫菜是塑料做的？假的",
            claim_text="视频称紫菜嚼不烂、烧了有塑料味，是用黑色塑料袋做的。",
            short_answer="紫菜是藻类，嚼不烂是因为泡发不够，烧后的气味来自蛋白质。",
            category=food,
            region="城关镇",
            live=False,
        )
    )
    page = publish(
        StandardPageFactory(parent=site_tree["home"], title="紫菜塑料袋谣言的科普讲座", live=False)
    )

    document = SearchDocument.objects.get(pk=rebuttal.pk)
    assert (document.verdict, document.verdict_label, document.kind_label) == (
        "false",
        "谣言",
        "辟谣",
    )
    assert (document.category, document.region, document.primary) == (food.name, "城关镇", True)

    facets = {f.name: f for f in search("紫菜").facets}
    assert [(v.value, v.label) for v in facets["verdict"].values] == [("false", "谣言")]
    assert [v.value for v in facets["category"].values] == [food.name]

    message = "朋友圈疯传：超市卖的紫菜是黑色塑料袋做的，嚼不烂，烧了还有塑料味，大家别买了！"
    assert [hit.page_id for hit in search(message).hits][:2] == [rebuttal.pk, page.pk]


def test_imported_rebuttals_are_searchable(site_tree, tmp_path, run_on_commit):
    from django.core.management import call_command

    from tests.debunk.test_import import LTCR, write_lines

    path = write_lines(tmp_path, LTCR)
    run_on_commit(call_command, "import_rumours", str(path), stdout=io.StringIO())
    hits = search("烟油 非典").hits
    assert [hit.title for hit in hits] == [SearchDocument.objects.get().title]
    assert hits[0].verdict_label == "谣言"
