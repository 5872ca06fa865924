"""Collection years and look-back periods of the national returns.

A collection year is named by the year it ends in, as the DfE's validators name it: the
2026 collection (ruleset ``cin2025_26`` / ``lac2025_26``, ``collectionYear="2026"``) runs from
1 April 2025 to 31 March 2026, and its ReferenceDate is 31 March 2026 (CIN rule 100).
Source: shared/data-standards.md, "Year naming" and §2.1.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from safeguard.lib.workingdays import add_months


@dataclass(frozen=True)
class CollectionYear:
    year: int

    @property
    def start(self) -> dt.date:
        return dt.date(self.year - 1, 4, 1)

    @property
    def end(self) -> dt.date:
        return dt.date(self.year, 3, 31)

    @property
    def reference_date(self) -> dt.date:
        return self.end

    @property
    def label(self) -> str:
        return f"{self.year - 1}/{str(self.year)[2:]}"

    def ruleset(self, prefix: str) -> str:
        """The validators' ruleset for this collection: ``cin2025_26`` for 2026."""
        return f"{prefix}{self.year - 1}_{str(self.year)[2:]}"

    def __str__(self) -> str:
        return f"{self.label} (1 April {self.year - 1} to 31 March {self.year})"


def current_collection_year(today: dt.date) -> CollectionYear:
    """The collection year ``today`` falls in: 23 November 2026 is in the 2027 collection."""
    return CollectionYear(today.year + 1 if today.month >= 4 else today.year)


@dataclass(frozen=True)
class LookBack:
    """Annex A's reference period: ``months`` before the inspection date (Ofsted: 6 months
    for Lists 1-9, 12 for Lists 10-11; shared/data-standards.md §1.2)."""

    start: dt.date
    end: dt.date

    @classmethod
    def months_before(cls, end: dt.date, months: int) -> LookBack:
        return cls(add_months(end, -months) + dt.timedelta(days=1), end)

    def contains(self, day: dt.date | None) -> bool:
        return day is not None and self.start <= day <= self.end
