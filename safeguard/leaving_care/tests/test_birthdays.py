"""Where each OC3 birthday return (17th to 21st) stands today. Pure: unsaved records."""

from __future__ import annotations

import datetime as dt

from safeguard.leaving_care.eligibility import Period
from safeguard.leaving_care.models import KeepInTouch
from safeguard.leaving_care.selectors import birthdays_for

D = dt.date
DOB = D(2008, 3, 10)


def _states(periods: list[Period], records: list[KeepInTouch], today: dt.date) -> dict[int, str]:
    return {b.age: b.state for b in birthdays_for(DOB, periods, records, today)}


def test_it_leaves_out_a_past_birthday_spent_in_care_but_not_one_to_come() -> None:
    in_care = [Period(D(2023, 1, 1), None, "C2")]
    states = _states(in_care, [], D(2025, 12, 20))
    assert states[17] == "not_reported"
    assert states[18] == "due"  # the window opened on 10 December 2025; leaving care at 18 is still possible
    assert states[19] == "upcoming"


def test_it_marks_recorded_missed_and_due_returns() -> None:
    left = [Period(D(2023, 1, 1), D(2025, 1, 1), "C2", "E5")]
    records = [KeepInTouch(contacted_on=D(2026, 3, 1), in_touch="YES", birthday_age=18)]
    states = _states(left, records, D(2027, 2, 1))
    assert states == {17: "missed", 18: "recorded", 19: "due", 20: "upcoming", 21: "upcoming"}
    assert _states(left, records, D(2027, 4, 11))[19] == "missed"  # closed on 10 April 2027


def test_it_stops_the_returns_after_a_young_person_died() -> None:
    left = [Period(D(2023, 1, 1), D(2025, 1, 1), "C2", "E5")]
    records = [KeepInTouch(contacted_on=D(2026, 6, 1), in_touch="DIED", birthday_age=None)]
    states = _states(left, records, D(2027, 2, 1))
    assert states[19] == "not_reported" and states[20] == "not_reported"
