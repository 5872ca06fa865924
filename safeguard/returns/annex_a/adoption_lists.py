"""Annex A List 10 (adoption) and List 11 (adopters) (shared/data-standards.md §1.2), from
``safeguard.adoption``.

Both lists look back 12 months from the inspection date (Ofsted's reference period for
Lists 10 and 11, §1.2), whatever period the other lists use. What happened after the
inspection date is not yet known to the lists and is written blank.

- List 10: one row per decision that a child should be placed for adoption (SHOBPA) where,
  in the 12 months, the child was adopted, or the decision was reversed, or the decision
  stands at the inspection date and the child is not yet adopted.
- List 11: one row per individual adopter whose household was in touch with the adoption
  agency in the 12 months: enquired on or before the inspection date, and had not left
  the process nor adopted before the 12 months began.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.apps import apps

from ..periods import LookBack
from . import columns as c

if TYPE_CHECKING:
    from .lists import _Lookups

Root = Callable[[int | None], int | None]

LOOK_BACK_MONTHS = 12
DISABILITY = {"yes": c.YES, "no": c.NO, "unknown": c.UNKNOWN}


def _window(period: LookBack) -> LookBack:
    return LookBack.months_before(period.end, LOOK_BACK_MONTHS)


def _known(day: dt.date | None, end: dt.date) -> dt.date | None:
    return day if day is not None and day <= end else None


def _decisions(period: LookBack) -> list[dict[str, Any]]:
    """The decisions List 10 names, as at the inspection date."""
    from safeguard.adoption.models import AdoptionDecision

    window = _window(period)
    end = window.end
    rows: list[dict[str, Any]] = []
    for d in (
        AdoptionDecision.objects.filter(decided_on__lte=end)
        .order_by("child_id", "decided_on", "id")
        .values(
            "child_id",
            "decided_on",
            "placement_order_on",
            "matched_on",
            "placed_on",
            "adoption_order_on",
            "no_longer_on",
            "no_longer_reason",
            "ffa_placed_on",
            "household__reference",
        )
    ):
        adopted, reversed_on = _known(d["adoption_order_on"], end), _known(d["no_longer_on"], end)
        if adopted is not None:
            named = window.contains(adopted)
        elif reversed_on is not None:
            named = window.contains(reversed_on)
        else:
            named = True  # the decision stands and the child is not yet adopted
        if named:
            rows.append(dict(d))
    return rows


def child_ids(period: LookBack, root: Root) -> set[int]:
    """The children List 10 names, so the lists' shared lookups read them."""
    if not apps.is_installed("safeguard.adoption"):
        return set()
    return {pk for d in _decisions(period) if (pk := root(d["child_id"])) is not None}


def _care_starts(child_ids: set[int]) -> dict[int, list[dt.date]]:
    """Each child's starts of a period of care (RNE S), oldest first."""
    if not apps.is_installed("safeguard.care"):
        return {}
    from safeguard.care.models import Episode

    starts: dict[int, list[dt.date]] = {}
    for e in (
        Episode.objects.filter(child_id__in=child_ids, reason_new_episode="S")
        .order_by("start_date")
        .values("child_id", "start_date")
    ):
        starts.setdefault(e["child_id"], []).append(e["start_date"])
    return starts


def list10_rows(look: _Lookups, period: LookBack, root: Root) -> list[list[Any]]:
    if not apps.is_installed("safeguard.adoption"):
        return []
    end = period.end
    decisions = _decisions(period)
    starts = _care_starts({d["child_id"] for d in decisions})
    rows = []
    for d in decisions:
        child_id = root(d["child_id"])
        if child_id is None or child_id not in look.children:
            continue
        la_id, sex, ethnicity, dob, age = look.common(child_id)
        # The period of care the decision was made in: the last start on or before it.
        entered = max((s for s in starts.get(d["child_id"], []) if s <= d["decided_on"]), default=None)
        matched = _known(d["matched_on"], end)
        reversed_on = _known(d["no_longer_on"], end)
        rows.append(
            [
                la_id,
                (d["household__reference"] or "") if matched else "",
                sex,
                ethnicity,
                dob,
                age,
                look.children[child_id].disability,
                entered,
                d["decided_on"],
                _known(d["placement_order_on"], end),
                matched,
                _known(d["placed_on"], end),
                _known(d["adoption_order_on"], end),
                reversed_on,
                c.NO_LONGER_PLACED.get(d["no_longer_reason"], "") if reversed_on else "",
                _known(d["ffa_placed_on"], end),
            ]
        )
    return rows


def list11_rows(period: LookBack) -> list[list[Any]]:
    if not apps.is_installed("safeguard.adoption"):
        return []
    from django.db.models import Q

    from safeguard.adoption.models import AdopterHousehold
    from safeguard.adoption.selectors import journey_of

    window = _window(period)
    start, end = window.start, window.end
    households = (
        AdopterHousehold.objects.filter(enquiry_on__lte=end)
        .exclude(Q(left_on__lt=start) | Q(adoption_order_on__lt=start))
        .prefetch_related("adopters", "decisions")
        .order_by("reference")
    )
    rows = []
    for h in households:
        # The child's record carries the match, placement and order when the household's does not.
        decisions = [d for d in h.decisions.all() if d.matched_on is not None and d.matched_on <= end]
        journey = journey_of(h, decisions)
        adopted = _known(journey.adoption_order_on, end)
        if adopted is not None and adopted < start:
            continue
        placed = _known(journey.placed_on, end)
        left = _known(h.left_on, end)
        for a in h.adopters.all():
            rows.append(
                [
                    a.identifier,
                    h.reference,
                    c.SEX.get(a.sex, c.SEX["U"]),
                    c.ETHNICITY.get(a.ethnicity, c.ETHNICITY["NOBT"]),
                    DISABILITY.get(a.disability, c.UNKNOWN),
                    c.YES if a.fostering_for_adoption else c.NO,
                    h.enquiry_on,
                    _known(h.stage1_started_on, end),
                    _known(h.stage1_ended_on, end),
                    _known(h.stage2_started_on, end),
                    _known(h.stage2_ended_on, end),
                    _known(h.application_on, end),
                    _known(h.approved_on, end),
                    _known(journey.matched_on, end),
                    placed,
                    journey.children_placed if placed else None,
                    adopted,
                    left,
                    c.LEFT_ADOPTION.get(h.left_reason, "") if left else "",
                ]
            )
    return rows
