"""RSS and Atom feeds of the column, read back with a real feed parser."""

import datetime

import feedparser
import pytest

from debunk.factories import RebuttalPageFactory
from debunk.feeds import FEED_SIZE
from debunk.verdicts import Verdict

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(column, categories):
    return [
        RebuttalPageFactory(
            parent=column,
            title="网传某地停水三天",
            category=categories["livelihood"],
            verdict=Verdict.FALSE,
            short_answer="水务公司没有停水计划。",
            published_date=datetime.date(2025, 5, 2),
        ),
        RebuttalPageFactory(
            parent=column,
            title="冒充客服退款",
            category=categories["fraud"],
            verdict=Verdict.TRUE,
            published_date=datetime.date(2025, 5, 1),
        ),
    ]


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    return response, feed


def test_rss_feed_lists_rebuttals_newest_first(client, published):
    response, feed = parse(client, "/rumours/feed/rss/")
    assert response["Content-Type"].startswith("application/rss+xml")
    assert feed.version == "rss20"
    assert feed.feed.title == "捉谣记"
    assert feed.feed.link == "http://testserver/rumours/"
    titles = [entry.title for entry in feed.entries]
    assert titles == ["【谣言】网传某地停水三天", "【属实】冒充客服退款"]
    first = feed.entries[0]
    assert first.link == f"http://testserver/rumours/{published[0].slug}/"
    assert first.summary == "水务公司没有停水计划。"
    assert {tag.term for tag in first.tags} == {"谣言", "社会民生"}
    assert first.published_parsed[:3] == (2025, 5, 1)  # midnight Beijing time, in UTC


def test_atom_feed(client, published):
    response, feed = parse(client, "/rumours/feed/atom/")
    assert response["Content-Type"].startswith("application/atom+xml")
    assert feed.version == "atom10"
    assert len(feed.entries) == 2
    assert feed.entries[0].link == f"http://testserver/rumours/{published[0].slug}/"


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_category_feeds_hold_only_that_category(client, published, kind):
    _, feed = parse(client, f"/rumours/category/fraud/feed/{kind}/")
    assert feed.feed.title == "捉谣记 · 网络诈骗"
    assert [entry.title for entry in feed.entries] == ["【属实】冒充客服退款"]


def test_unknown_category_feed_is_404(client, published):
    assert client.get("/rumours/category/no-such/feed/rss/").status_code == 404


def test_feeds_leave_out_drafts_and_stop_at_the_feed_size(client, column):
    for _ in range(FEED_SIZE + 2):
        RebuttalPageFactory(parent=column)
    RebuttalPageFactory(parent=column, title="草稿", live=False)
    _, feed = parse(client, "/rumours/feed/rss/")
    assert len(feed.entries) == FEED_SIZE
    assert "草稿" not in {entry.title for entry in feed.entries}


def test_a_corrected_rebuttal_says_so_in_the_feed(client, published, django_assert_max_num_queries):
    from debunk.factories import CorrectionFactory

    CorrectionFactory(
        page=published[0], date=datetime.date(2025, 5, 3), note="据补充通报，结论改为误导。"
    )
    with django_assert_max_num_queries(12):  # corrections come in one query, not one per item
        _, feed = parse(client, "/rumours/feed/rss/")
    corrected = next(entry for entry in feed.entries if entry.title.endswith("网传某地停水三天"))
    assert "更正（2025-05-03）：据补充通报，结论改为误导。" in corrected.summary
    other = next(entry for entry in feed.entries if entry.title.endswith("冒充客服退款"))
    assert "更正" not in other.summary
