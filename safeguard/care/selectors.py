"""Reads of children-in-care data. Functions taking ``user`` check the access policy;
the plain ones (``episodes_for``) are building blocks for services, rules and other
contexts' selectors that have already checked access."""

from __future__ import annotations

import datetime as dt
import uuid as uuid_lib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import Count, OuterRef, Q, Subquery
from django.urls import reverse

from safeguard.access import policy as access_policy
from safeguard.access.enforce import require
from safeguard.access.models import Involvement, InvolvementKind
from safeguard.audit import services as audit
from safeguard.audit.models import EventType
from safeguard.casework.selectors import Due, Today
from safeguard.people.models import Person
from safeguard.people.selectors import person_by_uuid as _person

from . import policy, rules
from .codes import CarePlanKind, HealthCheckKind
from .models import (
    CarePlan,
    Carer,
    CareRecord,
    EducationPlan,
    Episode,
    HealthCheck,
    LibertyOrder,
    PermanenceBefore,
    Review,
    SdqScore,
    ShortBreakAgreement,
    Visit,
    YearOutcomes,
)

if TYPE_CHECKING:
    from safeguard.access.policy import AnyUser, Decision
    from safeguard.accounts.models import User


def episodes_for(child: Person) -> list[Episode]:
    """Every episode of care of the child, oldest first (the SSDA903 order)."""
    return list(Episode.objects.filter(child=child).select_related("carer").order_by("start_date", "id"))


# --- Opening a child in care's record ------------------------------------------------------


@dataclass
class CareFile:
    """The child a children-in-care page is about, with what the identity bar shows."""

    person: Person
    decision: Decision
    allocation: Involvement | None
    warnings: list[Any]
    today: Today
    record: CareRecord | None

    @property
    def partner_view(self) -> bool:
        return self.decision.partner_view


def care_file_for(
    *, user: AnyUser, child_uuid: uuid_lib.UUID | str, purpose: str, check: Callable[[Any, Person], Decision]
) -> CareFile:
    """Open a child's care record for ``purpose`` under the predicate ``check``: a
    refusal is audited (``require``), an allowed look records PERSON_VIEWED."""
    person = _person(child_uuid)
    if not access_policy.can_view_child(user, person):
        # Those who may not see the child at all are refused by the child-level reason.
        require(access_policy.can_view_child(user, person), actor=user, action=purpose, child=person)
    decision = check(user, person)
    require(decision, actor=user, action=purpose, child=person)
    with transaction.atomic():
        audit.record(
            actor=user,  # type: ignore[arg-type]
            event_type=EventType.PERSON_VIEWED,
            subject=person,
            child=person,
            data={"extra": {"purpose": purpose, "basis": decision.basis, "partner_view": decision.partner_view}},
        )
    allocation = (
        Involvement.objects.filter(child=person, kind=InvolvementKind.ALLOCATED_WORKER, ended_at__isnull=True)
        .select_related("user", "team")
        .first()
    )
    return CareFile(
        person=person,
        decision=decision,
        allocation=allocation,
        warnings=list(person.warnings.filter(ended_at__isnull=True)),
        today=Today.now(),
        record=CareRecord.objects.filter(child=person).select_related("iro").first(),
    )


@dataclass
class Stability:
    placements_last_12_months: int
    current_placement_since: dt.date | None
    days_in_current_placement: int | None


def stability(episodes: list[Episode], today: dt.date) -> Stability:
    since = rules.current_placement_since(episodes)
    return Stability(
        placements_last_12_months=rules.placements_in_last_12_months(episodes, today),
        current_placement_since=since,
        days_in_current_placement=(today - since).days if since else None,
    )


@dataclass
class Duties:
    """Each stored next-due date with where it stands today."""

    review: Due | None = None
    visit: Due | None = None
    health_assessment: Due | None = None
    dental: Due | None = None
    pep: Due | None = None
    sdq: Due | None = None

    @property
    def overdue(self) -> list[str]:
        names = {
            "review": "Review",
            "visit": "Visit",
            "health_assessment": "Health assessment",
            "dental": "Dental check",
            "pep": "PEP",
            "sdq": "SDQ",
        }
        return [label for key, label in names.items() if (due := getattr(self, key)) is not None and due.overdue]


def duties(record: CareRecord | None, today: Today) -> Duties:
    if record is None or not record.in_care:
        return Duties()

    def due(on: dt.date | None) -> Due | None:
        return today.due(on) if on else None

    return Duties(
        review=due(record.next_review_due),
        visit=due(record.next_visit_due),
        health_assessment=due(record.next_health_assessment_due),
        dental=due(record.next_dental_due),
        pep=due(record.next_pep_due),
        sdq=due(record.next_sdq_due),
    )


@dataclass
class CareSummary:
    """What a viewer may see of a child's care record: everything for the council, the
    health or education part for the partners the policy names."""

    person: Person
    full: bool
    health: bool
    education: bool
    can_record: bool
    can_record_health: bool
    can_record_education: bool
    can_chair: bool
    record: CareRecord | None
    episodes: list[Episode] = field(default_factory=list)
    current: Episode | None = None
    stability: Stability | None = None
    duties: Duties = field(default_factory=Duties)
    reviews: list[Review] = field(default_factory=list)
    visits: list[Visit] = field(default_factory=list)
    plans: list[CarePlan] = field(default_factory=list)
    health_checks: list[HealthCheck] = field(default_factory=list)
    sdqs: list[SdqScore] = field(default_factory=list)
    peps: list[EducationPlan] = field(default_factory=list)
    short_breaks: list[ShortBreakAgreement] = field(default_factory=list)
    returns: ReturnItems | None = None

    @property
    def is_empty(self) -> bool:
        return self.record is None and not self.episodes

    @property
    def in_care(self) -> bool:
        return self.current is not None

    @property
    def latest_care_plan(self) -> CarePlan | None:
        return next((p for p in self.plans if p.kind == CarePlanKind.CARE_PLAN), None)

    @property
    def latest_permanence_plan(self) -> CarePlan | None:
        return next((p for p in self.plans if p.kind == CarePlanKind.PERMANENCE_PLAN), None)

    @property
    def immunisations(self) -> HealthCheck | None:
        return next((c for c in self.health_checks if c.kind == HealthCheckKind.IMMUNISATIONS), None)


def care_summary(*, user: AnyUser, person: Person, today: Today | None = None, limit: int = 10) -> CareSummary:
    """The children-in-care part of a child's record as ``user`` may see it. The caller
    has already opened the child's record (and recorded the view)."""
    today = today or Today.now()
    full = bool(policy.can_view_care(user, person))
    health = full or bool(policy.can_view_care_health(user, person))
    education = full or bool(policy.can_view_care_education(user, person))
    record = CareRecord.objects.filter(child=person).select_related("iro").first()
    summary = CareSummary(
        person=person,
        full=full,
        health=health,
        education=education,
        can_record=full and bool(policy.can_record_care(user, person)),
        can_record_health=bool(policy.can_record_care_health(user, person)),
        can_record_education=bool(policy.can_record_care_education(user, person)),
        can_chair=full and bool(policy.can_chair_review(user, person)),
        record=record,
    )
    if full:
        # A V4 agreement stands on its own: the child may have no episode of care.
        summary.short_breaks = list(ShortBreakAgreement.objects.filter(child=person).select_related("carer")[:limit])
    if record is None:
        return summary
    summary.duties = duties(record, today)
    if full:
        summary.episodes = episodes_for(person)
        summary.current = summary.episodes[-1] if summary.episodes and summary.episodes[-1].is_open else None
        summary.stability = stability(summary.episodes, today.day)
        summary.reviews = list(Review.objects.filter(child=person).select_related("chair")[:limit])
        summary.visits = list(Visit.objects.filter(child=person).select_related("visitor")[:limit])
        summary.plans = list(CarePlan.objects.filter(child=person)[:limit])
        summary.returns = return_items(person, record, today.day)
    else:
        current = Episode.objects.filter(child=person, end_date__isnull=True).first()
        summary.current = current
        hidden = Duties(
            health_assessment=summary.duties.health_assessment if health else None,
            dental=summary.duties.dental if health else None,
            sdq=summary.duties.sdq if health else None,
            pep=summary.duties.pep if education else None,
        )
        summary.duties = hidden
    if health:
        summary.health_checks = list(HealthCheck.objects.filter(child=person)[:limit])
        summary.sdqs = list(SdqScore.objects.filter(child=person)[:limit])
    if education:
        summary.peps = list(EducationPlan.objects.filter(child=person)[:limit])
    return summary


# --- The children-in-care team view ---------------------------------------------------------


@dataclass
class TeamRow:
    """One child in care on the team view, with each cell ready to show."""

    name: str
    url: str
    allocated_to: str
    iro_name: str
    legal_status: str
    placement_type: str
    duties: Duties
    overdue: list[str] = field(default_factory=list)

    @staticmethod
    def _cell(due: Due | None) -> tuple[str, str]:
        if due is None:
            return "", ""
        return f"{due.on:%-d %b %Y}", "overdue" if due.overdue else ("due_soon" if due.due_soon else "")

    @property
    def review(self) -> tuple[str, str]:
        return self._cell(self.duties.review)

    @property
    def visit(self) -> tuple[str, str]:
        return self._cell(self.duties.visit)


TEAM_FILTERS = {
    "all": "All children in care",
    "overdue": "Something overdue",
    "review_due": "Review due in the next 4 weeks",
    "mine": "My children (allocated or reviewing)",
}


def _allocated(field_name: str) -> Subquery:
    return Subquery(
        Involvement.objects.filter(
            child_id=OuterRef("child_id"), kind=InvolvementKind.ALLOCATED_WORKER, ended_at__isnull=True
        ).values(field_name)[:1]
    )


def _open_episode(field_name: str) -> Subquery:
    return Subquery(Episode.objects.filter(child_id=OuterRef("child_id"), end_date__isnull=True).values(field_name)[:1])


TEAM_DUE_FIELDS = (
    "next_review_due",
    "next_visit_due",
    "next_health_assessment_due",
    "next_dental_due",
    "next_pep_due",
    "next_sdq_due",
)


def team_view(*, user: AnyUser, show: str = "all", today: Today | None = None) -> list[TeamRow]:
    """The children in care ``user`` may see, with what is due and overdue for each
    ("mine": allocated to them or reviewed by them). One query for the rows, with the
    visibility scope as a subquery, however many children; plain values, not models,
    because a team can hold hundreds of children."""
    require(policy.can_view_cic_team(user), actor=user, action="care_team_view")
    today = today or Today.now()
    records = (
        CareRecord.objects.filter(in_care=True, child__in=Person.objects.filter(access_policy.visible_children_q(user)))
        .annotate(
            legal_status=_open_episode("legal_status"),
            placement_type=_open_episode("placement_type"),
            worker_first=_allocated("user__first_name"),
            worker_last=_allocated("user__last_name"),
            worker_id=_allocated("user_id"),
        )
        .order_by("next_review_due", "child__family_name")
    )
    if show == "review_due":
        records = records.filter(next_review_due__lte=today.day + dt.timedelta(weeks=4))
    if show == "mine":
        records = records.filter(Q(iro_id=user.pk) | Q(worker_id=user.pk))
    values = records.values(
        "child__uuid",
        "child__given_name",
        "child__family_name",
        "iro__first_name",
        "iro__last_name",
        "legal_status",
        "placement_type",
        "worker_first",
        "worker_last",
        *TEAM_DUE_FIELDS,
    )
    placeholder = "00000000-0000-0000-0000-000000000000"
    pattern = reverse("care:record", args=[placeholder])
    rows = []
    for v in values:

        def due(on: dt.date | None) -> Due | None:
            return today.due(on) if on else None

        row = TeamRow(
            name=" ".join(filter(None, [v["child__given_name"], v["child__family_name"]])) or "Name not known",
            url=pattern.replace(placeholder, str(v["child__uuid"])),
            allocated_to=" ".join(filter(None, [v["worker_first"], v["worker_last"]])) or "Not allocated",
            iro_name=" ".join(filter(None, [v["iro__first_name"], v["iro__last_name"]])) or "None",
            legal_status=v["legal_status"] or "",
            placement_type=v["placement_type"] or "",
            duties=Duties(
                review=due(v["next_review_due"]),
                visit=due(v["next_visit_due"]),
                health_assessment=due(v["next_health_assessment_due"]),
                dental=due(v["next_dental_due"]),
                pep=due(v["next_pep_due"]),
                sdq=due(v["next_sdq_due"]),
            ),
        )
        row.overdue = row.duties.overdue
        if show == "overdue" and not row.overdue:
            continue
        rows.append(row)
    with transaction.atomic():
        audit.record(
            actor=user,  # type: ignore[arg-type]
            event_type=EventType.PERSON_VIEWED,
            data={"extra": {"purpose": "care_team_view", "filter": show, "children": len(rows)}},
        )
    return rows


def iro_choices() -> list[User]:
    """Independent reviewing officers, for assigning one to a child."""
    from safeguard.accounts.models import TeamKind, User

    return list(
        User.objects.filter(is_active=True, team__kind=TeamKind.REVIEWING, role__in=["social_worker", "team_manager"])
        .select_related("team")
        .order_by("last_name", "first_name")
    )


def carer_choices() -> list[Carer]:
    return list(Carer.objects.filter(active=True).order_by("name"))


def carer_by_uuid(carer_uuid: uuid_lib.UUID | str) -> Carer | None:
    """A carer or setting (no child's data: the caller has checked ``can_add_carer``)."""
    return Carer.objects.filter(uuid=carer_uuid).first()


def carers_with_counts() -> list[Carer]:
    """Carers and settings with how many children are placed with each now (a number,
    never who)."""
    return list(
        Carer.objects.annotate(placed_now=Count("episodes", filter=Q(episodes__end_date__isnull=True))).order_by(
            "-active", "name"
        )
    )


# --- UASC, previous permanence, yearly outcomes, deprivation of liberty orders ------------
# Building blocks: the views have opened the child's record through ``care_file_for``.


def permanence_before_of(child: Person, period_start: dt.date) -> PermanenceBefore | None:
    return PermanenceBefore.objects.filter(child=child, period_start=period_start).first()


def year_outcomes_of(child: Person, year: int) -> YearOutcomes | None:
    return YearOutcomes.objects.filter(child=child, year=year).first()


def liberty_order_of(child: Person, order_uuid: uuid_lib.UUID | str) -> LibertyOrder | None:
    return LibertyOrder.objects.filter(child=child, uuid=order_uuid).first()


@dataclass
class ReturnItems:
    """What the SSDA903 return needs beyond episodes, as the care record shows it."""

    permanence_before: PermanenceBefore | None
    outcome_years: list[tuple[int, YearOutcomes | None]]
    liberty_orders: list[LibertyOrder]


def return_items(child: Person, record: CareRecord, today: dt.date) -> ReturnItems:
    """The previous permanence of the current (or last) period of care, the yearly
    outcomes of the collection years since it began (the latest 3, newest first), and
    the deprivation of liberty orders."""
    current_year = today.year + 1 if today.month >= 4 else today.year
    first_year = max(record.period_start.year + (1 if record.period_start.month >= 4 else 0), current_year - 2)
    found = {o.year: o for o in YearOutcomes.objects.filter(child=child)}
    return ReturnItems(
        permanence_before=permanence_before_of(child, record.period_start),
        outcome_years=[(year, found.get(year)) for year in range(current_year, first_year - 1, -1)],
        liberty_orders=list(LibertyOrder.objects.filter(child=child)),
    )
