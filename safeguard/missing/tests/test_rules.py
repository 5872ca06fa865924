"""The missing-episode rules: the 72-hour return interview, overlap, repeats."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import override_settings

from safeguard.missing import rules

UTC = dt.UTC


def at(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=UTC)


@pytest.mark.parametrize(
    ("returned", "due"),
    [
        (at(2026, 3, 2, 10, 0), at(2026, 3, 5, 10, 0)),  # a Monday: plain 72 hours
        (at(2026, 3, 6, 22, 30), at(2026, 3, 9, 22, 30)),  # Friday night: weekends count
        (at(2026, 12, 24, 18, 0), at(2026, 12, 27, 18, 0)),  # over Christmas bank holidays
        (at(2026, 12, 30, 12, 0), at(2027, 1, 2, 12, 0)),  # across the year end
        (at(2028, 2, 27, 9, 0), at(2028, 3, 1, 9, 0)),  # leap year: 29 February counts
        (at(2027, 2, 27, 9, 0), at(2027, 3, 2, 9, 0)),  # not a leap year
    ],
)
def test_it_makes_the_return_interview_due_72_clock_hours_after_the_return(
    returned: dt.datetime, due: dt.datetime
) -> None:
    assert rules.return_interview_due(returned) == due


def test_it_flags_an_interview_overdue_only_when_neither_held_nor_declined() -> None:
    due = at(2026, 3, 5, 10, 0)
    after = at(2026, 3, 5, 10, 1)
    assert rules.return_interview_overdue(due=due, held_at=None, declined=False, now=after)
    assert not rules.return_interview_overdue(due=due, held_at=None, declined=False, now=due)
    assert not rules.return_interview_overdue(due=due, held_at=at(2026, 3, 6), declined=False, now=after)
    assert not rules.return_interview_overdue(due=due, held_at=None, declined=True, now=after)
    assert not rules.return_interview_overdue(due=None, held_at=None, declined=False, now=after)


def test_it_finds_overlapping_periods_including_open_ones() -> None:
    a, b, c, d = at(2026, 1, 1), at(2026, 1, 2), at(2026, 1, 3), at(2026, 1, 4)
    assert rules.periods_overlap(a, c, b, d)
    assert not rules.periods_overlap(a, b, b, c)  # end touching start is not overlap
    assert not rules.periods_overlap(a, b, c, d)
    assert rules.periods_overlap(c, None, a, d)  # open period
    assert rules.periods_overlap(a, b, a, None)
    assert not rules.periods_overlap(a, b, c, None)


def test_it_counts_three_episodes_as_repeated_by_default() -> None:
    assert not rules.is_repeatedly_missing(2)
    assert rules.is_repeatedly_missing(3)
    with override_settings(MISSING_REPEAT_THRESHOLD=5):
        assert not rules.is_repeatedly_missing(4)


def test_it_prompts_a_strategy_meeting_after_three_episodes_in_thirty_days() -> None:
    now = at(2026, 3, 31)
    assert rules.strategy_meeting_prompted([at(2026, 3, 2), at(2026, 3, 10), at(2026, 3, 30)], now)
    assert not rules.strategy_meeting_prompted([at(2026, 2, 28), at(2026, 3, 10), at(2026, 3, 30)], now)
