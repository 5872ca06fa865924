"""Reads of adoption records. Page reads take the viewer, ask the policy and record the view
(``person.viewed`` with the page's purpose: the child's for a child's page, the adopters'
household for an adopter page). Deadlines come from the stored ``match_due``; what is
worked out here is only where each stands against today."""

from __future__ import annotations

import datetime as dt
import uuid as uuid_lib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import Prefetch

from safeguard.access.enforce import require
from safeguard.audit import services as audit
from safeguard.audit.models import AuditEvent, EventType
from safeguard.casework.selectors import CaseFile, Due, Today
from safeguard.casework.selectors import open_case_file as _open
from safeguard.lib.errors import NotVisible, StaleEdit
from safeguard.people.models import Person
from safeguard.people.selectors import person_by_uuid as _person

from . import rules
from .models import Adopter, AdopterHousehold, AdoptionDecision
from .policy import can_record_adopters, can_record_adoption, can_view_adopters, can_view_adoption

if TYPE_CHECKING:
    from safeguard.access.policy import AnyUser, Decision
    from safeguard.people.selectors import ChildRecord


# --- Opening a child's adoption record --------------------------------------------------------


def open_for_work(
    *,
    user: AnyUser,
    child_uuid: uuid_lib.UUID | str,
    purpose: str,
    decide: Callable[[AnyUser, Person], Decision] = can_record_adoption,
) -> CaseFile:
    person = _person(child_uuid)
    return _open(user, person, decide(user, person), purpose)


def decision_for_work(
    *, user: AnyUser, child_uuid: uuid_lib.UUID | str, decision_uuid: uuid_lib.UUID | str
) -> tuple[CaseFile, AdoptionDecision]:
    person = _person(child_uuid)
    found = (
        AdoptionDecision.objects.filter(uuid=decision_uuid, child_id__in=person.identity_ids())
        .select_related("household", "child")
        .first()
    )
    if found is None:
        raise NotVisible
    case = _open(user, person, can_record_adoption(user, person), "adoption_decision_edit", subject=found)
    return case, found


@dataclass
class ChildAdoption:
    """A child's adoption decisions, newest first, as the page and the section show them."""

    person: Person
    decisions: list[AdoptionDecision]
    match_due: Due | None
    can_record: bool
    looked_after: bool

    @property
    def current(self) -> AdoptionDecision | None:
        return next((d for d in self.decisions if d.is_open), None)

    @property
    def latest(self) -> AdoptionDecision | None:
        return self.decisions[0] if self.decisions else None

    @property
    def earlier(self) -> list[AdoptionDecision]:
        return self.decisions[1:]

    @property
    def is_empty(self) -> bool:
        return not self.decisions


def _looked_after(person: Person, today: dt.date) -> bool:
    from safeguard.care.models import Episode

    return Episode.objects.filter(
        child_id__in=person.identity_ids(), start_date__lte=today, end_date__isnull=True
    ).exists()


def child_adoption(*, user: AnyUser, person: Person, today: Today | None = None) -> ChildAdoption:
    """The caller has opened the child's record with a view that includes the care record."""
    today = today or Today.now()
    decisions = list(
        AdoptionDecision.objects.filter(child_id__in=person.identity_ids())
        .select_related("household", "recorded_by")
        .prefetch_related("household__adopters")
        .order_by("-decided_on", "-id")
    )
    current = next((d for d in decisions if d.is_open), None)
    return ChildAdoption(
        person=person,
        decisions=decisions,
        match_due=today.due(current.match_due) if current is not None and current.match_due else None,
        can_record=bool(can_record_adoption(user, person)),
        looked_after=_looked_after(person, today.day),
    )


def record_for_view(*, user: AnyUser, child_uuid: uuid_lib.UUID | str) -> tuple[CaseFile, ChildAdoption]:
    person = _person(child_uuid)
    case = _open(user, person, can_view_adoption(user, person), "adoption_record")
    return case, child_adoption(user=user, person=person, today=case.today)


def section_summary(*, user: AnyUser, record: ChildRecord) -> ChildAdoption | None:
    """For the child's page: the adoption section of a child with a decision, or of a
    child in care for those who may record one; nothing for partners."""
    person = record.person
    if record.partner_view or not can_view_adoption(user, person):
        return None
    has_decisions = AdoptionDecision.objects.filter(child_id__in=person.identity_ids()).exists()
    if not has_decisions:
        today = Today.now()
        if not _looked_after(person, today.day) or not can_record_adoption(user, person):
            return None
        return ChildAdoption(person, [], None, True, True)
    return child_adoption(user=user, person=person)


def changes_since(*, subject: Any, record: str, opened_version: int) -> StaleEdit:
    """What others changed in a record after ``opened_version``, from the audit trail (each
    change writes one event carrying the version it made)."""
    events = (
        AuditEvent.objects.filter(subject_id=str(subject.uuid), event_type=EventType.RECORD_UPDATED)
        .select_related("actor")
        .order_by("sequence")
    )
    changes: dict[str, tuple[Any, Any]] = {}
    who: list[str] = []
    for event in events:
        extra = event.data.get("extra") or {}
        if extra.get("record") != record or int(extra.get("version", 0)) <= opened_version:
            continue
        for name, before in (event.data.get("old") or {}).items():
            changes.setdefault(name, (before, None))
        for name, after in (event.data.get("new") or {}).items():
            if name in changes:
                changes[name] = (changes[name][0], after)
        person = event.actor.display_name if event.actor else event.actor_username
        if person not in who:
            who.append(person)
    return StaleEdit(changes, changed_by=", ".join(who))


# --- Adopters ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Journey:
    """A household's journey, the dates a linked child's record gives filling in those the
    household's own record leaves blank (the match, placement and order are the same
    events, recorded once on the child)."""

    matched_on: dt.date | None
    placed_on: dt.date | None
    children_placed: int | None
    adoption_order_on: dt.date | None
    stage: str


def journey_of(household: AdopterHousehold, decisions: list[AdoptionDecision]) -> Journey:
    matched = [d.matched_on for d in decisions if d.matched_on]
    placed = [d.placed_on for d in decisions if d.placed_on]
    orders = [d.adoption_order_on for d in decisions if d.adoption_order_on]
    matched_on = household.matched_on or min(matched, default=None)
    placed_on = household.placed_on or min(placed, default=None)
    children_placed = household.children_placed or (len(placed) or None)
    adoption_order_on = household.adoption_order_on or min(orders, default=None)
    if household.left_on:
        stage = "Left the process"
    elif adoption_order_on:
        stage = "Adopted"
    elif placed_on:
        stage = "Child placed"
    elif matched_on:
        stage = "Matched"
    elif household.approved_on:
        stage = "Approved, waiting for a match"
    elif household.stage2_started_on:
        stage = "Stage 2 (assessment)"
    elif household.stage1_started_on:
        stage = "Stage 1 (pre-approval)"
    else:
        stage = "Enquiry"
    return Journey(matched_on, placed_on, children_placed, adoption_order_on, stage)


@dataclass
class HouseholdRow:
    household: AdopterHousehold
    adopters: list[Adopter]
    journey: Journey
    sex_code: str


@dataclass
class HouseholdPage:
    row: HouseholdRow
    children: list[AdoptionDecision] = field(default_factory=list)
    hidden_children: int = 0
    can_record: bool = False


def _row(household: AdopterHousehold) -> HouseholdRow:
    adopters = list(household.adopters.all())
    decisions = list(household.decisions.all())
    return HouseholdRow(
        household=household,
        adopters=adopters,
        journey=journey_of(household, decisions),
        sex_code=rules.adopters_sex_code([a.sex for a in adopters]) if 1 <= len(adopters) <= 2 else "",
    )


def _households() -> Any:
    return AdopterHousehold.objects.prefetch_related(
        "adopters", Prefetch("decisions", queryset=AdoptionDecision.objects.order_by("decided_on"))
    )


def _record_view(user: AnyUser, subject: Any, purpose: str, decision: Decision) -> None:
    with transaction.atomic():
        audit.record(
            actor=user,  # type: ignore[arg-type]
            event_type=EventType.PERSON_VIEWED,
            subject=subject,
            data={"extra": {"purpose": purpose, "basis": decision.basis}},
        )


STATUSES = {"active": "Still in the process", "all": "Everyone", "left": "Left the process"}


def households_for(*, user: AnyUser, status: str = "active") -> tuple[list[HouseholdRow], str]:
    """The adopter households, with where each stands. Recorded as one view."""
    decision = require(can_view_adopters(user), actor=user, action="adopter_households")
    status = status if status in STATUSES else "active"
    found = _households()
    if status == "active":
        found = found.filter(left_on__isnull=True, adoption_order_on__isnull=True)
    elif status == "left":
        found = found.filter(left_on__isnull=False)
    rows = [_row(h) for h in found.order_by("reference")]
    if status == "active":
        rows = [r for r in rows if r.journey.adoption_order_on is None]
    with transaction.atomic():
        audit.record(
            actor=user,  # type: ignore[arg-type]
            event_type=EventType.PERSON_VIEWED,
            data={
                "extra": {
                    "purpose": "adopter_households",
                    "basis": decision.basis,
                    "households": [r.household.reference for r in rows],
                }
            },
        )
    return rows, status


def _household(household_uuid: uuid_lib.UUID | str) -> AdopterHousehold:
    try:
        return _households().get(uuid=household_uuid)
    except (AdopterHousehold.DoesNotExist, ValueError):
        raise NotVisible from None


def household_for_view(*, user: AnyUser, household_uuid: uuid_lib.UUID | str) -> HouseholdPage:
    """One household: its adopters, its journey, and the children matched with it whose
    adoption record the viewer may see (the others are counted, not named)."""
    decision = require(can_view_adopters(user), actor=user, action="adopter_household")
    household = _household(household_uuid)
    _record_view(user, household, "adopter_household", decision)
    page = HouseholdPage(row=_row(household), can_record=bool(can_record_adopters(user)))
    for d in AdoptionDecision.objects.filter(household=household).select_related("child").order_by("decided_on"):
        if can_view_adoption(user, d.child):
            page.children.append(d)
        else:
            page.hidden_children += 1
    return page


def household_for_work(*, user: AnyUser, household_uuid: uuid_lib.UUID | str, purpose: str) -> AdopterHousehold:
    decision = require(can_record_adopters(user), actor=user, action=purpose)
    household = _household(household_uuid)
    _record_view(user, household, purpose, decision)
    return household


def adopter_for_work(
    *, user: AnyUser, household_uuid: uuid_lib.UUID | str, adopter_uuid: uuid_lib.UUID | str
) -> tuple[AdopterHousehold, Adopter]:
    household = household_for_work(user=user, household_uuid=household_uuid, purpose="adopter_edit")
    adopter = Adopter.objects.filter(household=household, uuid=adopter_uuid).first()
    if adopter is None:
        raise NotVisible
    return household, adopter


def households_to_match() -> list[AdopterHousehold]:
    """Households a child can be matched with: those still in the process."""
    return list(
        AdopterHousehold.objects.filter(left_on__isnull=True).prefetch_related("adopters").order_by("reference")
    )
