"""The leaving-care timescales and the SSDA903 OC3 rules, edge cases included."""

from __future__ import annotations

import datetime as dt

import pytest

from safeguard.leaving_care import rules
from safeguard.lib.workingdays import is_working_day

D = dt.date


def test_it_reviews_a_pathway_plan_within_six_calendar_months() -> None:
    assert rules.pathway_plan_review_due(D(2026, 3, 11)) == D(2026, 9, 11)  # a Friday


def test_it_brings_a_review_due_on_a_weekend_back_to_the_friday() -> None:
    assert rules.pathway_plan_review_due(D(2026, 4, 4)) == D(2026, 10, 2)  # Sun 4 Oct -> Fri 2 Oct
    assert rules.pathway_plan_review_due(D(2026, 4, 3)) == D(2026, 10, 2)  # Sat 3 Oct -> Fri 2 Oct


def test_it_brings_a_review_due_on_a_bank_holiday_back() -> None:
    # 25 June 2026 + 6 months = Friday 25 December 2026 (Christmas): Thursday 24th.
    assert rules.pathway_plan_review_due(D(2026, 6, 25)) == D(2026, 12, 24)
    # 28 June 2026 + 6 = Monday 28 December 2026 (Boxing Day substitute), back over the
    # weekend and Christmas to Thursday 24 December.
    assert not is_working_day(D(2026, 12, 28))
    assert rules.pathway_plan_review_due(D(2026, 6, 28)) == D(2026, 12, 24)


def test_it_keeps_to_the_end_of_a_short_month_and_leap_years() -> None:
    # 31 August + 6 months: 28 February in a common year (Friday 28 Feb 2025)...
    assert rules.pathway_plan_review_due(D(2024, 8, 31)) == D(2025, 2, 28)
    # ... 29 February in a leap year (Tuesday 29 Feb 2028).
    assert rules.pathway_plan_review_due(D(2027, 8, 31)) == D(2028, 2, 29)


def test_it_crosses_the_year_end() -> None:
    # 1 July 2027 + 6 months = Saturday 1 January 2028: back past New Year's Eve (a Friday).
    assert rules.pathway_plan_review_due(D(2027, 7, 1)) == D(2027, 12, 31)
    # 3 July 2027 + 6 = Monday 3 January 2028, the New Year bank holiday (substitute): Friday 31 December.
    assert not is_working_day(D(2028, 1, 3))
    assert rules.pathway_plan_review_due(D(2027, 7, 3)) == D(2027, 12, 31)


def test_it_sets_the_adviser_contacts() -> None:
    assert rules.adviser_first_contact_due(D(2026, 3, 2)) == D(2026, 3, 9)
    assert rules.adviser_contact_due(D(2025, 12, 31)) == D(2026, 2, 28)


def test_it_opens_the_keep_in_touch_window_three_months_before_and_closes_one_after() -> None:
    dob = D(2008, 5, 31)
    assert rules.keep_in_touch_window(dob, 18) == (D(2026, 2, 28), D(2026, 6, 30))
    assert rules.keep_in_touch_window(dob, 21) == (D(2029, 2, 28), D(2029, 6, 30))
    leap = D(2008, 2, 29)
    assert rules.keep_in_touch_window(leap, 19) == (D(2026, 11, 28), D(2027, 3, 28))
    with pytest.raises(ValueError):
        rules.keep_in_touch_window(dob, 16)


def test_it_finds_which_birthday_a_contact_counts_for() -> None:
    dob = D(2008, 5, 31)
    assert rules.keep_in_touch_age_for(dob, D(2026, 2, 27)) is None
    assert rules.keep_in_touch_age_for(dob, D(2026, 2, 28)) == 18
    assert rules.keep_in_touch_age_for(dob, D(2026, 6, 30)) == 18
    assert rules.keep_in_touch_age_for(dob, D(2026, 7, 1)) is None
    assert rules.keep_in_touch_age_for(dob, D(2029, 5, 31)) == 21
    assert rules.next_keep_in_touch_age(dob, D(2026, 7, 1)) == 19
    assert rules.next_keep_in_touch_age(dob, D(2029, 7, 1)) is None


def test_it_leaves_out_17_and_18_year_olds_still_looked_after_rule_1007() -> None:
    assert not rules.oc3_applies(age=17, looked_after_on_birthday=True)
    assert not rules.oc3_applies(age=18, looked_after_on_birthday=True)
    assert rules.oc3_applies(age=19, looked_after_on_birthday=True)
    assert rules.oc3_applies(age=18, looked_after_on_birthday=False)
    assert not rules.oc3_applies(age=20, looked_after_on_birthday=False, in_touch="DIED")
    assert not rules.oc3_applies(age=20, looked_after_on_birthday=False, in_touch="RHOM")


def test_it_needs_activity_and_accommodation_when_in_touch_rule_345() -> None:
    errors = rules.oc3_errors(in_touch="YES", activity="0", accommodation="0", suitability="", age=19)
    assert set(errors) == {"activity", "accommodation"}
    assert "345" in errors["activity"]
    assert rules.oc3_errors(in_touch="NO", activity="0", accommodation="0", suitability="", age=19) == {}


def test_it_refuses_a_foyer_under_18_rule_347() -> None:
    assert (
        "347"
        in rules.oc3_errors(in_touch="YES", activity="F2", accommodation="T", suitability="1", age=17)["accommodation"]
    )
    assert rules.oc3_errors(in_touch="YES", activity="F2", accommodation="T", suitability="1", age=18) == {}


def test_it_never_records_homeless_or_custody_as_suitable() -> None:
    for letter in ("S", "X"):
        assert "suitability" in rules.oc3_errors(
            in_touch="YES", activity="G5", accommodation=letter, suitability="1", age=19
        )
        assert rules.oc3_errors(in_touch="YES", activity="G5", accommodation=letter, suitability="2", age=19) == {}


def test_it_needs_suitability_with_a_known_accommodation() -> None:
    assert "suitability" in rules.oc3_errors(in_touch="YES", activity="F5", accommodation="U", suitability="", age=19)
    assert "suitability" in rules.oc3_errors(in_touch="NO", activity="0", accommodation="0", suitability="1", age=19)
