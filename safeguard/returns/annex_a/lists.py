"""Annex A's lists as rows, read from live data for a look-back period ending on the
inspection date (shared/data-standards.md §1.2 for each list's scope).

Written from the records that exist now: List 1 (contacts, the front door), List 3
(referrals), List 4 (assessments), List 5 (section 47 enquiries and initial conferences),
List 6 (children in need, from the CIN episodes the census uses) and List 7 (child
protection plans; emergency protection from ``casework.EmergencyProtection``), List 8
(children in care) and List 9 (care leavers) from the care, missing and leaving-care
contexts (``care_lists.py``). Lists 2 (early help), 10 (adoption)
and 11 (adopters) have no records in Safeguard yet and are written with their headers only.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from safeguard.access.models import Involvement, InvolvementKind
from safeguard.accounts.models import Team, User
from safeguard.casework import rules as casework_rules
from safeguard.casework.codes import (
    EMERGENCY_POWERS,
    ConferenceDecision,
    ConferenceKind,
    EnquiryOutcome,
    NoteKind,
)
from safeguard.casework.models import (
    Assessment,
    CaseNote,
    ChildProtectionPlan,
    Conference,
    EmergencyProtection,
    Section47Enquiry,
)
from safeguard.frontdoor.models import Contact, Referral
from safeguard.lib.workingdays import add_months
from safeguard.people.models import Person

from ..cin.rows import _in, child_episodes, clip_to_year
from ..periods import LookBack
from . import adoption_lists, early_help_list
from . import columns as c
from .care_lists import care_data, list8_rows, list9_rows

Progress = Callable[[int, int], None]
UNALLOCATED = "Unallocated"
ALL_LISTS = 7  # the steps progress counts: six lists and the people they name


@dataclass
class AnnexA:
    period: LookBack
    sex_header: str
    rows: dict[str, list[list[Any]]] = field(default_factory=dict)
    # Child Unique ID -> person, for linking the checks' findings.
    child_ids: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class _Child:
    la_id: str
    sex: str
    ethnicity: str
    dob: dt.date | None
    age: int | None
    disability: str


def _age(dob: dt.date | None, on: dt.date) -> int | None:
    if dob is None or dob > on:
        return None
    return on.year - dob.year - ((on.month, on.day) < (dob.month, dob.day))


def _disability(codes: list[str] | None) -> str:
    """Yes when a disability is recorded, No when "NONE" is, Unknown when nothing is."""
    codes = list(codes or [])
    if not codes:
        return c.UNKNOWN
    return c.NO if codes == ["NONE"] else c.YES


def _yes_no(value: bool) -> str:
    return c.YES if value else c.NO


class _Lookups:
    """The people, allocations and visits the lists share, read once."""

    def __init__(self, child_ids: Iterable[int], period: LookBack) -> None:
        ids = set(child_ids)
        end = period.end
        self.children: dict[int, _Child] = {}
        for p in _in(Person.objects.all(), "pk", ids).values(
            "id", "la_id", "sex", "ethnicity", "date_of_birth", "disabilities"
        ):
            if p["id"] not in ids:
                continue
            self.children[p["id"]] = _Child(
                la_id=p["la_id"],
                sex=c.SEX.get(p["sex"], c.SEX["U"]),
                ethnicity=c.ETHNICITY.get(p["ethnicity"], c.ETHNICITY["NOBT"]),
                dob=p["date_of_birth"],
                age=_age(p["date_of_birth"], end),
                disability=_disability(p["disabilities"]),
            )
        teams = dict(Team.objects.values_list("pk", "name"))
        users = {
            u["pk"]: f"{u['first_name']} {u['last_name']}".strip()
            for u in User.objects.values("pk", "first_name", "last_name")
        }
        self.team_names = teams
        self.allocation: dict[int, tuple[str, str]] = {}
        for inv in _in(
            Involvement.objects.filter(kind=InvolvementKind.ALLOCATED_WORKER, ended_at__isnull=True), "child_id", ids
        ).values("child_id", "user_id", "team_id"):
            if inv["child_id"] not in ids:
                continue
            self.allocation[inv["child_id"]] = (
                teams.get(inv["team_id"], UNALLOCATED),
                users.get(inv["user_id"], UNALLOCATED) or UNALLOCATED,
            )
        self.seen: dict[int, list[tuple[dt.date, str, bool]]] = defaultdict(list)
        for note in (
            _in(CaseNote.objects.filter(child_seen=True, occurred_at__date__lte=end), "child_id", ids)
            .order_by("occurred_at")
            .values("child_id", "occurred_at", "kind", "child_seen_alone")
        ):
            self.seen[note["child_id"]].append((note["occurred_at"].date(), note["kind"], note["child_seen_alone"]))

    def common(self, child_id: int) -> list[Any]:
        child = self.children[child_id]
        return [child.la_id, child.sex, child.ethnicity, child.dob, child.age]

    def team_worker(self, child_id: int, team_id: int | None = None) -> list[str]:
        if child_id in self.allocation:
            return list(self.allocation[child_id])
        return [self.team_names.get(team_id, UNALLOCATED) if team_id else UNALLOCATED, UNALLOCATED]

    def seen_between(self, child_id: int, start: dt.date, end: dt.date) -> bool:
        return any(start <= day <= end for day, _, _ in self.seen.get(child_id, []))

    def last_seen(self, child_id: int, end: dt.date) -> dt.date | None:
        days = [day for day, _, _ in self.seen.get(child_id, []) if day <= end]
        return max(days) if days else None

    def last_statutory_visit(self, child_id: int, start: dt.date, end: dt.date) -> tuple[dt.date, bool] | None:
        visits = [
            (day, alone)
            for day, kind, alone in self.seen.get(child_id, [])
            if kind == NoteKind.STATUTORY_VISIT and start <= day <= end
        ]
        return max(visits) if visits else None


def annex_a_rows(period: LookBack, *, progress: Progress | None = None) -> AnnexA:
    start, end = period.start, period.end
    year_before = add_months(end, -12)
    result = AnnexA(period=period, sex_header=c.sex_header(end))

    def step(n: int) -> None:
        if progress is not None:
            progress(n, ALL_LISTS)

    root_of = dict(Person.objects.filter(merged_into__isnull=False).values_list("pk", "merged_into_id"))

    def root(child_id: int | None) -> int | None:
        return root_of.get(child_id, child_id) if child_id is not None else None

    contacts = list(
        Contact.objects.filter(received_at__date__gte=start, received_at__date__lte=end)
        .order_by("received_at", "pk")
        .values(
            "reference", "received_at", "source", "child_id", "child_sex", "child_date_of_birth", "child_given_name"
        )
    )
    referrals = list(
        Referral.objects.filter(referral_date__lte=end, referral_date__gt=year_before)
        .order_by("referral_date", "pk")
        .values("pk", "child_id", "referral_date", "source", "team_id", "nfa_on")
    )
    assessments = list(
        Assessment.objects.filter(started_on__lte=end)
        .exclude(authorised_on__lt=start)
        .order_by("started_on", "pk")
        .values("pk", "child_id", "started_on", "authorised_on", "outcome", "team_id", "referral_id")
    )
    enquiries = list(
        Section47Enquiry.objects.filter(started_on__lte=end, started_on__gt=year_before)
        .order_by("started_on", "pk")
        .values("pk", "child_id", "started_on", "completed_on", "outcome", "strategy_discussion__held_on")
    )
    conferences: list[dict[str, Any]] = [
        dict(row)
        for row in Conference.objects.filter(held_on__isnull=False, held_on__lte=end).values(
            "kind", "enquiry_id", "plan_id", "held_on", "decision", "child_id"
        )
    ]
    plans = list(
        ChildProtectionPlan.objects.filter(started_on__lte=end)
        .exclude(ended_on__lt=start)
        .order_by("started_on", "pk")
        .values("pk", "child_id", "started_on", "ended_on", "initial_category", "latest_category", "previous_plans")
    )
    # What happened after the inspection date is not yet known to the lists.
    for a in assessments:
        if a["authorised_on"] and a["authorised_on"] > end:
            a["authorised_on"], a["outcome"] = None, ""
    for s in enquiries:
        if s["completed_on"] and s["completed_on"] > end:
            s["completed_on"], s["outcome"] = None, ""
    for p in plans:
        if p["ended_on"] and p["ended_on"] > end:
            p["ended_on"] = None
    step(1)
    episodes = []
    for person, child_eps in child_episodes(end):
        for episode in child_eps:
            clipped = clip_to_year(episode, period)
            if clipped is not None and (
                clipped.assessments
                or clipped.cin_plans
                or clipped.section47s
                or clipped.protection_plans
                or clipped.care_periods
            ):
                episodes.append((person["id"], clipped))
    step(2)

    ids = {root(x["child_id"]) for x in contacts if x["child_id"]}
    ids |= {root(x["child_id"]) for x in referrals}
    ids |= {root(x["child_id"]) for x in assessments}
    ids |= {root(x["child_id"]) for x in enquiries}
    ids |= {root(x["child_id"]) for x in plans}
    ids |= {child_id for child_id, _ in episodes}
    care = care_data(period, lambda pk: root_of.get(pk, pk))
    ids |= care.child_ids
    ids |= early_help_list.child_ids(period, root)
    ids |= adoption_lists.child_ids(period, root)
    look = _Lookups((i for i in ids if i is not None), period)
    result.child_ids = {child.la_id: pk for pk, child in look.children.items()}
    step(3)

    # List 1: every contact in the period, one row per child.
    list1 = []
    for contact in contacts:
        child_id = root(contact["child_id"])
        if child_id is not None and child_id in look.children:
            common = look.common(child_id)
        else:
            # Not yet matched to a child on the register: the contact's own reference.
            dob = contact["child_date_of_birth"]
            common = [
                contact["reference"],
                c.SEX.get(contact["child_sex"], c.SEX["U"]),
                c.ETHNICITY["NOBT"],
                dob,
                _age(dob, end),
            ]
        list1.append([*common, contact["received_at"].date(), c.SOURCE.get(contact["source"], c.SOURCE["10"])])
    result.rows["List 1"] = list1

    # List 3: every referral in the period; the count looks back 12 months.
    referrals_by_child: dict[int, list[dt.date]] = defaultdict(list)
    for referral in referrals:
        referrals_by_child[root(referral["child_id"]) or 0].append(referral["referral_date"])
    list3 = []
    for referral in referrals:
        if not period.contains(referral["referral_date"]):
            continue
        child_id = root(referral["child_id"]) or 0
        list3.append(
            [
                *look.common(child_id),
                referral["referral_date"],
                c.SOURCE.get(referral["source"], c.SOURCE["10"]),
                # Closed by a manager with no further action (by the inspection date); the
                # front door's own "no further action" is a contact decision, never a referral.
                _yes_no(referral["nfa_on"] is not None and referral["nfa_on"] <= end),
                len(referrals_by_child[child_id]),
                *look.team_worker(child_id, referral["team_id"]),
            ]
        )
    result.rows["List 3"] = list3
    step(4)

    # List 4: assessments under way or completed in the period.
    list4 = []
    for a in assessments:
        child_id = root(a["child_id"]) or 0
        finished = a["authorised_on"]
        supported = "" if not finished else _yes_no(a["outcome"] in ("cin_plan", "strategy"))
        list4.append(
            [
                *look.common(child_id),
                look.children[child_id].disability,
                a["started_on"],
                _yes_no(look.seen_between(child_id, a["started_on"], finished or end)),
                finished,
                supported,
                *look.team_worker(child_id, a["team_id"]),
            ]
        )
    result.rows["List 4"] = list4

    # List 5: every section 47 enquiry in the period (open ones too), one row each; the
    # counts look back 12 months and leave out the enquiry itself (as D2I's extract does).
    initial_by_enquiry = {
        x["enquiry_id"]: x for x in conferences if x["kind"] == ConferenceKind.INITIAL and x["enquiry_id"]
    }
    icpcs_by_child: dict[int, list[tuple[dt.date, int | None]]] = defaultdict(list)
    for conf in conferences:
        if conf["kind"] == ConferenceKind.INITIAL and conf["held_on"] > year_before:
            icpcs_by_child[root(conf["child_id"]) or 0].append((conf["held_on"], conf["enquiry_id"]))
    enquiries_by_child: dict[int, list[int]] = defaultdict(list)
    for s in enquiries:
        enquiries_by_child[root(s["child_id"]) or 0].append(s["pk"])
    list5 = []
    for s in enquiries:
        if s["started_on"] < start and s["completed_on"] is not None and s["completed_on"] < start:
            continue
        child_id = root(s["child_id"]) or 0
        icpc = initial_by_enquiry.get(s["pk"])
        concluded = s["completed_on"] is not None
        unnecessary = "" if not concluded else _yes_no(s["outcome"] != EnquiryOutcome.SUBSTANTIATED_AT_RISK)
        list5.append(
            [
                *look.common(child_id),
                look.children[child_id].disability,
                s["strategy_discussion__held_on"],
                unnecessary,
                icpc["held_on"] if icpc else None,
                _yes_no(icpc["decision"] == ConferenceDecision.PLAN) if icpc else "",
                len(enquiries_by_child[child_id]) - 1,
                sum(1 for _, enquiry_id in icpcs_by_child[child_id] if enquiry_id != s["pk"]),
                *look.team_worker(child_id),
            ]
        )
    result.rows["List 5"] = list5
    step(5)

    # List 6: children in need now or in the period (not those only referred).
    list6 = []
    for child_id, e in episodes:
        if any(p.end is None for p in e.care_periods):
            status = c.CASE_STATUS_LOOKED_AFTER
        elif any(p.end is None for p in e.protection_plans):
            status = c.CASE_STATUS_CP
        elif any(p.end is None for p in e.cin_plans):
            status = c.CASE_STATUS_CIN
        elif e.closure_date is None:
            status = c.CASE_STATUS_ASSESSMENT
        else:
            status = c.CASE_STATUS_CLOSED
        list6.append(
            [
                *look.common(child_id),
                look.children[child_id].disability,
                e.referral_date,
                c.PRIMARY_NEED[e.primary_need],
                look.last_seen(child_id, end),
                e.closure_date,
                c.CLOSURE.get(e.closure_reason, "") if e.closure_date else "",
                status,
                *look.team_worker(child_id),
            ]
        )
    result.rows["List 6"] = list6

    # List 7: plans open now, or ended in the period.
    reviews: dict[int, list[dt.date]] = defaultdict(list)
    for conf in conferences:
        if conf["kind"] == ConferenceKind.REVIEW and conf["plan_id"]:
            reviews[conf["plan_id"]].append(conf["held_on"])
    # Police protection or an emergency protection order in force at some time in the six
    # months before the inspection date (the column's own look-back).
    six_months_before = add_months(end, -6)
    protected: set[int] = set()
    for row in EmergencyProtection.objects.filter(kind__in=EMERGENCY_POWERS, started_on__lte=end).values(
        "child_id", "kind", "started_on", "ended_on"
    ):
        ended = row["ended_on"] if row["ended_on"] is not None and row["ended_on"] <= end else None
        if casework_rules.emergency_protection_in_force_between(
            row["started_on"], ended, row["kind"], six_months_before, end
        ):
            protected.add(root(row["child_id"]) or 0)
    list7 = []
    for p in plans:
        child_id = root(p["child_id"]) or 0
        visit = look.last_statutory_visit(child_id, p["started_on"], p["ended_on"] or end)
        list7.append(
            [
                *look.common(child_id),
                look.children[child_id].disability,
                p["started_on"],
                c.ABUSE[p["initial_category"]],
                c.ABUSE[p["latest_category"]],
                visit[0] if visit else None,
                _yes_no(visit[1]) if visit else "",
                max(reviews[p["pk"]]) if reviews.get(p["pk"]) else None,
                p["ended_on"],
                _yes_no(child_id in protected),
                p["previous_plans"],
                *look.team_worker(child_id),
            ]
        )
    result.rows["List 7"] = list7
    step(6)
    # Lists 8 and 9: children in care and care leavers (care_lists.py).
    result.rows["List 8"] = list8_rows(care, look, lambda pk: root_of.get(pk, pk))
    result.rows["List 9"] = list9_rows(care, look, lambda pk: root_of.get(pk, pk))
    # List 2 (early help), Lists 10 and 11 (adoption and adopters).
    result.rows["List 2"] = early_help_list.list2_rows(look, period, root)
    result.rows["List 10"] = adoption_lists.list10_rows(look, period, root)
    result.rows["List 11"] = adoption_lists.list11_rows(period)
    step(7)
    return result
