"""Writes of case audits: standards, rounds and their samples, grades, escalations and
actions. Each asks ``quality.policy`` first and audits in its own transaction."""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from safeguard.access.enforce import require
from safeguard.access.models import Involvement, InvolvementKind
from safeguard.audit import services as audit
from safeguard.audit.models import EventType
from safeguard.lib.errors import InvalidTransition, StaleEdit
from safeguard.people.codes import AccessLevel
from safeguard.people.models import Person

from . import policy, rules
from .codes import AuditStatus, Grade, RoundStatus, SampleMethod, Stage
from .models import AuditAction, AuditRound, CaseAudit, PracticeStandard, StandardGrade

if TYPE_CHECKING:
    from safeguard.accounts.models import Team, User


# --- Practice standards ------------------------------------------------------------------


def standard_create(*, actor: User, title: str, description: str) -> PracticeStandard:
    require(policy.can_edit_standards(actor), actor=actor, action="create practice standard")
    with transaction.atomic():
        position = (PracticeStandard.objects.order_by("-position").values_list("position", flat=True).first() or 0) + 1
        standard = PracticeStandard(title=title.strip(), description=description.strip(), position=position)
        standard.full_clean()
        standard.save()
        audit.record(
            actor=actor,
            event_type=EventType.RECORD_CREATED,
            subject=standard,
            data={"new": {"title": standard.title, "description": standard.description}},
        )
    return standard


def standard_update(
    *, actor: User, standard: PracticeStandard, expected_version: int, title: str, description: str, active: bool
) -> PracticeStandard:
    require(policy.can_edit_standards(actor), actor=actor, action="change practice standard")
    with transaction.atomic():
        locked = PracticeStandard.objects.select_for_update().get(pk=standard.pk)
        new = {"title": title.strip(), "description": description.strip(), "active": active}
        if locked.version != expected_version:
            changes = {
                f: (getattr(standard, f), getattr(locked, f)) for f in new if getattr(standard, f) != getattr(locked, f)
            }
            raise StaleEdit(changes, _last_changer(locked))
        old = {f: getattr(locked, f) for f in new if getattr(locked, f) != new[f]}
        for field, value in new.items():
            setattr(locked, field, value)
        locked.version += 1
        locked.full_clean()
        locked.save()
        audit.record(
            actor=actor,
            event_type=EventType.RECORD_UPDATED,
            subject=locked,
            data={"old": old, "new": {f: new[f] for f in old}},
        )
    return locked


def _last_changer(record: Any) -> str:
    from safeguard.audit.models import AuditEvent

    event = (
        AuditEvent.objects.filter(subject_type=type(record).__name__, subject_id=str(record.uuid))
        .order_by("-sequence")
        .first()
    )
    return event.actor_username if event else ""


# --- Drawing a sample ----------------------------------------------------------------------


@dataclass(frozen=True)
class Candidate:
    child_id: int
    team_id: int | None
    worker_id: int | None
    stage: str


def candidates(*, team_ids: Sequence[int] | None = None) -> list[Candidate]:
    """Children the service is working with (a current allocated worker), on standard
    records, with their team, worker and stage."""
    from safeguard.casework.codes import AssessmentStatus
    from safeguard.casework.models import Assessment, ChildInNeedPlan, ChildProtectionPlan

    allocations = Involvement.objects.filter(
        kind=InvolvementKind.ALLOCATED_WORKER,
        ended_at__isnull=True,
        child__access_level=AccessLevel.STANDARD,
        child__kind="child",
    )
    if team_ids:
        allocations = allocations.filter(team_id__in=team_ids)
    rows = list(allocations.order_by("child_id").values_list("child_id", "team_id", "user_id"))
    ids = [r[0] for r in rows]
    cp = set(
        ChildProtectionPlan.objects.filter(child_id__in=ids, ended_on__isnull=True).values_list("child_id", flat=True)
    )
    cin = set(
        ChildInNeedPlan.objects.filter(child_id__in=ids, ended_on__isnull=True).values_list("child_id", flat=True)
    )
    open_assessment = set(
        Assessment.objects.filter(
            child_id__in=ids, status__in=[AssessmentStatus.IN_PROGRESS, AssessmentStatus.SUBMITTED]
        ).values_list("child_id", flat=True)
    )

    def stage(child_id: int) -> str:
        if child_id in cp:
            return Stage.CHILD_PROTECTION
        if child_id in cin:
            return Stage.CHILD_IN_NEED
        if child_id in open_assessment:
            return Stage.ASSESSMENT
        return Stage.ALLOCATED

    return [Candidate(child_id, team_id, user_id, stage(child_id)) for child_id, team_id, user_id in rows]


def draw_sample(
    *,
    method: str,
    size: int = 0,
    per_stratum: int = 0,
    team_ids: Sequence[int] | None = None,
    chosen: Sequence[Person] = (),
    seed: int | None = None,
) -> list[Candidate]:
    rng = random.Random(seed)  # noqa: S311 - sampling cases for audit, not security
    if method == SampleMethod.CHOSEN:
        pool = {c.child_id: c for c in candidates()}
        missing = [p for p in chosen if p.pk not in pool]
        if missing:
            names = ", ".join(p.la_id for p in missing)
            raise ValidationError(
                {
                    "chosen": "These children have no allocated worker or a restricted record, "
                    f"so cannot be audited: {names}."
                }
            )
        return [pool[p.pk] for p in chosen]
    pool_list = candidates(team_ids=team_ids)
    if method == SampleMethod.RANDOM:
        return sorted(rng.sample(pool_list, min(size, len(pool_list))), key=lambda c: c.child_id)
    strata: dict[tuple[int | None, str], list[Candidate]] = defaultdict(list)
    for c in pool_list:
        strata[(c.team_id, c.stage)].append(c)
    picked: list[Candidate] = []
    for key in sorted(strata, key=lambda k: (k[0] or 0, k[1])):
        group = strata[key]
        picked.extend(rng.sample(group, min(per_stratum, len(group))))
    return sorted(picked, key=lambda c: c.child_id)


def _assign(sample: Sequence[Candidate], auditors: Sequence[User]) -> list[User]:
    """Round-robin, preferring an auditor from another team than the case's, so nobody
    audits their own team's work where it can be avoided."""
    assigned: list[User] = []
    load = dict.fromkeys((a.pk for a in auditors), 0)
    for c in sample:
        independent = [a for a in auditors if a.team_id != c.team_id and a.pk != c.worker_id] or list(auditors)
        chosen = min(independent, key=lambda a: (load[a.pk], a.pk))
        load[chosen.pk] += 1
        assigned.append(chosen)
    return assigned


def round_create(
    *,
    actor: User,
    title: str,
    method: str,
    auditors: Sequence[User],
    size: int = 0,
    per_stratum: int = 0,
    teams: Sequence[Team] = (),
    chosen: Sequence[Person] = (),
    due_on: dt.date | None = None,
    seed: int | None = None,
) -> AuditRound:
    """Draw the sample and assign each case to an auditor."""
    require(policy.can_run_audits(actor), actor=actor, action="draw audit sample")
    errors: dict[str, str] = {}
    if not title.strip():
        errors["title"] = "Enter a title for the audit round."
    if method not in SampleMethod.values:
        errors["method"] = "Choose how to draw the sample."
    if method == SampleMethod.RANDOM and size < 1:
        errors["size"] = "Enter how many cases to sample, 1 or more."
    if method == SampleMethod.STRATIFIED and per_stratum < 1:
        errors["per_stratum"] = "Enter how many cases to take from each team and stage, 1 or more."
    if method == SampleMethod.CHOSEN and not chosen:
        errors["chosen"] = "Enter the local IDs of the children to audit."
    if not auditors:
        errors["auditors"] = "Choose at least one auditor."
    elif any(not policy.can_be_auditor(a) for a in auditors):
        errors["auditors"] = "Auditors must be quality assurance practitioners, team managers or heads of service."
    if errors:
        raise ValidationError(errors)
    sample = draw_sample(
        method=method, size=size, per_stratum=per_stratum, team_ids=[t.pk for t in teams], chosen=chosen, seed=seed
    )
    if not sample:
        raise ValidationError({"method": "No children the service is working with match this sample."})
    today = timezone.localdate()
    with transaction.atomic():
        audit_round = AuditRound(
            title=title.strip(), method=method, due_on=due_on or rules.round_due(today), created_by=actor
        )
        audit_round.full_clean()
        audit_round.save()
        people = Person.objects.in_bulk([c.child_id for c in sample])
        for candidate, auditor in zip(sample, _assign(sample, auditors), strict=True):
            case = CaseAudit.objects.create(
                round=audit_round,
                child_id=candidate.child_id,
                team_id=candidate.team_id,
                worker_id=candidate.worker_id,
                stage=candidate.stage,
                auditor=auditor,
            )
            audit.record(
                actor=actor,
                event_type=EventType.RECORD_CREATED,
                subject=case,
                child=people[candidate.child_id],
                data={"new": {"round": audit_round.title, "auditor": auditor.username, "stage": candidate.stage}},
            )
        audit.record(
            actor=actor,
            event_type=EventType.RECORD_CREATED,
            subject=audit_round,
            data={
                "new": {"title": audit_round.title, "method": method, "cases": len(sample)},
                "extra": {"size": size, "per_stratum": per_stratum, "teams": [str(t) for t in teams]},
            },
        )
    return audit_round


def round_close(*, actor: User, audit_round: AuditRound) -> AuditRound:
    require(policy.can_run_audits(actor), actor=actor, action="close audit round")
    with transaction.atomic():
        locked = AuditRound.objects.select_for_update().get(pk=audit_round.pk)
        if locked.status != RoundStatus.OPEN:
            raise InvalidTransition("This round is already closed.")
        locked.status = RoundStatus.CLOSED
        locked.save(update_fields=["status"])
        audit.record(
            actor=actor, event_type=EventType.RECORD_UPDATED, subject=locked, data={"new": {"status": "closed"}}
        )
    return locked


# --- Grading a case ------------------------------------------------------------------------


@dataclass(frozen=True)
class ActionInput:
    description: str
    due_on: dt.date


def audit_record(
    *,
    actor: User,
    case: CaseAudit,
    expected_version: int,
    grades: dict[int, tuple[int, str]],
    grade: int,
    serious_concerns: bool,
    strengths: str,
    improvements: str,
    actions: Sequence[ActionInput] = (),
    audited_on: dt.date | None = None,
) -> CaseAudit:
    """Record (or correct, while the round is open) the audit of a case. Inadequate or
    serious concerns escalate it at once to the team manager and head of service.
    ``audited_on``: the day the audit was done, when it is recorded later (not in the
    future); today by default."""
    require(policy.can_audit_case(actor, case), actor=actor, action="record case audit", child=case.child, subject=case)
    standards = list(PracticeStandard.objects.filter(active=True))
    errors: dict[str, str] = {}
    for standard in standards:
        if standard.pk not in grades or grades[standard.pk][0] not in Grade.values:
            errors[f"standard_{standard.pk}"] = f"Grade “{standard.title}”."
    if grade not in Grade.values:
        errors["grade"] = "Choose the overall grade for the case."
    if not strengths.strip():
        errors["strengths"] = "Record the strengths you found."
    if not improvements.strip():
        errors["improvements"] = "Record what must improve."
    today = timezone.localdate()
    if audited_on is not None and audited_on > today:
        errors["audited_on"] = "The date of the audit cannot be in the future."
    for n, action in enumerate(actions, start=1):
        if action.due_on < today:
            errors[f"action_{n}_due_on"] = f"The deadline for action {n} must be today or later."
    if case.worker_id is None and actions:
        errors["actions"] = "This case had no allocated worker when sampled, so actions cannot be set for one."
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            locked = CaseAudit.objects.select_for_update().select_related("child", "round").get(pk=case.pk)
            if locked.version != expected_version:
                fields = ("grade", "serious_concerns", "strengths", "improvements")
                raise StaleEdit(
                    {
                        f: (getattr(case, f), getattr(locked, f))
                        for f in fields
                        if getattr(case, f) != getattr(locked, f)
                    },
                    _last_changer(locked),
                )
            old = {"grade": locked.grade, "status": locked.status}
            locked.grade, locked.serious_concerns = grade, serious_concerns
            locked.strengths, locked.improvements = strengths.strip(), improvements.strip()
            locked.status = AuditStatus.COMPLETED
            if audited_on is not None:
                locked.completed_at = dt.datetime.combine(
                    audited_on, dt.time(12), tzinfo=timezone.get_current_timezone()
                )
            else:
                locked.completed_at = locked.completed_at or timezone.now()
            escalate = rules.needs_escalation(grade, serious_concerns) and locked.escalated_at is None
            if escalate:
                locked.escalated_at = timezone.now()
            locked.version += 1
            locked.save()
            for standard in standards:
                value, comment = grades[standard.pk]
                StandardGrade.objects.update_or_create(
                    audit=locked, standard=standard, defaults={"grade": value, "comment": comment.strip()}
                )
            for action in actions:
                assert locked.worker_id is not None  # checked above: actions are for the case's worker
                AuditAction.objects.create(
                    audit=locked,
                    description=action.description.strip(),
                    owner_id=locked.worker_id,
                    due_on=action.due_on,
                )
            audit.record(
                actor=actor,
                event_type=EventType.CASE_AUDIT_RECORDED,
                subject=locked,
                child=locked.child,
                data={
                    "old": old,
                    "new": {"grade": grade, "status": locked.status, "serious_concerns": serious_concerns},
                    "extra": {"actions": len(actions), "round": locked.round.title},
                },
            )
            if escalate:
                audit.record(
                    actor=actor,
                    event_type=EventType.CASE_AUDIT_ESCALATED,
                    subject=locked,
                    child=locked.child,
                    reason=improvements.strip(),
                    data={
                        "new": {"grade": grade, "serious_concerns": serious_concerns, "team": str(locked.team or "")}
                    },
                )
            return locked
    except StaleEdit:
        with transaction.atomic():
            audit.record(actor=actor, event_type=EventType.RECORD_CONFLICT, subject=case, child=case.child)
        raise


def escalation_resolve(*, actor: User, case: CaseAudit, resolution: str, expected_version: int) -> CaseAudit:
    require(policy.can_resolve_escalation(actor, case), actor=actor, action="resolve audit escalation", subject=case)
    if not resolution.strip():
        raise ValidationError({"resolution": "Say what was done to resolve the concerns."})
    with transaction.atomic():
        locked = CaseAudit.objects.select_for_update().select_related("child").get(pk=case.pk)
        if not locked.is_escalated:
            raise InvalidTransition("This audit has no open escalation.")
        if locked.version != expected_version:
            raise StaleEdit({"resolution": (case.resolution, locked.resolution)}, _last_changer(locked))
        locked.resolved_at, locked.resolved_by, locked.resolution = timezone.now(), actor, resolution.strip()
        locked.version += 1
        locked.save()
        audit.record(
            actor=actor,
            event_type=EventType.RECORD_UPDATED,
            subject=locked,
            child=locked.child,
            reason=locked.resolution,
            data={"new": {"escalation": "resolved"}},
        )
    return locked


def action_complete(*, actor: User, action: AuditAction, completed_on: dt.date | None = None) -> AuditAction:
    require(
        policy.can_complete_audit_action(actor, action), actor=actor, action="complete audit action", subject=action
    )
    with transaction.atomic():
        locked = AuditAction.objects.select_for_update().select_related("audit__child").get(pk=action.pk)
        if locked.completed_on is not None:
            raise InvalidTransition("This action is already complete.")
        locked.completed_on = completed_on or timezone.localdate()
        locked.save(update_fields=["completed_on"])
        audit.record(
            actor=actor,
            event_type=EventType.RECORD_UPDATED,
            subject=locked,
            child=locked.audit.child,
            data={"new": {"completed_on": locked.completed_on}},
        )
    return locked
