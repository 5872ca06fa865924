"""Timescales and checks of early help. Early help is non-statutory: Working Together to
Safeguard Children 2023 (chapter 2, "Early help") asks for a lead practitioner, an
assessment and a plan that is reviewed, and leaves the timescales to the local
partnership. The ones Safeguard uses are local choices [L], named here so that an
authority with different ones changes one place; each check returns the user's words."""

from __future__ import annotations

import datetime as dt

from safeguard.lib.workingdays import add_working_days, is_working_day

# The early help assessment is completed within 45 working days of its start, the same
# timescale as the statutory child and family assessment (Working Together 2023, chapter 2),
# which most local early help assessment procedures adopt [L].
ASSESSMENT_WORKING_DAYS = 45
# The family's plan is reviewed at a team around the family (TAF) meeting at least every
# 6 to 12 weeks; the lead practitioner and the family choose the interval within that
# range, and the first review falls the chosen interval after the plan is agreed [L].
REVIEW_WEEKS_MIN = 6
REVIEW_WEEKS_MAX = 12
REVIEW_WEEKS_DEFAULT = 6


def assessment_due(started_on: dt.date) -> dt.date:
    """The last day for completing an early help assessment started on ``started_on``."""
    return add_working_days(started_on, ASSESSMENT_WORKING_DAYS)


def assessment_overdue(*, started_on: dt.date | None, completed_on: dt.date | None, today: dt.date) -> bool:
    """Overdue: started, not completed, and past its 45th working day."""
    return started_on is not None and completed_on is None and today > assessment_due(started_on)


def _next_working_day(day: dt.date) -> dt.date:
    while not is_working_day(day):
        day += dt.timedelta(days=1)
    return day


def next_review_due(from_day: dt.date, weeks: int) -> dt.date:
    """The next review: ``weeks`` calendar weeks after the plan was agreed or last
    reviewed, moved to the next working day when that is a weekend or bank holiday."""
    return _next_working_day(from_day + dt.timedelta(weeks=weeks))


def review_weeks_problem(weeks: int | None) -> str:
    if weeks is None or not REVIEW_WEEKS_MIN <= weeks <= REVIEW_WEEKS_MAX:
        return f"Reviews are held every {REVIEW_WEEKS_MIN} to {REVIEW_WEEKS_MAX} weeks: choose a number in that range."
    return ""


def _when(day: dt.date) -> str:
    return f"{day:%-d %B %Y}"


def start_problems(*, started_on: dt.date, earliest: dt.date | None, today: dt.date, lead_name: str) -> dict[str, str]:
    """Starting an episode: the day it starts, not before what it started from (the
    contact, or the step-down), and a named lead practitioner."""
    errors: dict[str, str] = {}
    if started_on > today:
        errors["started_on"] = "The date early help started cannot be in the future."
    elif earliest is not None and started_on < earliest:
        errors["started_on"] = f"Early help cannot start before the decision it comes from ({_when(earliest)})."
    if not lead_name.strip():
        errors["lead_name"] = "Name the lead practitioner who will coordinate the help."
    return errors


def assessment_problems(
    *,
    episode_started_on: dt.date,
    started_on: dt.date | None,
    completed_on: dt.date | None,
    organisation: str,
    needs: str,
    today: dt.date,
) -> dict[str, str]:
    """The early help assessment: a start date (Annex A List 2 requires it) on or after
    the episode's start, an organisation completing it (required in List 2), and, once
    completed, a completion date not before the start and the needs it found."""
    errors: dict[str, str] = {}
    if started_on is None:
        errors["started_on"] = "Enter the date the assessment started."
    elif started_on > today:
        errors["started_on"] = "The date the assessment started cannot be in the future."
    elif started_on < episode_started_on:
        errors["started_on"] = f"The assessment cannot start before early help started ({_when(episode_started_on)})."
    if completed_on is not None:
        if completed_on > today:
            errors["completed_on"] = "The date the assessment was completed cannot be in the future."
        elif started_on is not None and completed_on < started_on:
            errors["completed_on"] = "The assessment cannot be completed before it started."
        if not needs.strip():
            errors["needs"] = "Say what the assessment found the family needs help with."
    if not organisation.strip():
        errors["organisation"] = "Say which organisation is completing the assessment."
    return errors


def plan_problems(
    *, plan_agreed_on: dt.date | None, plan: str, assessment_completed_on: dt.date | None, today: dt.date
) -> dict[str, str]:
    """The family's plan is agreed after the assessment is completed, and says what will
    be done."""
    errors: dict[str, str] = {}
    if plan_agreed_on is None:
        return errors
    if assessment_completed_on is None:
        errors["plan_agreed_on"] = "Record the completed assessment before the plan is agreed."
    elif plan_agreed_on < assessment_completed_on:
        errors["plan_agreed_on"] = (
            f"The plan cannot be agreed before the assessment was completed ({_when(assessment_completed_on)})."
        )
    elif plan_agreed_on > today:
        errors["plan_agreed_on"] = "The date the plan was agreed cannot be in the future."
    if not plan.strip():
        errors["plan"] = "Write the plan: what will be done, by whom and by when."
    return errors


def review_problems(
    *,
    held_on: dt.date,
    plan_agreed_on: dt.date | None,
    next_review_on: dt.date | None,
    attended: str,
    progress: str,
    today: dt.date,
) -> dict[str, str]:
    """A review of the plan: after the plan was agreed, not in the future, and the next
    one set within the 6 to 12 weeks the plan allows."""
    errors: dict[str, str] = {}
    if plan_agreed_on is None:
        errors["held_on"] = "Agree the family's plan before recording a review of it."
    elif held_on < plan_agreed_on:
        errors["held_on"] = f"A review cannot be held before the plan was agreed ({_when(plan_agreed_on)})."
    elif held_on > today:
        errors["held_on"] = "The date of the meeting cannot be in the future."
    if not attended.strip():
        errors["attended"] = "Say who came: the family and each practitioner, with their agency."
    if not progress.strip():
        errors["progress"] = "Say what has changed for the family since the plan was agreed or last reviewed."
    if next_review_on is not None:
        latest = next_review_due(held_on, REVIEW_WEEKS_MAX)
        if next_review_on <= held_on:
            errors["next_review_on"] = "The next review must be after this one."
        elif next_review_on > latest:
            errors["next_review_on"] = (
                f"The plan is reviewed at least every {REVIEW_WEEKS_MAX} weeks: set the next review by {_when(latest)}."
            )
    return errors


def closure_problems(
    *, closed_on: dt.date, started_on: dt.date, outcome: str, detail: str, outcomes: list[str], today: dt.date
) -> dict[str, str]:
    """Closing: a date not before the start nor in the future, an outcome, and the reason
    in words for every outcome but "needs met"."""
    errors: dict[str, str] = {}
    if closed_on > today:
        errors["closed_on"] = "The closure date cannot be in the future."
    elif closed_on < started_on:
        errors["closed_on"] = f"Early help cannot close before it started ({_when(started_on)})."
    if outcome not in outcomes:
        errors["outcome"] = "Choose why early help is ending."
    elif outcome != "needs_met" and not detail.strip():
        errors["outcome_detail"] = (
            "Say what the concern is, for the MASH to read."
            if outcome == "step_up"
            else "Say why early help is ending."
        )
    return errors
