"""Actions on adoption records. Each asks the policy first, checks ``rules``, and writes
its audit event in its own transaction (``record.created`` / ``record.updated`` naming the
record, ``record.conflict`` when a stale save is refused)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from safeguard.access.enforce import require
from safeguard.audit import services as audit
from safeguard.audit.models import EventType
from safeguard.lib.errors import InvalidTransition, StaleEdit
from safeguard.people.codes import Ethnicity

from . import policy, rules
from .codes import AdopterSex, AdoptersLegalStatus, Disability, LeftReason, NoLongerPlacedReason
from .models import Adopter, AdopterHousehold, AdoptionDecision

if TYPE_CHECKING:
    from safeguard.accounts.models import User
    from safeguard.people.models import Person

DECISION_RECORD = "adoption_decision"
HOUSEHOLD_RECORD = "adopter_household"
ADOPTER_RECORD = "adopter"

DECISION_FIELDS = (
    "decided_on",
    "placement_order_on",
    "matched_on",
    "household",
    "placed_on",
    "placed_with_foster_carer",
    "adoption_order_on",
    "ffa_placed_on",
    "no_longer_on",
    "no_longer_reason",
)
JOURNEY_FIELDS = (
    "legal_status",
    "enquiry_on",
    "stage1_started_on",
    "stage1_ended_on",
    "stage2_started_on",
    "stage2_ended_on",
    "application_on",
    "approved_on",
    "matched_on",
    "placed_on",
    "children_placed",
    "adoption_order_on",
    "left_on",
    "left_reason",
)
ADOPTER_FIELDS = ("given_name", "family_name", "sex", "ethnicity", "disability", "fostering_for_adoption")


def _raise(problems: Sequence[rules.Problem]) -> None:
    if problems:
        errors: dict[str, list[str]] = {}
        for p in problems:
            errors.setdefault(p.field, []).append(p.message)
        raise ValidationError(errors)


def _shown(value: Any) -> Any:
    """A value as the audit keeps it: a household by its family identifier."""
    if isinstance(value, AdopterHousehold):
        return value.reference
    return value


def _conflict(actor: User, subject: Any, child: Person | None) -> None:
    with transaction.atomic():
        audit.record(actor=actor, event_type=EventType.RECORD_CONFLICT, subject=subject, child=child)


# --- A child's decisions ------------------------------------------------------------------------


def care_started_for(child: Person, day: dt.date) -> dt.date | None:
    """The start of the period of care the child was in on ``day`` (its first episode,
    RNE S), or None when the child was not looked after that day."""
    from safeguard.care.models import Episode

    episodes = list(
        Episode.objects.filter(child_id__in=child.identity_ids(), start_date__lte=day)
        .order_by("start_date", "id")
        .values("start_date", "end_date", "reason_new_episode")
    )
    start: dt.date | None = None
    for e in episodes:
        if e["reason_new_episode"] == "S":
            start = e["start_date"]
    if not episodes:
        return None
    last = episodes[-1]
    if last["end_date"] is not None and last["end_date"] < day:
        return None
    return start or episodes[0]["start_date"]


def _dates(values: dict[str, Any]) -> rules.DecisionDates:
    return rules.DecisionDates(
        decided_on=values["decided_on"],
        placement_order_on=values.get("placement_order_on"),
        matched_on=values.get("matched_on"),
        placed_on=values.get("placed_on"),
        adoption_order_on=values.get("adoption_order_on"),
        ffa_placed_on=values.get("ffa_placed_on"),
        no_longer_on=values.get("no_longer_on"),
        no_longer_reason=values.get("no_longer_reason") or "",
        has_adopters=values.get("household") is not None,
        placed_with_foster_carer=values.get("placed_with_foster_carer"),
    )


def _check(child: Person, values: dict[str, Any]) -> None:
    reason = values.get("no_longer_reason") or ""
    if reason and reason not in NoLongerPlacedReason.values:
        raise ValidationError({"no_longer_reason": "Choose why the child should no longer be placed for adoption."})
    _raise(
        rules.check_decision(
            _dates(values),
            dob=child.date_of_birth,
            care_started_on=care_started_for(child, values["decided_on"]),
            today=timezone.localdate(),
        )
    )


def _set_match_due(decision: AdoptionDecision) -> None:
    decision.match_due = rules.match_due(decision.decided_on, matched_on=decision.matched_on, open_=decision.is_open)


def decision_record(
    *,
    actor: User,
    child: Person,
    decided_on: dt.date,
    placement_order_on: dt.date | None = None,
    ffa_placed_on: dt.date | None = None,
) -> AdoptionDecision:
    """The agency decides that a child in care should be placed for adoption (SHOBPA).
    Refused while an earlier decision is still open (903 rule 579)."""
    require(policy.can_record_adoption(actor, child), actor=actor, action="adoption_decision", child=child)
    values = {"decided_on": decided_on, "placement_order_on": placement_order_on, "ffa_placed_on": ffa_placed_on}
    _check(child, values)
    with transaction.atomic():
        earlier = list(
            AdoptionDecision.objects.select_for_update()
            .filter(child_id__in=child.identity_ids())
            .order_by("decided_on")
        )
        if any(d.is_open for d in earlier):
            raise InvalidTransition(
                "The child already has an open decision that they should be placed for adoption: update that one."
            )
        last_closed = max((d.no_longer_on for d in earlier if d.no_longer_on), default=None)
        if last_closed is not None and decided_on < last_closed:
            raise ValidationError(
                {"decided_on": f"A new decision cannot be before the last one was reversed ({last_closed:%-d %B %Y})."}
            )
        decision = AdoptionDecision(child=child, recorded_by=actor, **values)
        _set_match_due(decision)
        decision.full_clean()
        decision.save()
        audit.record(
            actor=actor,
            event_type=EventType.RECORD_CREATED,
            subject=decision,
            child=child,
            data={"new": values, "extra": {"record": DECISION_RECORD, "version": decision.version}},
        )
        return decision


def decision_update(
    *, actor: User, decision: AdoptionDecision, expected_version: int, **values: Any
) -> AdoptionDecision:
    """Record what followed a decision: placement order, match (with the adopters),
    placement, adoption order, fostering for adoption, or the decision reversed.
    ``expected_version`` is the version the user opened; a save made from an older one is
    refused (``StaleEdit``) and nothing changes."""
    child = decision.child
    require(policy.can_record_adoption(actor, child), actor=actor, action="adoption_decision_update", child=child)
    unknown = set(values) - set(DECISION_FIELDS)
    if unknown:
        raise TypeError(f"decision_update got {sorted(unknown)}")
    try:
        with transaction.atomic():
            locked = AdoptionDecision.objects.select_for_update().get(pk=decision.pk)
            if locked.version != expected_version:
                raise StaleEdit({"version": (expected_version, locked.version)})
            merged = {name: getattr(locked, name) for name in DECISION_FIELDS} | values
            _check(child, merged)
            later = (
                AdoptionDecision.objects.filter(child_id__in=child.identity_ids(), decided_on__gt=locked.decided_on)
                .exclude(pk=locked.pk)
                .exists()
            )
            if later and merged.get("no_longer_on") is None and merged.get("adoption_order_on") is None:
                raise ValidationError({"no_longer_on": "A later decision was made: this one must stay closed."})
            old = {f: _shown(getattr(locked, f)) for f in values if getattr(locked, f) != values[f]}
            for name, value in values.items():
                setattr(locked, name, value)
            _set_match_due(locked)
            locked.version += 1
            locked.full_clean()
            locked.save()
            audit.record(
                actor=actor,
                event_type=EventType.RECORD_UPDATED,
                subject=locked,
                child=child,
                data={
                    "old": old,
                    "new": {f: _shown(values[f]) for f in old},
                    "extra": {"record": DECISION_RECORD, "version": locked.version},
                },
            )
            return locked
    except StaleEdit:
        _conflict(actor, decision, child)
        raise


# --- Adopters -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AdopterInput:
    given_name: str
    family_name: str
    sex: str
    ethnicity: str
    disability: str = Disability.UNKNOWN
    fostering_for_adoption: bool = False


def _check_adopter(a: AdopterInput, prefix: str = "") -> None:
    errors: dict[str, str] = {}
    if not a.given_name.strip():
        errors[f"{prefix}given_name"] = "Enter the adopter's first name."
    if not a.family_name.strip():
        errors[f"{prefix}family_name"] = "Enter the adopter's last name."
    if a.sex not in AdopterSex.values:
        errors[f"{prefix}sex"] = "Choose the adopter's sex."
    if a.ethnicity not in Ethnicity.values:
        errors[f"{prefix}ethnicity"] = "Choose the adopter's ethnicity, or 'Information not yet obtained'."
    if a.disability not in Disability.values:
        errors[f"{prefix}disability"] = "Say whether the adopter has a disability."
    if errors:
        raise ValidationError(errors)


def _next_reference() -> str:
    taken = [
        int(r[2:])
        for r in AdopterHousehold.objects.filter(reference__startswith="AF").values_list("reference", flat=True)
        if r[2:].isdigit()
    ]
    return f"AF{max(taken, default=0) + 1:04d}"


def _adopter(actor: User, household: AdopterHousehold, a: AdopterInput, number: int) -> Adopter:
    adopter = Adopter(
        household=household,
        identifier=f"{household.reference}-{number}",
        given_name=a.given_name.strip(),
        family_name=a.family_name.strip(),
        sex=a.sex,
        ethnicity=a.ethnicity,
        disability=a.disability,
        fostering_for_adoption=a.fostering_for_adoption,
        recorded_by=actor,
    )
    adopter.full_clean()
    adopter.save()
    audit.record(
        actor=actor,
        event_type=EventType.RECORD_CREATED,
        subject=adopter,
        data={"new": {"identifier": adopter.identifier}, "extra": {"record": ADOPTER_RECORD}},
    )
    return adopter


def household_create(
    *, actor: User, legal_status: str, enquiry_on: dt.date, adopters: Sequence[AdopterInput]
) -> AdopterHousehold:
    """A household enquires about adopting: one adopter, or a couple."""
    require(policy.can_record_adopters(actor), actor=actor, action="adopter_household_create")
    if not 1 <= len(adopters) <= 2:
        raise ValidationError({"adopters": "A household has one adopter or two."})
    for number, a in enumerate(adopters, start=1):
        _check_adopter(a, prefix="" if number == 1 else "second_")
    if legal_status not in AdoptersLegalStatus.values:
        raise ValidationError({"legal_status": "Choose whether the adopters are single or how they are a couple."})
    _raise(rules.legal_status_fits(legal_status, [a.sex for a in adopters]))
    _raise(rules.journey_in_order({"enquiry_on": enquiry_on}, timezone.localdate()))
    with transaction.atomic():
        household = AdopterHousehold(
            reference=_next_reference(), legal_status=legal_status, enquiry_on=enquiry_on, recorded_by=actor
        )
        household.full_clean()
        household.save()
        audit.record(
            actor=actor,
            event_type=EventType.RECORD_CREATED,
            subject=household,
            data={
                "new": {"reference": household.reference, "enquiry_on": enquiry_on, "legal_status": legal_status},
                "extra": {"record": HOUSEHOLD_RECORD, "version": household.version},
            },
        )
        for number, a in enumerate(adopters, start=1):
            _adopter(actor, household, a, number)
        return household


def household_update(
    *, actor: User, household: AdopterHousehold, expected_version: int, **values: Any
) -> AdopterHousehold:
    """Record the household's journey: stages 1 and 2, application, approval, match,
    placement, adoption order, or leaving the process. A stale save is refused."""
    require(policy.can_record_adopters(actor), actor=actor, action="adopter_household_update")
    unknown = set(values) - set(JOURNEY_FIELDS)
    if unknown:
        raise TypeError(f"household_update got {sorted(unknown)}")
    if values.get("left_reason") and values["left_reason"] not in LeftReason.values:
        raise ValidationError({"left_reason": "Choose why the household left the adoption process."})
    try:
        with transaction.atomic():
            locked = AdopterHousehold.objects.select_for_update().get(pk=household.pk)
            if locked.version != expected_version:
                raise StaleEdit({"version": (expected_version, locked.version)})
            merged = {name: getattr(locked, name) for name in JOURNEY_FIELDS} | values
            problems = [
                *rules.journey_in_order(merged, timezone.localdate()),
                *rules.leaving_has_date_and_reason(merged["left_on"], merged["left_reason"]),
                *rules.children_placed_counted(merged["placed_on"], merged["children_placed"]),
                *rules.legal_status_fits(merged["legal_status"], locked.adopters.values_list("sex", flat=True)),
            ]
            _raise(problems)
            old = {f: getattr(locked, f) for f in values if getattr(locked, f) != values[f]}
            for name, value in values.items():
                setattr(locked, name, value)
            locked.version += 1
            locked.full_clean()
            locked.save()
            audit.record(
                actor=actor,
                event_type=EventType.RECORD_UPDATED,
                subject=locked,
                data={
                    "old": old,
                    "new": {f: values[f] for f in old},
                    "extra": {"record": HOUSEHOLD_RECORD, "version": locked.version},
                },
            )
            return locked
    except StaleEdit:
        _conflict(actor, household, None)
        raise


def adopter_add(
    *, actor: User, household: AdopterHousehold, adopter: AdopterInput, legal_status: str, expected_version: int
) -> Adopter:
    """A second adopter joins a single applicant: the household's legal status changes
    with it (a couple), so both are saved together against the household's version."""
    require(policy.can_record_adopters(actor), actor=actor, action="adopter_add")
    _check_adopter(adopter)
    try:
        with transaction.atomic():
            locked = AdopterHousehold.objects.select_for_update().get(pk=household.pk)
            if locked.version != expected_version:
                raise StaleEdit({"version": (expected_version, locked.version)})
            sexes = list(locked.adopters.values_list("sex", flat=True))
            if len(sexes) >= 2:
                raise ValidationError({"given_name": "This household already has two adopters."})
            if legal_status not in AdoptersLegalStatus.values:
                raise ValidationError({"legal_status": "Choose how the adopters are a couple."})
            _raise(rules.legal_status_fits(legal_status, [*sexes, adopter.sex]))
            old_status = locked.legal_status
            locked.legal_status = legal_status
            locked.version += 1
            locked.save(update_fields=["legal_status", "version"])
            audit.record(
                actor=actor,
                event_type=EventType.RECORD_UPDATED,
                subject=locked,
                data={
                    "old": {"legal_status": old_status},
                    "new": {"legal_status": legal_status},
                    "extra": {"record": HOUSEHOLD_RECORD, "version": locked.version},
                },
            )
            numbers = [int(i.rsplit("-", 1)[1]) for i in locked.adopters.values_list("identifier", flat=True)]
            return _adopter(actor, locked, adopter, max(numbers, default=0) + 1)
    except StaleEdit:
        _conflict(actor, household, None)
        raise


def adopter_update(*, actor: User, adopter: Adopter, expected_version: int, **values: Any) -> Adopter:
    """Correct or complete an adopter's details. A stale save is refused."""
    require(policy.can_record_adopters(actor), actor=actor, action="adopter_update")
    unknown = set(values) - set(ADOPTER_FIELDS)
    if unknown:
        raise TypeError(f"adopter_update got {sorted(unknown)}")
    try:
        with transaction.atomic():
            locked = Adopter.objects.select_for_update().select_related("household").get(pk=adopter.pk)
            if locked.version != expected_version:
                raise StaleEdit({"version": (expected_version, locked.version)})
            merged = {name: getattr(locked, name) for name in ADOPTER_FIELDS} | values
            _check_adopter(AdopterInput(**merged))
            if "sex" in values:
                sexes = [
                    values["sex"] if other.pk == locked.pk else other.sex
                    for other in Adopter.objects.filter(household=locked.household)
                ]
                _raise(rules.legal_status_fits(locked.household.legal_status, sexes))
            old = {f: getattr(locked, f) for f in values if getattr(locked, f) != values[f]}
            for name, value in values.items():
                setattr(locked, name, value.strip() if isinstance(value, str) else value)
            locked.version += 1
            locked.full_clean()
            locked.save()
            audit.record(
                actor=actor,
                event_type=EventType.RECORD_UPDATED,
                subject=locked,
                data={
                    "old": old,
                    "new": {f: values[f] for f in old},
                    "extra": {"record": ADOPTER_RECORD, "version": locked.version},
                },
            )
            return locked
    except StaleEdit:
        _conflict(actor, adopter, None)
        raise
