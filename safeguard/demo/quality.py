"""The demo's case audits: last quarter's round, completed and closed, with grades across
the four-point scale, an inadequate case still escalated to its team manager and the head
of service, one escalation already resolved, and actions for workers; and this month's
open round of cases waiting for the quality assurance practitioner (``auditor``, moved into
a Quality Assurance team made here, as the demo's list of teams has none).
Everything goes through the quality services, so it is audited like real work."""

from __future__ import annotations

import datetime as dt
import random

from django.core.exceptions import ValidationError
from django.utils import timezone

from safeguard.accounts import services as account_services
from safeguard.accounts.models import Role, Team, TeamKind, User
from safeguard.lib.workingdays import add_working_days
from safeguard.quality import selectors, services
from safeguard.quality.codes import Grade

STRENGTHS = (
    "Visits are regular and purposeful; the worker knows the child well and the family trusts them.",
    "Partners attend core groups and share information; the school's observations shape the plan.",
    "The assessment uses the history well and reaches a clear view of the child's daily life.",
)
IMPROVEMENTS = {
    Grade.OUTSTANDING: "Keep the chronology up to date after each significant event.",
    Grade.GOOD: "Record the child's words directly rather than summarising them.",
    Grade.REQUIRES_IMPROVEMENT: "The plan lacks timescales and does not say what will happen if things do not change.",
    Grade.INADEQUATE: "The child has not been seen alone for three months despite new concerns from school; "
    "the plan has not been reviewed and there is no management oversight recorded.",
}
ACTIONS = {
    Grade.REQUIRES_IMPROVEMENT: "Rewrite the plan with specific outcomes, owners and timescales",
    Grade.INADEQUATE: "See the child alone within 5 working days and record their wishes and feelings",
}


def _quality_team(actor: User, auditor: User) -> None:
    """The demo authority's teams list has no quality assurance team: make one and move the
    quality assurance practitioner into it (what gives them the auditor's access)."""
    if auditor.team is not None and auditor.team.kind == TeamKind.QUALITY:
        return
    team = Team.objects.filter(agency=auditor.agency, kind=TeamKind.QUALITY).first()
    if team is None:
        assert auditor.agency is not None
        team = account_services.team_create(
            actor=actor, agency=auditor.agency, name="Quality Assurance", kind=TeamKind.QUALITY
        )
    account_services.user_update(actor=actor, user=auditor, team=team)
    auditor.refresh_from_db()


def seed_quality(*, actor: User, seed: int, children: int) -> dict[str, int]:
    hos = User.objects.filter(role=Role.HEAD_OF_SERVICE, is_active=True).order_by("pk").first()
    auditor = User.objects.filter(username="auditor").select_related("team", "agency").first()
    if hos is None or auditor is None:
        return {}
    _quality_team(actor, auditor)
    rng = random.Random(seed * 131)
    managers = list(
        User.objects.filter(
            role=Role.TEAM_MANAGER, is_active=True, team__kind__in=["assessment", "child_protection"]
        ).order_by("pk")
    )
    today = timezone.localdate()
    counts = {"rounds": 0, "audited": 0, "escalated": 0, "resolved": 0, "waiting": 0}
    try:
        last = services.round_create(
            actor=hos,
            title="Quarterly practice audit",
            method="stratified",
            per_stratum=1,
            auditors=[auditor, *managers],
            seed=seed,
            due_on=add_working_days(today - dt.timedelta(days=40), 20),
        )
    except ValidationError:  # no children the service is working with: nothing to audit
        return {}
    counts["rounds"] += 1
    standards = selectors.standards()
    cases = list(last.audits.select_related("auditor", "child", "team"))
    # Two inadequate cases in front-line teams: the first stays escalated to its team
    # manager and the head of service; the second has been resolved.
    front_line = [c for c in cases if c.team is not None and c.team.kind in ("assessment", "child_protection")]
    flagged = (front_line or cases)[:2]
    still_open, resolved = flagged[0].pk, flagged[-1].pk if len(flagged) > 1 else None
    inadequate = {c.pk for c in flagged}
    for n, case in enumerate(cases):
        if case.pk in inadequate:
            grade = Grade.INADEQUATE
        else:
            grade = rng.choices([Grade.OUTSTANDING, Grade.GOOD, Grade.REQUIRES_IMPROVEMENT], [1, 5, 4])[0]
        audited_on = today - dt.timedelta(days=rng.randint(5, 80))
        # Standards vary a little around the overall grade; an inadequate case fails the
        # child's voice outright.
        grades = {s.pk: (min(4, max(1, grade + rng.choice([-1, 0, 0, 1]))), "") for s in standards}
        if grade == Grade.INADEQUATE:
            grades.update(
                {
                    s.pk: (Grade.INADEQUATE, "Not seen alone; no record of their views.")
                    for s in standards
                    if s.title == "The child's voice is heard"
                }
            )
        action = ACTIONS.get(Grade(grade))
        done = services.audit_record(
            actor=case.auditor,
            case=case,
            expected_version=case.version,
            grades=grades,
            grade=grade,
            serious_concerns=False,
            strengths=rng.choice(STRENGTHS),
            improvements=IMPROVEMENTS[Grade(grade)],
            actions=[services.ActionInput(action, add_working_days(today, 5 + n % 5))]
            if action and case.worker_id
            else [],
            audited_on=audited_on,
        )
        counts["audited"] += 1
        if done.is_escalated:
            counts["escalated"] += 1
            if done.pk == resolved and done.pk != still_open:
                services.escalation_resolve(
                    actor=hos,
                    case=done,
                    resolution="The child was seen alone the next day; a strategy discussion was held and the plan "
                    "was reviewed with the family and the school.",
                    expected_version=done.version,
                )
                counts["resolved"] += 1
    services.round_close(actor=hos, audit_round=last)
    current = services.round_create(
        actor=hos,
        title="This month's audit",
        method="random",
        size=min(6, max(2, children // 60)),
        auditors=[auditor],
        seed=seed + 1,
    )
    counts["rounds"] += 1
    counts["waiting"] = current.audits.count()
    return counts
