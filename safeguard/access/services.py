"""Actions on the facts the policy reads: involvements, allocation and break-glass."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from safeguard.accounts.models import COUNCIL_PRACTICE_ROLES
from safeguard.audit import services as audit
from safeguard.audit.models import EventType
from safeguard.lib.errors import InvalidTransition

from . import policy
from .enforce import require
from .models import BreakGlass, Involvement, InvolvementKind, ReviewStatus, SwReason

if TYPE_CHECKING:
    from safeguard.accounts.models import Agency, Team, User
    from safeguard.people.models import Person


def involvement_start(
    *,
    actor: User,
    child: Person,
    kind: InvolvementKind,
    reason: str,
    user: User | None = None,
    team: Team | None = None,
    agency: Agency | None = None,
) -> Involvement:
    """Record that a worker, team or agency is now involved with ``child``.

    Called by other contexts' services inside their own transaction when they start
    work (a contact from an agency, an assessment, an invitation to a meeting); the
    caller has already asked the policy whether ``actor`` may do that work.
    """
    if kind == InvolvementKind.AGENCY and agency is None:
        raise ValueError("an agency involvement names the agency")
    if kind == InvolvementKind.OPEN_WORK and team is None:
        raise ValueError("open work names the team that holds it")
    if kind == InvolvementKind.ALLOCATED_WORKER:
        raise ValueError("use allocation_set to allocate a worker")
    with transaction.atomic():
        existing = Involvement.objects.filter(
            child=child, kind=kind, team=team, agency=agency, user=user, reason=reason, ended_at__isnull=True
        ).first()
        if existing is not None:
            return existing
        involvement = Involvement(child=child, kind=kind, user=user, team=team, agency=agency, reason=reason)
        involvement.full_clean()
        involvement.save()
        audit.record(
            actor=actor,
            event_type=EventType.INVOLVEMENT_STARTED,
            subject=involvement,
            child=child,
            data={"new": {"kind": kind, "team": str(team or ""), "agency": str(agency or ""), "reason": reason}},
        )
        return involvement


def involvement_end(*, actor: User, involvement: Involvement, when: dt.datetime | None = None) -> Involvement:
    with transaction.atomic():
        locked = Involvement.objects.select_for_update().get(pk=involvement.pk)
        if locked.ended_at is not None:
            raise InvalidTransition("This involvement has already ended.")
        locked.ended_at = when or timezone.now()
        locked.save(update_fields=["ended_at"])
        audit.record(
            actor=actor,
            event_type=EventType.INVOLVEMENT_ENDED,
            subject=locked,
            child=locked.child,
            data={"old": {"kind": locked.kind, "reason": locked.reason}},
        )
        return locked


def allocation_set(
    *, actor: User, child: Person, worker: User, reason: str = "Allocated", change_reason: str = ""
) -> Involvement:
    """Allocate ``worker`` (and so their team) to ``child``, ending any earlier allocation.
    ``change_reason`` is why the social worker changed (SSDA903 SW_REASON, optional)."""
    require(policy.can_allocate(actor, child), actor=actor, action="allocate", child=child)
    if change_reason and change_reason not in SwReason.values:
        raise ValidationError({"change_reason": "Choose why the social worker changed."})
    if worker.role not in COUNCIL_PRACTICE_ROLES or not worker.is_active or worker.team_id is None:
        raise ValidationError({"worker": "Choose an active council practitioner who belongs to a team."})
    with transaction.atomic():
        previous = (
            Involvement.objects.select_for_update(of=("self",))
            .filter(child=child, kind=InvolvementKind.ALLOCATED_WORKER, ended_at__isnull=True)
            .select_related("user")
            .first()
        )
        if previous is not None:
            if previous.user_id == worker.pk:
                return previous
            previous.ended_at = timezone.now()
            previous.save(update_fields=["ended_at"])
        allocation = Involvement.objects.create(
            child=child,
            kind=InvolvementKind.ALLOCATED_WORKER,
            user=worker,
            team=worker.team,
            reason=reason,
            change_reason=change_reason,
        )
        audit.record(
            actor=actor,
            event_type=EventType.ALLOCATED,
            subject=allocation,
            child=child,
            data={
                "old": {"worker": str(previous.user) if previous else ""},
                "new": {"worker": str(worker), "team": str(worker.team), "change_reason": change_reason},
            },
        )
        return allocation


def break_glass_open(*, actor: User, child: Person, reason: str) -> BreakGlass:
    """Open ``child``'s record in an emergency. The reason is required and kept."""
    require(policy.can_break_glass(actor, child), actor=actor, action="break_glass", child=child)
    reason = (reason or "").strip()
    if len(reason) < 10:
        raise ValidationError({"reason": "Explain why you need to see this record now, in at least 10 characters."})
    with transaction.atomic():
        now = timezone.now()
        grant = BreakGlass.objects.create(
            user=actor,
            child=child,
            reason=reason,
            granted_at=now,
            expires_at=now + dt.timedelta(hours=policy.break_glass_hours()),
        )
        audit.record(
            actor=actor,
            event_type=EventType.BREAK_GLASS,
            subject=grant,
            child=child,
            reason=reason,
            data={"new": {"expires_at": grant.expires_at}},
        )
        return grant


def break_glass_review(*, actor: User, grant: BreakGlass, status: ReviewStatus, note: str) -> BreakGlass:
    require(policy.can_review_break_glass(actor), actor=actor, action="review_break_glass", subject=grant)
    if status not in (ReviewStatus.JUSTIFIED, ReviewStatus.REFERRED):
        raise ValidationError({"status": "Choose whether the access was justified or is referred."})
    if status == ReviewStatus.REFERRED and not (note or "").strip():
        raise ValidationError({"note": "Say why the access is referred."})
    with transaction.atomic():
        locked = BreakGlass.objects.select_for_update().get(pk=grant.pk)
        if locked.review_status != ReviewStatus.PENDING:
            raise InvalidTransition("This access has already been reviewed.")
        locked.review_status = status
        locked.reviewed_by = actor
        locked.reviewed_at = timezone.now()
        locked.review_note = note.strip()
        locked.save(update_fields=["review_status", "reviewed_by", "reviewed_at", "review_note"])
        audit.record(
            actor=actor,
            event_type=EventType.BREAK_GLASS_REVIEWED,
            subject=locked,
            child=locked.child,
            reason=locked.review_note,
            data={"old": {"status": ReviewStatus.PENDING}, "new": {"status": status}},
        )
        return locked
