"""The indicators, each a small class in one registry.

Every indicator answers for a period (normally a calendar month) with the rows behind it:
one row per record counted (a contact, a referral, an assessment, a conference, a plan,
an allocation), naming the child, whether the record met the measure, and the date it is
counted on. The numerator and denominator are computed from those rows, so the figure on
the dashboard and the children behind it cannot disagree.

Definitions follow ``shared/domain.md`` §7.1 word for word where it gives one; each
class's docstring cites it. Deadlines are never computed here: they were stored on the
record by the owning app's ``rules`` (``Contact.decision_due_at``, ``Assessment.due_on``,
``Section47Enquiry.initial_conference_due``), except the census variant of the assessment
timescale, which counts from the start date with ``lib.workingdays``.

Read-only: nothing here checks access. Callers (``selectors``) decide who sees what.
"""

from __future__ import annotations

import abc
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import ClassVar, TypeVar
from zoneinfo import ZoneInfo

from django.apps import apps

from safeguard.lib.workingdays import add_working_days

from . import national
from .national import NationalFigure

LONDON = ZoneInfo("Europe/London")
_T = TypeVar("_T")


# --- Periods -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    """``start`` inclusive, ``end`` exclusive, as dates in England."""

    start: dt.date
    end: dt.date

    @classmethod
    def month(cls, day: dt.date) -> Period:
        first = day.replace(day=1)
        following = (first + dt.timedelta(days=32)).replace(day=1)
        return cls(first, following)

    @property
    def label(self) -> str:
        return f"{self.start:%B %Y}"

    @property
    def key(self) -> str:
        return f"{self.start:%Y-%m}"

    @property
    def start_at(self) -> dt.datetime:
        return dt.datetime.combine(self.start, dt.time.min, tzinfo=LONDON)

    @property
    def end_at(self) -> dt.datetime:
        return dt.datetime.combine(self.end, dt.time.min, tzinfo=LONDON)

    def contains(self, day: dt.date) -> bool:
        return self.start <= day < self.end

    @property
    def last_day(self) -> dt.date:
        return self.end - dt.timedelta(days=1)


def months_ending(day: dt.date, count: int) -> list[Period]:
    """``count`` calendar months, oldest first, the last being the month of ``day``."""
    periods = [Period.month(day)]
    while len(periods) < count:
        periods.insert(0, Period.month(periods[0].start - dt.timedelta(days=1)))
    return periods


def parse_month(text: str) -> Period:
    """``2026-03`` -> March 2026; ValueError for anything else."""
    year, month = text.split("-")
    return Period.month(dt.date(int(year), int(month), 1))


# --- Results ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    """One record counted: the child (None when a contact was never matched to a child),
    whether it met the measure, the date it counts on, and a short non-identifying
    description of the record (what was counted and the figure behind the judgement)."""

    child_id: int | None
    met: bool
    on: dt.date
    detail: str
    group: str = ""
    # The worker a caseload row belongs to (counted, never shown).
    worker_id: int | None = None


@dataclass
class Result:
    numerator: int
    denominator: int
    rows: list[Row] = field(default_factory=list)

    @property
    def value(self) -> float | None:
        if not self.denominator:
            return None
        return self.numerator / self.denominator

    def child_ids(self, *, met: bool | None = None) -> set[int]:
        return {r.child_id for r in self.rows if r.child_id is not None and (met is None or r.met == met)}


# --- The registry --------------------------------------------------------------------------


REGISTRY: dict[str, Indicator] = {}


def register(cls: type[Indicator]) -> type[Indicator]:
    instance = cls()
    if instance.code in REGISTRY:
        raise ValueError(f"indicator {instance.code} registered twice")
    REGISTRY[instance.code] = instance
    return cls


def available() -> list[Indicator]:
    """The indicators whose data exists in this installation, in the dashboard's order."""
    return [i for i in REGISTRY.values() if i.is_available()]


def get(code: str) -> Indicator:
    indicator = REGISTRY.get(code)
    if indicator is None or not indicator.is_available():
        raise KeyError(code)
    return indicator


class Indicator(abc.ABC):
    code: ClassVar[str]
    title: ClassVar[str]
    # The measure in plain words, as a question the figure answers.
    question: ClassVar[str]
    numerator_text: ClassVar[str]
    denominator_text: ClassVar[str]
    # "percent": numerator / denominator as a percentage; "average": per worker.
    unit: ClassVar[str] = "percent"
    # True: higher is better; False: lower is better; None: neither (context only).
    higher_is_better: ClassVar[bool | None] = True
    national: ClassVar[NationalFigure | None] = None
    collection: ClassVar[str] = "local"
    area: ClassVar[str] = "Help and protection"
    # Django app labels whose models this indicator reads.
    requires: ClassVar[tuple[str, ...]] = ()

    def is_available(self) -> bool:
        return all(apps.is_installed(f"safeguard.{label}") for label in self.requires)

    @abc.abstractmethod
    def rows(self, period: Period) -> list[Row]:
        """The cases the indicator counts in ``period``, each numerator or not."""

    def compute(self, period: Period) -> Result:
        rows = self.rows(period)
        return Result(numerator=sum(1 for r in rows if r.met), denominator=len(rows), rows=rows)

    def display(self, result: Result) -> str:
        value = result.value
        if value is None:
            return "No cases"
        if self.unit == "average":
            return f"{value:.1f}"
        return f"{value * 100:.0f}%"

    def chart_value(self, numerator: int, denominator: int) -> float | None:
        if not denominator:
            return None
        value = numerator / denominator
        return round(value if self.unit == "average" else value * 100, 1)


def _local_date(moment: dt.datetime | None) -> dt.date:
    return _present(moment).astimezone(LONDON).date()


def _present(value: _T | None) -> _T:
    """A value the query's filter guarantees is set (``values_list`` types it optional)."""
    if value is None:
        raise ValueError("a filtered field was empty")
    return value


# --- Help and protection -------------------------------------------------------------------


@register
class ContactsDecidedInOneWorkingDay(Indicator):
    """Referral decision ≤ 1 WD (domain.md §7.1: "referrals with decision date − referral
    date ≤ 1 WD / referrals"; local collection), counted on every contact the front door
    decided in the period: the decision recorded by the contact's decision deadline, which
    ``frontdoor.rules.contact_decision_due`` set one working day from receipt."""

    code = "contacts_decided_1wd"
    title = "Contacts decided within one working day"
    question = "Of the contacts decided this month, how many were decided within one working day?"
    numerator_text = "contacts decided within one working day of receipt"
    denominator_text = "contacts decided in the month"
    requires = ("frontdoor",)

    def rows(self, period: Period) -> list[Row]:
        from safeguard.frontdoor.models import Contact

        found = Contact.objects.filter(decided_at__gte=period.start_at, decided_at__lt=period.end_at).values_list(
            "child_id", "decided_at", "decision_due_at", "received_at"
        )
        return [
            Row(
                child_id,
                _present(decided) <= due,
                _local_date(decided),
                f"Received {_local_date(received):%-d %b %Y}, decided {_local_date(decided):%-d %b %Y}",
            )
            for child_id, decided, due, received in found
        ]


@register
class ReReferrals(Indicator):
    """Re-referral rate (domain.md §7.1; CIN census [src:40]): referrals within 12 months
    of a previous referral / referrals. ``Referral.is_re_referral`` was set by
    ``frontdoor.rules.is_re_referral`` when the referral was made."""

    code = "re_referrals"
    title = "Re-referrals within 12 months"
    question = "Of this month's referrals, how many came within 12 months of a previous referral?"
    numerator_text = "referrals within 12 months of a previous referral"
    denominator_text = "referrals in the month"
    higher_is_better = False
    national = national.RE_REFERRALS
    collection = "CIN census"
    requires = ("frontdoor",)

    def rows(self, period: Period) -> list[Row]:
        from safeguard.frontdoor.models import Referral

        found = Referral.objects.filter(referral_date__gte=period.start, referral_date__lt=period.end).values_list(
            "child_id", "is_re_referral", "referral_date", "team__name"
        )
        return [
            Row(child_id, again, on, "Re-referral" if again else "First referral in 12 months", team)
            for child_id, again, on, team in found
        ]


class _AssessmentsWithin45(Indicator):
    numerator_text = "assessments authorised within 45 working days"
    denominator_text = "assessments completed (authorised) in the month"
    national = national.ASSESSMENTS_45WD
    collection = "CIN census"
    requires = ("casework",)
    counted_from: ClassVar[str]

    @staticmethod
    @abc.abstractmethod
    def due(referral: dt.date, started: dt.date, due_on: dt.date) -> dt.date:
        """The day the assessment is due by, in this indicator's counting."""

    def rows(self, period: Period) -> list[Row]:
        from safeguard.casework.models import Assessment

        found = Assessment.objects.filter(authorised_on__gte=period.start, authorised_on__lt=period.end).values_list(
            "child_id", "referral_date", "started_on", "due_on", "authorised_on", "team__name"
        )
        rows = []
        for child_id, referral, started, due_on, authorised, team in found:
            deadline = self.due(referral, started, due_on)
            authorised = _present(authorised)
            rows.append(
                Row(
                    child_id,
                    authorised <= deadline,
                    authorised,
                    f"{self.counted_from} {(referral if 'referral' in self.counted_from else started):%-d %b %Y}, "
                    f"due {deadline:%-d %b %Y}, authorised {authorised:%-d %b %Y}",
                    team,
                )
            )
        return rows


@register
class AssessmentsWithin45FromReferral(_AssessmentsWithin45):
    """Assessments ≤ 45 WD counted from the referral, as Working Together words it
    (domain.md §7.1: "store both dates and report both"). The deadline is the one
    ``casework.rules.assessment_due`` stored on the assessment."""

    code = "assessments_45wd"
    title = "Assessments within 45 working days of the referral"
    question = (
        "Of the assessments completed this month, how many were authorised within 45 working days of the referral?"
    )
    counted_from = "Referral"

    @staticmethod
    def due(referral: dt.date, started: dt.date, due_on: dt.date) -> dt.date:
        return due_on


@register
class AssessmentsWithin45FromStart(_AssessmentsWithin45):
    """Assessments ≤ 45 WD counted from the assessment's start date, as the DfE census
    checks it (domain.md §7.1)."""

    code = "assessments_45wd_start"
    title = "Assessments within 45 working days of their start (CIN census)"
    question = "Of the assessments completed this month, how many were authorised within 45 working days of starting?"
    counted_from = "Started"

    @staticmethod
    def due(referral: dt.date, started: dt.date, due_on: dt.date) -> dt.date:
        return add_working_days(started, 45)


@register
class InitialConferencesWithin15(Indicator):
    """ICPC ≤ 15 WD (domain.md §7.1; CIN census [src:120]): initial conferences held
    within 15 working days of the strategy discussion that started the section 47 enquiry
    / initial conferences held. The deadline is ``Section47Enquiry.initial_conference_due``
    (``casework.rules.initial_conference_due``); a conference without an enquiry counts
    against its own stored due date."""

    code = "icpc_15wd"
    title = "Initial conferences within 15 working days"
    question = "Of the initial child protection conferences held this month, how many were within 15 working days?"
    numerator_text = "initial conferences held within 15 working days of the strategy discussion"
    denominator_text = "initial conferences held in the month"
    collection = "CIN census"
    requires = ("casework",)

    def rows(self, period: Period) -> list[Row]:
        from safeguard.casework.codes import ConferenceKind
        from safeguard.casework.models import Conference

        found = Conference.objects.filter(
            kind=ConferenceKind.INITIAL, held_on__gte=period.start, held_on__lt=period.end
        ).values_list("child_id", "held_on", "due_on", "enquiry__initial_conference_due")
        rows = []
        for child_id, held_on, due_on, enquiry_due in found:
            held = _present(held_on)
            due = enquiry_due or due_on
            rows.append(Row(child_id, held <= due, held, f"Due {due:%-d %b %Y}, held {held:%-d %b %Y}"))
        return rows


@register
class SecondOrSubsequentPlans(Indicator):
    """Second or subsequent CP plan (domain.md §7.1; CIN census key indicator [src:120]):
    plans starting where the child had a previous plan (ever) / plans starting.
    ``ChildProtectionPlan.previous_plans`` was counted when the plan started."""

    code = "second_cp_plans"
    title = "Second or subsequent child protection plans"
    question = "Of the plans that started this month, how many were for a child who had had a plan before?"
    numerator_text = "plans starting where the child had a previous plan (ever)"
    denominator_text = "plans starting in the month"
    higher_is_better = False
    collection = "CIN census"
    requires = ("casework",)

    def rows(self, period: Period) -> list[Row]:
        from safeguard.casework.models import ChildProtectionPlan

        found = ChildProtectionPlan.objects.filter(started_on__gte=period.start, started_on__lt=period.end).values_list(
            "child_id", "previous_plans", "started_on", "repeat_within_two_years"
        )
        rows = []
        for child_id, previous, started, recent in found:
            if previous:
                detail = f"{previous} previous plan{'s' if previous > 1 else ''}"
                detail += ", the last ended within 2 years" if recent else ""
            else:
                detail = "First plan"
            rows.append(Row(child_id, previous > 0, started, detail))
        return rows


@register
class PlansLastingTwoYears(Indicator):
    """CP plan lasting 2+ years (domain.md §7.1; CIN census key indicator [src:120]):
    plans ending that lasted two years or more / plans ending, judged by
    ``casework.rules.plan_lasted_two_years``."""

    code = "cp_plans_2_years"
    title = "Child protection plans lasting two years or more"
    question = "Of the plans that ended this month, how many had lasted two years or more?"
    numerator_text = "plans ending that lasted two years or more"
    denominator_text = "plans ending in the month"
    higher_is_better = False
    collection = "CIN census"
    requires = ("casework",)

    def rows(self, period: Period) -> list[Row]:
        from safeguard.casework import rules
        from safeguard.casework.models import ChildProtectionPlan

        plans = ChildProtectionPlan.objects.filter(ended_on__gte=period.start, ended_on__lt=period.end).values_list(
            "child_id", "started_on", "ended_on"
        )
        found = [(child_id, started, _present(ended)) for child_id, started, ended in plans]
        return [
            Row(
                child_id,
                rules.plan_lasted_two_years(started, ended),
                ended,
                f"Started {started:%-d %b %Y}, ended {ended:%-d %b %Y}",
            )
            for child_id, started, ended in found
        ]


@register
class CaseloadPerWorker(Indicator):
    """Workforce: caseload per worker (domain.md §7.1, CSWW census [src:123]), from the
    allocations in ``access.Involvement``: children allocated at the end of the month (or
    now, for the current month) / workers holding at least one allocation then. Safeguard
    does not record working hours, so this is per worker, not per full-time equivalent."""

    code = "caseload"
    title = "Caseload per worker"
    question = "On average, how many children was each allocated worker responsible for at the end of the month?"
    numerator_text = "children with an allocated worker at the end of the month"
    denominator_text = "workers with at least one child allocated"
    unit = "average"
    higher_is_better = None
    national = national.CASELOAD
    collection = "CSWW census"
    area = "Workforce"
    requires = ("access",)

    def at(self, period: Period) -> dt.datetime:
        from django.utils import timezone

        return min(period.end_at, timezone.now())

    def rows(self, period: Period) -> list[Row]:
        from django.db.models import Q

        from safeguard.access.models import Involvement, InvolvementKind

        moment = self.at(period)
        found = (
            Involvement.objects.filter(kind=InvolvementKind.ALLOCATED_WORKER, started_at__lt=moment)
            .filter(Q(ended_at__isnull=True) | Q(ended_at__gte=moment))
            .values_list("child_id", "user_id", "team__name")
        )
        return [
            Row(child_id, True, period.last_day, f"Allocated in {team or 'no team'}", team or "", worker_id=user_id)
            for child_id, user_id, team in found
        ]

    def compute(self, period: Period) -> Result:
        rows = self.rows(period)
        workers = {r.worker_id for r in rows}
        return Result(numerator=len(rows), denominator=len(workers), rows=rows)


# --- Children in care, missing children and care leavers ------------------------------------

# RNE codes that start a new placement (data-standards.md §3.3 / domain.md §2.3): every
# code but L (change of legal status only).
NEW_PLACEMENT = frozenset({"S", "P", "T", "U", "B"})
# RNE codes that keep the same carer across the episode boundary.
SAME_CARER = frozenset({"L", "T", "U"})


def _episodes_by_child(last_day: dt.date) -> dict[int, list[tuple[dt.date, dt.date | None, str]]]:
    """Every care episode started by ``last_day`` of the children in care on that day,
    oldest first, as (start, end, RNE)."""
    from django.db.models import Q

    from safeguard.care.models import Episode

    in_care = Episode.objects.filter(start_date__lte=last_day).filter(
        Q(end_date__isnull=True) | Q(end_date__gt=last_day)
    )
    found: dict[int, list[tuple[dt.date, dt.date | None, str]]] = {}
    rows = (
        Episode.objects.filter(child_id__in=in_care.values("child_id"), start_date__lte=last_day)
        .order_by("child_id", "start_date", "id")
        .values_list("child_id", "start_date", "end_date", "reason_new_episode")
    )
    for child_id, start, end, rne in rows:
        found.setdefault(child_id, []).append((start, end, rne))
    return found


@register
class ThreeOrMorePlacements(Indicator):
    """Short-term placement stability (domain.md §7.1; SSDA903): children looked after at
    the end of the period with three or more placements in the 12 months to then /
    children looked after then. The DfE counts at 31 March; here every month-end, so the
    March figure is the return's. A placement is the one the child was in when the 12
    months began, plus each episode starting in them that began a new placement (RNE S,
    P, T, U or B; an L episode is the same placement)."""

    code = "three_placements"
    title = "Children in care with three or more placements in 12 months"
    question = "Of the children in care at the end of the month, how many had three or more placements in the year?"
    numerator_text = "children in care with three or more placements in the 12 months to the month end"
    denominator_text = "children in care at the month end"
    higher_is_better = False
    national = national.THREE_PLACEMENTS_YEAR
    collection = "SSDA903"
    area = "Children in care"
    requires = ("care",)

    def rows(self, period: Period) -> list[Row]:
        from safeguard.lib.workingdays import add_months

        last_day = period.last_day
        window_start = add_months(last_day, -12) + dt.timedelta(days=1)
        rows = []
        for child_id, episodes in _episodes_by_child(last_day).items():
            placements = 0
            for start, end, rne in episodes:
                if end is not None and end < window_start:
                    continue  # over before the 12 months began
                if start < window_start:
                    placements = 1  # the placement the child was in when the 12 months began
                elif placements == 0 or rne in NEW_PLACEMENT:
                    placements += 1
            rows.append(
                Row(
                    child_id,
                    placements >= 3,
                    last_day,
                    f"{placements} placement{'s' if placements != 1 else ''} in 12 months",
                )
            )
        return rows


@register
class LongTermStability(Indicator):
    """Long-term stability (domain.md §7.1; SSDA903 [src:121]): children under 16 looked
    after for 2.5 years or more, living with the same carer for 2 years or more / that
    cohort, at the end of the period. Looked after continuously: episodes run on without a
    gap since the last that started care (RNE S). Same carer: back through episodes
    whose RNE keeps the carer (L, T, U)."""

    code = "long_term_stability"
    title = "Long-term placement stability"
    question = (
        "Of the under-16s in care for two and a half years or more, "
        "how many had lived with the same carer for two years?"
    )
    numerator_text = "children in the cohort with the same carer for two years or more"
    denominator_text = "children under 16 looked after for two and a half years or more"
    national = national.LONG_TERM_STABILITY
    collection = "SSDA903"
    area = "Children in care"
    requires = ("care",)

    def rows(self, period: Period) -> list[Row]:
        from safeguard.lib.workingdays import add_months
        from safeguard.people.models import Person

        last_day = period.last_day
        episodes = _episodes_by_child(last_day)
        born = dict(Person.objects.filter(pk__in=list(episodes)).values_list("pk", "date_of_birth"))
        rows = []
        for child_id, eps in episodes.items():
            birth = born.get(child_id)
            if birth is None or add_months(birth, 16 * 12) <= last_day:
                continue
            care_start = eps[-1][0]
            for n in range(len(eps) - 1, 0, -1):
                if eps[n][2] == "S" or eps[n - 1][1] != eps[n][0]:
                    break
                care_start = eps[n - 1][0]
            if care_start > add_months(last_day, -30):
                continue
            carer_start = eps[-1][0]
            for n in range(len(eps) - 1, 0, -1):
                if eps[n][2] not in SAME_CARER or eps[n - 1][1] != eps[n][0]:
                    break
                carer_start = eps[n - 1][0]
            rows.append(
                Row(
                    child_id,
                    carer_start <= add_months(last_day, -24),
                    last_day,
                    f"In care since {care_start:%-d %b %Y}, with this carer since {carer_start:%-d %b %Y}",
                )
            )
        return rows


@register
class ReturnInterviewsWithin72Hours(Indicator):
    """Return home interviews within 72 hours (domain.md §7.1 "RHIs ≤ 72 h", local; DfE
    statutory guidance 2014): returns from a missing or away episode in the period whose
    interview was held by the deadline ``missing.rules.return_interview_due`` stored /
    returns in the period. A declined or not yet held interview does not count as held."""

    code = "return_interviews_72h"
    title = "Return interviews within 72 hours"
    question = (
        "Of the children who came back from being missing this month, how many had a return interview within 72 hours?"
    )
    numerator_text = "returns with a return interview held within 72 hours"
    denominator_text = "returns from missing or away episodes in the month"
    national = national.RETURN_INTERVIEWS_72H
    area = "Children in care"
    requires = ("missing",)

    def rows(self, period: Period) -> list[Row]:
        from safeguard.missing.models import MissingEpisode

        found = MissingEpisode.objects.filter(ended_at__gte=period.start_at, ended_at__lt=period.end_at).values_list(
            "child_id",
            "ended_at",
            "return_interview_due",
            "return_interview_held_at",
            "return_interview_declined",
            "from_care",
        )
        rows = []
        for child_id, ended, due, held, declined, from_care in found:
            met = held is not None and due is not None and held <= due
            if held is not None:
                detail = f"Interview held {timezone_text(held)}"
            else:
                detail = "Interview declined" if declined else "No interview held"
            rows.append(Row(child_id, met, _local_date(ended), detail, "From care" if from_care else "From home"))
        return rows


def timezone_text(moment: dt.datetime) -> str:
    return moment.astimezone(LONDON).strftime("%-d %b %Y %H:%M")


EET = frozenset({"F1", "P1", "F2", "P2", "F4", "P4", "F5", "P5"})


class _CareLeavers(Indicator):
    """Care leavers at their 17th to 21st birthdays (domain.md §7.1; SSDA903 OC3 [src:122]):
    the birthday contacts recorded in the period, leaving out young people who died or
    returned home for six months or more (OC3 rule 344). England's figures are for ages 19
    to 21."""

    collection = "SSDA903 (OC3)"
    area = "Care leavers"
    requires = ("leaving_care",)
    denominator_text = "care leavers' 17th to 21st birthdays recorded in the month"

    @abc.abstractmethod
    def met(self, in_touch: str, activity: str, suitability: str) -> bool:
        """Whether the birthday contact counts towards this indicator."""

    def rows(self, period: Period) -> list[Row]:
        from safeguard.leaving_care.models import KeepInTouch

        found = (
            KeepInTouch.objects.filter(
                contacted_on__gte=period.start, contacted_on__lt=period.end, birthday_age__gte=17, birthday_age__lte=21
            )
            .exclude(in_touch__in=["DIED", "RHOM"])
            .values_list(
                "child_id", "contacted_on", "birthday_age", "in_touch", "activity", "accommodation", "suitability"
            )
        )
        return [
            Row(
                child_id,
                self.met(in_touch, activity, suitability),
                on,
                f"Age {age} birthday: in touch {in_touch}, activity {activity}, "
                f"accommodation {accommodation}{suitability}",
            )
            for child_id, on, age, in_touch, activity, accommodation, suitability in found
        ]


@register
class CareLeaversInTouch(_CareLeavers):
    code = "care_leavers_in_touch"
    title = "Care leavers in touch"
    question = "Of the care leavers who had a 17th to 21st birthday this month, how many was the council in touch with?"
    numerator_text = "care leavers in touch (IN_TOUCH YES)"
    national = national.CARE_LEAVERS_IN_TOUCH

    def met(self, in_touch: str, activity: str, suitability: str) -> bool:
        return in_touch == "YES"


@register
class CareLeaversSuitablyAccommodated(_CareLeavers):
    code = "care_leavers_suitable"
    title = "Care leavers in suitable accommodation"
    question = (
        "Of the care leavers who had a 17th to 21st birthday this month, how many were in suitable accommodation?"
    )
    numerator_text = "care leavers in accommodation judged suitable"
    national = national.CARE_LEAVERS_SUITABLE

    def met(self, in_touch: str, activity: str, suitability: str) -> bool:
        return suitability == "1"


@register
class CareLeaversInEet(_CareLeavers):
    code = "care_leavers_eet"
    title = "Care leavers in education, employment or training"
    question = (
        "Of the care leavers who had a 17th to 21st birthday this month, "
        "how many were in education, employment or training?"
    )
    numerator_text = "care leavers in education, employment or training (ACTIV F1 to P5)"
    national = national.CARE_LEAVERS_EET

    def met(self, in_touch: str, activity: str, suitability: str) -> bool:
        return activity in EET


def codes() -> Iterable[str]:
    return REGISTRY.keys()
