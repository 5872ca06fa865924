"""Each casework timescale on its own, with weekends, bank holidays and year ends."""

from __future__ import annotations

import datetime as dt

from safeguard.casework import rules
from safeguard.lib.workingdays import add_months


def test_an_assessment_is_due_45_working_days_after_the_referral() -> None:
    # Good Friday (3 April), Easter Monday (6 April) and 4 May 2026 fall in between.
    assert rules.assessment_due(dt.date(2026, 3, 2)) == dt.date(2026, 5, 7)


def test_an_assessment_straddling_christmas_skips_three_bank_holidays() -> None:
    # 25, 28 December 2026 and 1 January 2027 are bank holidays.
    assert rules.assessment_due(dt.date(2026, 12, 1)) == dt.date(2027, 2, 5)


def test_the_initial_conference_is_due_15_working_days_after_the_strategy_discussion() -> None:
    assert rules.initial_conference_due(dt.date(2026, 11, 23)) == dt.date(2026, 12, 14)
    # Over Christmas and New Year.
    assert rules.initial_conference_due(dt.date(2026, 12, 18)) == dt.date(2027, 1, 13)


def test_a_strategy_discussion_on_a_friday_counts_from_the_monday() -> None:
    assert rules.initial_conference_due(dt.date(2026, 11, 20)) == dt.date(2026, 12, 11)


def test_the_first_core_group_is_due_10_working_days_after_the_initial_conference() -> None:
    assert rules.first_core_group_due(dt.date(2026, 12, 14)) == dt.date(2026, 12, 30)


def test_review_conferences_at_three_then_six_months_clamped_to_month_end() -> None:
    assert rules.first_review_conference_due(dt.date(2026, 11, 30)) == dt.date(2027, 2, 28)
    assert rules.next_review_conference_due(dt.date(2027, 2, 28)) == dt.date(2027, 8, 28)
    assert rules.first_review_conference_due(dt.date(2027, 11, 30)) == dt.date(2028, 2, 29)  # leap year


def test_core_groups_then_every_six_weeks_and_visits_every_ten_working_days() -> None:
    assert rules.next_core_group_due(dt.date(2026, 12, 30)) == dt.date(2027, 2, 10)
    assert rules.protection_visit_due(dt.date(2026, 12, 21)) == dt.date(2027, 1, 7)


def test_child_in_need_plans_are_reviewed_every_twelve_weeks() -> None:
    assert rules.cin_review_due(dt.date(2026, 11, 23)) == dt.date(2027, 2, 15)


def test_second_and_repeat_plans() -> None:
    start = dt.date(2026, 11, 23)
    assert not rules.is_second_or_subsequent_plan([], start)
    assert rules.is_second_or_subsequent_plan([dt.date(2019, 1, 1)], start)
    assert rules.is_repeat_within_two_years([dt.date(2024, 11, 23)], start)
    assert not rules.is_repeat_within_two_years([dt.date(2024, 11, 22)], start)


def test_a_plan_lasting_two_years() -> None:
    assert rules.plan_lasted_two_years(dt.date(2024, 2, 29), dt.date(2026, 2, 28))
    assert not rules.plan_lasted_two_years(dt.date(2024, 3, 1), dt.date(2026, 2, 28))


def test_add_months_keeps_the_day_or_takes_the_month_end() -> None:
    assert add_months(dt.date(2026, 1, 31), 1) == dt.date(2026, 2, 28)
    assert add_months(dt.date(2026, 12, 15), 1) == dt.date(2027, 1, 15)
