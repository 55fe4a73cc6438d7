"""Admin listings and admin URLs that answer junk ids and filters with a 404 or an empty list,
never a 500.

A database id from a request is a positive integer the database can hold: SQLite refuses a
larger one with OverflowError (Django guards plain integer lookups, not those through a
relation, such as a page's ``page_ptr``). ``<id:…>`` in a URL pattern matches only those, so
anything else is a 404; :class:`IdChoiceFilter` is a ModelChoiceFilter that calls anything
else an invalid choice; and :class:`InvalidFiltersListNothingMixin` shows an empty list
(with the form's errors) rather than everything when a filter is invalid.

A leaf helper: it imports nothing of ours, and anyone may import it.
"""

import datetime

from django.core.exceptions import ValidationError

import django_filters
from django_filters.fields import DateRangeField, ModelChoiceField

MAX_ID = 2**63 - 1  # the largest BigAutoField; SQLite's and PostgreSQL's largest integer


def parse_id(value) -> int | None:
    """A database id from request input, or None when the value is not one."""
    text = str(value).strip()
    if not (text.isascii() and text.isdigit()) or len(text) > len(str(MAX_ID)):
        return None
    number = int(text)
    return number if 0 < number <= MAX_ID else None


class IdConverter:
    """The ``id`` URL converter (registered by core.apps): ``<id:pk>``."""

    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        if (number := parse_id(value)) is None:
            raise ValueError(value)  # no match: a 404
        return number

    def to_url(self, value) -> str:
        return str(value)


class IdChoiceField(ModelChoiceField):
    def to_python(self, value):
        if value not in self.empty_values and parse_id(value) is None:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class IdChoiceFilter(django_filters.ModelChoiceFilter):
    """A ModelChoiceFilter whose junk ids (huge, negative, text) are invalid choices."""

    field_class = IdChoiceField


# The dates a newsroom's filter can mean. Further out, Beijing time converted to UTC falls off
# the calendar (year 1, year 9999) and the database adapter raises OverflowError.
EARLIEST_FILTER_DATE = datetime.date(1900, 1, 1)
LATEST_FILTER_DATE = datetime.date(2999, 12, 31)


class BoundedDateRangeField(DateRangeField):
    def compress(self, data_list):
        for day in data_list or ():
            if day and not EARLIEST_FILTER_DATE <= day <= LATEST_FILTER_DATE:
                raise ValidationError("日期超出范围（1900–2999 年）", code="out_of_range")
        return super().compress(data_list)


class BoundedDateFromToRangeFilter(django_filters.DateFromToRangeFilter):
    """A date range filter whose far-out dates are invalid input, not a server error."""

    field_class = BoundedDateRangeField


class InvalidFiltersListNothingMixin:
    """For a Wagtail IndexView: an invalid filter (a choice that is not one, a date that is not
    a date) lists nothing, and exports nothing, instead of Wagtail's unfiltered everything;
    the filter form shows what was wrong."""

    def filter_queryset(self, queryset):
        if self.filters and not self.filters.is_valid():
            return queryset.none()
        return super().filter_queryset(queryset)
