"""Helpers for case-audit tests: a quality assurance practitioner, and audits set up
through the services."""

from __future__ import annotations

import datetime as dt
from typing import Any

from safeguard.accounts import services as account_services
from safeguard.accounts.models import Role, TeamKind, User
from safeguard.conftest import PASSWORD, Cast
from safeguard.quality import selectors, services
from safeguard.quality.models import AuditRound, CaseAudit


def quality_auditor(cast: Cast, username: str = "auditor") -> User:
    """A social worker in a Quality Assurance team (a council team of kind quality)."""
    team = account_services.team_create(
        actor=cast.system, agency=cast.council, name=f"Quality Assurance {username}", kind=TeamKind.QUALITY
    )
    user, _ = account_services.user_create(
        actor=cast.system,
        username=username,
        first_name="Quinn",
        last_name="Auditor",
        email=f"{username}@example.org",
        role=Role.SOCIAL_WORKER,
        agency=cast.council,
        team=team,
        password=PASSWORD,
        must_change_password=False,
    )
    return user


def round_of(cast: Cast, auditor: User, **kwargs: Any) -> AuditRound:
    kwargs.setdefault("chosen", [cast.child])
    kwargs.setdefault("method", "chosen")
    return services.round_create(actor=cast.hos, title="Spring audit", auditors=[auditor], **kwargs)


def grade(case: CaseAudit, auditor: User, overall: int, *, serious: bool = False, actions: Any = ()) -> CaseAudit:
    return services.audit_record(
        actor=auditor,
        case=case,
        expected_version=case.version,
        grades={s.pk: (overall, "Seen in the notes") for s in selectors.standards()},
        grade=overall,
        serious_concerns=serious,
        strengths="Visits are regular.",
        improvements="The child's views are not recorded; the plan has no timescales.",
        actions=actions
        or [services.ActionInput("Record Tyler's views in his words", dt.date.today() + dt.timedelta(days=7))],
    )
