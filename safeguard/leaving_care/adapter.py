"""The one place leaving care reads the care history: children-in-care episodes turned
into the simple period records ``eligibility`` works on."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING

from safeguard.care.models import Episode

from .eligibility import Eligibility, Period, assess, counted

if TYPE_CHECKING:
    from safeguard.people.models import Person

FIELDS = ("child_id", "start_date", "end_date", "legal_status", "end_reason")


def _period(row: dict[str, object]) -> Period:
    return Period(
        start=row["start_date"],  # type: ignore[arg-type]
        end=row["end_date"],  # type: ignore[arg-type]
        legal_status=str(row["legal_status"]),
        end_reason=str(row["end_reason"] or ""),
    )


def periods_for(child: Person) -> list[Period]:
    """The child's episodes (merged duplicate records included), oldest first."""
    rows = Episode.objects.filter(child_id__in=child.identity_ids()).order_by("start_date", "id").values(*FIELDS)
    return [_period(r) for r in rows]


def periods_by_child(child_ids: Iterable[int]) -> dict[int, list[Period]]:
    """Episodes of many children in one query, for lists."""
    found: dict[int, list[Period]] = defaultdict(list)
    rows = Episode.objects.filter(child_id__in=list(child_ids)).order_by("start_date", "id").values(*FIELDS)
    for row in rows:
        found[int(row["child_id"])].append(_period(row))  # type: ignore[call-overload]
    return found


def counted_ranges(periods: Iterable[Period], as_at: dt.date) -> list[tuple[dt.date, dt.date]]:
    """The days looked after (short breaks left out) up to ``as_at``, as merged ranges."""
    return counted(periods, as_at)


def looked_after_on(periods: Iterable[Period], day: dt.date) -> bool:
    return any(p.start <= day and (p.end is None or p.end > day) and not p.short_break for p in periods)


def eligibility_for(
    child: Person,
    *,
    as_at: dt.date,
    continuing_support: bool = False,
    returned_home_on: dt.date | None = None,
    periods: list[Period] | None = None,
) -> Eligibility | None:
    """None when the child has no date of birth (an unborn child, or one not yet known)."""
    if child.date_of_birth is None:
        return None
    return assess(
        periods if periods is not None else periods_for(child),
        date_of_birth=child.date_of_birth,
        as_at=as_at,
        continuing_support=continuing_support,
        returned_home_on=returned_home_on,
    )
