"""The CIN census as typed rows, read from live data: people (identifiers and
characteristics), the front door (referrals and their sources) and casework (assessments
and their factors, section 47 enquiries and initial conferences, child protection plans
and their reviews, child in need plans).

Casework has no "CIN episode" record, so episodes are built here: each referral (or an
assessment that started without one) opens an episode; each piece of work belongs to the
latest episode opened on or before it started (a referral a manager closed with no further
action takes none); a referral that arrives while the child's episode is still open joins
that episode (CIN rule 8820: episodes must not overlap); an episode closes when all its
work has ended, on the last end date, with the reason ``returns.rules`` derives. A
referral closed with no further action and no work is a ReferralNFA episode, closed on
the day of that decision (RC8).

The primary need is the one recorded at the episode's assessment, the UPN-unknown reason
the one on the register; older records without them get a derived value, which the
episode (``derived``) and the child (``derived``) name so the run can list it to fix.

This is a selector for a batch job run by the named system account or by a user whom
``returns.policy.can_produce_returns`` allows; it reads every child's data, so callers
audit the export (``returns.services``).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol

from safeguard.casework.codes import (
    AssessmentOutcome,
    ClosureStatus,
    ConferenceDecision,
    ConferenceKind,
    EnquiryOutcome,
)
from safeguard.casework.models import (
    Assessment,
    CaseClosure,
    ChildInNeedPlan,
    ChildProtectionPlan,
    Conference,
    Section47Enquiry,
)
from safeguard.frontdoor.models import Contact, Referral
from safeguard.people.models import Person

from .. import rules
from ..periods import CollectionYear

UNKNOWN_SOURCE = "10"
Progress = Callable[[int, int], None]


@dataclass
class AssessmentRow:
    start: dt.date
    authorised: dt.date | None
    factors: list[str]
    outcome: str
    record_uuid: str = ""
    primary_need: str = ""


@dataclass
class CinPlanRow:
    start: dt.date
    end: dt.date | None
    record_uuid: str = ""


@dataclass
class Section47Row:
    start: dt.date
    icpc_target: dt.date | None
    icpc_date: dt.date | None
    icpc_not_required: bool
    record_uuid: str = ""
    # Not in the return: what decides whether the enquiry is still open.
    completed: dt.date | None = None
    at_risk: bool = False
    icpc_decision: str = ""


@dataclass
class ProtectionPlanRow:
    start: dt.date
    end: dt.date | None
    initial_category: str
    latest_category: str
    previous_plans: int
    reviews: list[dt.date]
    record_uuid: str = ""
    end_reason: str = ""


@dataclass
class CarePeriodRow:
    """A period of being looked after (SSDA903 episodes joined by X1): a looked-after child
    is a child in need, so the period keeps the CIN episode open."""

    start: dt.date
    end: dt.date | None
    end_reason: str
    category: str


@dataclass
class Episode:
    referral_date: dt.date
    source: str
    primary_need: str = ""
    closure_date: dt.date | None = None
    closure_reason: str = ""
    referral_nfa: bool = False
    assessments: list[AssessmentRow] = field(default_factory=list)
    cin_plans: list[CinPlanRow] = field(default_factory=list)
    section47s: list[Section47Row] = field(default_factory=list)
    protection_plans: list[ProtectionPlanRow] = field(default_factory=list)
    # Not in the return's XML: what keeps the episode open and sets its need code.
    care_periods: list[CarePeriodRow] = field(default_factory=list)
    # The census items derived because casework did not record them (e.g. "PrimaryNeedCode").
    derived: list[str] = field(default_factory=list)


@dataclass
class CinChild:
    person_id: int
    person_uuid: str
    la_child_id: str
    upn: str
    former_upn: str
    upn_unknown: str
    date_of_birth: dt.date | None
    expected_date_of_birth: dt.date | None
    sex: str
    date_of_death: dt.date | None
    ethnicity: str
    disabilities: list[str]
    episodes: list[Episode]
    # The child's census items derived because the register did not record them.
    derived: list[str] = field(default_factory=list)


DERIVED_FINDINGS = {
    "PrimaryNeedCode": (
        "DERIVED-N00101",
        "Primary need not recorded at the assessment: the census derived {value}. Record the primary need on "
        "the child's assessment.",
    ),
    "UPNunknown": (
        "DERIVED-N00135",
        "No UPN and no usable reason recorded: the census derived {value}. Record the UPN, or why there is "
        "none, on the child's details.",
    ),
}


@dataclass(frozen=True)
class DerivedFinding:
    """A census value derived because casework did not record it: a query for the team."""

    rule_code: str
    message: str
    la_child_id: str
    field: str


@dataclass
class CinCensus:
    year: CollectionYear
    la_code: str
    children: list[CinChild]

    def derived_findings(self) -> list[DerivedFinding]:
        """One finding per derived value, so that the team can record the real one."""
        found: list[DerivedFinding] = []
        for child in self.children:
            values = {"UPNunknown": child.upn_unknown}
            items = [(name, values.get(name, "")) for name in child.derived]
            for episode in child.episodes:
                items += [(name, episode.primary_need) for name in episode.derived if name == "PrimaryNeedCode"]
            for name, value in items:
                code, message = DERIVED_FINDINGS[name]
                found.append(DerivedFinding(code, message.format(value=value), child.la_child_id, name))
        return found


# --- Building episodes (pure: tested without the database) --------------------------------


@dataclass
class _Anchor:
    """What opens an episode: a referral, or an assessment that started without one."""

    day: dt.date
    source: str
    key: tuple[str, int]
    # A referral a manager closed with no further action: the day of that decision.
    nfa_on: dt.date | None = None


@dataclass
class _Work:
    assessments: list[tuple[AssessmentRow, int | None]] = field(default_factory=list)
    cin_plans: list[CinPlanRow] = field(default_factory=list)
    section47s: list[Section47Row] = field(default_factory=list)
    protection_plans: list[ProtectionPlanRow] = field(default_factory=list)
    care_periods: list[CarePeriodRow] = field(default_factory=list)


def _has_work(work: _Work) -> bool:
    return bool(work.assessments or work.cin_plans or work.section47s or work.protection_plans or work.care_periods)


def _is_open(episode: Episode, work: _Work) -> bool:
    """Work still under way: an unauthorised assessment, an assessment whose outcome
    leads to more work not yet started, an enquiry not concluded or awaiting its initial
    conference or plan, an open plan, or a plan that ended with the child looked after."""
    if any(period.end is None for period in work.care_periods):
        return True
    later_work = bool(work.cin_plans or work.section47s or work.protection_plans or work.care_periods)
    for assessment, _ in work.assessments:
        if assessment.authorised is None:
            return True
        if assessment.outcome in (AssessmentOutcome.CIN_PLAN, AssessmentOutcome.STRATEGY) and not later_work:
            return True
    for enquiry in work.section47s:
        if enquiry.completed is None:
            return True
        if enquiry.at_risk and enquiry.icpc_date is None:
            return True
        if enquiry.icpc_decision == ConferenceDecision.PLAN and not work.protection_plans:
            return True
    for plan in work.protection_plans:
        if plan.end is None or rules.closure_reason_after_protection_plan(plan.end_reason) is None:
            return True
    return any(plan.end is None for plan in work.cin_plans) or not (
        work.assessments or work.section47s or work.protection_plans or work.cin_plans or work.care_periods
    )


def _close(episode: Episode, work: _Work) -> None:
    """Set the closure date and reason of an episode whose work has all ended."""
    endings: list[tuple[dt.date, int, str]] = []
    for assessment, _ in work.assessments:
        reason = rules.closure_reason_after_assessment(assessment.outcome)
        if assessment.authorised and reason:
            endings.append((assessment.authorised, 0, reason))
    for enquiry in work.section47s:
        day = enquiry.icpc_date or enquiry.completed
        if day:
            endings.append((day, 1, rules.CIN_PLAN_CLOSURE))
    for cin_plan in work.cin_plans:
        if cin_plan.end:
            endings.append((cin_plan.end, 2, rules.CIN_PLAN_CLOSURE))
    for plan in work.protection_plans:
        if plan.end:
            endings.append((plan.end, 3, rules.closure_reason_after_protection_plan(plan.end_reason) or "RC7"))
    for period in work.care_periods:
        if period.end:
            endings.append((period.end, 4, rules.closure_reason_after_care(period.end_reason)))
    if not endings:
        return
    day, _, reason = max(endings)
    # RC8 and RC9 say the case closed after assessment: only when nothing else was done
    # (CIN rule 2990).
    if reason in ("RC8", "RC9") and (work.cin_plans or work.section47s or work.protection_plans or work.care_periods):
        reason = rules.CIN_PLAN_CLOSURE
    episode.closure_date = max(day, episode.referral_date)
    episode.closure_reason = reason


def build_episodes(
    anchors: list[_Anchor],
    assessments: list[tuple[AssessmentRow, int | None]],
    cin_plans: list[CinPlanRow],
    section47s: list[Section47Row],
    protection_plans: list[ProtectionPlanRow],
    *,
    referral_ids: dict[int, tuple[str, int]],
    date_of_death: dt.date | None,
    care_periods: list[CarePeriodRow] | None = None,
    closures: list[tuple[dt.date, str]] | None = None,
) -> list[Episode]:
    """One child's episodes, oldest first. ``assessments`` carry their referral's id (if
    any); ``referral_ids`` maps a referral id to its anchor key. ``closures`` are the
    case closures a manager authorised (and nobody re-opened): date and RC code."""
    anchors = sorted(anchors, key=lambda a: (a.day, a.key))
    if not anchors:
        return []
    work: dict[tuple[str, int], _Work] = {a.key: _Work() for a in anchors}

    # Work never belongs to a referral closed with no further action (it had none).
    takers = [a for a in anchors if a.nfa_on is None] or anchors

    def anchor_for(day: dt.date) -> tuple[str, int]:
        chosen = takers[0].key
        for anchor in takers:
            if anchor.day <= day:
                chosen = anchor.key
        return chosen

    for assessment, referral_id in assessments:
        key = referral_ids.get(referral_id) if referral_id is not None else None
        work[key or anchor_for(assessment.start)].assessments.append((assessment, referral_id))
    for cin_plan in cin_plans:
        work[anchor_for(cin_plan.start)].cin_plans.append(cin_plan)
    for enquiry in section47s:
        work[anchor_for(enquiry.start)].section47s.append(enquiry)
    for plan in protection_plans:
        work[anchor_for(plan.start)].protection_plans.append(plan)
    for period in care_periods or []:
        work[anchor_for(period.start)].care_periods.append(period)

    episodes: list[tuple[Episode, _Work]] = []
    for anchor in anchors:
        own = work[anchor.key]
        nfa_only = anchor.nfa_on is not None and not _has_work(own)
        if episodes:
            current, current_work = episodes[-1]
            # A referral while the episode is open joins it (no overlapping episodes).
            if _is_open(current, current_work) or (
                current.closure_date is not None and current.closure_date >= anchor.day
            ):
                if nfa_only:
                    if current.referral_nfa and anchor.nfa_on is not None and current.closure_date is not None:
                        current.closure_date = max(current.closure_date, anchor.nfa_on)
                    continue
                current.referral_nfa = False
                current_work.assessments += own.assessments
                current_work.cin_plans += own.cin_plans
                current_work.section47s += own.section47s
                current_work.protection_plans += own.protection_plans
                current_work.care_periods += own.care_periods
                current.closure_date, current.closure_reason = None, ""
                if not _is_open(current, current_work):
                    _close(current, current_work)
                continue
        episode = Episode(referral_date=anchor.day, source=anchor.source)
        if nfa_only and anchor.nfa_on is not None:
            episode.referral_nfa = True
            episode.closure_date, episode.closure_reason = anchor.nfa_on, rules.REFERRAL_NFA_CLOSURE
        elif not _is_open(episode, own):
            _close(episode, own)
        episodes.append((episode, own))

    _apply_recorded_closures(episodes, sorted(closures or []))
    result = []
    for episode, own in episodes:
        if (
            date_of_death
            and episode.referral_date <= date_of_death
            and (episode.closure_date is None or episode.closure_date > date_of_death)
        ):
            episode.closure_date, episode.closure_reason = date_of_death, rules.DIED_CLOSURE
        episode.assessments = sorted((a for a, _ in own.assessments), key=lambda a: a.start)
        episode.cin_plans = sorted(own.cin_plans, key=lambda p: p.start)
        episode.section47s = sorted(own.section47s, key=lambda s: s.start)
        episode.protection_plans = sorted(own.protection_plans, key=lambda p: p.start)
        episode.care_periods = sorted(own.care_periods, key=lambda p: p.start)
        factors = [f for a in episode.assessments for f in a.factors]
        protection = bool(episode.section47s or episode.protection_plans)
        nfa_only = episode.closure_reason in ("RC8", "RC9")
        recorded = rules.recorded_primary_need((a.start, a.primary_need) for a in episode.assessments)
        if episode.referral_nfa:
            episode.primary_need = rules.REFERRAL_NFA_NEED
        elif recorded:
            episode.primary_need = recorded
        elif episode.care_periods and episode.care_periods[0].category:
            # A looked-after child's need is the category recorded when care began (903 CIN).
            episode.primary_need = episode.care_periods[0].category
        else:
            episode.primary_need = rules.primary_need(factors=factors, protection=protection, nfa_only=nfa_only)
            if episode.assessments and not nfa_only:
                # Casework asks for the need at assessment before work goes on (casework.
                # rules.primary_need_required): a derived one is a record made before it did.
                # Work with no assessment to record it on (a plan or enquiry alone) is not.
                episode.derived.append("PrimaryNeedCode")
        result.append(episode)
    return result


def _apply_recorded_closures(episodes: list[tuple[Episode, _Work]], closures: list[tuple[dt.date, str]]) -> None:
    """An episode whose work has all ended takes the closure a manager authorised for it:
    the first closure on or after the day its last work ended and before the next episode
    began. Its date and reason replace the derived ones, except that a closure "after
    assessment" (RC8, RC9) of an episode that went on to further work keeps the derived
    reason (CIN rule 2990) and a referral closed with no further action keeps RC8."""
    for n, (episode, own) in enumerate(episodes):
        if episode.closure_date is None or episode.referral_nfa:
            continue
        next_start = episodes[n + 1][0].referral_date if n + 1 < len(episodes) else None
        for day, reason in closures:
            if day < episode.closure_date or (next_start is not None and day >= next_start):
                continue
            further_work = bool(own.cin_plans or own.section47s or own.protection_plans or own.care_periods)
            episode.closure_date = day
            if reason and not (reason in ("RC8", "RC9") and further_work):
                episode.closure_reason = reason
            break


class Period(Protocol):
    @property
    def start(self) -> dt.date: ...

    @property
    def end(self) -> dt.date: ...


def clip_to_year(episode: Episode, year: Period) -> Episode | None:
    """The episode as the census for ``year`` reports it, or None when it was not open
    during the year: work that started after the year is left out, and dates after the
    year's end are not yet known to the return (an episode closed in April is open at 31
    March)."""
    end = year.end
    if episode.referral_date > end:
        return None
    if episode.closure_date is not None and episode.closure_date < year.start:
        return None

    def known(day: dt.date | None) -> dt.date | None:
        return day if day is not None and day <= end else None

    def overlaps(start: dt.date, finish: dt.date | None) -> bool:
        return start <= end and (finish is None or finish >= year.start)

    closure = known(episode.closure_date)
    # A referral closed with no further action after the year's end was, at its end, a
    # referral still waiting.
    referral_nfa = episode.referral_nfa and closure is not None
    # Work that ended before the year started is part of an earlier year's return; an
    # episode open during the year keeps its work open during the year.
    return Episode(
        referral_date=episode.referral_date,
        source=episode.source,
        primary_need=episode.primary_need,
        closure_date=closure,
        closure_reason=episode.closure_reason if closure else "",
        referral_nfa=referral_nfa,
        derived=list(episode.derived),
        assessments=[
            AssessmentRow(
                a.start,
                known(a.authorised),
                a.factors if known(a.authorised) else [],
                a.outcome,
                a.record_uuid,
                a.primary_need,
            )
            for a in episode.assessments
            if overlaps(a.start, a.authorised)
        ],
        cin_plans=[
            CinPlanRow(p.start, known(p.end), p.record_uuid) for p in episode.cin_plans if overlaps(p.start, p.end)
        ],
        section47s=[
            Section47Row(
                s.start,
                s.icpc_target,
                known(s.icpc_date),
                s.icpc_not_required and known(s.completed) is not None,
                s.record_uuid,
                known(s.completed),
                s.at_risk,
                s.icpc_decision,
            )
            for s in episode.section47s
            if overlaps(s.start, s.icpc_date or s.completed)
        ],
        protection_plans=[
            ProtectionPlanRow(
                p.start,
                known(p.end),
                p.initial_category,
                p.latest_category,
                p.previous_plans,
                [r for r in p.reviews if r <= end],
                p.record_uuid,
                p.end_reason,
            )
            for p in episode.protection_plans
            if overlaps(p.start, p.end)
        ],
        care_periods=[
            CarePeriodRow(p.start, known(p.end), p.end_reason, p.category)
            for p in episode.care_periods
            if overlaps(p.start, p.end)
        ],
    )


# --- Reading live data ---------------------------------------------------------------------


BIG_IN = 2000


def _in(queryset: Any, field: str, ids: set[int]) -> Any:
    """``field__in=ids``, except for a large set: then every row, filtered by the caller (a
    long IN list costs more to send to the database than the rows it leaves out)."""
    if len(ids) > BIG_IN:
        return queryset
    return queryset.filter(**{f"{field}__in": ids})


def _by_child(rows: Iterable[Any], root_of: dict[int, int]) -> dict[int, list[dict[str, Any]]]:
    grouped: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        child_id = row["child_id"]
        grouped[root_of.get(child_id, child_id)].append(row)
    return grouped


def _care_periods(end: dt.date, root_of: dict[int, int]) -> dict[int, list[CarePeriodRow]]:
    """Each child's periods of care from the SSDA903 episodes (care context), when it is
    installed: consecutive episodes joined by X1 make one period."""
    from django.apps import apps

    if not apps.is_installed("safeguard.care"):
        return {}
    episode_model = apps.get_model("care", "Episode")
    periods: dict[int, list[CarePeriodRow]] = defaultdict(list)
    open_period: dict[int, CarePeriodRow] = {}
    rows = (
        episode_model.objects.filter(start_date__lte=end)
        .order_by("child_id", "start_date", "id")
        .values("child_id", "start_date", "end_date", "end_reason", "category_of_need")
    )
    for row in rows:
        child_id = root_of.get(row["child_id"], row["child_id"])
        ended = row["end_date"] if row["end_date"] and row["end_date"] <= end else None
        current = open_period.get(child_id)
        if current is None:
            current = CarePeriodRow(row["start_date"], None, "", row["category_of_need"])
            periods[child_id].append(current)
        if ended is not None and row["end_reason"] != "X1":
            current.end, current.end_reason = ended, row["end_reason"]
            open_period.pop(child_id, None)
        else:
            open_period[child_id] = current
    return periods


def _latest_contact_source(contacts: list[tuple[dt.date, str]], day: dt.date) -> str:
    """The source of the child's latest contact on or before ``day`` (the referral that
    started an assessment recorded without one), else 10 Unknown."""
    best = UNKNOWN_SOURCE
    for received, source in contacts:
        if received <= day:
            best = source
    return best


def child_episodes(end: dt.date, *, progress: Progress | None = None) -> Iterator[tuple[Any, list[Episode]]]:
    """Each child with help and protection work started on or before ``end``: their
    person record (as a dict) and their episodes as known on ``end``, in local ID order."""
    root_of = dict(Person.objects.filter(merged_into__isnull=False).values_list("pk", "merged_into_id"))

    referrals = _by_child(
        Referral.objects.filter(referral_date__lte=end).values("id", "child_id", "referral_date", "source", "nfa_on"),
        root_of,
    )
    assessments = _by_child(
        Assessment.objects.filter(started_on__lte=end).values(
            "id",
            "child_id",
            "referral_id",
            "referral_date",
            "started_on",
            "authorised_on",
            "outcome",
            "factors",
            "primary_need",
        ),
        root_of,
    )
    enquiries = _by_child(
        Section47Enquiry.objects.filter(started_on__lte=end).values(
            "id", "child_id", "started_on", "initial_conference_due", "completed_on", "outcome"
        ),
        root_of,
    )
    initial_by_enquiry: dict[int, tuple[dt.date | None, str]] = {}
    reviews_by_plan: dict[int, list[dt.date]] = defaultdict(list)
    conferences: list[dict[str, Any]] = [
        dict(row)
        for row in Conference.objects.filter(held_on__isnull=False, held_on__lte=end).values(
            "kind", "enquiry_id", "plan_id", "held_on", "decision"
        )
    ]
    for conf in conferences:
        if conf["kind"] == ConferenceKind.INITIAL and conf["enquiry_id"]:
            initial_by_enquiry[conf["enquiry_id"]] = (conf["held_on"], conf["decision"])
        elif conf["kind"] == ConferenceKind.REVIEW and conf["plan_id"]:
            reviews_by_plan[conf["plan_id"]].append(conf["held_on"])
    plans = _by_child(
        ChildProtectionPlan.objects.filter(started_on__lte=end).values(
            "id",
            "child_id",
            "started_on",
            "ended_on",
            "end_reason",
            "initial_category",
            "latest_category",
            "previous_plans",
        ),
        root_of,
    )
    cin_plans = _by_child(
        ChildInNeedPlan.objects.filter(started_on__lte=end).values("id", "child_id", "started_on", "ended_on"),
        root_of,
    )
    care = _care_periods(end, root_of)
    closures: dict[int, list[tuple[dt.date, str]]] = defaultdict(list)
    for closure in CaseClosure.objects.filter(status=ClosureStatus.AUTHORISED, closed_on__lte=end).values(
        "child_id", "closed_on", "census_reason"
    ):
        closures[root_of.get(closure["child_id"], closure["child_id"])].append(
            (closure["closed_on"], closure["census_reason"])
        )
    child_ids = set(referrals) | set(assessments) | set(enquiries) | set(plans) | set(cin_plans) | set(care)
    unanchored = {c for c in child_ids if c not in referrals or any(a["referral_id"] is None for a in assessments[c])}
    contacts: dict[int, list[tuple[dt.date, str]]] = defaultdict(list)
    if unanchored:
        for contact in (
            Contact.objects.filter(child__isnull=False, received_at__date__lte=end)
            .order_by("received_at")
            .values("child_id", "received_at", "source")
        ):
            child_id = root_of.get(contact["child_id"], contact["child_id"])
            if child_id in unanchored:
                contacts[child_id].append((contact["received_at"].date(), contact["source"]))

    people = {
        p["id"]: p
        for p in _in(Person.objects.all(), "pk", child_ids).values(
            "id",
            "uuid",
            "la_id",
            "upn",
            "former_upn",
            "date_of_birth",
            "expected_date_of_birth",
            "sex",
            "date_of_death",
            "ethnicity",
            "disabilities",
            "upn_unknown_reason",
        )
        if p["id"] in child_ids
    }
    total = len(people)
    for done, person in enumerate(sorted(people.values(), key=lambda p: p["la_id"]), start=1):
        child_id = person["id"]
        anchors = [
            _Anchor(
                r["referral_date"],
                r["source"],
                ("referral", r["id"]),
                r["nfa_on"] if r["nfa_on"] is not None and r["nfa_on"] <= end else None,
            )
            for r in referrals.get(child_id, [])
        ]
        referral_keys = {r["id"]: ("referral", r["id"]) for r in referrals.get(child_id, [])}
        assessment_rows: list[tuple[AssessmentRow, int | None]] = []
        for a in assessments.get(child_id, []):
            row = AssessmentRow(
                a["started_on"],
                a["authorised_on"],
                list(a["factors"] or []),
                a["outcome"],
                primary_need=a["primary_need"] or "",
            )
            if a["referral_id"] is None or a["referral_id"] not in referral_keys:
                key = ("assessment", a["id"])
                anchors.append(
                    _Anchor(
                        a["referral_date"], _latest_contact_source(contacts.get(child_id, []), a["referral_date"]), key
                    )
                )
                referral_keys[-a["id"]] = key
                assessment_rows.append((row, -a["id"]))
            else:
                assessment_rows.append((row, a["referral_id"]))
        enquiry_rows = []
        for s in enquiries.get(child_id, []):
            held, decision = initial_by_enquiry.get(s["id"], (None, ""))
            at_risk = s["outcome"] == EnquiryOutcome.SUBSTANTIATED_AT_RISK
            enquiry_rows.append(
                Section47Row(
                    start=s["started_on"],
                    icpc_target=s["initial_conference_due"],
                    icpc_date=held,
                    icpc_not_required=s["completed_on"] is not None and not at_risk and held is None,
                    completed=s["completed_on"],
                    at_risk=at_risk,
                    icpc_decision=decision,
                )
            )
        plan_rows = [
            ProtectionPlanRow(
                start=p["started_on"],
                end=p["ended_on"],
                initial_category=p["initial_category"],
                latest_category=p["latest_category"],
                previous_plans=p["previous_plans"],
                reviews=sorted(reviews_by_plan.get(p["id"], [])),
                end_reason=p["end_reason"],
            )
            for p in plans.get(child_id, [])
        ]
        cin_rows = [CinPlanRow(c["started_on"], c["ended_on"]) for c in cin_plans.get(child_id, [])]
        care_rows = care.get(child_id, [])
        if not anchors:
            # Work recorded with no referral and no assessment: its earliest start opens it.
            starts = [r.start for r in enquiry_rows] + [r.start for r in plan_rows] + [r.start for r in cin_rows]
            starts += [r.start for r in care_rows]
            anchors.append(
                _Anchor(min(starts), _latest_contact_source(contacts.get(child_id, []), min(starts)), ("work", 0))
            )
        episodes = build_episodes(
            anchors,
            assessment_rows,
            cin_rows,
            enquiry_rows,
            plan_rows,
            referral_ids=referral_keys,
            date_of_death=person["date_of_death"],
            care_periods=care_rows,
            closures=closures.get(child_id),
        )
        if progress is not None and (done % 500 == 0 or done == total):
            progress(done, total)
        yield person, episodes


def cin_census_rows(year: CollectionYear, *, la_code: str, progress: Progress | None = None) -> CinCensus:
    """Every child with a CIN episode open at some time in ``year``, with their episodes
    as the census reports them, in LAchildID order."""
    end = year.end
    children: list[CinChild] = []
    for person, episodes in child_episodes(end, progress=progress):
        child_id = person["id"]
        in_year = [e for e in (clip_to_year(e, year) for e in episodes) if e is not None]
        if not in_year:
            continue
        upn = person["upn"] if rules.upn_is_valid(person["upn"] or "") else ""
        dob = person["date_of_birth"]
        expected = person["expected_date_of_birth"] if dob is None else None
        upn_unknown, derived = "", False
        if not upn:
            upn_unknown, derived = rules.upn_unknown_for_census(
                person["upn_unknown_reason"] or "",
                date_of_birth=dob,
                reference_date=year.reference_date,
                referral_nfa=all(e.referral_nfa for e in in_year),
            )
        children.append(
            CinChild(
                person_id=child_id,
                person_uuid=str(person["uuid"]),
                la_child_id=person["la_id"],
                upn=upn,
                former_upn=person["former_upn"] if rules.upn_is_valid(person["former_upn"] or "") else "",
                upn_unknown=upn_unknown,
                date_of_birth=dob,
                expected_date_of_birth=expected,
                sex="U" if dob is None else person["sex"],
                date_of_death=person["date_of_death"]
                if person["date_of_death"] and person["date_of_death"] <= end
                else None,
                ethnicity=person["ethnicity"],
                disabilities=[] if dob is None else list(person["disabilities"] or []),
                episodes=in_year,
                derived=["UPNunknown"] if derived else [],
            )
        )
    return CinCensus(year=year, la_code=la_code, children=children)
