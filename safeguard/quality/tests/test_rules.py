import datetime as dt

from safeguard.quality import rules
from safeguard.quality.codes import Grade


def test_it_gives_a_round_twenty_working_days_over_bank_holidays() -> None:
    # Thu 18 Dec 2025: Christmas Day, Boxing Day and New Year's Day are not working days.
    assert rules.round_due(dt.date(2025, 12, 18)) == dt.date(2026, 1, 20)


def test_it_counts_action_deadlines_from_a_weekend_and_over_a_leap_day() -> None:
    assert rules.action_due(dt.date(2028, 2, 19)) == dt.date(2028, 3, 3)  # Saturday; 29 Feb 2028 is a Tuesday
    assert rules.action_due(dt.date(2026, 12, 31)) == dt.date(2027, 1, 15)


def test_it_escalates_inadequate_or_serious_concerns_only() -> None:
    assert rules.needs_escalation(Grade.INADEQUATE, False)
    assert rules.needs_escalation(Grade.GOOD, True)
    assert not rules.needs_escalation(Grade.REQUIRES_IMPROVEMENT, False)
