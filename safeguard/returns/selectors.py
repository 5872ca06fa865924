"""Reads of the returns context: the runs, and a run's findings as the viewer may see them
(``returns.policy``): named and linked for children the viewer may open, pseudonymised for
producers otherwise, left out for everyone else. Showing a named finding is a view of the
child's data, recorded as ``person.viewed``."""

from __future__ import annotations

import hashlib
import hmac
import uuid as uuid_lib
from collections import Counter
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse

from safeguard.access import policy as access_policy
from safeguard.access.enforce import require
from safeguard.accounts.models import User
from safeguard.audit import services as audit
from safeguard.audit.models import EventType
from safeguard.lib.errors import NotVisible
from safeguard.people.models import Person

from . import policy
from .codes import IssueType, ReturnKind, RunStatus
from .models import ReturnRun

FINDINGS_SHOWN = 500


def runs_visible_to(*, user: User, kind: str | None = None) -> QuerySet[ReturnRun]:
    require(policy.can_view_return_findings(user), actor=user, action="returns_list")
    runs = ReturnRun.objects.select_related("requested_by").defer("content")
    return runs.filter(kind=kind) if kind else runs


def run_get_for(*, user: User, run_uuid: uuid_lib.UUID) -> ReturnRun:
    require(policy.can_view_return_findings(user), actor=user, action="return_view")
    try:
        return ReturnRun.objects.select_related("requested_by").defer("content").get(uuid=run_uuid)
    except ReturnRun.DoesNotExist:
        raise NotVisible from None


def pseudonym(la_child_id: str) -> str:
    """A stable code for a child in an analyst's view: the same child always gets the same
    code, and the code cannot be turned back into the child's identifier without the key."""
    digest = hmac.new(settings.SECRET_KEY.encode(), f"returns:{la_child_id}".encode(), hashlib.sha256).hexdigest()
    return f"P-{digest[:10].upper()}"


@dataclass(frozen=True)
class FindingRow:
    rule_code: str
    issue_type: str
    message: str
    field: str
    table: str
    # Named and linked when the viewer may open the child; otherwise only ``pseudonym``.
    child_name: str = ""
    child_reference: str = ""
    child_url: str = ""
    pseudonym: str = ""


@dataclass(frozen=True)
class Findings:
    rows: list[FindingRow]
    hidden: int  # findings about children this viewer may not see
    truncated: bool
    by_rule: list[tuple[str, str, str, int]]  # code, type, message, count (among those shown)


def findings_for(*, user: User, run: ReturnRun, only_errors: bool = False) -> Findings:
    """The run's findings this viewer may see, errors first, and a count of the rest."""
    require(policy.can_view_return_findings(user), actor=user, action="return_findings", subject=run)
    issues = run.issues.all().order_by("issue_type", "rule_code", "return_child_id", "pk")
    if only_errors:
        issues = issues.filter(issue_type=IssueType.ERROR)
    child_ids = set(issues.exclude(child__isnull=True).values_list("child_id", flat=True))
    visible = set(
        Person.objects.filter(access_policy.visible_children_q(user), pk__in=child_ids).values_list("pk", flat=True)
    )
    pseudonymise = policy.sees_pseudonymised_rows(user)
    whole_return = policy.sees_return_level_findings(user)
    people = {
        p.pk: p
        for p in Person.objects.filter(pk__in=visible).only(
            "pk", "uuid", "la_id", "given_name", "family_name", "date_of_birth", "expected_date_of_birth"
        )
    }
    rows: list[FindingRow] = []
    hidden = 0
    shown_children: dict[int, Person] = {}
    for issue in issues.iterator():
        base = {
            "rule_code": issue.rule_code,
            "issue_type": issue.issue_type,
            "message": issue.message,
            "field": issue.field,
            "table": issue.table,
        }
        if issue.child_id is None and not issue.return_child_id:
            if whole_return:
                rows.append(FindingRow(**base))
            else:
                hidden += 1
        elif issue.child_id in visible:
            person = people[issue.child_id]
            shown_children[person.pk] = person
            rows.append(
                FindingRow(
                    **base,
                    child_name=person.full_name,
                    child_reference=person.la_id,
                    child_url=reverse("people:child", args=[person.uuid]),
                )
            )
        elif pseudonymise:
            rows.append(FindingRow(**base, pseudonym=pseudonym(issue.return_child_id)))
        else:
            hidden += 1
    if shown_children:
        with transaction.atomic():
            for person in shown_children.values():
                audit.record(
                    actor=user,
                    event_type=EventType.PERSON_VIEWED,
                    subject=person,
                    child=person,
                    reason="Return validation findings",
                    data={"extra": {"purpose": "return_findings", "run": str(run.uuid)}},
                )
    counts = Counter((r.rule_code, r.issue_type, r.message) for r in rows)
    by_rule = sorted(((c, t, m, n) for (c, t, m), n in counts.items()), key=lambda x: (x[1], x[0]))
    return Findings(rows=rows[:FINDINGS_SHOWN], hidden=hidden, truncated=len(rows) > FINDINGS_SHOWN, by_rule=by_rule)


def latest_validated_runs(*, user: User) -> list[ReturnRun]:
    """The most recent validated run of each return, for a practitioner's list of what to fix."""
    require(policy.can_view_return_findings(user), actor=user, action="returns_latest")
    latest = []
    for kind in ReturnKind.values:
        run = (
            ReturnRun.objects.filter(kind=kind, status=RunStatus.DONE, validated_at__isnull=False)
            .defer("content")
            .order_by("-validated_at")
            .first()
        )
        if run is not None:
            latest.append(run)
    return latest
