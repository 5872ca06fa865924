"""Deadlines and judgements of case audits (local practice, configurable)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings

from safeguard.lib.workingdays import add_working_days

from .codes import Grade


def round_due(drawn_on: dt.date) -> dt.date:
    """An audit round is completed within 20 working days of the sample being drawn
    (local practice; settings.CASE_AUDIT_ROUND_WORKING_DAYS)."""
    return add_working_days(drawn_on, int(getattr(settings, "CASE_AUDIT_ROUND_WORKING_DAYS", 20)))


def action_due(audited_on: dt.date) -> dt.date:
    """The default deadline for an action set by an audit: 10 working days (local
    practice; settings.CASE_AUDIT_ACTION_WORKING_DAYS). The auditor may set another."""
    return add_working_days(audited_on, int(getattr(settings, "CASE_AUDIT_ACTION_WORKING_DAYS", 10)))


def needs_escalation(grade: int | None, serious_concerns: bool) -> bool:
    """A case graded inadequate, or with serious concerns for the child's safety, goes at
    once to the team manager and head of service (issue 7 §3)."""
    return serious_concerns or grade == Grade.INADEQUATE
