"""Big figures in a row on admin dashboards and reports (templates/core/admin/number_tiles.html)."""

from typing import NamedTuple


class Tile(NamedTuple):
    value: object
    label: str
    url: str = ""  # the label links here when given
