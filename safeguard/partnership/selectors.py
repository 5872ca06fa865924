"""The partnership dashboard's figures, computed from live records, never naming a child:
strategy-discussion attendance by agency, partners' answers to information requests,
contacts by source, exploitation flags and panel actions, and the action plan."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.db.models import Count, F, Q
from django.utils import timezone

from safeguard.access import policy
from safeguard.access.enforce import require
from safeguard.accounts.models import AgencyKind
from safeguard.casework.models import Participant, StrategyDiscussion
from safeguard.frontdoor.codes import ReferralSource
from safeguard.frontdoor.models import Contact, InformationRequest

from .models import ActionStatus, PlanAction, Priority

if TYPE_CHECKING:
    from safeguard.accounts.models import User

# The agencies Working Together expects at a strategy discussion, as groups of agency kinds.
STRATEGY_PARTNERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Children's social care", (AgencyKind.CHILDRENS_SOCIAL_CARE,)),
    ("Police", (AgencyKind.POLICE,)),
    ("Health", (AgencyKind.NHS_TRUST, AgencyKind.GP_PRACTICE)),
    ("Education", (AgencyKind.SCHOOL,)),
)


@dataclass
class Share:
    label: str
    count: int
    total: int

    @property
    def percent(self) -> int | None:
        return round(100 * self.count / self.total) if self.total else None


@dataclass
class RequestRow:
    agency: str
    asked: int
    on_time: int
    late: int
    open_overdue: int

    @property
    def percent_on_time(self) -> int | None:
        answered = self.on_time + self.late
        return round(100 * self.on_time / answered) if answered else None


@dataclass
class PlanRow:
    action: PlanAction
    overdue: bool


@dataclass
class Dashboard:
    since: dt.date
    today: dt.date
    strategy_total: int
    attendance: list[Share]
    requests: list[RequestRow]
    contacts_total: int
    contacts_by_source: list[Share]
    exploitation: list[tuple[str, int]]
    plan: list[tuple[Priority, list[PlanRow]]]
    plan_overdue: int


def _attendance(since: dt.date) -> tuple[int, list[Share]]:
    held = StrategyDiscussion.objects.filter(held_on__gte=since)
    total = held.count()
    shares = []
    for label, kinds in STRATEGY_PARTNERS:
        present = (
            Participant.objects.filter(strategy_discussion__in=held, attended=True, agency__kind__in=kinds)
            .values("strategy_discussion_id")
            .distinct()
            .count()
        )
        shares.append(Share(label, present, total))
    return total, shares


def _requests(since: dt.date, now: dt.datetime) -> list[RequestRow]:
    rows = (
        InformationRequest.objects.filter(requested_at__date__gte=since)
        .values("agency__name")
        .annotate(
            asked=Count("pk"),
            on_time=Count("pk", filter=Q(answered_at__isnull=False, answered_at__lte=F("due_at"))),
            late=Count("pk", filter=Q(answered_at__isnull=False, answered_at__gt=F("due_at"))),
            open_overdue=Count("pk", filter=Q(answered_at__isnull=True, due_at__lt=now)),
        )
        .order_by("agency__name")
    )
    return [RequestRow(r["agency__name"], r["asked"], r["on_time"], r["late"], r["open_overdue"]) for r in rows]


def _contacts(since: dt.date) -> tuple[int, list[Share]]:
    counts = dict(Contact.objects.filter(received_at__date__gte=since).values_list("source").annotate(n=Count("pk")))
    total = sum(counts.values())
    labels = dict(ReferralSource.choices)
    shares = [Share(str(labels.get(code, code)), n, total) for code, n in counts.items()]
    shares.sort(key=lambda s: -s.count)
    return total, shares


def _exploitation(today: dt.date, since: dt.date) -> list[tuple[str, int]]:
    """Children at medium or high risk of exploitation (their latest screening) and the
    exploitation panel's disruption actions, when that context is installed (figures only)."""
    if not apps.is_installed("safeguard.exploitation"):
        return []
    from django.db.models import OuterRef, Subquery

    from safeguard.exploitation.models import DisruptionAction, Screening

    latest = Screening.objects.filter(child_id=OuterRef("child_id")).order_by("-screened_on", "-recorded_at")
    levels = (
        Screening.objects.annotate(latest=Subquery(latest.values("pk")[:1]))
        .filter(pk=F("latest"))
        .values_list("judgement_level")
        .annotate(n=Count("pk"))
    )
    by_level = dict(levels)
    actions = DisruptionAction.objects.all()
    return [
        ("Children at high risk (latest screening)", by_level.get("high", 0)),
        ("Children at medium risk (latest screening)", by_level.get("medium", 0)),
        ("Disruption actions open", actions.filter(completed_on__isnull=True).count()),
        ("Disruption actions overdue", actions.filter(completed_on__isnull=True, due_on__lt=today).count()),
        ("Disruption actions completed in the period", actions.filter(completed_on__gte=since).count()),
    ]


def _plan(today: dt.date) -> tuple[list[tuple[Priority, list[PlanRow]]], int]:
    actions = PlanAction.objects.select_related("owner_agency", "priority").order_by("priority__position", "due_on")
    by_priority: dict[int, list[PlanRow]] = {}
    overdue = 0
    for action in actions:
        late = action.overdue_on(today)
        overdue += late
        by_priority.setdefault(action.priority_id, []).append(PlanRow(action, late))
    priorities = list(Priority.objects.all())
    return [(p, by_priority.get(p.pk, [])) for p in priorities], overdue


def dashboard(*, user: User, today: dt.date | None = None, months: int = 12) -> Dashboard:
    require(policy.can_view_partnership(user), actor=user, action="view_partnership_dashboard")
    today = today or timezone.localdate()
    since = (today.replace(day=1) - dt.timedelta(days=31 * (months - 1))).replace(day=1)
    strategy_total, attendance = _attendance(since)
    contacts_total, sources = _contacts(since)
    plan, plan_overdue = _plan(today)
    return Dashboard(
        since=since,
        today=today,
        strategy_total=strategy_total,
        attendance=attendance,
        requests=_requests(since, timezone.now()),
        contacts_total=contacts_total,
        contacts_by_source=sources,
        exploitation=_exploitation(today, since),
        plan=plan,
        plan_overdue=plan_overdue,
    )


def action_get(*, user: User, action_uuid: Any) -> PlanAction:
    require(policy.can_view_partnership(user), actor=user, action="view_partnership_action")
    return PlanAction.objects.select_related("owner_agency", "priority").get(uuid=action_uuid)


def open_actions_for_agency(*, agency_id: int) -> int:
    return PlanAction.objects.filter(owner_agency_id=agency_id).exclude(status=ActionStatus.COMPLETE).count()
