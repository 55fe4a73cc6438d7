"""Reader pages: series index, series grid, episode player, JSON-LD, feed, query counts."""

import json
import re
import xml.etree.ElementTree as ET
from datetime import date, datetime, timedelta

import feedparser
import pytest

from video.factories import VideoEpisodePageFactory, VideoSeriesPageFactory
from video.models import VideoEpisodePage, VideoSeriesIndexPage, VideoSeriesPage

pytestmark = pytest.mark.django_db


def json_ld(html: str) -> dict:
    match = re.search(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', html, re.S)
    assert match, "no JSON-LD on the page"
    return json.loads(match.group(1))


def og(html: str) -> dict:
    return dict(re.findall(r'<meta property="([^"]+)" content="([^"]*)">', html))


def test_series_index_lists_series_with_live_episode_counts(client, site_tree, series):
    VideoEpisodePageFactory(parent=series, episode_number=1)
    VideoEpisodePageFactory(parent=series, episode_number=2)
    VideoEpisodePageFactory(parent=series, episode_number=3, live=False)
    VideoSeriesPageFactory(parent=site_tree["videos"], title="空系列", slug="empty")

    html = client.get("/videos/").content.decode()

    assert "一分钟看真相" in html and "共 2 集" in html
    assert "空系列" in html and "共 0 集" in html


def test_series_page_shows_episodes_in_order_with_durations(client, series, uploaded_episode):
    VideoEpisodePageFactory(parent=series, episode_number=3, title="第三集", duration_seconds=3725)
    VideoEpisodePageFactory(parent=series, episode_number=2, title="第二集", duration_seconds=65)

    html = client.get("/videos/truth/").content.decode()

    titles = re.findall(r'class="episode-card__title">([^<]+)<', html)
    assert titles == ["板蓝根能预防新冠吗", "第二集", "第三集"]
    durations = re.findall(r'<span class="visually-hidden">时长</span>([^<]+)<', html)
    assert durations == ["0:04", "1:05", "1:02:05"]
    assert 'href="/videos/truth/feed/"' in html
    assert uploaded_episode.media.thumbnail.url in html  # the extracted frame as the card poster


def test_video_styles_and_script_load_only_where_video_shows(client, site_tree, uploaded_episode):
    def assets(url):
        html = client.get(url).content.decode()
        return ("video/css/video.css" in html, "video/js/embed-facade.js" in html)

    assert assets(uploaded_episode.url) == (True, True)
    assert assets("/videos/truth/") == (True, False)  # episode cards, no player
    assert assets("/videos/") == (True, False)
    assert assets("/") == (True, False)  # the home page's newest episodes: cards, no player
    for url in ("/rumours/", "/about/", "/search/?q=谣言"):
        assert assets(url) == (False, False), url


def test_previous_and_next_follow_episode_numbers_and_skip_drafts(client, series):
    third = VideoEpisodePageFactory(parent=series, episode_number=3, title="三")
    first = VideoEpisodePageFactory(parent=series, episode_number=1, title="一")
    second = VideoEpisodePageFactory(parent=series, episode_number=2, title="二")
    VideoEpisodePageFactory(parent=series, episode_number=4, title="四", live=False)

    context = client.get(second.url).context
    assert (context["previous_episode"], context["next_episode"]) == (first, third)
    context = client.get(first.url).context
    assert (context["previous_episode"], context["next_episode"]) == (None, second)
    context = client.get(third.url).context
    assert (context["previous_episode"], context["next_episode"]) == (second, None)
    assert [e.title for e in context["series_episodes"]] == ["一", "二", "三"]

    html = client.get(second.url).content.decode()
    assert f'rel="prev" href="{first.url}"' in html
    assert f'rel="next" href="{third.url}"' in html


def test_episode_player_shows_poster_subtitles_and_no_autoplay(client, uploaded_episode):
    html = client.get("/videos/truth/banlangen/").content.decode()

    video_tag = re.search(r"<video[^>]*>", html).group(0)
    assert "controls" in video_tag and 'preload="none"' in video_tag
    assert "autoplay" not in video_tag
    assert f'poster="{uploaded_episode.media.thumbnail.url}"' in video_tag
    assert f'<source src="{uploaded_episode.media.url}" type="video/mp4">' in html
    track = uploaded_episode.subtitles.get()
    assert (
        f'<track kind="subtitles" srclang="zh-Hans" label="简体中文" '
        f'src="/videos/truth/banlangen/subtitles/{track.pk}/" default>'
    ) in html


def test_transcript_is_generated_from_subtitles_and_shown_below_the_video(client, uploaded_episode):
    html = client.get("/videos/truth/banlangen/").content.decode()

    assert html.index("<video") < html.index("文字稿")
    assert "<p>网传：喝板蓝根能预防新冠，真相：没有证据，请接种疫苗。</p>" in html


def test_an_editor_transcript_wins_over_the_subtitles(client, uploaded_episode):
    uploaded_episode.transcript = "编辑整理的文字稿。"
    uploaded_episode.save_revision().publish()

    html = client.get("/videos/truth/banlangen/").content.decode()

    assert "编辑整理的文字稿。" in html
    assert "真相：没有证据" not in html.split("文字稿")[-1]


def test_subtitle_track_is_served_as_webvtt(client, uploaded_episode):
    track = uploaded_episode.subtitles.get()

    response = client.get(f"/videos/truth/banlangen/subtitles/{track.pk}/")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/vtt; charset=utf-8"
    assert response.content.decode().startswith("WEBVTT")
    assert client.get("/videos/truth/banlangen/subtitles/999999/").status_code == 404


def test_uploaded_episode_has_a_complete_video_object(client, uploaded_episode):
    html = client.get("/videos/truth/banlangen/").content.decode()
    data = json_ld(html)

    assert data["@context"] == "https://schema.org" and data["@type"] == "VideoObject"
    assert data["name"] == "板蓝根能预防新冠吗"
    assert data["description"] == "网传每天喝板蓝根能预防新冠，专家说没有证据。"
    assert data["thumbnailUrl"] == [f"http://testserver{uploaded_episode.media.thumbnail.url}"]
    assert datetime.fromisoformat(data["uploadDate"]).utcoffset().total_seconds() == 8 * 3600
    assert data["duration"] == "PT4S"
    assert data["contentUrl"] == f"http://testserver{uploaded_episode.media.url}"
    assert "embedUrl" not in data
    assert data["transcript"].startswith("网传：喝板蓝根能预防新冠")
    assert (data["width"], data["height"]) == (320, 180)


def test_embedded_episode_has_embed_url_and_a_click_to_load_player(client, series):
    VideoEpisodePageFactory(
        parent=series,
        slug="bili",
        embed_url="https://www.bilibili.com/video/BV1GJ411x7h7",
        duration_seconds=125,
        published_on=date(2025, 3, 1),
    )

    html = client.get("/videos/truth/bili/").content.decode()
    data = json_ld(html)

    assert data["embedUrl"].startswith("https://player.bilibili.com/player.html?bvid=BV1GJ411x7h7")
    assert data["duration"] == "PT2M5S"
    assert data["uploadDate"] == "2025-03-01T00:00:00+08:00"
    assert "contentUrl" not in data
    assert "<iframe" not in html and 'class="embed-facade"' in html
    assert og(html)["og:video:type"] == "text/html"


def test_json_ld_cannot_break_out_of_its_script_element(client, series):
    VideoEpisodePageFactory(parent=series, slug="xss", summary="</script><script>alert(1)</script>")

    html = client.get("/videos/truth/xss/").content.decode()

    assert "</script><script>alert(1)" not in html
    assert json_ld(html)["description"] == "</script><script>alert(1)</script>"


def test_open_graph_describes_the_video(client, uploaded_episode):
    tags = og(client.get("/videos/truth/banlangen/").content.decode())

    assert tags["og:type"] == "video.episode"
    assert tags["og:title"] == "板蓝根能预防新冠吗"
    assert tags["og:video"] == f"http://testserver{uploaded_episode.media.url}"
    assert tags["og:video:type"] == "video/mp4"
    assert (tags["og:video:width"], tags["og:video:height"]) == ("320", "180")
    assert tags["og:image"].endswith(".jpg")
    assert tags["video:duration"] == "4"


def test_series_feed_lists_episodes_newest_first_with_enclosures(client, series, uploaded_episode):
    VideoEpisodePageFactory(
        parent=series, episode_number=2, title="第二集", published_on=date(2030, 1, 1)
    )

    response = client.get("/videos/truth/feed/")

    assert response["Content-Type"] == "application/rss+xml; charset=utf-8"
    channel = ET.fromstring(response.content).find("channel")
    assert channel.findtext("title") == "一分钟看真相"
    items = channel.findall("item")
    assert [item.findtext("title") for item in items] == [
        "第2集 第二集",
        "第1集 板蓝根能预防新冠吗",
    ]
    enclosure = items[1].find("enclosure")
    assert enclosure.get("url") == f"http://testserver{uploaded_episode.media.url}"
    assert enclosure.get("type") == "video/mp4"
    assert int(enclosure.get("length")) == uploaded_episode.media.file_size > 0
    assert items[0].find("enclosure") is None  # an embedded episode has no file to enclose

    feed = feedparser.parse(response.content)  # the same shape as the column's feeds
    assert not feed.bozo, feed.bozo_exception
    assert feed.feed.link == "http://testserver/videos/truth/"
    assert feed.entries[1].link == f"http://testserver{uploaded_episode.url}"
    assert feed.entries[1].id == feed.entries[1].link
    assert items[1].find("guid").get("isPermaLink") == "true"
    day_before = uploaded_episode.published_on - timedelta(days=1)
    assert feed.entries[1].published_parsed[:4] == (*day_before.timetuple()[:3], 16)  # 0:00 UTC+8


def test_transcript_and_summary_are_in_the_search_index(uploaded_episode):
    from wagtail.search.backends import get_search_backend

    backend = get_search_backend()
    backend.add(uploaded_episode)

    assert list(VideoEpisodePage.objects.live().search("真相：没有证据")) == [uploaded_episode]


def test_page_type_rules(site_tree, series):
    index = site_tree["videos"]
    assert VideoSeriesPage.can_create_at(index)
    assert not VideoSeriesPage.can_create_at(site_tree["home"])
    assert VideoEpisodePage.can_create_at(series)
    assert not VideoEpisodePage.can_create_at(index)
    assert not VideoSeriesIndexPage.can_create_at(index)


def add_episodes(series, start, count):
    for number in range(start, start + count):
        VideoEpisodePageFactory(parent=series, episode_number=number, slug=f"extra-{number}")


# Queries per page with 3 episodes, then with 11: the count must not grow (SQLite figures).
QUERY_BUDGET = {"/videos/": 12, "/videos/truth/": 13, "/videos/truth/banlangen/": 19}


@pytest.mark.parametrize("url", list(QUERY_BUDGET))
def test_query_count_is_pinned_and_does_not_grow_with_episodes(
    client, series, uploaded_episode, url, django_assert_max_num_queries
):
    add_episodes(series, 2, 2)
    client.get(url)  # warm the site caches and create the renditions
    with django_assert_max_num_queries(QUERY_BUDGET[url]) as few:
        assert client.get(url).status_code == 200
    baseline = len(few.captured_queries)  # read now: the next request resets the query log
    add_episodes(series, 4, 8)
    client.get(url)
    with django_assert_max_num_queries(baseline):
        html = client.get(url).content.decode()
    shown = {"/videos/": "共 11 集", "/videos/truth/": 'class="episode-card"'}
    expected = {"/videos/": 1, "/videos/truth/": 11}
    if url in shown:
        assert html.count(shown[url]) == expected[url]
    else:
        assert html.count('class="episode-list__title"') == 11
