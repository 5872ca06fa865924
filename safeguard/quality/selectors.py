"""Reads of case audits. Each takes the viewer and asks ``quality.policy``; opening a
sampled case for audit records ``person.viewed`` with the purpose "case audit"."""

from __future__ import annotations

import datetime as dt
import uuid as uuid_lib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import QuerySet

from safeguard.access.enforce import require
from safeguard.audit import services as audit
from safeguard.audit.models import EventType
from safeguard.lib.errors import NotVisible

from . import policy
from .codes import AuditStatus, Grade
from .models import AuditAction, AuditRound, CaseAudit, PracticeStandard

if TYPE_CHECKING:
    from safeguard.access.policy import AnyUser, Decision
    from safeguard.accounts.models import User


def standards(*, active_only: bool = True) -> list[PracticeStandard]:
    found = PracticeStandard.objects.all()
    return list(found.filter(active=True) if active_only else found)


def standard_get(*, standard_uuid: uuid_lib.UUID) -> PracticeStandard:
    try:
        return PracticeStandard.objects.get(uuid=standard_uuid)
    except PracticeStandard.DoesNotExist:
        raise NotVisible from None


def _audits() -> QuerySet[CaseAudit]:
    return CaseAudit.objects.select_related("child", "team", "worker", "auditor", "round", "resolved_by")


def escalations_for(*, user: User) -> list[CaseAudit]:
    """Open escalations in front of this user: every one for a head of service; those of
    their own team for a team manager; none for anyone else. For "My work"."""
    found = _audits().filter(escalated_at__isnull=False, resolved_at__isnull=True).order_by("escalated_at")
    if user.role == "head_of_service":
        return list(found)
    if user.role == "team_manager" and user.team_id is not None:
        return list(found.filter(team_id=user.team_id))
    return []


def assigned_to(*, user: User) -> list[CaseAudit]:
    return list(_audits().filter(auditor=user, round__status="open").order_by("status", "round__due_on", "pk"))


def actions_for(*, user: User) -> list[AuditAction]:
    return list(
        AuditAction.objects.filter(owner=user, completed_on__isnull=True)
        .select_related("audit__child", "audit__round")
        .order_by("due_on")
    )


def rounds_for(*, user: AnyUser) -> list[AuditRound]:
    require(policy.can_run_audits(user), actor=user, action="list audit rounds")
    return list(AuditRound.objects.select_related("created_by").order_by("-created_at")[:50])


@dataclass
class RoundPage:
    audit_round: AuditRound
    cases: list[CaseAudit]

    @property
    def completed(self) -> int:
        return sum(1 for c in self.cases if c.status == AuditStatus.COMPLETED)


def round_get_for(*, user: AnyUser, round_uuid: uuid_lib.UUID) -> RoundPage:
    require(policy.can_run_audits(user), actor=user, action="view audit round")
    try:
        audit_round = AuditRound.objects.get(uuid=round_uuid)
    except AuditRound.DoesNotExist:
        raise NotVisible from None
    return RoundPage(audit_round, list(_audits().filter(round=audit_round).order_by("team__name", "stage", "pk")))


@dataclass
class CaseFile:
    """What an auditor reads: the case's recent history, from the casework records."""

    assessments: list[Any] = field(default_factory=list)
    plans: list[Any] = field(default_factory=list)
    conferences: list[Any] = field(default_factory=list)
    cin_plans: list[Any] = field(default_factory=list)
    notes: list[Any] = field(default_factory=list)


def _case_file(case: CaseAudit) -> CaseFile:
    from safeguard.casework import models as cw

    child = case.child
    return CaseFile(
        assessments=list(cw.Assessment.objects.filter(child=child).select_related("team")[:5]),
        plans=list(cw.ChildProtectionPlan.objects.filter(child=child)[:5]),
        conferences=list(cw.Conference.objects.filter(child=child, held_on__isnull=False)[:5]),
        cin_plans=list(cw.ChildInNeedPlan.objects.filter(child=child)[:5]),
        # Restricted notes stay with the allocated team (access rule 3), also in an audit.
        notes=list(cw.CaseNote.objects.filter(child=child, restricted=False).select_related("author")[:15]),
    )


@dataclass
class AuditPage:
    case: CaseAudit
    decision: Decision
    may_grade: bool
    case_file: CaseFile | None
    grades: dict[int, Any]


def _get(case_uuid: uuid_lib.UUID) -> CaseAudit:
    try:
        return _audits().get(uuid=case_uuid)
    except CaseAudit.DoesNotExist:
        raise NotVisible from None


def audit_get_for(*, user: AnyUser, case_uuid: uuid_lib.UUID) -> AuditPage:
    """A case audit: its auditor (while the round is open) reads the case file and grades;
    others who may see the audit read the result, without the case file."""
    case = _get(case_uuid)
    grading = policy.can_audit_case(user, case)
    decision = grading if grading else policy.can_view_case_audit(user, case)
    if not decision:
        if case.auditor_id == getattr(user, "pk", None):
            require(decision, actor=user, action="open case for audit", child=case.child, subject=case)
        raise NotVisible
    with transaction.atomic():
        audit.record(
            actor=user,  # type: ignore[arg-type]
            event_type=EventType.PERSON_VIEWED,
            subject=case,
            child=case.child,
            data={"extra": {"purpose": "case audit", "basis": decision.basis, "case_file": bool(grading)}},
        )
    grades = {g.standard_id: g for g in case.standard_grades.select_related("standard")}
    return AuditPage(case, decision, bool(grading), _case_file(case) if grading else None, grades)


def current_version(case: CaseAudit) -> int:
    return CaseAudit.objects.values_list("version", flat=True).get(pk=case.pk)


def case_for_action(*, user: AnyUser, case_uuid: uuid_lib.UUID, check: str) -> CaseAudit:
    """The case for a write (grading or resolving): same error for missing and not
    allowed to those who may not see the audit."""
    case = _get(case_uuid)
    if not policy.can_view_case_audit(user, case):
        raise NotVisible
    if check == "resolve":
        decision = require(
            policy.can_resolve_escalation(user, case), actor=user, action="resolve audit escalation", subject=case
        )
        with transaction.atomic():
            audit.record(
                actor=user,  # type: ignore[arg-type]
                event_type=EventType.PERSON_VIEWED,
                subject=case,
                child=case.child,
                data={"extra": {"purpose": "resolve audit escalation", "basis": decision.basis}},
            )
    return case


def action_get_for(*, user: AnyUser, action_uuid: uuid_lib.UUID) -> AuditAction:
    try:
        action = AuditAction.objects.select_related("audit__child", "audit__team").get(uuid=action_uuid)
    except AuditAction.DoesNotExist:
        raise NotVisible from None
    if not policy.can_view_case_audit(user, action.audit):
        raise NotVisible
    return action


# --- Results -----------------------------------------------------------------------------------


@dataclass
class Results:
    grades: list[tuple[int, str]]
    by_team: list[tuple[str, list[int], int]]
    by_month: list[tuple[str, list[int], int]]
    by_standard: list[tuple[str, list[int], int]]
    escalated: int
    open_escalations: int

    def charts(self) -> list[dict[str, Any]]:
        """What the results page draws (Chart.js stacked bars), the same figures as its
        tables: the share of each grade by team and by month, with the counts."""
        charts = []
        for code, title, rows in (
            ("team", "Grades by team", self.by_team),
            ("month", "Grades by month audited", self.by_month),
        ):
            if not rows:
                continue
            charts.append(
                {
                    "code": code,
                    "title": title,
                    "labels": [name for name, _, _ in rows],
                    "datasets": [
                        {
                            "grade": grade,
                            "label": label,
                            "counts": [counts[i] for _, counts, _ in rows],
                            "percent": [round(100 * counts[i] / total, 1) if total else 0 for _, counts, total in rows],
                        }
                        for i, (grade, label) in enumerate(self.grades)
                    ],
                }
            )
        return charts


def results_for(*, user: AnyUser, since: dt.date | None = None) -> Results:
    """Completed audits' grades by team, by month and by standard: counts, no child named."""
    require(policy.can_view_results(user), actor=user, action="view audit results")
    done = CaseAudit.objects.filter(status=AuditStatus.COMPLETED)
    if since is not None:
        done = done.filter(completed_at__date__gte=since)
    rows = list(done.values_list("team__name", "completed_at", "grade", "escalated_at", "resolved_at"))
    order = [g for g, _ in Grade.choices]

    def table(keyed: dict[str, Counter[int]]) -> list[tuple[str, list[int], int]]:
        return [(k, [keyed[k][g] for g in order], sum(keyed[k].values())) for k in keyed]

    teams: dict[str, Counter[int]] = defaultdict(Counter)
    months: dict[str, Counter[int]] = defaultdict(Counter)
    for team, completed, grade, _esc, _res in rows:
        if grade is None or completed is None:
            continue
        teams[team or "No team"][grade] += 1
        months[f"{completed:%Y-%m}"][grade] += 1
    standards_grades: dict[str, Counter[int]] = defaultdict(Counter)
    from .models import StandardGrade

    for title, standard_grade in StandardGrade.objects.filter(audit__in=done).values_list("standard__title", "grade"):
        standards_grades[title][standard_grade] += 1
    by_month = sorted(table(months))
    return Results(
        grades=list(Grade.choices),
        by_team=sorted(table(teams)),
        by_month=[(dt.date(int(k[:4]), int(k[5:]), 1).strftime("%B %Y"), c, t) for k, c, t in by_month],
        by_standard=sorted(table(standards_grades)),
        escalated=sum(1 for r in rows if r[3] is not None),
        open_escalations=sum(1 for r in rows if r[3] is not None and r[4] is None),
    )
