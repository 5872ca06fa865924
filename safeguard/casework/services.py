"""Actions on the help and protection pathway. Each asks the policy first, computes its
deadlines through ``rules``, and writes its audit event in its own transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model
from django.utils import timezone

from safeguard.access import policy
from safeguard.access import services as access_services
from safeguard.access.enforce import require
from safeguard.access.models import InvolvementKind
from safeguard.audit import services as audit
from safeguard.audit.models import EventType
from safeguard.lib.errors import InvalidTransition, StaleEdit
from safeguard.lib.workingdays import is_working_day

from . import rules
from .codes import (
    AbuseCategory,
    AssessmentFactor,
    AssessmentOutcome,
    AssessmentStatus,
    ConferenceDecision,
    ConferenceKind,
    EnquiryOutcome,
    NoteKind,
    PlanEndReason,
    StrategyDecision,
)
from .models import (
    Action,
    Assessment,
    CaseNote,
    ChildInNeedPlan,
    ChildInNeedReview,
    ChildProtectionPlan,
    Conference,
    CoreGroupMeeting,
    Participant,
    Section47Enquiry,
    StrategyDiscussion,
)

if TYPE_CHECKING:
    from safeguard.accounts.models import Agency, Team, User
    from safeguard.frontdoor.models import Referral
    from safeguard.people.models import Person


def _lock(model: type[Model], obj: Any, expected_version: int | None, actor: User, child: Person) -> Any:
    locked = model.objects.select_for_update().get(pk=obj.pk)  # type: ignore[attr-defined]
    if expected_version is not None and locked.version != expected_version:
        raise StaleEdit({"version": (expected_version, locked.version)})
    return locked


def _conflict(actor: User, record: Any, child: Person) -> None:
    with transaction.atomic():
        audit.record(actor=actor, event_type=EventType.CASEWORK_CONFLICT, subject=record, child=child)


def _bump(record: Any, fields: Sequence[str]) -> None:
    record.version += 1
    record.save(update_fields=[*fields, "version"])


# --- Assessment -------------------------------------------------------------------------


def assessment_start(
    *,
    actor: User,
    child: Person,
    team: Team,
    started_on: dt.date,
    referral: Referral | None = None,
    referral_date: dt.date | None = None,
    worker: User | None = None,
) -> Assessment:
    """Start a child and family assessment; it is due 45 working days from the referral."""
    require(policy.can_work_on_case(actor, child), actor=actor, action="start_assessment", child=child)
    referral_date = referral.referral_date if referral is not None else referral_date
    errors: dict[str, str] = {}
    if referral_date is None:
        errors["referral_date"] = "Give the date of the referral the assessment responds to."
    elif started_on < referral_date:
        errors["started_on"] = "An assessment cannot start before its referral."
    if started_on > timezone.localdate():
        errors["started_on"] = "The start date cannot be in the future."
    if Assessment.objects.filter(
        child=child, status__in=[AssessmentStatus.IN_PROGRESS, AssessmentStatus.SUBMITTED]
    ).exists():
        errors["child"] = "This child already has an assessment in progress."
    if errors:
        raise ValidationError(errors)
    assert referral_date is not None
    with transaction.atomic():
        assessment = Assessment.objects.create(
            child=child,
            referral=referral,
            team=team,
            worker=worker or actor,
            referral_date=referral_date,
            started_on=started_on,
            due_on=rules.assessment_due(referral_date),
        )
        access_services.involvement_start(
            actor=actor, child=child, kind=InvolvementKind.OPEN_WORK, team=team, reason="child and family assessment"
        )
        audit.record(
            actor=actor,
            event_type=EventType.ASSESSMENT_STARTED,
            subject=assessment,
            child=child,
            data={"new": {"started_on": started_on, "due_on": assessment.due_on}},
        )
        return assessment


ASSESSMENT_FIELDS = ("factors", "child_views", "family_views", "analysis")


def assessment_update(*, actor: User, assessment: Assessment, expected_version: int, **values: Any) -> Assessment:
    require(
        policy.can_work_on_case(actor, assessment.child),
        actor=actor,
        action="update_assessment",
        child=assessment.child,
    )
    unknown = set(values) - set(ASSESSMENT_FIELDS)
    if unknown:
        raise TypeError(f"assessment_update got {sorted(unknown)}")
    factors = values.get("factors")
    if factors is not None:
        if any(f not in AssessmentFactor.values for f in factors):
            raise ValidationError({"factors": "Choose factors from the CIN census list."})
        if "21" in factors and len(factors) > 1:
            raise ValidationError({"factors": "'No factors identified' cannot be chosen with other factors."})
    try:
        with transaction.atomic():
            locked = _lock(Assessment, assessment, expected_version, actor, assessment.child)
            if locked.status != AssessmentStatus.IN_PROGRESS:
                raise InvalidTransition("This assessment has been submitted and can no longer be changed.")
            old = {f: getattr(locked, f) for f in values if getattr(locked, f) != values[f]}
            for name, value in values.items():
                setattr(locked, name, value)
            _bump(locked, list(values))
            audit.record(
                actor=actor,
                event_type=EventType.ASSESSMENT_UPDATED,
                subject=locked,
                child=locked.child,
                data={"old": old, "new": {f: values[f] for f in old}},
            )
            return locked
    except StaleEdit:
        _conflict(actor, assessment, assessment.child)
        raise


def assessment_submit(
    *, actor: User, assessment: Assessment, outcome: str, outcome_reason: str, expected_version: int
) -> Assessment:
    require(
        policy.can_work_on_case(actor, assessment.child),
        actor=actor,
        action="submit_assessment",
        child=assessment.child,
    )
    errors = {}
    if outcome not in AssessmentOutcome.values:
        errors["outcome"] = "Choose the outcome of the assessment."
    if not outcome_reason.strip():
        errors["outcome_reason"] = "Say why this is the right outcome."
    if not assessment.child_views.strip():
        errors["child_views"] = "Record the child's views, in their own words where you can, before submitting."
    if not assessment.analysis.strip():
        errors["analysis"] = "Record your analysis before submitting."
    if not assessment.factors:
        errors["factors"] = "Record the factors identified (or 'No factors identified')."
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            locked = _lock(Assessment, assessment, expected_version, actor, assessment.child)
            if locked.status != AssessmentStatus.IN_PROGRESS:
                raise InvalidTransition("This assessment has already been submitted.")
            locked.outcome, locked.outcome_reason = outcome, outcome_reason.strip()
            locked.status = AssessmentStatus.SUBMITTED
            locked.submitted_by, locked.submitted_at = actor, timezone.now()
            _bump(locked, ["outcome", "outcome_reason", "status", "submitted_by", "submitted_at"])
            audit.record(
                actor=actor,
                event_type=EventType.ASSESSMENT_SUBMITTED,
                subject=locked,
                child=locked.child,
                data={"new": {"outcome": outcome}},
            )
            return locked
    except StaleEdit:
        _conflict(actor, assessment, assessment.child)
        raise


def assessment_authorise(
    *, actor: User, assessment: Assessment, expected_version: int, authorised_on: dt.date | None = None
) -> Assessment:
    """A manager authorises the assessment; a child in need plan outcome starts the plan."""
    require(
        policy.can_authorise_casework(actor, assessment.child),
        actor=actor,
        action="authorise_assessment",
        child=assessment.child,
    )
    authorised_on = authorised_on or timezone.localdate()
    try:
        with transaction.atomic():
            locked = _lock(Assessment, assessment, expected_version, actor, assessment.child)
            if locked.status != AssessmentStatus.SUBMITTED:
                raise InvalidTransition("Only a submitted assessment can be authorised.")
            if authorised_on < locked.started_on:
                raise ValidationError({"authorised_on": "An assessment cannot be authorised before it started."})
            locked.status, locked.authorised_by, locked.authorised_on = (
                AssessmentStatus.AUTHORISED,
                actor,
                authorised_on,
            )
            _bump(locked, ["status", "authorised_by", "authorised_on"])
            audit.record(
                actor=actor,
                event_type=EventType.ASSESSMENT_AUTHORISED,
                subject=locked,
                child=locked.child,
                data={
                    "new": {
                        "authorised_on": authorised_on,
                        "late": authorised_on > locked.due_on,
                        "outcome": locked.outcome,
                    }
                },
            )
            if locked.outcome == AssessmentOutcome.CIN_PLAN:
                cin_plan_start(actor=actor, child=locked.child, started_on=authorised_on, assessment=locked)
            return locked
    except StaleEdit:
        _conflict(actor, assessment, assessment.child)
        raise


# --- Strategy discussion and section 47 -------------------------------------------------------


@dataclass
class ParticipantInput:
    agency: Agency
    name: str
    role: str = ""
    user: User | None = None
    attended: bool = True
    information: str = ""


@dataclass
class ActionInput:
    description: str
    owner_agency: Agency
    due_on: dt.date
    owner: User | None = None


EXPECTED_AT_STRATEGY = ("police", "csc", "health")


def missing_agencies(participants: Sequence[Any]) -> list[str]:
    """Which of police, children's social care and health were not at a strategy
    discussion (Working Together expects all three)."""
    kinds = {p.agency.kind for p in participants if p.attended}
    present = {"police": "police" in kinds, "csc": "csc" in kinds, "health": bool(kinds & {"nhs_trust", "gp"})}
    labels = {"police": "police", "csc": "children's social care", "health": "health"}
    return [labels[k] for k in EXPECTED_AT_STRATEGY if not present[k]]


def _add_participants(
    actor: User, child: Person, participants: Sequence[ParticipantInput], reason: str, **link: Any
) -> None:
    for p in participants:
        if not p.name.strip():
            raise ValidationError({"participants": "Give the name of everyone who took part."})
        Participant.objects.create(
            agency=p.agency,
            user=p.user,
            name=p.name.strip(),
            role=p.role.strip(),
            attended=p.attended,
            information=p.information.strip(),
            **link,
        )
        if not p.agency.is_council:
            access_services.involvement_start(
                actor=actor, child=child, kind=InvolvementKind.AGENCY, agency=p.agency, reason=reason
            )


def _add_actions(actor: User, child: Person, actions: Sequence[ActionInput], **link: Any) -> None:
    for a in actions:
        if not a.description.strip():
            raise ValidationError({"actions": "Describe each action."})
        action = Action.objects.create(
            child=child,
            description=a.description.strip(),
            owner_agency=a.owner_agency,
            owner=a.owner,
            due_on=a.due_on,
            **link,
        )
        audit.record(
            actor=actor,
            event_type=EventType.ACTION_AGREED,
            subject=action,
            child=child,
            data={"new": {"owner_agency": str(a.owner_agency), "due_on": a.due_on}},
        )


def strategy_discussion_record(
    *,
    actor: User,
    child: Person,
    held_on: dt.date,
    reason: str,
    decision: str,
    decision_reason: str,
    participants: Sequence[ParticipantInput],
    actions: Sequence[ActionInput] = (),
    assessment: Assessment | None = None,
) -> StrategyDiscussion:
    """Record a strategy discussion; a decision to make section 47 enquiries starts the
    enquiry, with the initial conference due 15 working days from this discussion."""
    require(policy.can_work_on_case(actor, child), actor=actor, action="record_strategy", child=child)
    errors = {}
    if held_on > timezone.localdate():
        errors["held_on"] = "A strategy discussion is recorded once it has happened."
    if decision not in StrategyDecision.values:
        errors["decision"] = "Record the decision about a section 47 enquiry."
    if not reason.strip():
        errors["reason"] = "Say why the strategy discussion was held."
    if not decision_reason.strip():
        errors["decision_reason"] = "Say why this decision was reached."
    if not participants:
        errors["participants"] = "Record who took part."
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        discussion = StrategyDiscussion.objects.create(
            child=child,
            assessment=assessment,
            held_on=held_on,
            chair=actor,
            reason=reason.strip(),
            decision=decision,
            decision_reason=decision_reason.strip(),
        )
        _add_participants(
            actor,
            child,
            participants,
            f"invited to a strategy discussion ({held_on:%d/%m/%Y})",
            strategy_discussion=discussion,
        )
        _add_actions(actor, child, actions, strategy_discussion=discussion)
        audit.record(
            actor=actor,
            event_type=EventType.STRATEGY_RECORDED,
            subject=discussion,
            child=child,
            data={
                "new": {
                    "held_on": held_on,
                    "decision": decision,
                    "missing_agencies": missing_agencies(discussion.participants.all()),
                }
            },
        )
        if decision in (StrategyDecision.S47_SINGLE, StrategyDecision.S47_JOINT):
            enquiry = Section47Enquiry.objects.create(
                child=child,
                strategy_discussion=discussion,
                joint_with_police=decision == StrategyDecision.S47_JOINT,
                started_on=held_on,
                initial_conference_due=rules.initial_conference_due(held_on),
            )
            audit.record(
                actor=actor,
                event_type=EventType.ENQUIRY_STARTED,
                subject=enquiry,
                child=child,
                data={"new": {"initial_conference_due": enquiry.initial_conference_due}},
            )
        return discussion


def enquiry_complete(
    *, actor: User, enquiry: Section47Enquiry, findings: str, outcome: str, completed_on: dt.date, expected_version: int
) -> Section47Enquiry:
    """Conclude the enquiry. A child judged at continuing risk of significant harm gets an
    initial conference, due 15 working days from the strategy discussion."""
    child = enquiry.child
    require(policy.can_work_on_case(actor, child), actor=actor, action="complete_enquiry", child=child)
    errors = {}
    if outcome not in EnquiryOutcome.values:
        errors["outcome"] = "Record the outcome of the enquiry."
    if not findings.strip():
        errors["findings"] = "Record what the enquiry found."
    if completed_on < enquiry.started_on:
        errors["completed_on"] = "The enquiry cannot end before it started."
    if completed_on > timezone.localdate():
        errors["completed_on"] = "The completion date cannot be in the future."
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            locked = _lock(Section47Enquiry, enquiry, expected_version, actor, child)
            if locked.completed_on is not None:
                raise InvalidTransition("This enquiry has already been completed.")
            locked.findings, locked.outcome, locked.completed_on = findings.strip(), outcome, completed_on
            _bump(locked, ["findings", "outcome", "completed_on"])
            audit.record(
                actor=actor,
                event_type=EventType.ENQUIRY_COMPLETED,
                subject=locked,
                child=child,
                data={"new": {"outcome": outcome, "completed_on": completed_on}},
            )
            if outcome == EnquiryOutcome.SUBSTANTIATED_AT_RISK:
                conference = Conference.objects.create(
                    child=child, kind=ConferenceKind.INITIAL, enquiry=locked, due_on=locked.initial_conference_due
                )
                audit.record(
                    actor=actor,
                    event_type=EventType.CONFERENCE_SCHEDULED,
                    subject=conference,
                    child=child,
                    data={"new": {"kind": "initial", "due_on": conference.due_on}},
                )
            return locked
    except StaleEdit:
        _conflict(actor, enquiry, child)
        raise


# --- Conferences and plans -----------------------------------------------------------------


def conference_record(
    *,
    actor: User,
    conference: Conference,
    held_on: dt.date,
    decision: str,
    decision_reason: str,
    participants: Sequence[ParticipantInput],
    expected_version: int,
    category: str = "",
    child_views: str = "",
    family_views: str = "",
    actions: Sequence[ActionInput] = (),
) -> Conference:
    """Record a conference. An initial conference deciding on a plan starts it (the plan
    starts on the conference date); a review continues the plan, sets the next review
    six months on, or ends it."""
    child = conference.child
    require(policy.can_work_on_case(actor, child), actor=actor, action="record_conference", child=child)
    errors = {}
    if held_on > timezone.localdate():
        errors["held_on"] = "A conference is recorded once it has been held."
    if not is_working_day(held_on) and held_on.weekday() >= 5:
        errors["held_on"] = "A conference date cannot fall on a weekend (CIN census rule)."
    allowed = (
        {ConferenceDecision.PLAN, ConferenceDecision.NO_PLAN}
        if conference.kind == ConferenceKind.INITIAL
        else {ConferenceDecision.CONTINUE, ConferenceDecision.END}
    )
    if decision not in allowed:
        errors["decision"] = "Record the conference's decision."
    if decision in (ConferenceDecision.PLAN, ConferenceDecision.CONTINUE) and category not in AbuseCategory.values:
        errors["category"] = "Record the category of abuse the plan addresses."
    if conference.enquiry is not None and held_on < conference.enquiry.started_on:
        errors["held_on"] = "The conference cannot be before the enquiry started."
    if not decision_reason.strip():
        errors["decision_reason"] = "Record the reasons for the decision."
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            locked = _lock(Conference, conference, expected_version, actor, child)
            if locked.held_on is not None:
                raise InvalidTransition("This conference has already been recorded.")
            locked.held_on, locked.chair, locked.decision, locked.category = held_on, actor, decision, category
            locked.decision_reason, locked.child_views, locked.family_views = (
                decision_reason.strip(),
                child_views,
                family_views,
            )
            _bump(
                locked, ["held_on", "chair", "decision", "category", "decision_reason", "child_views", "family_views"]
            )
            _add_participants(
                actor, child, participants, f"invited to a conference ({held_on:%d/%m/%Y})", conference=locked
            )
            _add_actions(actor, child, actions, conference=locked)
            audit.record(
                actor=actor,
                event_type=EventType.CONFERENCE_RECORDED,
                subject=locked,
                child=child,
                data={
                    "new": {
                        "kind": locked.kind,
                        "held_on": held_on,
                        "decision": decision,
                        "late": held_on > locked.due_on,
                    }
                },
            )
            if decision == ConferenceDecision.PLAN:
                plan = _plan_start(actor, child, held_on, category)
                locked.plan = plan
                locked.save(update_fields=["plan"])
            elif locked.plan is not None and decision == ConferenceDecision.CONTINUE:
                plan = locked.plan
                plan.latest_category = category
                plan.next_review_due = rules.next_review_conference_due(held_on)
                _bump(plan, ["latest_category", "next_review_due"])
                _schedule_review(actor, plan)
            elif locked.plan is not None and decision == ConferenceDecision.END:
                _plan_end(actor, locked.plan, held_on, PlanEndReason.NO_LONGER_AT_RISK)
            return locked
    except StaleEdit:
        _conflict(actor, conference, child)
        raise


def _plan_start(actor: User, child: Person, start: dt.date, category: str) -> ChildProtectionPlan:
    identity = child.identity_ids()
    previous = list(ChildProtectionPlan.objects.filter(child_id__in=identity).values_list("started_on", "ended_on"))
    plan = ChildProtectionPlan.objects.create(
        child=child,
        initial_category=category,
        latest_category=category,
        started_on=start,
        previous_plans=sum(1 for s, _ in previous if s < start),
        repeat_within_two_years=rules.is_repeat_within_two_years([e for _, e in previous if e], start),
        first_core_group_due=rules.first_core_group_due(start),
        next_core_group_due=rules.first_core_group_due(start),
        next_review_due=rules.first_review_conference_due(start),
        next_visit_due=rules.protection_visit_due(start),
    )
    audit.record(
        actor=actor,
        event_type=EventType.CP_PLAN_STARTED,
        subject=plan,
        child=child,
        data={
            "new": {
                "category": category,
                "previous_plans": plan.previous_plans,
                "repeat_within_two_years": plan.repeat_within_two_years,
            }
        },
    )
    _schedule_review(actor, plan)
    return plan


def _schedule_review(actor: User, plan: ChildProtectionPlan) -> None:
    conference = Conference.objects.create(
        child=plan.child, kind=ConferenceKind.REVIEW, plan=plan, due_on=plan.next_review_due
    )
    audit.record(
        actor=actor,
        event_type=EventType.CONFERENCE_SCHEDULED,
        subject=conference,
        child=plan.child,
        data={"new": {"kind": "review", "due_on": conference.due_on}},
    )


def _plan_end(actor: User, plan: ChildProtectionPlan, ended_on: dt.date, reason: str) -> None:
    if plan.ended_on is not None:
        raise InvalidTransition("This plan has already ended.")
    if ended_on < plan.started_on:
        raise ValidationError({"ended_on": "A plan cannot end before it started."})
    plan.ended_on, plan.end_reason = ended_on, reason
    _bump(plan, ["ended_on", "end_reason"])
    Conference.objects.filter(plan=plan, held_on__isnull=True).delete()  # unheld reviews are no longer due
    audit.record(
        actor=actor,
        event_type=EventType.CP_PLAN_ENDED,
        subject=plan,
        child=plan.child,
        data={
            "new": {
                "ended_on": ended_on,
                "reason": reason,
                "lasted_two_years": rules.plan_lasted_two_years(plan.started_on, ended_on),
            }
        },
    )


def plan_end(
    *, actor: User, plan: ChildProtectionPlan, ended_on: dt.date, reason: str, expected_version: int
) -> ChildProtectionPlan:
    """End a plan without a conference (moved away, 18, left the UK, died, looked after):
    a manager's decision."""
    require(policy.can_authorise_casework(actor, plan.child), actor=actor, action="end_plan", child=plan.child)
    if reason not in PlanEndReason.values or reason == PlanEndReason.NO_LONGER_AT_RISK:
        raise ValidationError(
            {
                "reason": (
                    "A plan ends without a conference only for the reasons listed; otherwise hold a review conference."
                )
            }
        )
    try:
        with transaction.atomic():
            locked = _lock(ChildProtectionPlan, plan, expected_version, actor, plan.child)
            _plan_end(actor, locked, ended_on, reason)
            return locked
    except StaleEdit:
        _conflict(actor, plan, plan.child)
        raise


def core_group_record(*, actor: User, plan: ChildProtectionPlan, held_on: dt.date, notes: str = "") -> CoreGroupMeeting:
    require(policy.can_work_on_case(actor, plan.child), actor=actor, action="record_core_group", child=plan.child)
    if held_on > timezone.localdate() or held_on < plan.started_on:
        raise ValidationError({"held_on": "A core group is recorded on a date between the plan's start and today."})
    with transaction.atomic():
        meeting = CoreGroupMeeting.objects.create(plan=plan, held_on=held_on, notes=notes.strip(), recorded_by=actor)
        latest = plan.core_groups.order_by("-held_on").values_list("held_on", flat=True).first() or held_on
        plan.next_core_group_due = rules.next_core_group_due(latest)
        _bump(plan, ["next_core_group_due"])
        audit.record(
            actor=actor,
            event_type=EventType.CORE_GROUP_RECORDED,
            subject=meeting,
            child=plan.child,
            data={"new": {"held_on": held_on, "next_due": plan.next_core_group_due}},
        )
        return meeting


def cin_plan_start(
    *, actor: User, child: Person, started_on: dt.date, assessment: Assessment | None = None
) -> ChildInNeedPlan:
    require(policy.can_work_on_case(actor, child), actor=actor, action="start_cin_plan", child=child)
    if ChildInNeedPlan.objects.filter(child=child, ended_on__isnull=True).exists():
        raise ValidationError({"child": "This child already has an open child in need plan."})
    with transaction.atomic():
        plan = ChildInNeedPlan.objects.create(
            child=child, assessment=assessment, started_on=started_on, next_review_due=rules.cin_review_due(started_on)
        )
        audit.record(
            actor=actor,
            event_type=EventType.CIN_PLAN_STARTED,
            subject=plan,
            child=child,
            data={"new": {"started_on": started_on, "next_review_due": plan.next_review_due}},
        )
        return plan


def cin_review_record(*, actor: User, plan: ChildInNeedPlan, held_on: dt.date, notes: str = "") -> ChildInNeedReview:
    require(policy.can_work_on_case(actor, plan.child), actor=actor, action="review_cin_plan", child=plan.child)
    if held_on > timezone.localdate() or held_on < plan.started_on:
        raise ValidationError({"held_on": "A review is recorded on a date between the plan's start and today."})
    with transaction.atomic():
        review = ChildInNeedReview.objects.create(plan=plan, held_on=held_on, notes=notes.strip(), recorded_by=actor)
        plan.next_review_due = rules.cin_review_due(held_on)
        _bump(plan, ["next_review_due"])
        audit.record(
            actor=actor,
            event_type=EventType.CIN_PLAN_REVIEWED,
            subject=review,
            child=plan.child,
            data={"new": {"held_on": held_on, "next_review_due": plan.next_review_due}},
        )
        return review


def cin_plan_end(
    *, actor: User, plan: ChildInNeedPlan, ended_on: dt.date, reason: str, expected_version: int
) -> ChildInNeedPlan:
    """Ending a child in need plan (closure or step-down) is a manager's decision."""
    require(policy.can_authorise_casework(actor, plan.child), actor=actor, action="end_cin_plan", child=plan.child)
    if not reason.strip():
        raise ValidationError({"reason": "Say why the plan is ending."})
    try:
        with transaction.atomic():
            locked = _lock(ChildInNeedPlan, plan, expected_version, actor, plan.child)
            if locked.ended_on is not None:
                raise InvalidTransition("This plan has already ended.")
            if ended_on < locked.started_on:
                raise ValidationError({"ended_on": "A plan cannot end before it started."})
            locked.ended_on, locked.end_reason = ended_on, reason.strip()
            _bump(locked, ["ended_on", "end_reason"])
            audit.record(
                actor=actor,
                event_type=EventType.CIN_PLAN_ENDED,
                subject=locked,
                child=locked.child,
                data={"new": {"ended_on": ended_on}},
            )
            return locked
    except StaleEdit:
        _conflict(actor, plan, plan.child)
        raise


# --- Actions and notes -------------------------------------------------------------------


def action_complete(*, actor: User, action: Action, completed_on: dt.date | None = None) -> Action:
    require(
        policy.can_complete_action(actor, action.child, action.owner_id, action.owner_agency_id),
        actor=actor,
        action="complete_action",
        child=action.child,
    )
    with transaction.atomic():
        locked = Action.objects.select_for_update().get(pk=action.pk)
        if locked.completed_on is not None:
            raise InvalidTransition("This action is already complete.")
        locked.completed_on, locked.completed_by = completed_on or timezone.localdate(), actor
        locked.save(update_fields=["completed_on", "completed_by"])
        audit.record(
            actor=actor,
            event_type=EventType.ACTION_COMPLETED,
            subject=locked,
            child=locked.child,
            data={"new": {"completed_on": locked.completed_on, "late": locked.completed_on > locked.due_on}},
        )
        return locked


@dataclass
class NoteInput:
    kind: str
    occurred_at: dt.datetime
    summary: str
    who_seen: str = ""
    child_seen: bool = False
    child_seen_alone: bool = False
    not_seen_alone_reason: str = ""
    child_words: str = ""
    analysis: str = ""
    restricted: bool = False
    significant: bool = False
    shared_with: list[Agency] = field(default_factory=list)


def case_note_add(*, actor: User, child: Person, note: NoteInput) -> CaseNote:
    """A case note or visit. A statutory visit that saw the child sets the next visit due."""
    require(policy.can_work_on_case(actor, child), actor=actor, action="add_note", child=child)
    errors = {}
    if note.kind not in NoteKind.values:
        errors["kind"] = "Choose the type of note."
    if not note.summary.strip():
        errors["summary"] = "Write what happened."
    if note.occurred_at > timezone.now() + dt.timedelta(minutes=5):
        errors["occurred_at"] = "A note records something that has happened: the time cannot be in the future."
    if note.child_seen_alone and not note.child_seen:
        errors["child_seen_alone"] = "A child seen alone was seen: tick 'child seen' too."
    if note.child_seen and not note.child_seen_alone and not note.not_seen_alone_reason.strip():
        errors["not_seen_alone_reason"] = "Say why the child was not seen alone."
    if note.restricted and note.shared_with:
        errors["shared_with"] = "A restricted note cannot be shared with other agencies."
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        record = CaseNote.objects.create(
            child=child,
            author=actor,
            kind=note.kind,
            occurred_at=note.occurred_at,
            summary=note.summary.strip(),
            who_seen=note.who_seen.strip(),
            child_seen=note.child_seen,
            child_seen_alone=note.child_seen_alone,
            not_seen_alone_reason=note.not_seen_alone_reason.strip(),
            child_words=note.child_words.strip(),
            analysis=note.analysis.strip(),
            restricted=note.restricted,
            significant=note.significant,
        )
        if note.shared_with:
            record.shared_with.set(note.shared_with)
        if note.kind == NoteKind.STATUTORY_VISIT and note.child_seen:
            for plan in ChildProtectionPlan.objects.select_for_update().filter(child=child, ended_on__isnull=True):
                plan.next_visit_due = rules.protection_visit_due(timezone.localtime(note.occurred_at).date())
                _bump(plan, ["next_visit_due"])
        audit.record(
            actor=actor,
            event_type=EventType.NOTE_ADDED,
            subject=record,
            child=child,
            data={
                "new": {
                    "kind": note.kind,
                    "child_seen": note.child_seen,
                    "restricted": note.restricted,
                    "shared_with": [str(a) for a in note.shared_with],
                }
            },
        )
        return record


# --- Partners' information at meetings ---------------------------------------------------


def meeting_information_add(
    *,
    actor: User,
    information: str,
    strategy_discussion: StrategyDiscussion | None = None,
    conference: Conference | None = None,
) -> Participant:
    """Someone whose agency took part in a strategy discussion or conference adds what
    their agency knows. It is added to their own participant row, or else their agency's
    first row; what was there before is kept, and each addition names who made it."""
    meeting: StrategyDiscussion | Conference | None = strategy_discussion or conference
    if meeting is None or (strategy_discussion is not None and conference is not None):
        raise TypeError("meeting_information_add takes one strategy discussion or one conference")
    child = meeting.child
    agency_ids = set(meeting.participants.values_list("agency_id", flat=True))
    require(
        policy.can_view_meeting(actor, child, agency_ids), actor=actor, action="add_meeting_information", child=child
    )
    if not information.strip():
        raise ValidationError({"information": "Write what your agency knows."})
    if actor.agency is None:
        raise ValidationError(
            {"information": "Your account belongs to no agency, so it cannot add an agency's information."}
        )
    link: dict[str, Any] = (
        {"strategy_discussion": strategy_discussion} if strategy_discussion is not None else {"conference": conference}
    )
    with transaction.atomic():
        rows = Participant.objects.select_for_update().filter(**link)
        participant = rows.filter(user=actor).first() or rows.filter(agency=actor.agency).order_by("pk").first()
        if participant is None:
            # A council practitioner with the full view whose agency was not listed.
            participant = Participant.objects.create(
                agency=actor.agency, user=actor, name=actor.display_name, role=actor.job_title, attended=False, **link
            )
        stamp = f"{actor.display_name}, {timezone.localdate():%-d %B %Y}: {information.strip()}"
        participant.information = f"{participant.information}\n\n{stamp}" if participant.information else stamp
        participant.save(update_fields=["information"])
        audit.record(
            actor=actor,
            event_type=EventType.MEETING_INFORMATION_ADDED,
            subject=meeting,
            child=child,
            data={"new": {"information": information.strip()}},
        )
        return participant
