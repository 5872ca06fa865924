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
from safeguard.accounts.models import TeamKind
from safeguard.audit import services as audit
from safeguard.audit.models import EventType
from safeguard.lib.errors import InvalidTransition, StaleEdit
from safeguard.lib.workingdays import is_working_day

from . import rules
from .codes import (
    STEP_DOWN_REASONS,
    AbuseCategory,
    AssessmentFactor,
    AssessmentOutcome,
    AssessmentStatus,
    ClosureKind,
    ClosureReason,
    ClosureStatus,
    ConferenceDecision,
    ConferenceKind,
    EnquiryOutcome,
    NoteKind,
    PlanEndReason,
    PrimaryNeed,
    ProtectionKind,
    StrategyDecision,
)
from .models import (
    Action,
    Assessment,
    CaseClosure,
    CaseNote,
    ChildInNeedPlan,
    ChildInNeedReview,
    ChildProtectionPlan,
    Conference,
    CoreGroupMeeting,
    EmergencyProtection,
    Invitation,
    Participant,
    Section47Enquiry,
    StrategyDiscussion,
)

if TYPE_CHECKING:
    from safeguard.accounts.models import Agency, Team, User
    from safeguard.frontdoor.models import Referral
    from safeguard.people.models import Person

Meeting = StrategyDiscussion | Conference


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


ASSESSMENT_FIELDS = ("factors", "primary_need", "child_views", "family_views", "analysis")


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
    if values.get("primary_need") and values["primary_need"] not in PrimaryNeed.values:
        raise ValidationError({"primary_need": "Choose the primary need from the CIN census list."})
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
    if rules.primary_need_required(outcome) and not assessment.primary_need:
        errors["primary_need"] = (
            "Record the child's primary need on the assessment before submitting it with this outcome."
        )
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
    key: str = ""  # the UUID of the row it changes, when correcting a recorded meeting


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
                    "missing_agencies": missing_agencies(list(discussion.participants.all())),
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
    if conference.plan is not None and held_on <= conference.plan.started_on:
        errors["held_on"] = "A review conference is held after the plan started (CIN census rule)."
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


def core_group_record(
    *,
    actor: User,
    plan: ChildProtectionPlan,
    held_on: dt.date,
    notes: str = "",
    agencies: Sequence[Agency] = (),
    attendees: str = "",
) -> CoreGroupMeeting:
    """Record a core group meeting and the agencies named in it: a partner agency named
    becomes involved with the child, and its staff see this meeting."""
    require(policy.can_work_on_case(actor, plan.child), actor=actor, action="record_core_group", child=plan.child)
    if held_on > timezone.localdate() or held_on < plan.started_on:
        raise ValidationError({"held_on": "A core group is recorded on a date between the plan's start and today."})
    with transaction.atomic():
        meeting = CoreGroupMeeting.objects.create(
            plan=plan, held_on=held_on, notes=notes.strip(), recorded_by=actor, attendees=attendees.strip()
        )
        if agencies:
            meeting.agencies.set(agencies)
        for agency in agencies:
            if not agency.is_council:
                access_services.involvement_start(
                    actor=actor,
                    child=plan.child,
                    kind=InvolvementKind.AGENCY,
                    agency=agency,
                    reason=f"named in a core group ({held_on:%d/%m/%Y})",
                )
        latest = plan.core_groups.order_by("-held_on").values_list("held_on", flat=True).first() or held_on
        plan.next_core_group_due = rules.next_core_group_due(latest)
        _bump(plan, ["next_core_group_due"])
        audit.record(
            actor=actor,
            event_type=EventType.CORE_GROUP_RECORDED,
            subject=meeting,
            child=plan.child,
            data={
                "new": {
                    "held_on": held_on,
                    "next_due": plan.next_core_group_due,
                    "agencies": [str(a) for a in agencies],
                }
            },
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


def action_complete(
    *, actor: User, action: Action, completed_on: dt.date | None = None, expected_version: int | None = None
) -> Action:
    """The owner, anyone in the owning partner agency, or the council marks an action
    done. With ``expected_version``, a change made since the page was read refuses it."""
    require(
        policy.can_complete_action(actor, action.child, action.owner_id, action.owner_agency_id),
        actor=actor,
        action="complete_action",
        child=action.child,
    )
    try:
        with transaction.atomic():
            locked = _lock(Action, action, expected_version, actor, action.child)
            if locked.completed_on is not None:
                raise InvalidTransition("This action is already complete.")
            locked.completed_on, locked.completed_by = completed_on or timezone.localdate(), actor
            _bump(locked, ["completed_on", "completed_by"])
            audit.record(
                actor=actor,
                event_type=EventType.ACTION_COMPLETED,
                subject=locked,
                child=locked.child,
                data={
                    "new": {"completed_on": locked.completed_on, "late": locked.completed_on > locked.due_on},
                    "extra": {"version": locked.version},
                },
            )
            return locked
    except StaleEdit:
        _conflict(actor, action, action.child)
        raise


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


def meeting_agency_ids(meeting: Meeting) -> set[int]:
    """The agencies whose staff may see a meeting: those that took part and, for a
    conference, those invited to it (invited agencies count: an agency asked to a
    conference must read what it is asked about, and send its report)."""
    ids = set(meeting.participants.values_list("agency_id", flat=True))
    if isinstance(meeting, Conference):
        ids |= set(meeting.invitations.values_list("agency_id", flat=True))
    return ids


def _report_from_agency(actor: User, conference: Conference, information: str) -> Invitation:
    """A partner's information for a conference not yet held is their agency's report:
    added to their own invitation, or else their agency's first, with their name and the
    date, keeping what was there."""
    assert actor.agency is not None
    with transaction.atomic():
        rows = Invitation.objects.select_for_update().filter(conference=conference)
        invitation = rows.filter(user=actor).first() or rows.filter(agency=actor.agency).order_by("pk").first()
        if invitation is None:
            # A council practitioner adding the council's own report.
            invitation = Invitation.objects.create(
                child=conference.child,
                conference=conference,
                agency=actor.agency,
                user=actor,
                name=actor.display_name,
                role=actor.job_title,
                invited_on=timezone.localdate(),
                invited_by=actor,
            )
        today = timezone.localdate()
        stamp = f"{actor.display_name}, {today:%-d %B %Y}: {information}"
        invitation.report = f"{invitation.report}\n\n{stamp}" if invitation.report else stamp
        invitation.report_received_on = invitation.report_received_on or today
        _bump(invitation, ["report", "report_received_on"])
        audit.record(
            actor=actor,
            event_type=EventType.MEETING_INFORMATION_ADDED,
            subject=conference,
            child=conference.child,
            data={"new": {"information": information}, "extra": {"report_for": str(invitation.agency)}},
        )
        return invitation


def meeting_information_add(
    *,
    actor: User,
    information: str,
    strategy_discussion: StrategyDiscussion | None = None,
    conference: Conference | None = None,
) -> Participant | Invitation:
    """Someone whose agency took part in a strategy discussion or conference adds what
    their agency knows. It is added to their own participant row, or else their agency's
    first row; what was there before is kept, and each addition names who made it."""
    meeting: StrategyDiscussion | Conference | None = strategy_discussion or conference
    if meeting is None or (strategy_discussion is not None and conference is not None):
        raise TypeError("meeting_information_add takes one strategy discussion or one conference")
    child = meeting.child
    agency_ids = meeting_agency_ids(meeting)
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
    if conference is not None and conference.held_on is None:
        return _report_from_agency(actor, conference, information.strip())
    with transaction.atomic():
        # A new version of the meeting: a council correction of who took part, opened
        # before this, is refused rather than overwriting what the partner added.
        locked_meeting = type(meeting).objects.select_for_update().get(pk=meeting.pk)
        _bump(locked_meeting, [])
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
            data={
                "new": {"information": f"{participant.name} ({participant.agency}): {information.strip()}"},
                "extra": {"version": locked_meeting.version},
            },
        )
        return participant


# --- Meetings after recording: who took part, and the actions --------------------------------


def _meeting_day(meeting: Meeting) -> dt.date | None:
    return meeting.held_on


def _people_text(rows: Sequence[Any]) -> str:
    """Who took part, as the audit trail and the conflict message show it."""
    parts = []
    for p in rows:
        label = f"{p.name} ({p.agency})"
        if not p.attended:
            label += ", did not attend"
        parts.append(label)
    return "; ".join(parts) or "nobody"


def _meeting_link(meeting: Meeting) -> dict[str, Any]:
    if isinstance(meeting, StrategyDiscussion):
        return {"strategy_discussion": meeting}
    return {"conference": meeting}


def meeting_participants_update(
    *, actor: User, meeting: Meeting, participants: Sequence[ParticipantInput], expected_version: int
) -> Meeting:
    """Correct who took part in a recorded strategy discussion or conference, from which
    agency, whether they attended and what they shared. Rows given with the ``key`` of an
    existing row change it, rows without one are added, and existing rows not given are
    removed. Which expected agencies were missing is worked out again from the new rows
    and written to the audit with the change."""
    child = meeting.child
    require(policy.can_work_on_case(actor, child), actor=actor, action="edit_meeting_participants", child=child)
    if isinstance(meeting, Conference) and meeting.held_on is None:
        raise InvalidTransition("Record the conference before correcting who took part.")
    if not participants:
        raise ValidationError({"participants": "Record who took part."})
    if any(not p.name.strip() for p in participants):
        raise ValidationError({"participants": "Give the name of everyone who took part."})
    model = type(meeting)
    link = _meeting_link(meeting)
    try:
        with transaction.atomic():
            locked = _lock(model, meeting, expected_version, actor, child)
            link = _meeting_link(locked)
            existing = {str(p.uuid): p for p in Participant.objects.select_related("agency").filter(**link)}
            before_rows = sorted(existing.values(), key=lambda p: p.pk)
            old_text, old_missing = _people_text(before_rows), missing_agencies(before_rows)
            kept: set[str] = set()
            when = _meeting_day(locked)
            reason = f"invited to a {'strategy discussion' if 'strategy_discussion' in link else 'conference'}"
            reason += f" ({when:%d/%m/%Y})" if when else ""
            for p in participants:
                row = existing.get(p.key) if p.key else None
                values = {
                    "agency": p.agency,
                    "user": p.user,
                    "name": p.name.strip(),
                    "role": p.role.strip(),
                    "attended": p.attended,
                    "information": p.information.strip(),
                }
                if row is None:
                    row = Participant.objects.create(**values, **link)
                else:
                    kept.add(p.key)
                    values["user"] = row.user if p.user is None and row.agency_id == p.agency.pk else p.user
                    changed = [f for f, v in values.items() if getattr(row, f) != v]
                    for f in changed:
                        setattr(row, f, values[f])
                    if changed:
                        row.save(update_fields=changed)
                if not p.agency.is_council:
                    access_services.involvement_start(
                        actor=actor, child=child, kind=InvolvementKind.AGENCY, agency=p.agency, reason=reason
                    )
            Participant.objects.filter(pk__in=[p.pk for key, p in existing.items() if key not in kept]).delete()
            after_rows = list(Participant.objects.select_related("agency").filter(**link).order_by("pk"))
            new_text, new_missing = _people_text(after_rows), missing_agencies(after_rows)
            _bump(locked, [])
            audit.record(
                actor=actor,
                event_type=EventType.RECORD_UPDATED,
                subject=locked,
                child=child,
                data={
                    "old": {"participants": old_text, "missing_agencies": ", ".join(old_missing) or "none"},
                    "new": {"participants": new_text, "missing_agencies": ", ".join(new_missing) or "none"},
                    "extra": {"what": "participants", "version": locked.version},
                },
            )
            return locked
    except StaleEdit:
        _conflict(actor, meeting, child)
        raise


def _check_action(actor: User, meeting: Meeting | None, a: ActionInput) -> None:
    errors: dict[str, str] = {}
    if not a.description.strip():
        errors["description"] = "Describe the action."
    if a.owner is not None and a.owner.agency_id != a.owner_agency.pk:
        errors["owner"] = f"{a.owner.display_name} is not in {a.owner_agency}: choose someone in the owner agency."
    day = _meeting_day(meeting) if meeting is not None else None
    if day is not None and a.due_on < day:
        errors["due_on"] = f"The action cannot be due before the meeting that agreed it ({day:%-d %B %Y})."
    if errors:
        raise ValidationError(errors)


def _action_text(owner_agency: Any, owner: Any) -> str:
    return f"{owner_agency}" + (f": {owner.display_name}" if owner is not None else "")


def action_add(*, actor: User, meeting: Meeting, action: ActionInput) -> Action:
    """Add an action to a recorded strategy discussion or conference (agreed there, or
    afterwards): an owner in any agency, optionally a named person in it, and a deadline."""
    child = meeting.child
    require(policy.can_work_on_case(actor, child), actor=actor, action="add_action", child=child)
    if isinstance(meeting, Conference) and meeting.held_on is None:
        raise InvalidTransition("Actions are added once the conference has been recorded.")
    _check_action(actor, meeting, action)
    with transaction.atomic():
        _add_actions(actor, child, [action], **_meeting_link(meeting))
        return Action.objects.filter(child=child, **_meeting_link(meeting)).latest("pk")


ACTION_FIELDS = ("description", "owner_agency", "owner", "due_on")


def action_update(
    *,
    actor: User,
    action: Action,
    expected_version: int,
    description: str,
    owner_agency: Agency,
    due_on: dt.date,
    owner: User | None = None,
) -> Action:
    """Change an open action's description, owner or deadline (the council's record of
    the meeting). A completed action stays as it was completed."""
    child = action.child
    require(policy.can_work_on_case(actor, child), actor=actor, action="edit_action", child=child)
    meeting = action.strategy_discussion or action.conference
    _check_action(actor, meeting, ActionInput(description, owner_agency, due_on, owner))
    try:
        with transaction.atomic():
            locked = _lock(Action, action, expected_version, actor, child)
            if locked.completed_on is not None:
                raise InvalidTransition("This action has been completed and can no longer be changed.")
            before = {
                "description": locked.description,
                "owner": _action_text(locked.owner_agency, locked.owner),
                "due_on": locked.due_on,
            }
            locked.description, locked.owner_agency, locked.owner, locked.due_on = (
                description.strip(),
                owner_agency,
                owner,
                due_on,
            )
            after = {
                "description": locked.description,
                "owner": _action_text(owner_agency, owner),
                "due_on": due_on,
            }
            changed = [f for f in before if before[f] != after[f]]
            _bump(locked, list(ACTION_FIELDS))
            audit.record(
                actor=actor,
                event_type=EventType.RECORD_UPDATED,
                subject=locked,
                child=child,
                data={
                    "old": {f: before[f] for f in changed},
                    "new": {f: after[f] for f in changed},
                    "extra": {"what": "action", "version": locked.version},
                },
            )
            return locked
    except StaleEdit:
        _conflict(actor, action, child)
        raise


# --- Invitations to a conference, and the reports agencies send ---------------------------------


@dataclass
class InvitationInput:
    agency: Agency
    name: str = ""
    role: str = ""
    user: User | None = None


def conference_invite(
    *, actor: User, conference: Conference, invitation: InvitationInput, invited_on: dt.date | None = None
) -> Invitation:
    """Invite an agency, or a named person in it, to a conference not yet held. A partner
    agency invited becomes involved with the child, so its staff see the child's partner
    view and this conference (``policy.can_view_meeting`` counts invited agencies)."""
    child = conference.child
    require(policy.can_work_on_case(actor, child), actor=actor, action="invite_to_conference", child=child)
    invited_on = invited_on or timezone.localdate()
    errors: dict[str, str] = {}
    if invitation.user is not None and invitation.user.agency_id != invitation.agency.pk:
        errors["user"] = f"{invitation.user.display_name} is not in {invitation.agency}."
    if invited_on > timezone.localdate():
        errors["invited_on"] = "The invitation date cannot be in the future."
    if errors:
        raise ValidationError(errors)
    name = invitation.name.strip() or (invitation.user.display_name if invitation.user is not None else "")
    with transaction.atomic():
        locked = Conference.objects.select_for_update().get(pk=conference.pk)
        if locked.held_on is not None:
            raise InvalidTransition("This conference has been held: record who took part instead.")
        duplicate = Invitation.objects.filter(conference=locked, agency=invitation.agency, name__iexact=name)
        if duplicate.exists():
            raise ValidationError({"name": f"{name or invitation.agency} has already been invited to this conference."})
        record = Invitation.objects.create(
            child=child,
            conference=locked,
            agency=invitation.agency,
            user=invitation.user,
            name=name,
            role=invitation.role.strip() or (invitation.user.job_title if invitation.user is not None else ""),
            invited_on=invited_on,
            invited_by=actor,
        )
        if not invitation.agency.is_council:
            access_services.involvement_start(
                actor=actor,
                child=child,
                kind=InvolvementKind.AGENCY,
                agency=invitation.agency,
                reason=f"invited to a conference (due {locked.due_on:%d/%m/%Y})",
            )
        audit.record(
            actor=actor,
            event_type=EventType.RECORD_CREATED,
            subject=locked,
            child=child,
            data={
                "new": {"invited": f"{name or 'the agency'} ({invitation.agency})", "invited_on": invited_on},
                "extra": {"what": "invitation", "invitation": str(record.uuid)},
            },
        )
        return record


def conference_report_record(
    *, actor: User, invitation: Invitation, received_on: dt.date, report: str, expected_version: int
) -> Invitation:
    """Record the report an invited agency sent for the conference: when it arrived and
    what it says (a summary, or the report itself)."""
    child = invitation.child
    require(policy.can_work_on_case(actor, child), actor=actor, action="record_conference_report", child=child)
    errors: dict[str, str] = {}
    if not report.strip():
        errors["report"] = "Write what the report says."
    if received_on > timezone.localdate():
        errors["received_on"] = "The date the report was received cannot be in the future."
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            locked = _lock(Invitation, invitation, expected_version, actor, child)
            before = {"report_received_on": locked.report_received_on, "report": locked.report}
            locked.report_received_on, locked.report = received_on, report.strip()
            after = {"report_received_on": received_on, "report": locked.report}
            changed = [f for f in before if before[f] != after[f]]
            _bump(locked, ["report_received_on", "report"])
            audit.record(
                actor=actor,
                event_type=EventType.RECORD_UPDATED,
                subject=locked,
                child=child,
                data={
                    "old": {f: before[f] for f in changed},
                    "new": {f: after[f] for f in changed},
                    "extra": {"what": "conference report", "agency": str(locked.agency), "version": locked.version},
                },
            )
            return locked
    except StaleEdit:
        _conflict(actor, invitation, child)
        raise


# --- Closure, step-down and re-opening ------------------------------------------------------------


def closure_blockers(child: Person) -> list[str]:
    """The open work that must end before the case can close, in plain words."""
    ids = child.identity_ids()
    blockers = []
    if ChildProtectionPlan.objects.filter(child_id__in=ids, ended_on__isnull=True).exists():
        blockers.append("the child protection plan is open (a review conference or a manager ends it)")
    if ChildInNeedPlan.objects.filter(child_id__in=ids, ended_on__isnull=True).exists():
        blockers.append("the child in need plan is open (a manager ends it)")
    if Assessment.objects.filter(
        child_id__in=ids, status__in=[AssessmentStatus.IN_PROGRESS, AssessmentStatus.SUBMITTED]
    ).exists():
        blockers.append("an assessment is not yet authorised")
    if Section47Enquiry.objects.filter(child_id__in=ids, completed_on__isnull=True).exists():
        blockers.append("a section 47 enquiry is not completed")
    if Conference.objects.filter(child_id__in=ids, held_on__isnull=True).exists():
        blockers.append("a conference is due and not yet held")
    return blockers


def closure_propose(*, actor: User, child: Person, census_reason: str, closed_on: dt.date, reason: str) -> CaseClosure:
    """A worker proposes closing the case, with its CIN census reason for closure; RC9
    (closed after assessment, referred to early help) is a step-down. A manager authorises
    it (``closure_authorise``). Open plans, assessments, enquiries and conferences due
    must end first."""
    require(policy.can_work_on_case(actor, child), actor=actor, action="propose_closure", child=child)
    errors: dict[str, str] = {}
    if census_reason not in ClosureReason.values:
        errors["census_reason"] = "Choose the reason for closure."
    if not reason.strip():
        errors["reason"] = "Say why the case is closing."
    if closed_on > timezone.localdate():
        errors["closed_on"] = "The closure date cannot be in the future."
    if errors:
        raise ValidationError(errors)
    blockers = closure_blockers(child)
    if blockers:
        raise InvalidTransition("The case cannot close yet: " + "; ".join(blockers) + ".")
    with transaction.atomic():
        if CaseClosure.objects.filter(child_id__in=child.identity_ids(), status=ClosureStatus.PROPOSED).exists():
            raise InvalidTransition("A closure is already awaiting a manager's authorisation.")
        kind = ClosureKind.STEP_DOWN if census_reason in STEP_DOWN_REASONS else ClosureKind.CLOSED
        closure = CaseClosure.objects.create(
            child=child,
            kind=kind,
            census_reason=census_reason,
            closed_on=closed_on,
            reason=reason.strip(),
            proposed_by=actor,
        )
        audit.record(
            actor=actor,
            event_type=EventType.RECORD_CREATED,
            subject=closure,
            child=child,
            data={
                "new": {"kind": kind, "census_reason": census_reason, "closed_on": closed_on},
                "extra": {"what": "closure proposed", "version": 1},
            },
        )
        return closure


def closure_authorise(*, actor: User, closure: CaseClosure, expected_version: int) -> CaseClosure:
    """A manager authorises the closure: the teams' open work on the child ends (the
    allocation stays until a manager changes it on the child's record)."""
    child = closure.child
    require(policy.can_authorise_casework(actor, child), actor=actor, action="authorise_closure", child=child)
    blockers = closure_blockers(child)
    if blockers:
        raise InvalidTransition("The case cannot close yet: " + "; ".join(blockers) + ".")
    try:
        with transaction.atomic():
            locked = _lock(CaseClosure, closure, expected_version, actor, child)
            if locked.status != ClosureStatus.PROPOSED:
                raise InvalidTransition("Only a proposed closure can be authorised.")
            locked.status, locked.authorised_by, locked.authorised_on = (
                ClosureStatus.AUTHORISED,
                actor,
                timezone.localdate(),
            )
            _bump(locked, ["status", "authorised_by", "authorised_on"])
            # Social care's open work ends; early help's own (a family it supports at the
            # same time, or picks up on a step-down) is the early help team's to close.
            for involvement in child.involvements.filter(kind=InvolvementKind.OPEN_WORK, ended_at__isnull=True).exclude(
                team__kind=TeamKind.EARLY_HELP
            ):
                access_services.involvement_end(actor=actor, involvement=involvement)
            audit.record(
                actor=actor,
                event_type=EventType.RECORD_UPDATED,
                subject=locked,
                child=child,
                data={
                    "old": {"status": ClosureStatus.PROPOSED.label},
                    "new": {"status": locked.get_kind_display()},
                    "extra": {"what": "closure authorised", "version": locked.version},
                },
            )
            return locked
    except StaleEdit:
        _conflict(actor, closure, child)
        raise


def closure_reopen(
    *, actor: User, closure: CaseClosure, reopened_on: dt.date, reason: str, team: Team, expected_version: int
) -> CaseClosure:
    """Re-open a closed (or stepped-down) case: the team takes the work up again."""
    child = closure.child
    require(policy.can_work_on_case(actor, child), actor=actor, action="reopen_case", child=child)
    errors: dict[str, str] = {}
    if not reason.strip():
        errors["reason"] = "Say why the case is re-opening."
    if reopened_on > timezone.localdate():
        errors["reopened_on"] = "The date cannot be in the future."
    elif reopened_on < closure.closed_on:
        errors["reopened_on"] = f"A case cannot re-open before it closed ({closure.closed_on:%-d %B %Y})."
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            locked = _lock(CaseClosure, closure, expected_version, actor, child)
            if locked.status != ClosureStatus.AUTHORISED:
                raise InvalidTransition("Only a closed case can be re-opened.")
            locked.status, locked.reopened_on, locked.reopened_by, locked.reopen_reason = (
                ClosureStatus.REOPENED,
                reopened_on,
                actor,
                reason.strip(),
            )
            _bump(locked, ["status", "reopened_on", "reopened_by", "reopen_reason"])
            access_services.involvement_start(
                actor=actor, child=child, kind=InvolvementKind.OPEN_WORK, team=team, reason="case re-opened"
            )
            audit.record(
                actor=actor,
                event_type=EventType.RECORD_UPDATED,
                subject=locked,
                child=child,
                data={
                    "old": {"status": locked.get_kind_display()},
                    "new": {"status": ClosureStatus.REOPENED.label, "reopened_on": reopened_on},
                    "extra": {"what": "case re-opened", "version": locked.version},
                },
            )
            return locked
    except StaleEdit:
        _conflict(actor, closure, child)
        raise


# --- Referral closed with no further action --------------------------------------------------


def _referral_went_on(referral: Referral) -> tuple[bool, bool]:
    """Whether the referral went on to an assessment, or the child to a strategy discussion
    held on or after it."""
    ids = referral.child.identity_ids()
    return (
        Assessment.objects.filter(referral=referral).exists(),
        StrategyDiscussion.objects.filter(child_id__in=ids, held_on__gte=referral.referral_date).exists(),
    )


def referral_nfa_close(
    *, actor: User, referral: Referral, closed_on: dt.date, reason: str, expected_version: int
) -> Referral:
    """A manager closes a referral with no further action, when it went on to neither an
    assessment nor a strategy discussion (``rules.referral_nfa_allowed``). The CIN census
    then reports the referral as a ReferralNFA episode, closed on ``closed_on``. When the
    child has no other open work, the team's open work on the child ends."""
    from safeguard.frontdoor.models import Referral as ReferralModel

    child = referral.child
    require(policy.can_authorise_casework(actor, child), actor=actor, action="close_referral_nfa", child=child)
    errors: dict[str, str] = {}
    if not reason.strip():
        errors["reason"] = "Say why no further action is needed."
    if closed_on > timezone.localdate():
        errors["closed_on"] = "The date cannot be in the future."
    elif closed_on < referral.referral_date:
        errors["closed_on"] = f"A referral cannot close before it was made ({referral.referral_date:%-d %B %Y})."
    if errors:
        raise ValidationError(errors)
    assessed, discussed = _referral_went_on(referral)
    if not rules.referral_nfa_allowed(has_assessment=assessed, has_strategy_discussion=discussed):
        raise InvalidTransition(
            "This referral went on to an assessment or a strategy discussion, so it cannot close with no "
            "further action: close the case instead."
        )
    try:
        with transaction.atomic():
            locked = _lock(ReferralModel, referral, expected_version, actor, child)
            if locked.nfa_on is not None:
                raise InvalidTransition("This referral has already been closed with no further action.")
            locked.nfa_on, locked.nfa_reason, locked.nfa_by = closed_on, reason.strip(), actor
            _bump(locked, ["nfa_on", "nfa_reason", "nfa_by"])
            others_waiting = (
                ReferralModel.objects.filter(
                    child_id__in=child.identity_ids(), assessments__isnull=True, nfa_on__isnull=True
                )
                .exclude(pk=locked.pk)
                .exists()
            )
            if not closure_blockers(child) and not others_waiting:
                for involvement in child.involvements.filter(kind=InvolvementKind.OPEN_WORK, ended_at__isnull=True):
                    access_services.involvement_end(actor=actor, involvement=involvement)
            audit.record(
                actor=actor,
                event_type=EventType.RECORD_UPDATED,
                subject=locked,
                child=child,
                data={
                    "old": {"nfa_on": None},
                    "new": {"nfa_on": closed_on},
                    "extra": {"record": "referral closed with no further action", "version": locked.version},
                },
            )
            return locked
    except StaleEdit:
        _conflict(actor, referral, child)
        raise


# --- Emergency protection ------------------------------------------------------------------------

PROTECTION_FIELDS = ("kind", "started_on", "ended_on", "authority", "notes")


def _check_protection(values: dict[str, Any]) -> None:
    errors: dict[str, str] = {}
    kind = values.get("kind", "")
    started_on: dt.date | None = values.get("started_on")
    ended_on: dt.date | None = values.get("ended_on")
    today = timezone.localdate()
    if kind not in ProtectionKind.values:
        errors["kind"] = "Choose the power used."
    if not (values.get("authority") or "").strip():
        errors["authority"] = (
            "Enter the court that made the order, or the police officer who took the child into police protection."
        )
    if started_on is None:
        errors["started_on"] = "Enter the date it started."
    elif started_on > today:
        errors["started_on"] = "The start date cannot be in the future."
    if started_on is not None and ended_on is not None:
        if ended_on < started_on:
            errors["ended_on"] = "It cannot end before it started."
        elif kind in ProtectionKind.values and ended_on > rules.emergency_protection_latest_end(kind, started_on):
            latest = rules.emergency_protection_latest_end(kind, started_on)
            errors["ended_on"] = (
                f"{ProtectionKind(kind).label} cannot last that long: it ends by {latest:%-d %B %Y} at the latest."
            )
        elif ended_on > today:
            errors["ended_on"] = "The end date cannot be in the future: record it when it has ended."
    if errors:
        raise ValidationError(errors)


def emergency_protection_record(
    *,
    actor: User,
    child: Person,
    kind: str,
    started_on: dt.date,
    authority: str,
    ended_on: dt.date | None = None,
    notes: str = "",
) -> EmergencyProtection:
    """Record police protection, an emergency protection order or a child assessment order."""
    require(policy.can_work_on_case(actor, child), actor=actor, action="record_emergency_protection", child=child)
    values = {"kind": kind, "started_on": started_on, "ended_on": ended_on, "authority": authority, "notes": notes}
    _check_protection(values)
    with transaction.atomic():
        record = EmergencyProtection.objects.create(
            child=child,
            kind=kind,
            started_on=started_on,
            ended_on=ended_on,
            authority=authority.strip(),
            notes=notes.strip(),
            recorded_by=actor,
        )
        audit.record(
            actor=actor,
            event_type=EventType.RECORD_CREATED,
            subject=record,
            child=child,
            data={
                "new": {"kind": kind, "started_on": started_on, "ended_on": ended_on},
                "extra": {"record": "emergency protection", "version": 1},
            },
        )
        return record


def emergency_protection_update(
    *, actor: User, protection: EmergencyProtection, expected_version: int, **values: Any
) -> EmergencyProtection:
    """Change a recorded emergency protection (most often: record when it ended)."""
    child = protection.child
    require(policy.can_work_on_case(actor, child), actor=actor, action="update_emergency_protection", child=child)
    unknown = set(values) - set(PROTECTION_FIELDS)
    if unknown:
        raise TypeError(f"emergency_protection_update got {sorted(unknown)}")
    merged = {f: getattr(protection, f) for f in PROTECTION_FIELDS}
    merged.update(values)
    _check_protection(merged)
    try:
        with transaction.atomic():
            locked = _lock(EmergencyProtection, protection, expected_version, actor, child)
            for name in ("authority", "notes"):
                if name in values:
                    values[name] = values[name].strip()
            old = {f: getattr(locked, f) for f in values if getattr(locked, f) != values[f]}
            if not old:
                return locked
            for name in old:
                setattr(locked, name, values[name])
            _bump(locked, list(old))
            audit.record(
                actor=actor,
                event_type=EventType.RECORD_UPDATED,
                subject=locked,
                child=child,
                data={
                    "old": old,
                    "new": {f: values[f] for f in old},
                    "extra": {"record": "emergency protection", "version": locked.version},
                },
            )
            return locked
    except StaleEdit:
        with transaction.atomic():
            audit.record(
                actor=actor,
                event_type=EventType.RECORD_CONFLICT,
                subject=protection,
                child=child,
                data={"extra": {"record": "emergency protection", "opened_version": expected_version}},
            )
        raise
