"""Campaigns link to related rebuttals and video episodes: the admin inlines and the page."""

from django.urls import reverse

from wagtail.models import PageViewRestriction
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

import pytest
from wagtail_factories import ImageFactory

from campaigns.factories import CampaignPageFactory, days_from_today
from campaigns.models import CampaignPage, CampaignRebuttal, CampaignVideo
from debunk.factories import RebuttalIndexPageFactory, RebuttalPageFactory
from debunk.models import RebuttalPage
from debunk.verdicts import Verdict
from video.factories import (
    VideoEpisodePageFactory,
    VideoEpisodeRebuttalFactory,
    VideoSeriesPageFactory,
)

pytestmark = pytest.mark.django_db

# The campaign page (SQLite, no submissions form): the same with 1 rebuttal and 1 video or 6 each.
CAMPAIGN_PAGE_QUERIES = 10  # the site shell (settings, menu) comes from the cache


@pytest.fixture
def series(site_tree):
    return VideoSeriesPageFactory(parent=site_tree["videos"], slug="truth")


@pytest.fixture
def campaign(campaign_index):
    return CampaignPageFactory(parent=campaign_index, title="谣言粉碎进社区", slug="talks")


def rebuttal(site_tree, **fields):
    return RebuttalPageFactory(parent=site_tree["rumours"], **fields)


def episode(series, **fields):
    return VideoEpisodePageFactory(parent=series, **fields)


def link(campaign, rebuttals=(), episodes=()):
    start = campaign.rebuttal_links.count()
    for order, page in enumerate(rebuttals, start=start):
        CampaignRebuttal.objects.create(page=campaign, rebuttal=page, sort_order=order)
    start = campaign.video_links.count()
    for order, page in enumerate(episodes, start=start):
        CampaignVideo.objects.create(page=campaign, episode=page, sort_order=order)


def section(html: str, css_class: str) -> str:
    start = html.index(f'<section class="related {css_class}"')
    return html[start : html.index("</section>", start)]


def add_url(campaign_index):
    return reverse("wagtailadmin_pages:add", args=("campaigns", "campaignpage", campaign_index.pk))


def campaign_form(*, rebuttals=(), episodes=()):
    return nested_form_data(
        {
            "title": "全民反诈读书月",
            "slug": "reading-month",
            "theme": "读好书 识谣言",
            "slogan": "",
            "intro": "",
            "start_date": days_from_today(-1).isoformat(),
            "end_date": days_from_today(30).isoformat(),
            "organisers": inline_formset([{"name": "县图书馆", "role": "organiser"}]),
            "cover_image": "",
            "body": streamfield([]),
            "gallery_images": inline_formset([]),
            "rebuttal_links": inline_formset([{"rebuttal": page.pk} for page in rebuttals]),
            "video_links": inline_formset([{"episode": page.pk} for page in episodes]),
            "submission_prompt": "",
            "action-publish": "publish",
        }
    )


def test_editor_links_rebuttals_and_videos_and_readers_see_them_in_order(
    admin_client, client, campaign_index, site_tree, series
):
    rebuttals = [
        rebuttal(site_tree, title="“刷单日赚三百”是诈骗"),
        rebuttal(site_tree, title="“县医院停诊三天”？部分属实", verdict=Verdict.PARTLY_TRUE),
    ]
    episodes = [
        episode(series, title="充电器不拔会爆炸？", episode_number=3),
        episode(series, title="隔夜菜会致癌吗？", episode_number=2),
    ]

    response = admin_client.post(
        add_url(campaign_index), campaign_form(rebuttals=rebuttals[::-1], episodes=episodes)
    )

    assert response.status_code == 302, response.content.decode()[:3000]
    campaign = CampaignPage.objects.get(slug="reading-month")
    html = client.get(campaign.url).content.decode()
    shown = section(html, "related--rebuttals")
    assert shown.index("县医院停诊三天") < shown.index("刷单日赚三百")
    assert '<span class="verdict verdict--partly_true">' in shown
    assert "debunk/css/debunk.css" in html  # the verdict labels' colours
    videos = section(html, "related--videos")
    assert videos.index("充电器不拔会爆炸？") < videos.index("隔夜菜会致癌吗？")
    assert videos.count('class="episode-card"') == 2


def test_choosers_offer_their_page_type_only_and_refuse_others(
    admin_client, campaign_index, site_tree, series
):
    html = admin_client.get(add_url(campaign_index)).content.decode()
    assert "debunk.rebuttalpage" in html and "video.videoepisodepage" in html

    wrong = campaign_form(rebuttals=[series], episodes=[rebuttal(site_tree)])
    response = admin_client.post(add_url(campaign_index), wrong)

    assert response.status_code == 200
    assert response.content.decode().count("选择一个有效的选项") == 2
    assert not CampaignPage.objects.filter(slug="reading-month").exists()


def test_drafts_unpublished_and_restricted_pages_are_not_shown(client, campaign, site_tree, series):
    withdrawn = rebuttal(site_tree, title="已撤下的辟谣")
    withdrawn.unpublish()
    private_rebuttal = rebuttal(site_tree, title="仅登录可见的辟谣")
    PageViewRestriction.objects.create(page=private_rebuttal, restriction_type="login")
    private_series = VideoSeriesPageFactory(parent=site_tree["videos"], slug="private")
    PageViewRestriction.objects.create(page=private_series, restriction_type="login")
    link(
        campaign,
        rebuttals=[
            rebuttal(site_tree, title="还在草稿的辟谣", live=False),
            rebuttal(site_tree, title="已发布的辟谣"),
            withdrawn,
            private_rebuttal,
        ],
        episodes=[
            episode(series, title="草稿视频", live=False),
            episode(series, title="已发布的视频"),
            episode(private_series, title="受限系列里的视频"),  # restricted by an ancestor
        ],
    )

    html = client.get(campaign.url).content.decode()

    assert "已发布的辟谣" in section(html, "related--rebuttals")
    assert "已发布的视频" in section(html, "related--videos")
    hidden = ["还在草稿的辟谣", "已撤下的辟谣", "仅登录可见的辟谣", "草稿视频", "受限系列里的视频"]
    assert [title for title in hidden if title in html] == []


def test_a_rebuttal_under_an_alias_of_a_restricted_column_is_hidden(
    client, campaign, site_tree, series
):
    """An alias uses its source's view restrictions (Wagtail's rule, one rule here too): a
    rebuttal reached through an alias of a restricted column asks readers to log in, so the
    campaign and the episode leave it out; one under an alias of an open column is shown.

    The column is restricted after it was aliased: Wagtail copies restrictions onto a new
    alias, but not later ones, and the alias still follows its source."""
    home = site_tree["home"]
    private_column = RebuttalIndexPageFactory(parent=home, slug="internal")
    RebuttalPageFactory(parent=private_column, title="内部通报的辟谣")
    RebuttalPageFactory(parent=site_tree["rumours"], title="公开的辟谣")
    aliases = [
        column.create_alias(parent=home, update_slug=f"{column.slug}-copy", recursive=True)
        for column in (private_column, site_tree["rumours"])
    ]
    PageViewRestriction.objects.create(page=private_column, restriction_type="login")
    hidden, shown = (RebuttalPage.objects.child_of(alias).get() for alias in aliases)
    video = episode(series, title="视频里讲的辟谣")
    for page in (hidden, shown):
        VideoEpisodeRebuttalFactory(page=video, rebuttal=page)
    link(campaign, rebuttals=[hidden, shown])

    assert client.get(hidden.url).status_code == 302  # to the login page
    assert client.get(shown.url).status_code == 200
    for page in (campaign, video):
        listed = section(client.get(page.url).content.decode(), "related--rebuttals")
        assert "公开的辟谣" in listed and "内部通报的辟谣" not in listed


def test_no_sections_without_links(client, campaign):
    html = client.get(campaign.url).content.decode()
    assert "相关辟谣" not in html and "相关视频" not in html
    assert "debunk/css/debunk.css" not in html


def test_query_count_is_pinned_whether_one_link_of_each_or_six(
    client, campaign, site_tree, series, django_assert_num_queries
):
    def poster_episode():
        return episode(series, poster=ImageFactory(), embed_url="")

    link(campaign, rebuttals=[rebuttal(site_tree)], episodes=[poster_episode()])
    client.get(campaign.url)  # renders (and stores) the poster renditions once
    with django_assert_num_queries(CAMPAIGN_PAGE_QUERIES):
        html = client.get(campaign.url).content.decode()
    assert section(html, "related--videos").count("<picture") == 1

    link(
        campaign,
        rebuttals=[rebuttal(site_tree, verdict=Verdict.MISLEADING) for _ in range(5)],
        episodes=[poster_episode() for _ in range(5)],
    )
    client.get(campaign.url)
    with django_assert_num_queries(CAMPAIGN_PAGE_QUERIES):
        html = client.get(campaign.url).content.decode()
    assert section(html, "related--rebuttals").count("<li") == 6
    assert section(html, "related--videos").count("<picture") == 6


def test_preview_shows_unsaved_links(campaign, site_tree, series):
    campaign.rebuttal_links = [CampaignRebuttal(rebuttal=rebuttal(site_tree, title="预览里的辟谣"))]
    campaign.video_links = [CampaignVideo(episode=episode(series, title="预览里的视频"))]

    html = campaign.make_preview_request().content.decode()

    assert "预览里的辟谣" in section(html, "related--rebuttals")
    assert "预览里的视频" in section(html, "related--videos")


def test_video_styles_load_on_a_campaign_page_only_with_videos(client, campaign, series):
    assert "video/css/video.css" not in client.get(campaign.url).content.decode()

    link(campaign, episodes=[episode(series, title="一集")])

    html = client.get(campaign.url).content.decode()
    assert "video/css/video.css" in html
    assert "embed-facade.js" not in html  # cards only: nothing to play on this page
