"""Figures for editors about reader tips: how many arrive per day and what became of them, how
long a tip waits for a published rebuttal, which townships send the most.

Days are calendar days in the site's time zone (Asia/Shanghai). Five queries whatever the
period: tips per day and status, the tip/rebuttal time pairs, the townships, two counts.
"""

import datetime
import statistics
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Count, F, Q
from django.db.models.functions import TruncDate
from django.utils import timezone

from core.tiles import Tile

from .models import Tip, TipStatus

DASHBOARD_DAYS = 7
REPORT_PERIODS = {"7": 7, "30": 30, "90": 90}
DEFAULT_REPORT_DAYS = "30"
TOP_TOWNSHIPS = 5


@dataclass
class DayRow:
    day: datetime.date
    counts: dict[str, int]  # status -> tips that arrived this day and are in that status now

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def ordered_counts(self) -> list[tuple[str, str, int]]:
        return [(status, label, self.counts.get(status, 0)) for status, label in TipStatus.choices]


@dataclass
class TipFigures:
    start: datetime.date
    end: datetime.date
    days: list[DayRow]
    totals: dict[str, int]
    median_hours: float | None  # tip arrival -> its rebuttal first published
    answered_count: int  # tips that count in the median
    townships: list[tuple[str, int]]
    answered_by_search: int
    from_informants: int
    waiting: int = 0  # new, whatever their date
    statuses: list[tuple[str, str]] = field(default_factory=lambda: list(TipStatus.choices))

    @property
    def total(self) -> int:
        return sum(self.totals.values())

    @property
    def median_display(self) -> str:
        if self.median_hours is None:
            return "—"
        if self.median_hours < 48:
            return f"{self.median_hours:.1f} 小时"
        return f"{self.median_hours / 24:.1f} 天"

    def ordered_totals(self) -> list[tuple[str, str, int]]:
        return [(status, label, self.totals.get(status, 0)) for status, label in self.statuses]


def answer_tiles(data: TipFigures) -> list[Tile]:
    """What became of tips, as the dashboard panel and the report page both show it."""
    return [
        Tile(data.answered_by_search, "读者自助找到答案"),
        Tile(data.median_display, f"从线索到辟谣发布（中位数，{data.answered_count} 条）"),
    ]


def site_zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def period_start(days: int, today: datetime.date) -> datetime.datetime:
    first = today - datetime.timedelta(days=days - 1)
    return datetime.datetime.combine(first, datetime.time.min, tzinfo=site_zone())


def tip_figures(days: int = DASHBOARD_DAYS, today: datetime.date | None = None) -> TipFigures:
    zone = site_zone()
    today = today or timezone.localdate(timezone=zone)
    since = period_start(days, today)
    until = since + datetime.timedelta(days=days)
    tips = Tip.objects.filter(created_at__gte=since, created_at__lt=until)

    rows = (
        tips.annotate(day=TruncDate("created_at", tzinfo=zone))
        .values_list("day", "status")
        .annotate(count=Count("pk"))
        .order_by()
    )
    by_day: dict[datetime.date, dict[str, int]] = {}
    totals: dict[str, int] = {}
    for day, status, count in rows:
        by_day.setdefault(day, {})[status] = count
        totals[status] = totals.get(status, 0) + count
    day_rows = [
        DayRow(since.date() + datetime.timedelta(days=offset), {}) for offset in range(days)
    ]
    for row in day_rows:
        row.counts = by_day.get(row.day, {})

    # Tips answered by a rebuttal published after they arrived: duplicates and readers who
    # found an existing rebuttal were answered by what was already there.
    pairs = tips.filter(
        status=TipStatus.ANSWERED,
        answered_by_search=False,
        rebuttal__first_published_at__gte=F("created_at"),
    ).values_list("created_at", "rebuttal__first_published_at")
    hours = [(published - created).total_seconds() / 3600 for created, published in pairs]

    townships = list(
        tips.exclude(township="")
        .values_list("township")
        .annotate(count=Count("pk"))
        .order_by("-count", "township")[:TOP_TOWNSHIPS]
    )
    extra = tips.aggregate(
        by_search=Count("pk", filter=Q(answered_by_search=True)),
        informants=Count("pk", filter=Q(from_informant=True)),
    )
    return TipFigures(
        start=since.date(),
        end=today,
        days=day_rows,
        totals=totals,
        median_hours=statistics.median(hours) if hours else None,
        answered_count=len(hours),
        townships=townships,
        answered_by_search=extra["by_search"],
        from_informants=extra["informants"],
        waiting=Tip.objects.filter(status=TipStatus.NEW).count(),
    )
