"""The early help timescales and checks (rules.py), one test per rule."""

from __future__ import annotations

import datetime as dt

from safeguard.early_help import rules

TODAY = dt.date(2026, 11, 24)  # a Tuesday


def test_it_gives_the_assessment_45_working_days_skipping_bank_holidays() -> None:
    # 45 working days from Monday 1 December 2025 crosses Christmas and New Year.
    assert rules.assessment_due(dt.date(2025, 12, 1)) == dt.date(2026, 2, 5)
    assert rules.assessment_due(dt.date(2026, 6, 1)) == dt.date(2026, 8, 3)


def test_it_calls_an_assessment_overdue_only_after_its_last_day() -> None:
    started = dt.date(2026, 6, 1)
    assert not rules.assessment_overdue(started_on=started, completed_on=None, today=dt.date(2026, 8, 3))
    assert rules.assessment_overdue(started_on=started, completed_on=None, today=dt.date(2026, 8, 4))
    assert not rules.assessment_overdue(started_on=started, completed_on=dt.date(2026, 8, 4), today=TODAY)
    assert not rules.assessment_overdue(started_on=None, completed_on=None, today=TODAY)


def test_it_moves_a_review_falling_on_a_weekend_or_bank_holiday_to_the_next_working_day() -> None:
    assert rules.next_review_due(dt.date(2026, 11, 24), 6) == dt.date(2027, 1, 5)  # a Tuesday
    assert rules.next_review_due(dt.date(2026, 11, 21), 6) == dt.date(2027, 1, 4)  # Sat 2 Jan -> Mon 4 Jan
    assert rules.next_review_due(dt.date(2026, 3, 3), 8) == dt.date(2026, 4, 28)


def test_it_allows_review_intervals_of_6_to_12_weeks_only() -> None:
    assert rules.review_weeks_problem(6) == ""
    assert rules.review_weeks_problem(12) == ""
    assert "6 to 12 weeks" in rules.review_weeks_problem(5)
    assert "6 to 12 weeks" in rules.review_weeks_problem(13)
    assert rules.review_weeks_problem(None)


def test_it_refuses_a_start_in_the_future_or_before_the_decision() -> None:
    assert (
        "future"
        in rules.start_problems(started_on=TODAY + dt.timedelta(days=1), earliest=None, today=TODAY, lead_name="A")[
            "started_on"
        ]
    )
    problems = rules.start_problems(
        started_on=dt.date(2026, 11, 1), earliest=dt.date(2026, 11, 2), today=TODAY, lead_name=""
    )
    assert "2 November 2026" in problems["started_on"]
    assert "lead practitioner" in problems["lead_name"]


def test_it_asks_for_the_assessment_start_and_organisation_annex_a_requires() -> None:
    problems = rules.assessment_problems(
        episode_started_on=dt.date(2026, 11, 2),
        started_on=None,
        completed_on=None,
        organisation="",
        needs="",
        today=TODAY,
    )
    assert set(problems) == {"started_on", "organisation"}


def test_it_refuses_an_assessment_completed_before_it_started_or_without_the_needs() -> None:
    problems = rules.assessment_problems(
        episode_started_on=dt.date(2026, 11, 2),
        started_on=dt.date(2026, 11, 10),
        completed_on=dt.date(2026, 11, 9),
        organisation="Family hub",
        needs="",
        today=TODAY,
    )
    assert problems["completed_on"] == "The assessment cannot be completed before it started."
    assert "needs help with" in problems["needs"]
    early = rules.assessment_problems(
        episode_started_on=dt.date(2026, 11, 2),
        started_on=dt.date(2026, 11, 1),
        completed_on=None,
        organisation="Hub",
        needs="",
        today=TODAY,
    )
    assert "2 November 2026" in early["started_on"]


def test_it_agrees_a_plan_only_after_the_completed_assessment() -> None:
    assert (
        "completed assessment"
        in rules.plan_problems(plan_agreed_on=TODAY, plan="x", assessment_completed_on=None, today=TODAY)[
            "plan_agreed_on"
        ]
    )
    assert (
        "before the assessment"
        in rules.plan_problems(
            plan_agreed_on=dt.date(2026, 11, 1), plan="x", assessment_completed_on=dt.date(2026, 11, 2), today=TODAY
        )["plan_agreed_on"]
    )
    assert rules.plan_problems(plan_agreed_on=TODAY, plan="", assessment_completed_on=TODAY, today=TODAY) == {
        "plan": "Write the plan: what will be done, by whom and by when."
    }
    assert rules.plan_problems(plan_agreed_on=None, plan="", assessment_completed_on=None, today=TODAY) == {}


def test_it_keeps_the_next_review_within_12_weeks() -> None:
    base = {"plan_agreed_on": dt.date(2026, 10, 1), "attended": "Mum, school", "progress": "Better", "today": TODAY}
    assert rules.review_problems(held_on=TODAY, next_review_on=TODAY + dt.timedelta(weeks=12), **base) == {}
    too_far = rules.review_problems(held_on=TODAY, next_review_on=TODAY + dt.timedelta(weeks=13), **base)
    assert "every 12 weeks" in too_far["next_review_on"]
    assert "after this one" in rules.review_problems(held_on=TODAY, next_review_on=TODAY, **base)["next_review_on"]
    assert (
        "before the plan" in rules.review_problems(held_on=dt.date(2026, 9, 1), next_review_on=None, **base)["held_on"]
    )
    no_plan = rules.review_problems(
        held_on=TODAY, plan_agreed_on=None, next_review_on=None, attended="", progress="", today=TODAY
    )
    assert set(no_plan) == {"held_on", "attended", "progress"}


def test_it_asks_why_for_every_closure_but_needs_met() -> None:
    args = {
        "closed_on": TODAY,
        "started_on": dt.date(2026, 9, 1),
        "outcomes": ["needs_met", "step_up", "declined"],
        "today": TODAY,
    }
    assert rules.closure_problems(outcome="needs_met", detail="", **args) == {}
    assert "MASH" in rules.closure_problems(outcome="step_up", detail="", **args)["outcome_detail"]
    assert "why" in rules.closure_problems(outcome="declined", detail="", **args)["outcome_detail"]
    assert "Choose" in rules.closure_problems(outcome="", detail="", **args)["outcome"]
    before = rules.closure_problems(**{**args, "closed_on": dt.date(2026, 8, 1)}, outcome="needs_met", detail="")
    assert "1 September 2026" in before["closed_on"]
