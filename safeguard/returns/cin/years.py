"""The CIN census collection years this system writes. A new year adds a module and a
golden-file test; an old year's module is not edited."""

from __future__ import annotations

from . import y2026, y2027
from .writer import CinLayout

YEARS: dict[int, CinLayout] = {y2026.YEAR: y2026.LAYOUT, y2027.YEAR: y2027.LAYOUT}


def layout_for(year: int) -> CinLayout:
    try:
        return YEARS[year]
    except KeyError:
        known = ", ".join(str(y) for y in sorted(YEARS))
        raise ValueError(f"The CIN census for {year} is not supported; choose one of {known}.") from None
