"""Dates in the site's time zone (Beijing time), and as readers filter by them."""

import datetime

from django.db.models import Max, Min
from django.utils import timezone


def start_of_day(day: datetime.date) -> datetime.datetime:
    """Midnight at the start of `day`, aware: the moment something that carries only a date
    (an imported rebuttal, a video episode) was published."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))


def years_spanned(queryset, first_field: str, last_field: str | None = None) -> list[int]:
    """Every year from the earliest ``first_field`` to the latest ``last_field`` (the same field
    by default), newest first: the choices of a year filter.

    One aggregate query: Min and Max use a date index, where listing the distinct years would
    scan every row.
    """
    span = queryset.order_by().aggregate(
        first=Min(first_field), last=Max(last_field or first_field)
    )
    if span["first"] is None:
        return []
    return list(range(span["last"].year, span["first"].year - 1, -1))
