"""Reads for the landing pages and user administration."""

from __future__ import annotations

from typing import Any

from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Count, Q, QuerySet

from safeguard.access import policy
from safeguard.access.models import BreakGlass, Involvement, InvolvementKind, ReviewStatus
from safeguard.people import selectors as people_selectors
from safeguard.people.models import Person, PersonKind

from .models import COUNCIL_PRACTICE_ROLES, Role, Team, User


def user_list() -> list[User]:
    return list(
        User.objects.filter(is_system=False).select_related("agency", "team").order_by("last_name", "first_name")
    )


def workers_allocatable_by(user: User) -> QuerySet[User]:
    """Whom a manager may allocate a child to: active practitioners in their own team (a
    head of service: in any team)."""
    workers = User.objects.filter(is_active=True, role__in=COUNCIL_PRACTICE_ROLES, team__isnull=False)
    if user.role != Role.HEAD_OF_SERVICE:
        workers = workers.filter(team_id=user.team_id) if user.team_id is not None else workers.none()
    return workers.select_related("team").order_by("last_name", "first_name")


def is_locked_out(user: User) -> bool:
    return AccessAttempt.objects.filter(
        username=user.username, failures_since_start__gte=settings.AXES_FAILURE_LIMIT
    ).exists()


def _caseloads(team: Team) -> list[dict[str, Any]]:
    return list(
        User.objects.filter(team=team, is_active=True, role__in=[Role.SOCIAL_WORKER, Role.TEAM_MANAGER])
        .annotate(
            caseload=Count(
                "involvements",
                filter=Q(involvements__kind=InvolvementKind.ALLOCATED_WORKER, involvements__ended_at__isnull=True),
            )
        )
        .order_by("last_name")
        .values("pk", "uuid", "first_name", "last_name", "job_title", "caseload")
    )


def service_summary() -> dict[str, int]:
    """Aggregate figures with no child named: for analysts and heads of service."""
    current = Involvement.objects.filter(ended_at__isnull=True)
    return {
        "children": Person.objects.filter(kind=PersonKind.CHILD).count(),
        "allocated": current.filter(kind=InvolvementKind.ALLOCATED_WORKER).values("child").distinct().count(),
        "open_work": current.filter(kind=InvolvementKind.OPEN_WORK).values("child").distinct().count(),
        "partner_involved": current.filter(kind=InvolvementKind.AGENCY).values("child").distinct().count(),
    }


def team_summary() -> list[dict[str, Any]]:
    return list(
        Team.objects.filter(agency__kind="csc", active=True)
        .annotate(
            allocated=Count(
                "members__involvements",
                filter=Q(
                    members__involvements__kind=InvolvementKind.ALLOCATED_WORKER,
                    members__involvements__ended_at__isnull=True,
                ),
            ),
            workers=Count("members", filter=Q(members__is_active=True), distinct=True),
        )
        .order_by("name")
        .values("name", "kind", "allocated", "workers")
    )


def my_work(*, user: User) -> dict[str, Any]:
    """What the user's landing page shows, by role."""
    role = user.role
    if role in (Role.SOCIAL_WORKER, Role.TEAM_MANAGER, Role.HEAD_OF_SERVICE):
        from safeguard.casework import mywork

        context: dict[str, Any] = {
            "layout": "practitioner",
            "caseload": list(people_selectors.children_for_worker(user=user)),
            "work": mywork.work_due_for(user=user),
        }
        if role == Role.TEAM_MANAGER and user.team is not None:
            context["team_caseloads"], context["awaiting_authorisation"] = mywork.team_overview(
                user=user, caseloads=_caseloads(user.team)
            )
            context["unallocated"] = list(people_selectors.team_unallocated(user=user))
        if role == Role.HEAD_OF_SERVICE:
            context["summary"] = service_summary()
            context["teams"] = team_summary()
        from safeguard.quality.selectors import escalations_for

        context["audit_escalations"] = escalations_for(user=user)
        from safeguard.exploitation import policy as exploitation_policy
        from safeguard.exploitation.selectors import open_alerts

        if exploitation_policy.can_receive_alerts(user):
            context["exploitation_alerts"] = open_alerts(user=user, limit=10)
        context["break_glass"] = list(
            BreakGlass.objects.filter(user=user).select_related("child").order_by("-granted_at")[:5]
        )
        return context
    if role == Role.PARTNER:
        return {
            "layout": "partner",
            "children": list(
                Person.objects.filter(pk__in=policy.visible_child_ids(user)).order_by("family_name", "given_name")[:200]
            ),
        }
    if role == Role.ANALYST:
        return {"layout": "analyst", "summary": service_summary(), "teams": team_summary()}
    if role == Role.INSPECTOR:
        from safeguard.inspection.selectors import inspector_home

        return {"layout": "inspector", "inspector": inspector_home(user=user)}
    if role == Role.IG_OFFICER:
        return {
            "layout": "ig",
            "pending": BreakGlass.objects.filter(review_status=ReviewStatus.PENDING).count(),
            "referred": BreakGlass.objects.filter(review_status=ReviewStatus.REFERRED).count(),
        }
    locked = AccessAttempt.objects.filter(failures_since_start__gte=settings.AXES_FAILURE_LIMIT).count()
    return {
        "layout": "admin",
        "users": User.objects.filter(is_system=False, is_active=True).count(),
        "locked": locked,
        "must_change": User.objects.filter(is_system=False, must_change_password=True).count(),
    }
