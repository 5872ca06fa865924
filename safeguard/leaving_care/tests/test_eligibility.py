"""Eligibility for leaving-care support, worked out from the care history alone
(shared/domain.md §2.7). Pure: no database."""

from __future__ import annotations

import datetime as dt

from safeguard.leaving_care.eligibility import (
    ELIGIBLE,
    FORMER_RELEVANT,
    QUALIFYING,
    RELEVANT,
    Period,
    age_on,
    assess,
    birthday,
    first_eligible_day,
)

DOB = dt.date(2008, 3, 10)  # 14 on 10 Mar 2022, 16 on 10 Mar 2024, 18 on 10 Mar 2026, 21 on 10 Mar 2029
D = dt.date


def test_it_counts_birthdays_of_a_leap_day_child_on_28_february() -> None:
    leap = D(2008, 2, 29)
    assert birthday(leap, 18) == D(2026, 2, 28)
    assert age_on(leap, D(2026, 2, 27)) == 17
    assert age_on(leap, D(2026, 2, 28)) == 18
    assert birthday(leap, 16) == D(2024, 2, 29)


def test_it_makes_a_16_year_old_looked_after_13_weeks_since_14_eligible() -> None:
    result = assess([Period(D(2023, 9, 1), None, "C2")], date_of_birth=DOB, as_at=D(2024, 6, 1))
    assert result.category == ELIGIBLE
    assert result.eligible_from == D(2024, 3, 10)  # the 16th birthday: 13 weeks were reached before
    assert "eligible child since 10 March 2024" in result.reason
    assert ("16th birthday", D(2024, 3, 10)) in [(k.label, k.on) for k in result.dates]
    assert result.entitled_until == D(2026, 3, 10)


def test_it_needs_13_full_weeks_counted_to_the_day() -> None:
    start = D(2024, 5, 1)  # after the 16th birthday
    periods = [Period(start, None, "V2")]
    day_before = assess(periods, date_of_birth=DOB, as_at=start + dt.timedelta(days=90))
    on_the_day = assess(periods, date_of_birth=DOB, as_at=start + dt.timedelta(days=91))
    assert day_before.category == ""
    assert "eligible from 31 July 2024" in day_before.reason
    assert on_the_day.category == ELIGIBLE
    assert on_the_day.eligible_from == D(2024, 7, 31)


def test_it_adds_up_separate_periods_since_the_14th_birthday() -> None:
    periods = [
        Period(D(2021, 1, 1), D(2022, 4, 9), "V2", "E4A"),  # 30 days after the 14th birthday count
        Period(D(2024, 5, 1), None, "C1"),
    ]
    # 91 - 30 = 61 more days needed from 1 May 2024: 1 July 2024.
    assert first_eligible_day([(p.start, p.end or D(2030, 1, 1)) for p in periods], DOB) == D(2024, 7, 1)
    result = assess(periods, date_of_birth=DOB, as_at=D(2024, 7, 1))
    assert result.category == ELIGIBLE


def test_it_does_not_count_time_before_the_14th_birthday() -> None:
    periods = [Period(D(2020, 1, 1), D(2022, 3, 10), "C2", "E4A"), Period(D(2024, 5, 1), None, "V2")]
    result = assess(periods, date_of_birth=DOB, as_at=D(2024, 6, 1))
    assert result.category == ""
    assert "not yet for 13 weeks" in result.reason


def test_it_leaves_short_breaks_out_of_the_13_weeks() -> None:
    periods = [
        Period(D(2022, 6, 1), D(2024, 4, 1), "V3", "E8"),
        Period(D(2024, 4, 1), None, "V2"),
    ]
    result = assess(periods, date_of_birth=DOB, as_at=D(2024, 5, 1))
    assert result.category == ""
    assert "short breaks do not count" in result.reason
    assert assess(periods, date_of_birth=DOB, as_at=D(2024, 7, 1)).category == ELIGIBLE


def test_it_says_short_breaks_alone_make_no_care_leaver() -> None:
    periods = [Period(D(2023, 1, 1), None, "V4")]
    result = assess(periods, date_of_birth=DOB, as_at=D(2025, 1, 1))
    assert result.category == ""
    assert "Short breaks" in result.reason


def test_it_makes_an_eligible_child_who_left_care_at_17_relevant() -> None:
    periods = [Period(D(2023, 9, 1), D(2025, 6, 30), "C2", "E5")]
    result = assess(periods, date_of_birth=DOB, as_at=D(2025, 9, 1))
    assert result.category == RELEVANT
    assert result.left_care_on == D(2025, 6, 30)
    assert "left care on 30 June 2025" in result.reason


def test_it_stops_a_relevant_child_home_six_months_being_relevant() -> None:
    periods = [Period(D(2023, 9, 1), D(2024, 6, 30), "V2", "E4A")]
    home = D(2024, 6, 30)
    assert assess(periods, date_of_birth=DOB, as_at=D(2024, 12, 29), returned_home_on=home).category == RELEVANT
    result = assess(periods, date_of_birth=DOB, as_at=D(2024, 12, 30), returned_home_on=home)
    assert result.category == QUALIFYING
    # ... and so is not former relevant at 18.
    later = assess(periods, date_of_birth=DOB, as_at=D(2026, 6, 1), returned_home_on=home)
    assert later.category == QUALIFYING


def test_it_makes_a_young_person_who_turns_18_in_care_former_relevant() -> None:
    periods = [Period(D(2023, 9, 1), D(2026, 3, 10), "C2", "E17")]
    on_birthday = assess(periods, date_of_birth=DOB, as_at=D(2026, 3, 10))
    day_before = assess(periods, date_of_birth=DOB, as_at=D(2026, 3, 9))
    assert day_before.category == ELIGIBLE
    assert on_birthday.category == FORMER_RELEVANT
    assert on_birthday.entitled_until == D(2029, 3, 10)


def test_it_keeps_former_relevant_support_to_25_in_education() -> None:
    periods = [Period(D(2023, 9, 1), D(2026, 3, 10), "C2", "E17")]
    at_22 = D(2030, 6, 1)
    assert assess(periods, date_of_birth=DOB, as_at=at_22).category == ""
    result = assess(periods, date_of_birth=DOB, as_at=at_22, continuing_support=True)
    assert result.category == FORMER_RELEVANT
    assert result.entitled_until == D(2033, 3, 10)
    assert "up to 25" in result.reason
    assert assess(periods, date_of_birth=DOB, as_at=D(2033, 3, 10), continuing_support=True).category == ""


def test_it_makes_someone_looked_after_briefly_after_16_qualifying() -> None:
    periods = [Period(D(2024, 5, 1), D(2024, 6, 15), "V2", "E4B")]
    result = assess(periods, date_of_birth=DOB, as_at=D(2024, 9, 1))
    assert result.category == QUALIFYING
    assert result.entitled_until == D(2029, 3, 10)
    assert assess(periods, date_of_birth=DOB, as_at=D(2027, 1, 1)).category == QUALIFYING


def test_it_makes_a_child_who_left_care_under_special_guardianship_qualifying_at_16() -> None:
    periods = [Period(D(2015, 1, 5), D(2019, 7, 1), "C2", "E46")]
    assert assess(periods, date_of_birth=DOB, as_at=D(2024, 3, 9)).category == ""
    result = assess(periods, date_of_birth=DOB, as_at=D(2024, 3, 10))
    assert result.category == QUALIFYING
    assert "special guardianship" in result.reason


def test_it_says_leaving_care_before_16_is_not_a_care_leaver() -> None:
    periods = [Period(D(2022, 1, 1), D(2023, 1, 1), "C2", "E4A")]
    result = assess(periods, date_of_birth=DOB, as_at=D(2025, 1, 1))
    assert result.category == ""
    assert "before the 16th birthday" in result.reason


def test_it_says_under_16_duties_start_at_16() -> None:
    result = assess([Period(D(2023, 1, 1), None, "C2")], date_of_birth=DOB, as_at=D(2023, 6, 1))
    assert result.category == ""
    assert "start at 16 (10 March 2024)" in result.reason


def test_it_ignores_periods_after_the_as_at_date() -> None:
    periods = [Period(D(2023, 9, 1), D(2025, 6, 30), "C2", "E5")]
    assert assess(periods, date_of_birth=DOB, as_at=D(2023, 8, 1)).category == ""
    assert assess([], date_of_birth=DOB, as_at=D(2025, 1, 1)).reason.startswith("There is no record")


def test_it_merges_consecutive_episodes_of_one_period() -> None:
    periods = [
        Period(D(2024, 4, 1), D(2024, 5, 1), "V2", "X1"),
        Period(D(2024, 5, 1), D(2024, 6, 1), "C1", "X1"),
        Period(D(2024, 6, 1), None, "C2"),
    ]
    result = assess(periods, date_of_birth=DOB, as_at=D(2024, 7, 1))
    assert result.category == ELIGIBLE
    assert result.eligible_from == D(2024, 7, 1)
