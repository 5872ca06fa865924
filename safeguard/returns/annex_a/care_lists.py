"""Annex A List 8 (children in care) and List 9 (care leavers), read from the care,
missing and leaving-care contexts for a look-back period ending on the inspection date
(shared/data-standards.md §1.2 for scope and columns, §1.3 for the strings).

What Safeguard does not record is left blank, as the template allows: whether the child is
(or was) an unaccompanied asylum-seeking child, the placement's location (in or out of the
authority) and the local authority it is in. The checks report those blanks (AA7), so the
gap stays visible until the records exist (docs/returns.md).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps

from safeguard.lib.workingdays import add_months

from ..periods import LookBack
from . import columns as c

Root = Callable[[int], int]
SHORT_BREAKS = frozenset({"V3", "V4"})
# Reviews where the child took part (attended, or conveyed views while attending): the IRO's
# contact with the child (ReviewParticipation PN1-PN4).
CHILD_AT_REVIEW = frozenset({"PN1", "PN2", "PN3", "PN4"})
HEALTH_ASSESSMENTS = frozenset({"initial", "review"})
UNALLOCATED = "Unallocated"


@dataclass
class _Period:
    """A period of being looked after: consecutive episodes, each starting the day the one
    before ended."""

    episodes: list[dict[str, Any]] = field(default_factory=list)

    @property
    def start(self) -> dt.date:
        return self.episodes[0]["start_date"]

    @property
    def end(self) -> dt.date | None:
        return self.episodes[-1]["end_date"]

    @property
    def short_breaks_only(self) -> bool:
        return all(e["legal_status"] in SHORT_BREAKS for e in self.episodes)


def _periods(episodes: list[dict[str, Any]]) -> list[_Period]:
    periods: list[_Period] = []
    for e in episodes:
        if periods and periods[-1].end is not None and periods[-1].end == e["start_date"]:
            periods[-1].episodes.append(e)
        else:
            periods.append(_Period([e]))
    return periods


@dataclass
class CareData:
    """What Lists 8 and 9 need, read once; child ids are the surviving records' ids."""

    period: LookBack
    # child id -> the period in scope for List 8 (open on the inspection date, or ended in the look-back).
    in_care: dict[int, tuple[_Period, list[_Period], list[dict[str, Any]]]] = field(default_factory=dict)
    # child id -> eligibility category (List 9).
    leavers: dict[int, str] = field(default_factory=dict)

    @property
    def child_ids(self) -> set[int]:
        return set(self.in_care) | set(self.leavers)


def _known(episode: dict[str, Any], end: dt.date) -> dict[str, Any]:
    """An episode as the inspection date knows it: an end after it is not yet known."""
    if episode["end_date"] and episode["end_date"] > end:
        return {**episode, "end_date": None, "end_reason": ""}
    return episode


def care_data(period: LookBack, root: Root) -> CareData:
    data = CareData(period=period)
    if not apps.is_installed("safeguard.care"):
        return data
    episode_model = apps.get_model("care", "Episode")
    start, end = period.start, period.end
    by_child: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for e in (
        episode_model.objects.filter(start_date__lte=end)
        .order_by("start_date", "id")
        .values(
            "id",
            "child_id",
            "start_date",
            "end_date",
            "reason_new_episode",
            "legal_status",
            "category_of_need",
            "placement_type",
            "placement_provider",
            "placement_postcode",
            "urn",
            "end_reason",
        )
    ):
        by_child[root(e["child_id"])].append(_known(e, end))
    for child_id, episodes in by_child.items():
        periods = _periods(sorted(episodes, key=lambda e: (e["start_date"], e["id"])))
        current = periods[-1]
        if current.short_breaks_only:
            continue
        if current.end is None or start <= current.end <= end:
            data.in_care[child_id] = (current, periods, episodes)
    if apps.is_installed("safeguard.leaving_care"):
        data.leavers = _leavers(by_child.keys(), end)
    return data


def _leavers(child_ids: Any, end: dt.date) -> dict[int, str]:
    """Young people entitled to leaving-care services on the inspection date (leaving care's
    own assessment: eligible, relevant, former relevant or qualifying)."""
    from safeguard.leaving_care import adapter
    from safeguard.leaving_care.models import LeavingCareCase
    from safeguard.people.models import Person

    ids = list(child_ids)
    people = Person.objects.in_bulk(ids)
    cases = {case.child_id: case for case in LeavingCareCase.objects.filter(child_id__in=ids)}
    periods = adapter.periods_by_child(ids)
    found = {}
    for pk in ids:
        person = people.get(pk)
        if person is None or person.date_of_birth is None or person.date_of_birth > end:
            continue
        case = cases.get(pk)
        status = adapter.eligibility_for(
            person,
            as_at=end,
            continuing_support=bool(case and case.continuing_support),
            returned_home_on=case.returned_home_on if case else None,
            periods=periods.get(pk, []),
        )
        if status is not None and status.category in c.ELIGIBILITY:
            found[pk] = status.category
    return found


def _latest(values: list[dt.date]) -> dt.date | None:
    return max(values) if values else None


def _by_child(rows: Any, root: Root, day_field: str) -> dict[int, list[dict[str, Any]]]:
    found: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        found[root(row["child_id"])].append(row)
    for items in found.values():
        items.sort(key=lambda r: r[day_field])
    return found


def list8_rows(data: CareData, look: Any, root: Root) -> list[list[Any]]:
    """One row per child in care on the inspection date or who left care in the period."""
    if not data.in_care:
        return []
    end = data.period.end
    year_before = add_months(end, -12)
    ids = list(data.in_care)
    all_ids = _identity_ids(ids)
    reviews = _by_child(
        apps.get_model("care", "Review")
        .objects.filter(child_id__in=all_ids, held_on__lte=end)
        .values("child_id", "held_on", "participation"),
        root,
        "held_on",
    )
    visits = _by_child(
        apps.get_model("care", "Visit")
        .objects.filter(child_id__in=all_ids, visited_on__lte=end, child_seen=True)
        .values("child_id", "visited_on"),
        root,
        "visited_on",
    )
    plans = _by_child(
        apps.get_model("care", "CarePlan")
        .objects.filter(child_id__in=all_ids, agreed_on__lte=end)
        .exclude(permanence_option="")
        .order_by("agreed_on", "id")
        .values("child_id", "agreed_on", "permanence_option"),
        root,
        "agreed_on",
    )
    health = _by_child(
        apps.get_model("care", "HealthCheck")
        .objects.filter(child_id__in=all_ids, done_on__lte=end)
        .values("child_id", "done_on", "kind"),
        root,
        "done_on",
    )
    missing = _missing(all_ids, root, year_before, end)
    rows = []
    for child_id in sorted(ids, key=lambda pk: look.children[pk].la_id):
        current, periods, episodes = data.in_care[child_id]
        latest = current.episodes[-1]
        since = current.start
        # The current legal status runs back through the episodes with the same status.
        status_from = latest["start_date"]
        for e in reversed(current.episodes[:-1]):
            if e["legal_status"] != latest["legal_status"]:
                break
            status_from = e["start_date"]
        # The current placement runs back through legal-status-only changes (RNE L).
        placed_from = latest["start_date"]
        for later, e in zip(reversed(current.episodes[1:]), reversed(current.episodes[:-1]), strict=True):
            if later["reason_new_episode"] != "L":
                break
            placed_from = e["start_date"]
        earlier = [p for p in periods if p is not current and p.end is not None and p.end > year_before]
        ended = current.end
        child_reviews = [r for r in reviews.get(child_id, []) if r["held_on"] >= since]
        child_health = health.get(child_id, [])
        plan = plans.get(child_id, [])
        away = missing.get(child_id, [])
        last_missing = next((m for m in reversed(away) if m["absence_type"] == "M"), None)
        rows.append(
            [
                *look.common(child_id),
                "",  # UASC: not recorded
                look.children[child_id].disability,
                since,
                c.PRIMARY_NEED.get(latest["category_of_need"], c.PRIMARY_NEED["N0"]),
                c.YES if earlier else c.NO,
                status_from,
                c.LEGAL_STATUS.get(latest["legal_status"], ""),
                _latest([r["held_on"] for r in child_reviews]),
                _latest([v["visited_on"] for v in visits.get(child_id, []) if v["visited_on"] >= since]),
                c.PERMANENCE.get(plan[-1]["permanence_option"], "g) Other") if plan else "",
                _latest([r["held_on"] for r in child_reviews if r["participation"] in CHILD_AT_REVIEW]),
                _latest([h["done_on"] for h in child_health if h["kind"] in HEALTH_ASSESSMENTS]),
                _latest([h["done_on"] for h in child_health if h["kind"] == "dental"]),
                _placements(episodes, year_before, end),
                ended,
                c.REASON_CEASED.get(latest["end_reason"], "") if ended else "",
                placed_from,
                c.PLACEMENT_TYPE.get(latest["placement_type"], ""),
                c.PROVIDER.get(latest["placement_provider"], ""),
                latest["placement_postcode"],
                latest["urn"],
                "",  # Placement Location: not recorded
                "",  # LA of Placement: not recorded
                sum(1 for m in away if m["absence_type"] == "M"),
                sum(1 for m in away if m["absence_type"] == "A"),
                "" if last_missing is None else c.YES if _offered(last_missing, end) else c.NO,
                "" if last_missing is None else c.YES if _accepted(last_missing, end) else c.NO,
                *look.team_worker(child_id),
            ]
        )
    return rows


def _identity_ids(ids: list[int]) -> list[int]:
    """The children's ids and those of the duplicate records merged into them."""
    from safeguard.people.models import Person

    merged = Person.objects.filter(merged_into_id__in=ids).values_list("pk", flat=True)
    return [*ids, *merged]


def _placements(episodes: list[dict[str, Any]], year_before: dt.date, end: dt.date) -> int:
    """Placements the child was in at any time in the 12 months to the inspection date: each
    episode that started a placement (RNE other than L), plus the one already under way
    when the 12 months began. Short breaks are not placements here."""
    count = 0
    first = True
    for e in sorted(episodes, key=lambda e: (e["start_date"], e["id"])):
        if e["legal_status"] in SHORT_BREAKS or e["start_date"] > end:
            continue
        if e["end_date"] is not None and e["end_date"] <= year_before:
            continue
        if first or e["reason_new_episode"] != "L":
            count += 1
        first = False
    return count


def _missing(ids: list[int], root: Root, year_before: dt.date, end: dt.date) -> dict[int, list[dict[str, Any]]]:
    """Missing (M) and away (A) episodes from care that began in the 12 months."""
    if not apps.is_installed("safeguard.missing"):
        return {}
    model = apps.get_model("missing", "MissingEpisode")
    rows = [
        {**m, "start": m["started_at"].date()}
        for m in model.objects.filter(child_id__in=ids, from_care=True).values(
            "child_id",
            "absence_type",
            "started_at",
            "return_interview_offered_at",
            "return_interview_held_at",
            "return_interview_declined",
        )
    ]
    rows = [m for m in rows if year_before < m["start"] <= end]
    return _by_child(rows, root, "started_at")


def _offered(m: dict[str, Any], end: dt.date) -> bool:
    offered = m["return_interview_offered_at"]
    return offered is not None and offered.date() <= end


def _accepted(m: dict[str, Any], end: dt.date) -> bool:
    held = m["return_interview_held_at"]
    return held is not None and held.date() <= end


def list9_rows(data: CareData, look: Any, root: Root) -> list[list[Any]]:
    """One row per young person entitled to leaving-care services on the inspection date."""
    if not data.leavers:
        return []
    from safeguard.accounts.models import User
    from safeguard.leaving_care.models import KeepInTouch, LeavingCareCase, PathwayPlanReview

    end = data.period.end
    ids = list(data.leavers)
    all_ids = _identity_ids(ids)
    advisers = {
        case["child_id"]: case["personal_adviser_id"]
        for case in LeavingCareCase.objects.filter(child_id__in=ids).values("child_id", "personal_adviser_id")
    }
    names = {
        u["pk"]: f"{u['first_name']} {u['last_name']}".strip()
        for u in User.objects.filter(pk__in=[a for a in advisers.values() if a]).values("pk", "first_name", "last_name")
    }
    plan_reviews: dict[int, list[dt.date]] = defaultdict(list)
    for r in PathwayPlanReview.objects.filter(plan__child_id__in=all_ids, held_on__lte=end).values(
        "plan__child_id", "held_on"
    ):
        plan_reviews[root(r["plan__child_id"])].append(r["held_on"])
    contacts: dict[int, dict[str, Any]] = {}
    for k in (
        KeepInTouch.objects.filter(child_id__in=all_ids, contacted_on__lte=end)
        .order_by("contacted_on", "recorded_at")
        .values("child_id", "contacted_on", "in_touch", "activity", "accommodation", "suitability")
    ):
        contacts[root(k["child_id"])] = dict(k)  # the latest wins
    rows = []
    for child_id in sorted(ids, key=lambda pk: look.children[pk].la_id):
        category = data.leavers[child_id]
        contact = contacts.get(child_id)
        adviser = advisers.get(child_id)
        if contact is not None:
            in_touch = c.IN_TOUCH.get(contact["in_touch"], c.NO)
        else:
            # No keeping-in-touch record: a child still looked after (eligible) is in touch
            # through their social worker; anyone else is not known to be (OC3 reads it so).
            in_touch = c.YES if category == "eligible" else c.NO
        rows.append(
            [
                *look.common(child_id),
                "",  # UASC, or formerly UASC: not recorded
                look.children[child_id].disability,
                *look.team_worker(child_id),
                names.get(adviser, UNALLOCATED) or UNALLOCATED if adviser else UNALLOCATED,
                c.ELIGIBILITY[category],
                _latest(plan_reviews.get(child_id, [])),
                in_touch,
                contact["contacted_on"] if contact else None,
                c.ACCOMMODATION.get(contact["accommodation"], "") if contact else "",
                c.SUITABILITY.get(contact["suitability"], "") if contact else "",
                c.ACTIVITY.get(contact["activity"], "") if contact else "",
            ]
        )
    return rows
