"""The column: newest first, filters as shareable query parameters, pagination, sitemap."""

import datetime
import re

from django.contrib.auth.models import Group

from wagtail.models import PageViewRestriction

import pytest

from debunk.factories import RebuttalPageFactory
from debunk.models import COLUMN_PAGE_SIZE
from debunk.verdicts import Verdict

pytestmark = pytest.mark.django_db

TITLE = re.compile(r'<h2 class="rebuttal-card__title"><a href="[^"]+">([^<]+)</a></h2>')


def titles(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status
    return TITLE.findall(response.content.decode())


@pytest.fixture
def filed(column, categories):
    """Four rebuttals across categories, verdicts, regions and years."""

    def make(title, category, verdict, region, date):
        return RebuttalPageFactory(
            parent=column,
            title=title,
            category=categories[category],
            verdict=verdict,
            region=region,
            published_date=date,
        )

    return [
        make("甲：食品谣言", "food-safety", Verdict.FALSE, "城关镇", datetime.date(2024, 5, 1)),
        make("乙：诈骗提示", "fraud", Verdict.TRUE, "河西乡", datetime.date(2025, 1, 9)),
        make(
            "丙：食品误导", "food-safety", Verdict.MISLEADING, "河西乡", datetime.date(2025, 6, 1)
        ),  # noqa: E501
        make("丁：健康谣言", "health", Verdict.FALSE, "", datetime.date(2025, 3, 3)),
    ]


def test_newest_first(client, filed):
    newest_first = ["丙：食品误导", "丁：健康谣言", "乙：诈骗提示", "甲：食品谣言"]
    assert titles(client, "/rumours/") == newest_first


def test_cards_show_verdict_category_region_and_answer(client, filed):
    html = client.get("/rumours/").content.decode()
    card = html[html.index("丙：食品误导") - 900 : html.index("丙：食品误导") + 400]
    assert "verdict--misleading" in card
    assert '<span class="rebuttal-card__category">食品安全</span>' in card
    assert '<span class="rebuttal-card__region">河西乡</span>' in card
    assert "<strong>真相：</strong>县水务局检测显示" in card


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?category=food-safety", ["丙：食品误导", "甲：食品谣言"]),
        ("?verdict=false", ["丁：健康谣言", "甲：食品谣言"]),
        ("?region=河西乡", ["丙：食品误导", "乙：诈骗提示"]),
        ("?year=2024", ["甲：食品谣言"]),
        ("?category=food-safety&verdict=false", ["甲：食品谣言"]),
        ("?category=food-safety&region=河西乡&year=2025", ["丙：食品误导"]),
        ("?verdict=true&year=2024", []),
    ],
)
def test_filters_combine(client, filed, query, expected):
    assert titles(client, f"/rumours/{query}") == expected


def test_the_form_shows_the_active_filters_and_a_reset_link(client, filed):
    html = client.get("/rumours/?category=fraud&year=2025").content.decode()
    assert '<option value="fraud" selected>网络诈骗</option>' in html
    assert '<option value="2025" selected>2025年</option>' in html
    assert '<option value="2024">2024年</option>' in html
    assert '<option value="河西乡">河西乡</option>' in html
    assert 'class="column-filter__reset" href="/rumours/"' in html
    assert "共 1 条符合条件的辟谣" in html
    assert '<meta name="robots" content="noindex, follow">' in html


@pytest.mark.parametrize(
    "query",
    [
        "?category=no-such-category",
        "?verdict=fake",
        "?verdict=",
        "?region=火星",
        "?year=abc",
        "?year=99999",
        "?year=-1",
        "?year=2025.5",
        "?year=1900",
        "?page=abc",
        "?page=0",
        "?page=-3",
        "?unknown=1&category[]=x",
        "?category=%00%ff",
    ],
)
def test_bad_parameters_give_the_unfiltered_list(client, filed, query):
    assert len(titles(client, f"/rumours/{query}")) == 4


def test_a_filter_that_matches_nothing_says_so(client, filed):
    response = client.get("/rumours/?verdict=partly_true")
    assert response.status_code == 200
    assert "没有找到符合条件的辟谣。" in response.content.decode()


def test_pages_past_the_end_are_404(client, filed):
    assert client.get("/rumours/?page=2").status_code == 404
    assert client.get("/rumours/?page=99999999999999999999").status_code == 404
    assert client.get("/rumours/?verdict=partly_true&page=2").status_code == 404


def test_pagination_keeps_the_filters(client, column, categories):
    for n in range(COLUMN_PAGE_SIZE + 3):
        RebuttalPageFactory(parent=column, category=categories["fraud"], title=f"诈骗{n:02d}")
    RebuttalPageFactory(parent=column, category=categories["health"], title="健康")

    first = client.get("/rumours/?category=fraud").content.decode()
    assert len(TITLE.findall(first)) == COLUMN_PAGE_SIZE
    assert "第 1 / 2 页" in first
    assert 'rel="next" href="?category=fraud&amp;page=2"' in first
    second = titles(client, "/rumours/?category=fraud&page=2")
    assert len(second) == 3
    assert "健康" not in second


def test_drafts_and_private_rebuttals_stay_out(client, filed, column):
    RebuttalPageFactory(parent=column, title="草稿", live=False)
    private = RebuttalPageFactory(parent=column, title="内部")
    restriction = PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.create(name="内部"))
    listed = titles(client, "/rumours/")
    assert "草稿" not in listed and "内部" not in listed
    assert len(listed) == 4


def test_column_links_its_feeds(client, filed):
    html = client.get("/rumours/?category=health").content.decode()
    assert '<link rel="alternate" type="application/rss+xml"' in html
    assert 'href="/rumours/feed/atom/"' in html
    assert 'href="/rumours/category/health/feed/rss/"' in html


def test_sitemap_lists_the_column_and_live_rebuttals(client, filed, column):
    RebuttalPageFactory(parent=column, slug="draft-one", live=False)
    xml = client.get("/sitemap.xml").content.decode()
    assert "<loc>http://localhost/rumours/</loc>" in xml
    for page in filed:
        assert f"<loc>http://localhost/rumours/{page.slug}/</loc>" in xml
    assert "draft-one" not in xml


# The column's total and one filter's total come from its stored counts; several filters
# together are counted (one query, on the narrowed list).
COLUMN_QUERIES = 4  # route, view restrictions, categories, the cards


@pytest.mark.parametrize(
    ("query", "queries"),
    [
        ("", COLUMN_QUERIES),
        ("?verdict=false", COLUMN_QUERIES),
        ("?category=fraud&verdict=false&region=城关镇&year=2025", COLUMN_QUERIES + 1),
    ],
)
def test_column_query_count_is_constant(
    client, column, categories, django_assert_max_num_queries, query, queries
):
    def make(n):
        for _ in range(n):
            RebuttalPageFactory(
                parent=column,
                category=categories["fraud"],
                region="城关镇",
                verdict="false",
                published_date=datetime.date(2025, 6, 1),
            )

    make(2)
    client.get(f"/rumours/{query}")
    with django_assert_max_num_queries(queries) as few:
        client.get(f"/rumours/{query}")
    make(COLUMN_PAGE_SIZE + 5)
    with django_assert_max_num_queries(queries) as many:
        response = client.get(f"/rumours/{query}")
    assert len(TITLE.findall(response.content.decode())) == COLUMN_PAGE_SIZE
    assert len(few.captured_queries) == len(many.captured_queries) == queries
    assert f"共 {2 + COLUMN_PAGE_SIZE + 5} 条" in response.content.decode()
