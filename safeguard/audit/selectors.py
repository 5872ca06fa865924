"""Reads of the audit trail for information governance. Reading it is itself audited."""

from __future__ import annotations

import uuid as uuid_lib
from typing import TYPE_CHECKING

from django.core.paginator import Page, Paginator
from django.db import transaction
from django.db.models import QuerySet

from safeguard.access import policy
from safeguard.access.enforce import require
from safeguard.access.models import BreakGlass, ReviewStatus
from safeguard.lib.errors import NotVisible

from . import services
from .models import AuditEvent, EventType

if TYPE_CHECKING:
    from safeguard.accounts.models import User
    from safeguard.people.models import Person

PAGE_SIZE = 50


def _audit_read(user: User, *, subject: object, child: Person | None, what: str) -> None:
    with transaction.atomic():
        services.record(
            actor=user, event_type=EventType.AUDIT_VIEWED, subject=subject, child=child, data={"extra": {"what": what}}
        )


def child_access_log(*, user: User, child_uuid: uuid_lib.UUID, page: int = 1) -> tuple[Person, Page[AuditEvent]]:
    """Who has looked at, changed, or been refused this child's record."""
    from safeguard.people.models import Person

    require(policy.can_view_audit(user), actor=user, action="view_audit")
    person = Person.objects.filter(uuid=child_uuid).first()
    if person is None:
        raise NotVisible
    events = AuditEvent.objects.filter(child_uuid=person.uuid).select_related("actor").order_by("-sequence")
    _audit_read(user, subject=person, child=person, what="child_access_log")
    return person, Paginator(events, PAGE_SIZE).get_page(page)


def user_activity_log(*, user: User, user_uuid: uuid_lib.UUID, page: int = 1) -> tuple[User, Page[AuditEvent]]:
    """Everything this user did or looked at, newest first."""
    from safeguard.accounts.models import User as UserModel

    require(policy.can_view_audit(user), actor=user, action="view_audit")
    subject = UserModel.objects.filter(uuid=user_uuid).first()
    if subject is None:
        raise NotVisible
    events = AuditEvent.objects.filter(actor=subject).order_by("-sequence")
    _audit_read(user, subject=subject, child=None, what="user_activity_log")
    return subject, Paginator(events, PAGE_SIZE).get_page(page)


def child_names_for(events: list[AuditEvent]) -> dict[uuid_lib.UUID, str]:
    from safeguard.people.models import Person

    ids = {e.child_uuid for e in events if e.child_uuid}
    return {p.uuid: p.full_name for p in Person.objects.filter(uuid__in=ids)}


def users_for_audit(*, user: User, query: str = "") -> QuerySet[User]:
    from safeguard.accounts.models import User as UserModel

    require(policy.can_view_audit(user), actor=user, action="view_audit")
    users = (
        UserModel.objects.filter(is_system=False).select_related("agency", "team").order_by("last_name", "first_name")
    )
    if query:
        users = users.filter(last_name__istartswith=query) | users.filter(username__istartswith=query)
    return users


def break_glass_queue(*, user: User) -> tuple[list[BreakGlass], list[BreakGlass]]:
    """Pending reviews (oldest first), and the last 50 reviewed."""
    require(policy.can_review_break_glass(user), actor=user, action="view_break_glass_queue")
    base = BreakGlass.objects.select_related("user", "user__team", "child", "reviewed_by")
    pending = list(base.filter(review_status=ReviewStatus.PENDING).order_by("granted_at"))
    reviewed = list(base.exclude(review_status=ReviewStatus.PENDING).order_by("-reviewed_at")[:50])
    _audit_read(user, subject=None, child=None, what="break_glass_queue")
    return pending, reviewed


def break_glass_get(*, user: User, grant_uuid: uuid_lib.UUID) -> tuple[BreakGlass, list[AuditEvent]]:
    """One break-glass access and what the user did with the record while it lasted."""
    require(policy.can_review_break_glass(user), actor=user, action="view_break_glass")
    grant = BreakGlass.objects.select_related("user", "user__team", "child").filter(uuid=grant_uuid).first()
    if grant is None:
        raise NotVisible
    during = list(
        AuditEvent.objects.filter(
            actor=grant.user,
            child_uuid=grant.child.uuid,
            occurred_at__gte=grant.granted_at,
            occurred_at__lte=grant.expires_at,
        ).order_by("sequence")[:200]
    )
    _audit_read(user, subject=grant, child=grant.child, what="break_glass")
    return grant, during
