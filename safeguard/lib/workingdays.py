"""Working days in England: Monday to Friday, less England and Wales bank holidays.

Every statutory timescale counted in working days is computed here and nowhere else.
The bank-holiday calendar comes from GOV.UK's published list as cached inside the
``govuk-bank-holidays`` package (no network at run time); it is refreshed by upgrading
that pinned package.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from govuk_bank_holidays.bank_holidays import BankHolidays


@lru_cache(maxsize=1)
def england_bank_holidays() -> frozenset[dt.date]:
    calendar = BankHolidays(use_cached_holidays=True)
    return frozenset(h["date"] for h in calendar.get_holidays(division=BankHolidays.ENGLAND_AND_WALES))


def is_working_day(day: dt.date) -> bool:
    return day.weekday() < 5 and day not in england_bank_holidays()


def add_working_days(start: dt.date, days: int) -> dt.date:
    """The date ``days`` working days after ``start`` (``start`` itself is day 0).

    "Within 45 working days of the referral" means on or before this date.
    """
    if days < 0:
        raise ValueError("days must not be negative")
    current = start
    remaining = days
    while remaining:
        current += dt.timedelta(days=1)
        if is_working_day(current):
            remaining -= 1
    return current


def working_days_between(start: dt.date, end: dt.date) -> int:
    """How many working days after ``start`` ``end`` falls (negative when before it)."""
    if end < start:
        return -working_days_between(end, start)
    count = 0
    current = start
    while current < end:
        current += dt.timedelta(days=1)
        if is_working_day(current):
            count += 1
    return count


def add_months(start: dt.date, months: int) -> dt.date:
    """The same day ``months`` calendar months later; the month's last day when the day
    does not exist there (31 January + 1 month = 28 or 29 February)."""
    import calendar

    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(start.day, calendar.monthrange(year, month)[1]))
