"""SVG charts drawn on the server: no script, no CDN, readable in any browser and in a printed
report. Every number also appears in the table beside the chart (screen readers, copy-paste).
"""

import math

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from .figures import TipFigures
from .models import TipStatus

STATUS_COLOURS = {
    TipStatus.NEW: "#d9480f",
    TipStatus.TRIAGED: "#1d4ed8",
    TipStatus.ANSWERED: "#17703a",
    TipStatus.DUPLICATE: "#74b816",
    TipStatus.REJECTED: "#868e96",
}
FONT = 'font-family="sans-serif" font-size="11" fill="#4e5969"'

WIDTH = 640
PLOT_LEFT, PLOT_RIGHT, PLOT_TOP = 36, 8, 12
PLOT_HEIGHT = 180
LEGEND_HEIGHT = 40


def nice_step(maximum: int, ticks: int = 4) -> int:
    """A round gridline step (1, 2, 5, 10, 20, 50 …) giving about ``ticks`` lines."""
    if maximum <= ticks:
        return 1
    raw = maximum / ticks
    magnitude = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 5, 10):
        if factor * magnitude >= raw:
            return int(factor * magnitude)
    return int(10 * magnitude)


def daily_status_chart(figures: TipFigures) -> SafeString:
    """Tips per day, one bar per day, stacked by the status they are in now."""
    days = figures.days
    top = max((row.total for row in days), default=0)
    step = nice_step(top)
    scale_max = max(step * math.ceil(top / step), step)
    plot_width = WIDTH - PLOT_LEFT - PLOT_RIGHT
    slot = plot_width / max(len(days), 1)
    bar = max(slot * 0.7, 2)
    base = PLOT_TOP + PLOT_HEIGHT
    parts = []

    for value in range(0, scale_max + 1, step):
        y = base - value / scale_max * PLOT_HEIGHT
        parts.append(
            format_html(
                '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="#e5e6eb"/>'
                '<text x="{}" y="{}" text-anchor="end" {}>{}</text>',
                PLOT_LEFT,
                WIDTH - PLOT_RIGHT,
                f"{y:.1f}",
                f"{y:.1f}",
                PLOT_LEFT - 4,
                f"{y + 4:.1f}",
                mark_safe(FONT),
                value,
            )
        )

    label_every = max(1, math.ceil(len(days) / 10))
    for index, row in enumerate(days):
        x = PLOT_LEFT + index * slot + (slot - bar) / 2
        y = base
        for status, label, count in row.ordered_counts():
            if not count:
                continue
            height = count / scale_max * PLOT_HEIGHT
            y -= height
            parts.append(
                format_html(
                    '<rect x="{}" y="{}" width="{}" height="{}" fill="{}">'
                    "<title>{}月{}日 {}：{} 条</title></rect>",
                    f"{x:.1f}",
                    f"{y:.1f}",
                    f"{bar:.1f}",
                    f"{height:.1f}",
                    STATUS_COLOURS[status],
                    row.day.month,
                    row.day.day,
                    label,
                    count,
                )
            )
        if index % label_every == 0:
            parts.append(
                format_html(
                    '<text x="{}" y="{}" text-anchor="middle" {}>{}/{}</text>',
                    f"{x + bar / 2:.1f}",
                    base + 14,
                    mark_safe(FONT),
                    row.day.month,
                    row.day.day,
                )
            )

    legend_y = base + 34
    x = PLOT_LEFT
    for status, label in TipStatus.choices:
        parts.append(
            format_html(
                '<rect x="{}" y="{}" width="10" height="10" fill="{}"/>'
                '<text x="{}" y="{}" {}>{}</text>',
                x,
                legend_y - 9,
                STATUS_COLOURS[status],
                x + 14,
                legend_y,
                mark_safe(FONT),
                label,
            )
        )
        x += 14 + 12 * len(label) + 18

    height = base + LEGEND_HEIGHT
    return format_html(
        '<svg class="tip-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" '
        'width="100%" role="img" aria-labelledby="tip-chart-daily-title">'
        '<title id="tip-chart-daily-title">每日求证线索（按当前处理状态）：{} 至 {}，共 {} 条'
        "</title>{}</svg>",
        WIDTH,
        height,
        figures.start.isoformat(),
        figures.end.isoformat(),
        figures.total,
        mark_safe("".join(parts)),
    )


def township_chart(figures: TipFigures) -> SafeString:
    """The townships sending the most tips, as horizontal bars."""
    if not figures.townships:
        return SafeString("")
    row_height, label_width = 26, 120
    top = max(count for _, count in figures.townships)
    bar_room = WIDTH - label_width - 48
    rows = format_html_join(
        "",
        '<text x="{}" y="{}" text-anchor="end" {}>{}</text>'
        '<rect x="{}" y="{}" width="{}" height="16" fill="#b4121b"/>'
        '<text x="{}" y="{}" {}>{}</text>',
        (
            (
                label_width - 6,
                index * row_height + 16,
                mark_safe(FONT),
                township,
                label_width,
                index * row_height + 4,
                f"{max(count / top * bar_room, 2):.1f}",
                label_width + max(count / top * bar_room, 2) + 6,
                index * row_height + 16,
                mark_safe(FONT),
                count,
            )
            for index, (township, count) in enumerate(figures.townships)
        ),
    )
    return format_html(
        '<svg class="tip-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" '
        'width="100%" role="img" aria-labelledby="tip-chart-townships-title">'
        '<title id="tip-chart-townships-title">线索最多的乡镇（街道）</title>{}</svg>',
        WIDTH,
        len(figures.townships) * row_height + 8,
        rows,
    )
