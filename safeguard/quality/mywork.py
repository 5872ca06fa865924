"""Audit actions on "My work": each open action a case audit set on a child, due by its
deadline, for whoever holds the child's case (``casework.mywork`` registry)."""

from __future__ import annotations

from collections.abc import Iterable

from safeguard.casework.mywork import Children, WorkItem, work_source
from safeguard.casework.selectors import Today

from .models import AuditAction


@work_source
def audit_actions(children: Children, today: Today, overdue_only: bool) -> Iterable[WorkItem]:
    actions = AuditAction.objects.filter(audit__child_id__in=children, completed_on__isnull=True)
    if overdue_only:
        actions = actions.filter(due_on__lt=today.day)
    for action in actions.select_related("audit__child").only(
        "due_on",
        "description",
        "audit__uuid",
        "audit__child__uuid",
        "audit__child__given_name",
        "audit__child__family_name",
        "audit__child__date_of_birth",
        "audit__child__expected_date_of_birth",
    ):
        yield WorkItem(
            "Case audit action",
            action.audit.child,
            today.due(action.due_on),
            "quality:audit",
            (action.audit.uuid,),
            action.description[:120],
        )
