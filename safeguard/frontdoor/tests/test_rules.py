from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from safeguard.frontdoor import rules

LONDON = ZoneInfo("Europe/London")


def at(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=LONDON)


def test_a_decision_is_due_by_the_same_time_next_working_day() -> None:
    assert rules.contact_decision_due(at(2026, 11, 23, 14, 30)) == at(2026, 11, 24, 14, 30)


def test_a_friday_contact_is_due_on_monday() -> None:
    assert rules.contact_decision_due(at(2026, 11, 20, 16, 0)) == at(2026, 11, 23, 16, 0)


def test_a_weekend_contact_starts_its_clock_at_nine_on_monday() -> None:
    assert rules.contact_decision_due(at(2026, 11, 21, 23, 15)) == at(2026, 11, 24, 9, 0)


def test_bank_holidays_do_not_count() -> None:
    # Thursday 24 December 2026: Christmas Day and the substitute Boxing Day holiday follow.
    assert rules.contact_decision_due(at(2026, 12, 24, 10, 0)) == at(2026, 12, 29, 10, 0)


def test_red_information_is_due_in_hours_and_amber_next_working_day() -> None:
    rated = at(2026, 11, 20, 15, 0)
    assert rules.information_due(rated, "red") == at(2026, 11, 20, 19, 0)
    assert rules.information_due(rated, "amber") == at(2026, 11, 23, 15, 0)
    assert rules.information_due(rated, "green") == at(2026, 11, 25, 15, 0)
    assert rules.information_due(rated, "blue") is None


def test_a_referral_within_twelve_months_is_a_re_referral() -> None:
    assert rules.is_re_referral(dt.date(2026, 11, 23), [dt.date(2025, 11, 23)])
    assert not rules.is_re_referral(dt.date(2026, 11, 24), [dt.date(2025, 11, 23)])
    assert not rules.is_re_referral(dt.date(2026, 11, 23), [])
    assert rules.is_re_referral(dt.date(2025, 2, 28), [dt.date(2024, 2, 29)])
