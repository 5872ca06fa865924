""" "My work" and the team view: everything due on a worker's children, soonest first.

Each context that sets deadlines contributes a *work source* with ``@work_source``: a
function ``(children, today, overdue_only) -> Iterable[WorkItem]`` that makes one query for
the given children (a list of person ids) and yields what is due on them. Casework's
sources are below; the care, leaving-care and missing contexts register theirs in their
own modules (imported by their ``AppConfig.ready``).

The team view only counts overdue items per worker, so a ``WorkItem`` reverses its URL only
when a page shows it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import Q, QuerySet
from django.urls import reverse

from safeguard.access import policy
from safeguard.access.models import Involvement, InvolvementKind
from safeguard.people.models import Person

from .codes import AssessmentStatus, ConferenceKind
from .models import (
    Action,
    Assessment,
    ChildInNeedPlan,
    ChildProtectionPlan,
    Conference,
    Invitation,
    Section47Enquiry,
)
from .rules import CONFERENCE_REPORT_WORKING_DAYS_BEFORE, conference_report_due
from .selectors import Due, Today

if TYPE_CHECKING:
    from safeguard.accounts.models import User


@dataclass
class WorkItem:
    what: str
    child: Person
    due: Due
    url_name: str
    url_args: tuple[Any, ...]
    detail: str = ""

    @property
    def url(self) -> str:
        return reverse(self.url_name, args=self.url_args)


# The children a source looks at: a list of person ids, or a subquery of them (a team's
# hundreds of children go to the database as a subquery, not as hundreds of parameters).
Children = list[int] | QuerySet[Any, Any]
WorkSource = Callable[[Children, Today, bool], Iterable[WorkItem]]
_SOURCES: list[WorkSource] = []


def work_source(fn: WorkSource) -> WorkSource:
    """Register a source of due work (see the module docstring)."""
    if fn not in _SOURCES:
        _SOURCES.append(fn)
    return fn


def due_items(children: Children, today: Today, *, overdue_only: bool = False) -> list[WorkItem]:
    """Everything due on ``children`` from every source, soonest first."""
    if isinstance(children, list) and not children:
        return []
    items = [item for source in _SOURCES for item in source(children, today, overdue_only)]
    items.sort(key=lambda i: (i.due.on, i.child.family_name, i.child.given_name, i.what))
    return items


@dataclass
class MyWork:
    items: list[WorkItem]
    today: Today

    @property
    def overdue(self) -> list[WorkItem]:
        return [i for i in self.items if i.due.overdue]

    @property
    def due_soon(self) -> list[WorkItem]:
        return [i for i in self.items if i.due.due_soon]

    @property
    def later(self) -> list[WorkItem]:
        return [i for i in self.items if i.due.state == "later"]


def _open_allocations(**filters: Any) -> dict[int, int]:
    """child id -> allocated worker id, for the open allocations matching ``filters``."""
    return dict(
        Involvement.objects.filter(kind=InvolvementKind.ALLOCATED_WORKER, ended_at__isnull=True, **filters).values_list(
            "child_id", "user_id"
        )
    )


def work_due_for(*, user: User) -> MyWork:
    """Everything due on the children allocated to ``user`` (and whose record the policy
    lets them open), soonest first."""
    today = Today.now()
    allocated = list(_open_allocations(user_id=user.pk))
    children = list(
        Person.objects.filter(policy.visible_children_q(user), pk__in=allocated).values_list("pk", flat=True)
    )
    return MyWork(due_items(children, today), today)


@dataclass
class WorkerRow:
    uuid: Any
    name: str
    job_title: str
    caseload: int
    overdue: int


def team_overview(*, user: User, caseloads: list[dict[str, Any]]) -> tuple[list[WorkerRow], list[Assessment]]:
    """For a team manager: each worker's caseload with how many pieces of work are
    overdue on their children, and the team's assessments awaiting authorisation."""
    if user.team_id is None:
        return [], []
    today = Today.now()
    allocations = _open_allocations(team_id=user.team_id)
    team_children = Involvement.objects.filter(
        kind=InvolvementKind.ALLOCATED_WORKER, ended_at__isnull=True, team_id=user.team_id
    ).values("child_id")
    overdue: dict[int, int] = {}
    for item in due_items(team_children, today, overdue_only=True):
        worker = allocations.get(item.child.pk)
        if worker is not None:
            overdue[worker] = overdue.get(worker, 0) + 1
    rows = [
        WorkerRow(
            uuid=row["uuid"],
            name=f"{row['first_name']} {row['last_name']}",
            job_title=row["job_title"],
            caseload=row["caseload"],
            overdue=overdue.get(row["pk"], 0),
        )
        for row in caseloads
    ]
    awaiting = list(
        Assessment.objects.filter(team_id=user.team_id, status=AssessmentStatus.SUBMITTED)
        .select_related("child", "submitted_by")
        .order_by("due_on")
    )
    return rows, awaiting


# --- Casework's sources ----------------------------------------------------------------------

# Only the person fields a work list shows (name, for sorting and the link's hidden text).
CHILD_FIELDS = (
    "child__uuid",
    "child__given_name",
    "child__family_name",
    "child__date_of_birth",
    "child__expected_date_of_birth",
)


def _before(name: str, today: Today, overdue_only: bool) -> Q:
    return Q(**{f"{name}__lt": today.day}) if overdue_only else Q()


@work_source
def assessments(children: Children, today: Today, overdue_only: bool) -> Iterable[WorkItem]:
    for a in (
        Assessment.objects.filter(
            _before("due_on", today, overdue_only),
            child_id__in=children,
            status__in=[AssessmentStatus.IN_PROGRESS, AssessmentStatus.SUBMITTED],
        )
        .select_related("child")
        .only("uuid", "status", "due_on", *CHILD_FIELDS)
    ):
        detail = "awaiting authorisation" if a.status == AssessmentStatus.SUBMITTED else ""
        yield WorkItem(
            "Assessment", a.child, today.due(a.due_on), "casework:assessment", (a.child.uuid, a.uuid), detail
        )


@work_source
def enquiries(children: Children, today: Today, overdue_only: bool) -> Iterable[WorkItem]:
    for e in (
        Section47Enquiry.objects.filter(
            _before("initial_conference_due", today, overdue_only), child_id__in=children, completed_on__isnull=True
        )
        .select_related("child", "strategy_discussion")
        .only("initial_conference_due", "strategy_discussion__uuid", *CHILD_FIELDS)
    ):
        yield WorkItem(
            "Section 47 enquiry (initial conference)",
            e.child,
            today.due(e.initial_conference_due),
            "casework:strategy",
            (e.child.uuid, e.strategy_discussion.uuid),
        )


@work_source
def conferences(children: Children, today: Today, overdue_only: bool) -> Iterable[WorkItem]:
    for c in (
        Conference.objects.filter(_before("due_on", today, overdue_only), child_id__in=children, held_on__isnull=True)
        .select_related("child")
        .only("uuid", "kind", "due_on", *CHILD_FIELDS)
    ):
        what = "Initial conference" if c.kind == ConferenceKind.INITIAL else "Review conference"
        yield WorkItem(what, c.child, today.due(c.due_on), "casework:conference_record", (c.child.uuid, c.uuid))


@work_source
def conference_reports(children: Children, today: Today, overdue_only: bool) -> Iterable[WorkItem]:
    """Reports invited agencies have not yet sent for a conference still to be held: the
    child's worker chases them."""
    invitations = Invitation.objects.filter(
        child_id__in=children, conference__held_on__isnull=True, report_received_on__isnull=True
    )
    if overdue_only:
        # Due two working days before the conference: at most four calendar days before.
        invitations = invitations.filter(
            conference__due_on__lt=today.day + dt.timedelta(days=CONFERENCE_REPORT_WORKING_DAYS_BEFORE + 3)
        )
    for inv in invitations.select_related("child", "agency", "conference").only(
        "agency__name", "conference__uuid", "conference__kind", "conference__due_on", *CHILD_FIELDS
    ):
        due = conference_report_due(inv.conference.due_on)
        if overdue_only and due >= today.day:
            continue
        kind = "initial" if inv.conference.kind == ConferenceKind.INITIAL else "review"
        yield WorkItem(
            f"Report from {inv.agency.name} for the {kind} conference",
            inv.child,
            today.due(due),
            "casework:conference_record",
            (inv.child.uuid, inv.conference.uuid),
        )


@work_source
def protection_plans(children: Children, today: Today, overdue_only: bool) -> Iterable[WorkItem]:
    plans = ChildProtectionPlan.objects.filter(child_id__in=children, ended_on__isnull=True)
    if overdue_only:
        plans = plans.filter(Q(next_core_group_due__lt=today.day) | Q(next_visit_due__lt=today.day))
    for p in plans.select_related("child").only("uuid", "next_core_group_due", "next_visit_due", *CHILD_FIELDS):
        for what, on in (("Core group", p.next_core_group_due), ("Statutory visit", p.next_visit_due)):
            if not overdue_only or on < today.day:
                yield WorkItem(what, p.child, today.due(on), "casework:plan", (p.child.uuid, p.uuid))


@work_source
def child_in_need_plans(children: Children, today: Today, overdue_only: bool) -> Iterable[WorkItem]:
    for cin in (
        ChildInNeedPlan.objects.filter(
            _before("next_review_due", today, overdue_only), child_id__in=children, ended_on__isnull=True
        )
        .select_related("child")
        .only("uuid", "next_review_due", *CHILD_FIELDS)
    ):
        yield WorkItem(
            "Child in need review",
            cin.child,
            today.due(cin.next_review_due),
            "casework:cin_plan",
            (cin.child.uuid, cin.uuid),
        )


@work_source
def actions(children: Children, today: Today, overdue_only: bool) -> Iterable[WorkItem]:
    for action in (
        Action.objects.filter(_before("due_on", today, overdue_only), child_id__in=children, completed_on__isnull=True)
        .select_related("child", "owner_agency", "strategy_discussion", "conference")
        .only(
            "description",
            "due_on",
            "owner_agency__name",
            "strategy_discussion__uuid",
            "conference__uuid",
            *CHILD_FIELDS,
        )
    ):
        meeting = action.strategy_discussion or action.conference
        if meeting is not None:
            name = "casework:strategy" if action.strategy_discussion_id else "casework:conference"
            target: tuple[str, tuple[Any, ...]] = (name, (action.child.uuid, meeting.uuid))
        else:
            target = ("people:child", (action.child.uuid,))
        yield WorkItem(
            "Action",
            action.child,
            today.due(action.due_on),
            *target,
            detail=f"{action.description} ({action.owner_agency.name})",
        )
