"""Annex A List 2 (early help): early help assessments in the look-back and current early
help coordinated by the authority (shared/data-standards.md §1.2), from ``safeguard.early_help``.

List 2 looks back over the same period as Lists 1 to 9 (6 months before the inspection date,
or the period the analyst chose). One row per episode with an assessment:

- whose assessment started, or was completed, in the period; or
- which was open at the end of the period (a current early help intervention), whatever
  the date its assessment started.

An episode whose assessment has not started is left out: ``Assessment start date`` may not
be blank. What happened after the inspection date is not yet known to the list: a
completion after it is blank, and an episode that started after it is left out.
``Organisation completing assessment`` (required in LIIA's reading) is the organisation
the practitioner recorded, or its agency's name.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.db.models import Q

from ..periods import LookBack

if TYPE_CHECKING:
    from .lists import _Lookups

Root = Callable[[int | None], int | None]


def _episodes(period: LookBack) -> Iterator[dict[str, Any]]:
    from safeguard.early_help.models import EarlyHelpEpisode

    start, end = period.start, period.end
    in_period = Q(assessment_started_on__gte=start) | Q(
        assessment_completed_on__gte=start, assessment_completed_on__lte=end
    )
    current = Q(closed_on__isnull=True) | Q(closed_on__gt=end)
    rows = (
        EarlyHelpEpisode.objects.filter(assessment_started_on__isnull=False, assessment_started_on__lte=end)
        .filter(in_period | current)
        .order_by("assessment_started_on", "pk")
        .values(
            "child_id",
            "assessment_started_on",
            "assessment_completed_on",
            "assessment_organisation",
            "assessment_agency__name",
        )
    )
    for found in rows:
        row: dict[str, Any] = dict(found)
        if row["assessment_completed_on"] and row["assessment_completed_on"] > end:
            row["assessment_completed_on"] = None
        yield row


def child_ids(period: LookBack, root: Root) -> set[int]:
    """The children List 2 names, so the lists' shared lookups read them."""
    if not apps.is_installed("safeguard.early_help"):
        return set()
    return {child for row in _episodes(period) if (child := root(row["child_id"])) is not None}


def list2_rows(look: _Lookups, period: LookBack, root: Root) -> list[list[Any]]:
    if not apps.is_installed("safeguard.early_help"):
        return []
    rows = []
    for row in _episodes(period):
        child_id = root(row["child_id"])
        if child_id is None or child_id not in look.children:
            continue
        rows.append(
            [
                *look.common(child_id),
                row["assessment_started_on"],
                row["assessment_completed_on"],
                row["assessment_organisation"] or row["assessment_agency__name"] or "",
            ]
        )
    return rows
