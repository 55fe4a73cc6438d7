"""Which bytes a Range header asks for (RFC 9110, 14.1.2), for a file of 1,000 bytes."""

import pytest

from core.file_responses import RangeNotSatisfiable, requested_range

SIZE = 1000


@pytest.mark.parametrize(
    "header, expected",
    [
        ("bytes=0-99", (0, 99)),
        ("bytes=500-", (500, 999)),
        ("bytes=-100", (900, 999)),
        ("bytes=-5000", (0, 999)),  # more than the file: all of it
        ("bytes=990-5000", (990, 999)),  # past the end: cut at the end
        (" bytes=0-0 ", (0, 0)),
        # Not understood, so ignored (the whole file is sent): several ranges, other units,
        # a last byte before the first, nothing at all.
        ("bytes=0-99,200-299", None),
        ("items=0-9", None),
        ("bytes=100-50", None),
        ("bytes=-", None),
        ("bytes=abc-def", None),
    ],
)
def test_requested_range(header, expected):
    assert requested_range(header, SIZE) == expected


@pytest.mark.parametrize("header", ["bytes=1000-", "bytes=1000-2000", "bytes=-0"])
def test_ranges_that_cannot_be_served(header):
    with pytest.raises(RangeNotSatisfiable):
        requested_range(header, SIZE)


def test_an_empty_file_has_no_last_bytes():
    with pytest.raises(RangeNotSatisfiable):
        requested_range("bytes=-1", 0)
