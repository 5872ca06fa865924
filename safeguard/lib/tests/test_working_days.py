from __future__ import annotations

import datetime as dt

from safeguard.lib.workingdays import add_working_days, is_working_day, working_days_between


def test_it_skips_weekends() -> None:
    friday = dt.date(2026, 11, 20)
    assert add_working_days(friday, 1) == dt.date(2026, 11, 23)


def test_it_skips_england_bank_holidays_at_christmas() -> None:
    # 25 and 28 December 2026 are bank holidays (Boxing Day falls on a Saturday).
    assert not is_working_day(dt.date(2026, 12, 25))
    assert not is_working_day(dt.date(2026, 12, 28))
    assert add_working_days(dt.date(2026, 12, 24), 1) == dt.date(2026, 12, 29)


def test_it_counts_45_working_days_for_an_assessment() -> None:
    referral = dt.date(2026, 3, 2)
    due = add_working_days(referral, 45)
    assert due == dt.date(2026, 5, 7)  # Good Friday, Easter Monday and 4 May fall between
    assert working_days_between(referral, due) == 45


def test_day_zero_is_the_start() -> None:
    assert add_working_days(dt.date(2026, 11, 23), 0) == dt.date(2026, 11, 23)
    assert working_days_between(dt.date(2026, 11, 25), dt.date(2026, 11, 23)) == -2
