"""The home page answers: a search box, the newest and featured rebuttals, what readers search
for this week, the newest videos and live campaigns, in a constant number of queries."""

import datetime

from django.utils import timezone

import pytest

from cms.models import HomeFeaturedRebuttal
from debunk.factories import RebuttalPageFactory
from search.models import SearchQueryStat
from video.factories import VideoEpisodePageFactory, VideoSeriesPageFactory

pytestmark = pytest.mark.django_db

# Restrictions, sections (specific: one per page type), featured, latest (the
# column's own listing; restricted sections left out inside its one query),
# episodes (+ posters), campaigns, 大家都在查 (the site with its home page, site settings and
# the menu come from the cached shell, cms/shell.py; the examples are cached).
HOME_PAGE_QUERIES = 13


def fill(site_tree, n, start=0):
    rumours = site_tree["rumours"]
    series = VideoSeriesPageFactory(parent=site_tree["videos"], slug=f"series-{start}")
    for i in range(start, start + n):
        RebuttalPageFactory(parent=rumours, slug=f"r-{i}")
        VideoEpisodePageFactory(parent=series, slug=f"e-{i}", episode_number=i + 1)


def test_home_page_query_count_is_pinned(client, site_tree, django_assert_num_queries):
    fill(site_tree, 2)
    client.get("/")  # warm the site lookup the same way every request does
    with django_assert_num_queries(HOME_PAGE_QUERIES):
        client.get("/")
    fill(site_tree, 10, start=2)
    home = site_tree["home"]
    for order, rebuttal in enumerate(site_tree["rumours"].get_children()[:3]):
        HomeFeaturedRebuttal.objects.create(page=home, rebuttal=rebuttal.specific, sort_order=order)
    SearchQueryStat.objects.create(
        query="自来水", date=timezone.localdate(), searches=5, found=True, last_results=3
    )
    with django_assert_num_queries(HOME_PAGE_QUERIES):
        response = client.get("/")
    html = response.content.decode()
    assert html.count('class="rebuttal-card"') == 3 + 8
    assert html.count('class="episode-card"') == 4


def test_home_page_leads_with_a_search_box_and_the_newest_rebuttals(client, site_tree):
    rumours = site_tree["rumours"]
    old = RebuttalPageFactory(
        parent=rumours, title="旧闻", published_date=datetime.date(2020, 1, 1)
    )
    new = RebuttalPageFactory(
        parent=rumours, title="新闻", published_date=datetime.date(2025, 1, 1)
    )
    RebuttalPageFactory(parent=rumours, title="新闻", published_date=datetime.date(2024, 1, 1))
    html = client.get("/").content.decode()
    assert html.index('role="search"') < html.index("最新辟谣")
    assert html.index(new.title) < html.index(old.title)
    assert html.count(">新闻</a>") == 1  # one card per headline


def test_trending_counts_only_this_weeks_searches_that_found_answers(client, site_tree):
    today = timezone.localdate()
    ago = today - datetime.timedelta(days=1), today - datetime.timedelta(days=30)
    SearchQueryStat.objects.bulk_create(
        [
            SearchQueryStat(query="核酸", date=today, searches=9, found=True),
            SearchQueryStat(query="地震", date=today, searches=3, found=True),
            SearchQueryStat(query="地震", date=ago[0], searches=8, found=True),
            SearchQueryStat(query="外星人", date=today, searches=50, found=False),
            SearchQueryStat(query="旧事", date=ago[1], searches=99, found=True),
        ]
    )
    html = client.get("/").content.decode()
    trending = html[html.index("大家都在查") :]
    assert trending.index("地震") < trending.index("核酸")
    assert "外星人" not in html and "旧事" not in html
    assert 'placeholder="例如：地震、核酸"' in html
