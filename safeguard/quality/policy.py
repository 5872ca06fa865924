"""Who runs case audits, who may open a sampled case, and who sees the results.

Built on ``access.policy``; each predicate returns a ``Decision`` with its reason.

- **Auditors** are council practitioners (social workers or team managers) in a quality
  assurance team (a council team of kind "quality"), team managers and heads of service.
  A quality assurance practitioner has no caseload, so ``access.policy`` gives them no
  child's record; this module gives them the sample and nothing else: an auditor may open
  a sampled child's case file only through the audit they are assigned, only while the
  audit round is open, and never a restricted or sealed record. Every opening is audited
  (``person.viewed`` with the purpose "case audit").
- **Drawing samples** (and closing rounds) is for heads of service and quality assurance
  practitioners. **Editing the practice standards** is the head of service's.
- **A completed audit** is seen by its auditor, the head of service, the manager of the
  team the case was in when sampled, and the child's worker then (who owns its actions).
- **An escalation** (a case graded inadequate, or with serious concerns) goes at once to
  the manager of that team and to heads of service, and stays in front of them until one
  of them records how it was resolved.
- **Results** (grades by team and over time, no child named) are for heads of service,
  team managers, quality assurance practitioners and performance analysts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from safeguard.access.policy import SYSTEM, Decision, _active, _deny, _is_system
from safeguard.accounts.models import Role, TeamKind
from safeguard.people.codes import AccessLevel

from .codes import RoundStatus

if TYPE_CHECKING:
    from safeguard.access.policy import AnyUser

    from .models import AuditAction, CaseAudit

QUALITY_TEAM_KIND = TeamKind.QUALITY


def is_quality_practitioner(user: AnyUser) -> bool:
    if not _active(user) or user.role not in (Role.SOCIAL_WORKER, Role.TEAM_MANAGER):
        return False
    team = user.team
    return team is not None and team.kind == QUALITY_TEAM_KIND


def can_be_auditor(user: AnyUser) -> bool:
    return is_quality_practitioner(user) or (_active(user) and user.role in (Role.TEAM_MANAGER, Role.HEAD_OF_SERVICE))


def can_run_audits(user: AnyUser) -> Decision:
    if _is_system(user):
        return SYSTEM
    if _active(user) and (user.role == Role.HEAD_OF_SERVICE or is_quality_practitioner(user)):
        return Decision(True, "Heads of service and quality assurance practitioners run case audits.", "quality")
    return _deny("Only heads of service and quality assurance practitioners draw audit samples.", "role")


def can_edit_standards(user: AnyUser) -> Decision:
    if _is_system(user):
        return SYSTEM
    if _active(user) and user.role == Role.HEAD_OF_SERVICE:
        return Decision(True, "The head of service sets the practice standards.", "role")
    return _deny("Only a head of service changes the practice standards.", "role")


def can_view_results(user: AnyUser) -> Decision:
    if _is_system(user):
        return SYSTEM
    if _active(user) and (
        user.role in (Role.HEAD_OF_SERVICE, Role.TEAM_MANAGER, Role.ANALYST) or is_quality_practitioner(user)
    ):
        return Decision(True, "Your role includes the results of case audits, which name no child.", "role")
    return _deny("Only managers, quality assurance practitioners and analysts see audit results.", "role")


def can_use_audits(user: AnyUser) -> Decision:
    """The case audits page: anyone who audits, manages or receives audit actions."""
    if _active(user) and user.role in (Role.SOCIAL_WORKER, Role.TEAM_MANAGER, Role.HEAD_OF_SERVICE):
        return Decision(True, "Council practitioners see the audits of their work.", "role")
    return _deny("Case audits are for council practitioners.", "role")


def _manages_team_of(user: AnyUser, audit: CaseAudit) -> bool:
    return bool(
        _active(user) and user.role == Role.TEAM_MANAGER and audit.team_id is not None and user.team_id == audit.team_id
    )


def can_audit_case(user: AnyUser, audit: CaseAudit) -> Decision:
    """Open the sampled child's case file and grade it: the assigned auditor only, while
    the round is open, never a restricted or sealed record."""
    if not _active(user) or audit.auditor_id != user.pk:
        return _deny("Only the auditor this case was assigned to can open it for the audit.", "no_relationship")
    if audit.round.status != RoundStatus.OPEN:
        return _deny("This audit round is closed, so its cases can no longer be opened for audit.", "closed")
    if audit.child.access_level != AccessLevel.STANDARD:
        return _deny("Restricted and sealed records are not opened for case audits.", audit.child.access_level)
    return Decision(
        True,
        f"You are auditing {audit.child.full_name}'s case in the round “{audit.round.title}”; "
        "you may read the case file for the audit only.",
        "auditor",
    )


def can_view_case_audit(user: AnyUser, audit: CaseAudit) -> Decision:
    if _is_system(user):
        return SYSTEM
    if not _active(user):
        return _deny("You need to sign in.", "anonymous")
    if audit.auditor_id == user.pk:
        return Decision(True, "You are this case's auditor.", "auditor")
    if user.role == Role.HEAD_OF_SERVICE:
        return Decision(True, "Heads of service see every case audit.", "head_of_service")
    if _manages_team_of(user, audit):
        return Decision(True, f"You manage {audit.team}, whose case this was when it was audited.", "team_manager")
    if audit.worker_id == user.pk:
        return Decision(True, "This is an audit of your work with the child.", "worker")
    return _deny("Only the auditor, the team's manager, the worker and heads of service see a case audit.", "role")


def can_resolve_escalation(user: AnyUser, audit: CaseAudit) -> Decision:
    if _active(user) and (user.role == Role.HEAD_OF_SERVICE or _manages_team_of(user, audit)):
        return Decision(True, "The team's manager and heads of service resolve an escalated audit.", "manager")
    return _deny("Only the team's manager or a head of service resolves an escalated audit.", "role")


def can_complete_audit_action(user: AnyUser, action: AuditAction) -> Decision:
    if _active(user) and action.owner_id == user.pk:
        return Decision(True, "This action is yours.", "owner")
    if _active(user) and (user.role == Role.HEAD_OF_SERVICE or _manages_team_of(user, action.audit)):
        return Decision(True, "You manage the team this action belongs to.", "manager")
    return _deny("Only the worker the action was set for, their manager or a head of service completes it.", "role")
