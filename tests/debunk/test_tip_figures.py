"""The editors' figures on a known set of tips: per day by status (Beijing days), the median
time from tip to published rebuttal, the townships sending the most; the dashboard panel and
the report page with its server-rendered SVG chart."""

import datetime
import re
from zoneinfo import ZoneInfo

from django.contrib.auth.models import Group
from django.urls import reverse

import pytest

from core.permissions import EDITORS
from debunk.charts import nice_step
from debunk.factories import RebuttalPageFactory, TipFactory
from debunk.figures import tip_figures
from debunk.models import RebuttalPage, TipStatus

pytestmark = pytest.mark.django_db

BEIJING = ZoneInfo("Asia/Shanghai")
# The report page counts back from the real today, so the known tips are placed around it.
TODAY = datetime.datetime.now(BEIJING).date()


def day(offset: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=offset)


def at(day_offset: int, hour: int, minute: int = 0) -> datetime.datetime:
    day = TODAY + datetime.timedelta(days=day_offset)
    return datetime.datetime(day.year, day.month, day.day, hour, minute, tzinfo=BEIJING)


@pytest.fixture
def known_tips(column):
    old = RebuttalPageFactory(parent=column, slug="old-one")
    fast = RebuttalPageFactory(parent=column, slug="fast")
    slow = RebuttalPageFactory(parent=column, slug="slow")
    RebuttalPage.objects.filter(pk=old.pk).update(first_published_at=at(-100, 9))
    RebuttalPage.objects.filter(pk=fast.pk).update(first_published_at=at(-1, 19))  # +10 h
    RebuttalPage.objects.filter(pk=slow.pk).update(first_published_at=at(1, 6, 30))  # +30 h
    tips = [
        # two days ago
        TipFactory(created_at=at(-2, 8), status=TipStatus.NEW, township="城关镇"),
        TipFactory(created_at=at(-2, 23, 50), status=TipStatus.REJECTED, township="城关镇"),
        # yesterday
        TipFactory(
            created_at=at(-1, 9), status=TipStatus.ANSWERED, rebuttal=fast, township="河西镇"
        ),
        TipFactory(
            created_at=at(-1, 11), status=TipStatus.DUPLICATE, rebuttal=old, township="河西镇"
        ),
        TipFactory(created_at=at(-1, 15), status=TipStatus.TRIAGED, township="河西镇"),
        # today: 00:30 in Beijing is still the previous day in UTC
        TipFactory(
            created_at=at(0, 0, 30),
            status=TipStatus.ANSWERED,
            rebuttal=slow,
            township="东坝乡",
        ),
        TipFactory(
            created_at=at(0, 10),
            status=TipStatus.ANSWERED,
            rebuttal=old,
            answered_by_search=True,
            township="",
        ),
        TipFactory(
            created_at=at(0, 11), status=TipStatus.NEW, from_informant=True, township="河西镇"
        ),
        # outside a seven-day period
        TipFactory(created_at=at(-10, 12), status=TipStatus.NEW, township="东坝乡"),
    ]
    return tips


def test_tips_per_day_by_status(known_tips):
    figures = tip_figures(days=7, today=TODAY)
    assert figures.start == day(-6) and figures.end == TODAY
    assert [row.day for row in figures.days] == [day(offset) for offset in range(-6, 1)]
    by_day = {row.day: row.counts for row in figures.days}
    assert by_day[day(-2)] == {"new": 1, "rejected": 1}
    assert by_day[day(-1)] == {"answered": 1, "duplicate": 1, "triaged": 1}
    assert by_day[day(0)] == {"answered": 2, "new": 1}
    assert all(not by_day[day(offset)] for offset in range(-6, -2))
    assert figures.totals == {"new": 2, "rejected": 1, "answered": 3, "duplicate": 1, "triaged": 1}
    assert figures.total == 8
    assert figures.answered_by_search == 1 and figures.from_informants == 1
    assert figures.waiting == 3  # every new tip, the one outside the period too


def test_median_time_from_tip_to_published_rebuttal(known_tips):
    figures = tip_figures(days=7, today=TODAY)
    # 10 h and 30 h; the duplicate and the search outcome point at a rebuttal older than them.
    assert figures.answered_count == 2
    assert figures.median_hours == pytest.approx(20.0)
    assert figures.median_display == "20.0 小时"


def test_townships_sending_the_most(known_tips):
    figures = tip_figures(days=7, today=TODAY)
    assert figures.townships == [("河西镇", 4), ("城关镇", 2), ("东坝乡", 1)]
    wider = tip_figures(days=30, today=TODAY)
    assert ("东坝乡", 2) in wider.townships


def test_no_tips_no_median(db):
    figures = tip_figures(days=7, today=TODAY)
    assert figures.total == 0 and figures.median_hours is None
    assert figures.median_display == "—"


@pytest.fixture
def as_editor(client, django_user_model):
    user = django_user_model.objects.create_user("editor", password="pw-editor-1")
    user.groups.add(Group.objects.get(name=EDITORS))
    client.force_login(user)
    return client


def test_the_dashboard_panel(as_editor, known_tips, client):
    html = as_editor.get(reverse("wagtailadmin_home")).content.decode()
    assert "读者求证线索" in html
    assert "待分拣" in html and "从线索到辟谣发布" in html
    assert f'<a href="{reverse("wagtailsnippets_debunk_tip:list")}?status=new">待分拣</a>' in html
    assert reverse("debunk_tip_figures") in html


def test_the_report_page_draws_an_svg_chart_without_any_cdn(as_editor, known_tips):
    response = as_editor.get(reverse("debunk_tip_figures"), {"days": "90"})
    html = response.content.decode()
    assert response.status_code == 200
    svgs = re.findall(r'<svg class="tip-chart".*?</svg>', html, flags=re.S)
    assert len(svgs) == 2  # tips per day, townships
    daily = svgs[0]
    assert "共 9 条" in daily  # 90 days hold every known tip
    # One segment per day and status present (8), one legend swatch per status.
    assert daily.count("<rect") == 8 + len(TipStatus)
    assert "<script" not in daily and "href" not in daily
    assert "河西镇" in svgs[1]
    assert re.search(r"<title>\d+月\d+日 已答复：\d+ 条</title>", daily)
    # Nothing is loaded from another site: every script and stylesheet is the admin's own.
    assets = re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', html)
    assert assets and all(url.startswith("/") and not url.startswith("//") for url in assets)
    bad = as_editor.get(reverse("debunk_tip_figures"), {"days": "x"})
    assert bad.status_code == 200 and "近 30 天" in bad.content.decode()


def test_the_report_needs_the_view_permission(client, django_user_model, known_tips):
    client.force_login(django_user_model.objects.create_user("someone", password="pw-x-12345"))
    response = client.get(reverse("debunk_tip_figures"))
    assert response.status_code == 302


@pytest.mark.parametrize(
    ("maximum", "step"), [(0, 1), (3, 1), (7, 2), (12, 5), (40, 10), (180, 50), (1234, 500)]
)
def test_gridline_steps_are_round(maximum, step):
    assert nice_step(maximum) == step
