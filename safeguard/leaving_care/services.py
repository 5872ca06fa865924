"""Actions of leaving care. Each asks the policy first, checks the rules, computes its
deadlines through ``rules`` and writes its audit event (``care_leaver.recorded``) in the
same transaction."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from safeguard.access import services as access_services
from safeguard.access.enforce import require
from safeguard.access.models import Involvement, InvolvementKind
from safeguard.accounts.models import COUNCIL_PRACTICE_ROLES
from safeguard.audit import services as audit
from safeguard.audit.models import EventType
from safeguard.lib.errors import StaleEdit

from . import adapter, rules
from .codes import Accommodation, Activity, InTouch, Suitability
from .eligibility import ELIGIBLE, FORMER_RELEVANT, RELEVANT, Eligibility, age_on
from .models import KeepInTouch, LeavingCareCase, PathwayPlan, PathwayPlanReview
from .policy import can_allocate_adviser, can_record_leaving_care

if TYPE_CHECKING:
    from safeguard.accounts.models import User
    from safeguard.people.models import Person

ADVISER_REASON = "Personal adviser (leaving care)"
PLAN_CATEGORIES = (ELIGIBLE, RELEVANT, FORMER_RELEVANT)
# Once a young person has died, no longer needs services or has returned home for good,
# no further contact falls due.
CLOSING_IN_TOUCH = (InTouch.DIED, InTouch.NREQ, InTouch.RHOM)


def _record(actor: User, subject: Any, child: Person, action: str, new: dict[str, Any], **extra: Any) -> None:
    audit.record(
        actor=actor,
        event_type=EventType.CARE_LEAVER_RECORDED,
        subject=subject,
        child=child,
        data={"new": new, "extra": {"action": action, **extra}},
    )


def _case_locked(child: Person) -> LeavingCareCase:
    case, _ = LeavingCareCase.objects.get_or_create(child=child)
    return LeavingCareCase.objects.select_for_update().get(pk=case.pk)


def _not_future(day: dt.date, field: str, errors: dict[str, str], what: str) -> None:
    if day > timezone.localdate():
        errors[field] = f"The {what} cannot be in the future."


def eligibility_on(child: Person, day: dt.date) -> Eligibility | None:
    case = LeavingCareCase.objects.filter(child=child).first()
    return adapter.eligibility_for(
        child,
        as_at=day,
        continuing_support=bool(case and case.continuing_support),
        returned_home_on=case.returned_home_on if case else None,
    )


# --- Personal adviser ------------------------------------------------------------------------


def adviser_allocate(*, actor: User, child: Person, adviser: User, from_date: dt.date) -> LeavingCareCase:
    """Allocate a personal adviser (available up to 25). Their team takes open work with
    the young person, so the leaving-care team sees the record."""
    require(can_allocate_adviser(actor, child), actor=actor, action="allocate_adviser", child=child)
    errors: dict[str, str] = {}
    _not_future(from_date, "from_date", errors, "date the adviser starts")
    if adviser.role not in COUNCIL_PRACTICE_ROLES or not adviser.is_active or adviser.team_id is None:
        errors["adviser"] = "Choose a personal adviser in one of the council's teams."
    status = eligibility_on(child, from_date)
    if status is None or not status.entitled:
        errors["child"] = "Only an eligible child or a care leaver has a personal adviser. " + (
            status.reason if status else "The young person's date of birth is not known."
        )
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        case = _case_locked(child)
        old_team = case.adviser_team
        case.personal_adviser, case.adviser_team, case.adviser_from = adviser, adviser.team, from_date
        if case.next_contact_due is None:
            case.next_contact_due = rules.adviser_first_contact_due(from_date)
        # A young person may come back for support (up to 25): allocating an adviser reopens it.
        case.closed_on, case.closed_reason = None, ""
        case.save(
            update_fields=[
                "personal_adviser",
                "adviser_team",
                "adviser_from",
                "next_contact_due",
                "closed_on",
                "closed_reason",
            ]
        )
        if old_team is not None and old_team != adviser.team:
            for involvement in Involvement.objects.filter(
                child=child, kind=InvolvementKind.OPEN_WORK, team=old_team, reason=ADVISER_REASON, ended_at__isnull=True
            ):
                access_services.involvement_end(actor=actor, involvement=involvement)
        access_services.involvement_start(
            actor=actor, child=child, kind=InvolvementKind.OPEN_WORK, team=adviser.team, reason=ADVISER_REASON
        )
        _record(actor, case, child, "adviser_allocated", {"adviser": adviser.username, "from": from_date})
        return case


# --- The leaving-care details (needs assessment, staying put, support to 25) ------------------

CASE_FIELDS = (
    "needs_assessment_on",
    "continuing_support",
    "returned_home_on",
    "staying_put_from",
    "staying_put_until",
    "staying_put_carer",
)


def case_update(*, actor: User, child: Person, expected_version: int, **values: Any) -> LeavingCareCase:
    """Change the leaving-care details. ``expected_version`` is the version the user
    opened; a save made from an older one is refused (``StaleEdit``) and nothing changes."""
    require(can_record_leaving_care(actor, child), actor=actor, action="update_leaving_care", child=child)
    unknown = set(values) - set(CASE_FIELDS)
    if unknown:
        raise TypeError(f"case_update got {sorted(unknown)}")
    errors: dict[str, str] = {}
    for name, what in (
        ("needs_assessment_on", "date of the needs assessment"),
        ("returned_home_on", "date the young person returned home"),
        ("staying_put_from", "date staying put began"),
    ):
        if values.get(name):
            _not_future(values[name], name, errors, what)
    start, end = values.get("staying_put_from"), values.get("staying_put_until")
    if end and not start:
        errors["staying_put_from"] = "Give the date staying put began before the date it ended."
    elif start and end and end < start:
        errors["staying_put_until"] = "Staying put cannot end before it began."
    if start and not values.get("staying_put_carer", "").strip():
        errors["staying_put_carer"] = "Name the former foster carers the young person is staying with."
    dob = child.date_of_birth
    if start and dob and start < rules.birthday(dob, 18):
        errors["staying_put_from"] = "Staying put begins at 18, when the young person stops being looked after."
    if end and dob and end > rules.birthday(dob, 21):
        last = rules.birthday(dob, 21)
        errors["staying_put_until"] = (
            f"Staying put lasts up to the 21st birthday ({last:%-d %B %Y}): give that date or earlier."
        )
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            case = _case_locked(child)
            if case.version != expected_version:
                raise StaleEdit({"version": (expected_version, case.version)})
            old = {f: getattr(case, f) for f in values if getattr(case, f) != values[f]}
            for name, value in values.items():
                setattr(case, name, value)
            case.version += 1
            case.full_clean()
            case.save()
            audit.record(
                actor=actor,
                event_type=EventType.CARE_LEAVER_RECORDED,
                subject=case,
                child=child,
                data={
                    "old": old,
                    "new": {f: values[f] for f in old},
                    "extra": {"action": "details_updated", "version": case.version},
                },
            )
            return case
    except StaleEdit:
        with transaction.atomic():
            audit.record(
                actor=actor,
                event_type=EventType.RECORD_CONFLICT,
                subject=LeavingCareCase.objects.filter(child=child).first(),
                child=child,
            )
        raise


# --- Pathway plans ---------------------------------------------------------------------------


def pathway_plan_start(*, actor: User, child: Person, agreed_on: dt.date, summary: str) -> PathwayPlan:
    """Record the pathway plan agreed with the young person (made from the needs
    assessment, before they leave care). It is reviewed at least every 6 months."""
    require(can_record_leaving_care(actor, child), actor=actor, action="start_pathway_plan", child=child)
    errors: dict[str, str] = {}
    _not_future(agreed_on, "agreed_on", errors, "date the plan was agreed")
    if not summary.strip():
        errors["summary"] = "Summarise what the plan says: accommodation, education or work, health, money, support."
    status = eligibility_on(child, agreed_on)
    if status is None or status.category not in PLAN_CATEGORIES:
        errors["agreed_on"] = "A pathway plan is for eligible, relevant and former relevant young people. " + (
            status.reason if status else "The young person's date of birth is not known."
        )
    if PathwayPlan.objects.filter(child=child, ended_on__isnull=True).exists():
        errors["child"] = "This young person already has a pathway plan: record a review of it instead."
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        case = _case_locked(child)
        plan = PathwayPlan.objects.create(
            child=child,
            agreed_on=agreed_on,
            summary=summary.strip(),
            next_review_due=rules.pathway_plan_review_due(agreed_on),
            recorded_by=actor,
        )
        if case.needs_assessment_on is None:
            # The plan is made from a needs assessment; if none was dated, the plan's date stands for it.
            case.needs_assessment_on = agreed_on
            case.save(update_fields=["needs_assessment_on"])
        _record(actor, plan, child, "pathway_plan_agreed", {"agreed_on": agreed_on, "review_due": plan.next_review_due})
        return plan


def pathway_plan_review(
    *, actor: User, plan: PathwayPlan, held_on: dt.date, notes: str, expected_version: int
) -> PathwayPlanReview:
    child = plan.child
    require(can_record_leaving_care(actor, child), actor=actor, action="review_pathway_plan", child=child)
    errors: dict[str, str] = {}
    _not_future(held_on, "held_on", errors, "date of the review")
    latest = plan.reviews.order_by("-held_on").values_list("held_on", flat=True).first() or plan.agreed_on
    if held_on < latest:
        errors["held_on"] = f"The review cannot be before the last review or the plan ({latest:%-d %B %Y})."
    if not notes.strip():
        errors["notes"] = "Record what the review found and what changes."
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            locked = PathwayPlan.objects.select_for_update().get(pk=plan.pk)
            if locked.version != expected_version:
                raise StaleEdit({"version": (expected_version, locked.version)})
            if locked.ended_on is not None:
                raise ValidationError({"held_on": "This pathway plan has ended."})
            review = PathwayPlanReview.objects.create(
                plan=locked, held_on=held_on, notes=notes.strip(), recorded_by=actor
            )
            locked.next_review_due = rules.pathway_plan_review_due(held_on)
            locked.version += 1
            locked.save(update_fields=["next_review_due", "version"])
            _record(
                actor,
                locked,
                child,
                "pathway_plan_reviewed",
                {"held_on": held_on, "review_due": locked.next_review_due},
            )
            plan.next_review_due, plan.version = locked.next_review_due, locked.version
            return review
    except StaleEdit:
        with transaction.atomic():
            audit.record(actor=actor, event_type=EventType.RECORD_CONFLICT, subject=plan, child=child)
        raise


# --- Keeping in touch --------------------------------------------------------------------------


def keep_in_touch_record(
    *,
    actor: User,
    child: Person,
    contacted_on: dt.date,
    in_touch: str,
    activity: str,
    accommodation: str,
    suitability: str = "",
    notes: str = "",
) -> KeepInTouch:
    """Record a contact (or an attempt) with a care leaver, in the SSDA903 OC3 codes. A
    record in the window around a 17th to 21st birthday counts for that birthday."""
    require(can_record_leaving_care(actor, child), actor=actor, action="record_keep_in_touch", child=child)
    errors: dict[str, str] = {}
    _not_future(contacted_on, "contacted_on", errors, "date of the contact")
    if in_touch not in InTouch.values:
        errors["in_touch"] = "Say whether the council is in touch with the young person."
    if activity not in Activity.values:
        errors["activity"] = "Choose what the young person is doing, or 'Not known'."
    if accommodation not in Accommodation.values:
        errors["accommodation"] = "Choose where the young person lives, or 'Not known'."
    if suitability and suitability not in Suitability.values:
        errors["suitability"] = "Say whether the accommodation is suitable."
    dob = child.date_of_birth
    status = eligibility_on(child, contacted_on) if dob else None
    if status is None or not status.entitled:
        errors["contacted_on"] = "Keeping in touch is recorded for eligible children and care leavers. " + (
            status.reason if status else "The young person's date of birth is not known."
        )
    if not errors and dob:
        errors.update(
            rules.oc3_errors(
                in_touch=in_touch,
                activity=activity,
                accommodation=accommodation,
                suitability=suitability,
                age=age_on(dob, contacted_on),
            )
        )
    if errors:
        raise ValidationError(errors)
    assert dob is not None
    with transaction.atomic():
        case = _case_locked(child)
        record = KeepInTouch.objects.create(
            child=child,
            contacted_on=contacted_on,
            in_touch=in_touch,
            activity=activity,
            accommodation=accommodation,
            suitability="" if accommodation == "0" else suitability,
            birthday_age=rules.keep_in_touch_age_for(dob, contacted_on),
            notes=notes.strip(),
            recorded_by=actor,
        )
        if case.last_contact_on is None or contacted_on >= case.last_contact_on:
            case.last_contact_on = contacted_on
            if in_touch == InTouch.YES:
                case.last_in_touch_on = contacted_on
                case.next_contact_due = rules.adviser_contact_due(contacted_on)
            elif in_touch in CLOSING_IN_TOUCH:
                case.next_contact_due = None
            elif case.next_contact_due is None:
                case.next_contact_due = contacted_on
        if case.closed_on is not None:
            case.next_contact_due = None  # support has ended: nothing falls due
        case.save(update_fields=["last_contact_on", "last_in_touch_on", "next_contact_due"])
        _record(
            actor,
            record,
            child,
            "keep_in_touch",
            {"contacted_on": contacted_on, "IN_TOUCH": in_touch, "ACTIV": activity, "ACCOM": record.accom},
        )
        return record


# --- Ending leaving-care support -----------------------------------------------------------------


def support_end(*, actor: User, child: Person, on: dt.date, reason: str) -> LeavingCareCase:
    """End leaving-care support: entitlement over (21, or 25), no longer wanted, or another
    council took over. The pathway plan ends, no contact falls due, and the personal
    adviser's team no longer holds open work with the young person. A manager's decision."""
    require(can_allocate_adviser(actor, child), actor=actor, action="end_leaving_care", child=child)
    errors: dict[str, str] = {}
    _not_future(on, "on", errors, "date support ended")
    if not reason.strip():
        errors["reason"] = "Say why leaving-care support is ending."
    case = LeavingCareCase.objects.filter(child=child).first()
    if case is None:
        errors["on"] = "There is no leaving-care support to end."
    elif case.closed_on is not None:
        errors["on"] = f"Leaving-care support already ended on {case.closed_on:%-d %B %Y}."
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = _case_locked(child)
        locked.closed_on, locked.closed_reason, locked.next_contact_due = on, reason.strip(), None
        locked.version += 1
        locked.save(update_fields=["closed_on", "closed_reason", "next_contact_due", "version"])
        PathwayPlan.objects.filter(child=child, ended_on__isnull=True).update(ended_on=on)
        for involvement in Involvement.objects.filter(
            child=child, kind=InvolvementKind.OPEN_WORK, reason=ADVISER_REASON, ended_at__isnull=True
        ):
            access_services.involvement_end(actor=actor, involvement=involvement)
        _record(actor, locked, child, "support_ended", {"closed_on": on, "reason": reason.strip()})
        return locked
