"""Dates in the site's time zone (Beijing time)."""

import datetime

from django.utils import timezone


def start_of_day(day: datetime.date) -> datetime.datetime:
    """Midnight at the start of `day`, aware: the moment something that carries only a date
    (an imported rebuttal, a video episode) was published."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))
