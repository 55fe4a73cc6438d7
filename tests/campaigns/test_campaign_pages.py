import datetime

import pytest
from wagtail_factories import ImageFactory

from campaigns.factories import CampaignPageFactory, CampaignPostPageFactory, days_from_today
from campaigns.models import CampaignPage, CampaignStatus, OrganiserRole, site_today, status_on

pytestmark = pytest.mark.django_db

UTC = datetime.UTC


def utc(*args):
    return datetime.datetime(*args, tzinfo=UTC)


# Status by date ---------------------------------------------------------------------------------


def test_first_and_last_days_both_count_as_ongoing():
    start, end = datetime.date(2024, 6, 1), datetime.date(2024, 6, 30)
    assert status_on(start, end, datetime.date(2024, 5, 31)) == CampaignStatus.UPCOMING
    assert status_on(start, end, start) == CampaignStatus.ONGOING
    assert status_on(start, end, end) == CampaignStatus.ONGOING
    assert status_on(start, end, datetime.date(2024, 7, 1)) == CampaignStatus.ENDED


def test_site_day_starts_at_midnight_beijing_time_not_utc():
    # Beijing is UTC+8: 16:00 UTC is already midnight of the next day.
    assert site_today(utc(2024, 6, 30, 15, 59, 59)) == datetime.date(2024, 6, 30)
    assert site_today(utc(2024, 6, 30, 16, 0, 0)) == datetime.date(2024, 7, 1)


def test_campaign_status_changes_at_beijing_midnight(campaign_index):
    campaign = CampaignPageFactory(
        parent=campaign_index,
        start_date=datetime.date(2024, 6, 1),
        end_date=datetime.date(2024, 6, 30),
    )
    assert campaign.status_at(utc(2024, 5, 31, 15, 59, 59)) == CampaignStatus.UPCOMING
    # 31 May in UTC but 1 June 00:00 in Beijing: the campaign has started.
    assert campaign.status_at(utc(2024, 5, 31, 16, 0, 0)) == CampaignStatus.ONGOING
    assert campaign.status_at(utc(2024, 6, 30, 15, 59, 59)) == CampaignStatus.ONGOING
    # 30 June in UTC but 1 July in Beijing: the campaign has ended.
    assert campaign.status_at(utc(2024, 6, 30, 16, 0, 0)) == CampaignStatus.ENDED


def test_end_date_before_start_date_is_refused(campaign_index):
    from django.core.exceptions import ValidationError

    campaign = CampaignPage(
        title="日期填反了",
        slug="wrong-dates",
        theme="测试",
        start_date=datetime.date(2024, 6, 30),
        end_date=datetime.date(2024, 6, 1),
    )
    with pytest.raises(ValidationError) as error:
        campaign_index.add_child(instance=campaign)
    assert "结束日期不能早于开始日期" in str(error.value)


# The campaign index ------------------------------------------------------------------------------


@pytest.fixture
def three_campaigns(campaign_index):
    return {
        "ongoing": CampaignPageFactory(
            parent=campaign_index,
            title="正在进行的活动",
            start_date=days_from_today(-3),
            end_date=days_from_today(3),
        ),
        "upcoming": CampaignPageFactory(
            parent=campaign_index,
            title="即将开始的活动",
            start_date=days_from_today(7),
            end_date=days_from_today(30),
        ),
        "ended": CampaignPageFactory(
            parent=campaign_index,
            title="二〇二一年的活动",
            start_date=datetime.date(2021, 3, 1),
            end_date=datetime.date(2021, 4, 30),
        ),
    }


def section_titles(html, heading):
    """The campaign titles listed in one section of the index page."""
    start = html.index(f">{heading}</h2>")
    end = html.find("</section>", start)
    chunk = html[start:end]
    return [part.split("</h3>")[0] for part in chunk.split('class="campaign-card__title">')[1:]]


def test_index_groups_campaigns_by_status(client, three_campaigns):
    html = client.get("/campaigns/").content.decode()

    assert section_titles(html, "正在进行") == ["正在进行的活动"]
    assert section_titles(html, "即将开始") == ["即将开始的活动"]
    assert section_titles(html, "往期回顾") == ["二〇二一年的活动"]


def test_index_filters_by_status_and_year(client, three_campaigns):
    html = client.get("/campaigns/?status=ended").content.decode()
    assert "二〇二一年的活动" in html
    assert "正在进行的活动" not in html
    assert "即将开始的活动" not in html

    html = client.get("/campaigns/?year=2021").content.decode()
    assert section_titles(html, "往期回顾") == ["二〇二一年的活动"]
    assert section_titles(html, "正在进行") == []
    assert 'href="?year=2021" aria-current="true">2021年' in html


@pytest.mark.parametrize(
    "query",
    [
        "?status=<script>alert(1)</script>",
        "?status=ONGOING",
        "?year=abc",
        "?year=1900",
        "?year=99999999999999999999999",
        "?page=-1",
        "?page=zzz&status=&year=",
    ],
)
def test_index_ignores_filters_it_does_not_understand(client, three_campaigns, query):
    response = client.get("/campaigns/" + query)

    assert response.status_code == 200
    html = response.content.decode()
    for title in ("正在进行的活动", "即将开始的活动", "二〇二一年的活动"):
        assert title in html
    assert "<script>alert(1)" not in html


def test_index_hides_drafts(client, campaign_index):
    CampaignPageFactory(parent=campaign_index, title="未发布的活动", live=False)
    assert "未发布的活动" not in client.get("/campaigns/").content.decode()


def test_past_campaigns_are_paginated(client, campaign_index):
    for n in range(14):
        CampaignPageFactory(
            parent=campaign_index,
            title=f"往期{n:02d}",
            start_date=datetime.date(2020, 1, 1) + datetime.timedelta(days=n),
            end_date=datetime.date(2020, 2, 1) + datetime.timedelta(days=n),
        )
    first = section_titles(client.get("/campaigns/").content.decode(), "往期回顾")
    second = section_titles(client.get("/campaigns/?page=2").content.decode(), "往期回顾")

    assert first[0] == "往期13"  # most recently ended first
    assert len(first) == 12
    assert second == ["往期01", "往期00"]


def test_past_campaign_pages_keep_the_filters_and_stop_at_the_end(client, campaign_index):
    for n in range(13):
        CampaignPageFactory(
            parent=campaign_index,
            title=f"往期{n:02d}",
            start_date=datetime.date(2020, 1, 1),
            end_date=datetime.date(2020, 2, 1) + datetime.timedelta(days=n),
        )
    html = client.get("/campaigns/?status=ended&year=2020").content.decode()

    assert 'rel="next" href="?status=ended&amp;year=2020&amp;page=2"' in html
    assert client.get("/campaigns/?status=ended&year=2020&page=2").status_code == 200
    assert client.get("/campaigns/?status=ended&year=2020&page=3").status_code == 404


def test_index_query_count_does_not_grow_with_campaigns(
    client, campaign_index, three_campaigns, django_assert_max_num_queries
):
    for campaign in three_campaigns.values():
        campaign.cover_image = ImageFactory()
        campaign.save_revision().publish()
    client.get("/campaigns/")  # renders (and stores) the cover renditions once
    with django_assert_max_num_queries(25) as baseline:
        client.get("/campaigns/")
    baseline_count = len(baseline.captured_queries)  # read now: a request clears the query log
    for n in range(8):
        CampaignPageFactory(
            parent=campaign_index,
            start_date=days_from_today(-400 + n),
            end_date=days_from_today(-300 + n * 50),
            cover_image=ImageFactory(),
        )
    client.get("/campaigns/")
    with django_assert_max_num_queries(baseline_count):
        response = client.get("/campaigns/")
    assert response.content.decode().count('class="campaign-card"') == 11
    assert response.content.decode().count("<picture") == 11


# The campaign page -------------------------------------------------------------------------------


def test_campaign_page_shows_theme_dates_organisers_and_figures(client, campaign_index):
    campaign = CampaignPageFactory(
        parent=campaign_index,
        title="全民反诈读书月",
        slug="reading-month",
        theme="读好书 识谣言",
        slogan="多读一本书，少信一句谣",
        start_date=datetime.date(2024, 4, 23),
        end_date=datetime.date(2024, 5, 23),
        body=[
            {"type": "paragraph", "value": "<p>活动期间共举办线下读书会。</p>"},
            {
                "type": "figures",
                "value": {
                    "heading": "活动成果",
                    "items": [
                        {"label": "活动场次", "value": "120+", "note": ""},
                        {"label": "覆盖人次", "value": "30万+", "note": "线上线下合计"},
                    ],
                },
            },
        ],
    )
    campaign.organisers.create(name="清源县委网信办", role=OrganiserRole.HOST)
    campaign.organisers.create(name="县图书馆", role=OrganiserRole.ORGANISER)
    campaign.organisers.create(name="县文明办", role=OrganiserRole.HOST)
    campaign.save_revision().publish()

    html = client.get("/campaigns/reading-month/").content.decode()

    assert "<h1>全民反诈读书月</h1>" in html
    assert "活动主题：读好书 识谣言" in html
    assert "多读一本书，少信一句谣" in html
    assert "2024年4月23日</time> — <time" in html and "2024年5月23日" in html
    assert "<dt>主办单位</dt><dd>清源县委网信办、县文明办</dd>" in html
    assert "<dt>承办单位</dt><dd>县图书馆</dd>" in html
    assert '<dt class="figures__label">活动场次</dt>' in html
    assert '<dd class="figures__value">120+</dd>' in html
    assert '<dd class="figures__value">30万+</dd>' in html
    assert 'class="status status--ended">已结束' in html


def test_campaign_page_lists_posts_newest_first(client, ongoing_campaign):
    CampaignPostPageFactory(parent=ongoing_campaign, title="启动仪式", date=days_from_today(-5))
    CampaignPostPageFactory(parent=ongoing_campaign, title="第一周回顾", date=days_from_today(-1))
    CampaignPostPageFactory(parent=ongoing_campaign, title="草稿动态", live=False)

    html = client.get(ongoing_campaign.url).content.decode()

    assert html.index("第一周回顾") < html.index("启动仪式")
    assert "草稿动态" not in html


def test_post_page_links_back_to_its_campaign(client, ongoing_campaign):
    post = CampaignPostPageFactory(
        parent=ongoing_campaign,
        title="启动仪式",
        slug="launch",
        body=[{"type": "paragraph", "value": "<p>活动今天启动。</p>"}],
    )
    html = client.get(post.url).content.decode()
    assert f'<a href="{ongoing_campaign.url}">‹ 我想对清源说句话</a>' in html
    assert "活动今天启动。" in html


def test_page_type_rules_for_campaigns(site_tree, ongoing_campaign):
    from campaigns.models import CampaignPostPage

    assert CampaignPage.can_create_at(site_tree["campaigns"])
    assert not CampaignPage.can_create_at(site_tree["home"])
    assert CampaignPostPage.can_create_at(ongoing_campaign)
    assert not CampaignPostPage.can_create_at(site_tree["campaigns"])


# Home page, sitemap, search ----------------------------------------------------------------------


def test_home_page_shows_campaigns_ongoing_first(client, three_campaigns):
    html = client.get("/").content.decode()
    section = html[html.index('id="home-campaigns-heading"') :]
    positions = [section.index(three_campaigns[key].title) for key in ("ongoing", "upcoming")]
    assert positions == sorted(positions)
    assert section.index("即将开始的活动") < section.index("二〇二一年的活动")


def test_campaigns_and_posts_are_in_the_sitemap(client, ongoing_campaign):
    post = CampaignPostPageFactory(parent=ongoing_campaign, slug="launch")
    xml = client.get("/sitemap.xml").content.decode()
    assert f"<loc>http://localhost{ongoing_campaign.url}</loc>" in xml
    assert f"<loc>http://localhost{post.url}</loc>" in xml


def test_campaigns_are_found_by_site_search(ongoing_campaign):
    from wagtail.models import Page

    ongoing_campaign.theme = "Rumour-free township"
    ongoing_campaign.save_revision().publish()

    results = Page.objects.live().search("township")

    assert [page.pk for page in results] == [ongoing_campaign.pk]
