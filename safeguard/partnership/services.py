"""Changes to the partnership's action plan: priorities and actions (head of service) and
progress reports (the owning agency). Each is audited; two people reporting on one action
at once never overwrite each other."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from safeguard.access import policy
from safeguard.access.enforce import require
from safeguard.audit import services as audit
from safeguard.audit.models import EventType
from safeguard.lib.errors import StaleEdit

from .models import ActionStatus, ActionUpdate, PlanAction, Priority

if TYPE_CHECKING:
    from safeguard.accounts.models import Agency, User


def priority_add(*, actor: User, title: str, description: str = "") -> Priority:
    require(policy.can_manage_partnership_plan(actor), actor=actor, action="add_partnership_priority")
    if not title.strip():
        raise ValidationError({"title": "Name the priority."})
    if Priority.objects.filter(title__iexact=title.strip()).exists():
        raise ValidationError({"title": "The plan already has a priority with that name."})
    with transaction.atomic():
        priority = Priority.objects.create(
            title=title.strip(), description=description.strip(), position=Priority.objects.count() + 1
        )
        audit.record(
            actor=actor,
            event_type=EventType.RECORD_CREATED,
            subject=priority,
            data={"new": {"title": priority.title}, "extra": {"record": "partnership_priority"}},
        )
    return priority


def action_add(
    *, actor: User, priority: Priority, title: str, owner_agency: Agency, owner_name: str, due_on: dt.date
) -> PlanAction:
    require(policy.can_manage_partnership_plan(actor), actor=actor, action="add_partnership_action")
    errors = {}
    if not title.strip():
        errors["title"] = "Say what the action is."
    if not owner_name.strip():
        errors["owner_name"] = "Name the lead in the owning agency."
    if not owner_agency.active:
        errors["owner_agency"] = f"{owner_agency} is no longer an active agency."
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        action = PlanAction.objects.create(
            priority=priority,
            title=title.strip(),
            owner_agency=owner_agency,
            owner_name=owner_name.strip(),
            due_on=due_on,
            created_by=actor,
        )
        audit.record(
            actor=actor,
            event_type=EventType.RECORD_CREATED,
            subject=action,
            data={
                "new": {"title": action.title, "owner_agency": str(owner_agency), "due_on": due_on},
                "extra": {"record": "partnership_action"},
            },
        )
    return action


def action_report(
    *, actor: User, action: PlanAction, status: str, progress: int, note: str, expected_version: int
) -> PlanAction:
    """Report progress on an action. A report on a version someone else has since changed
    is refused (StaleEdit), so the later reporter sees the other report first."""
    require(
        policy.can_update_plan_action(actor, action.owner_agency_id), actor=actor, action="report_partnership_action"
    )
    errors = {}
    if status not in ActionStatus.values:
        errors["status"] = "Choose how the action is going."
    if not 0 <= progress <= 100:
        errors["progress"] = "Progress is a percentage from 0 to 100."
    if status == ActionStatus.COMPLETE and progress != 100:
        errors["progress"] = "A complete action is 100% done: change the progress or the status."
    if not note.strip():
        errors["note"] = "Say what has happened since the last report."
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = PlanAction.objects.select_for_update().get(pk=action.pk)
        if locked.version != expected_version:
            last = locked.updates.select_related("author").first()
            audit.record(
                actor=actor,
                event_type=EventType.RECORD_CONFLICT,
                subject=locked,
                data={"extra": {"record": "partnership_action"}},
            )
            raise StaleEdit(
                {"status": (action.status, locked.status), "progress": (action.progress, locked.progress)},
                last.author.display_name if last else "",
            )
        old = {"status": locked.status, "progress": locked.progress}
        locked.status = status
        locked.progress = progress
        locked.completed_on = timezone.localdate() if status == ActionStatus.COMPLETE else None
        locked.version += 1
        locked.save(update_fields=["status", "progress", "completed_on", "version"])
        ActionUpdate.objects.create(action=locked, author=actor, status=status, progress=progress, note=note.strip())
        audit.record(
            actor=actor,
            event_type=EventType.RECORD_UPDATED,
            subject=locked,
            data={
                "old": old,
                "new": {"status": status, "progress": progress},
                "extra": {"record": "partnership_action", "version": locked.version},
            },
        )
    return locked
