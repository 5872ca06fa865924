"""One test (or more) per rule in care/rules.py: every transition kind, every guarded
combination, the year-by-year code validity and the deadlines' edge cases."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

import pytest

from safeguard.care import codes, rules

D = dt.date


@dataclass
class Ep:
    start_date: dt.date = D(2025, 6, 2)  # noqa: RUF009
    end_date: dt.date | None = None
    reason_new_episode: str = "S"
    legal_status: str = "V2"
    category_of_need: str = "N1"
    placement_type: str = "U6"
    placement_provider: str = "PR1"
    placement_postcode: str = "NB1 2AB"
    urn: str = ""
    end_reason: str = ""
    placement_change_reason: str = ""
    carer_id: int | None = 1


DOB = D(2014, 5, 17)


# --- code validity by collection year ----------------------------------------------------


def test_it_names_collection_years_from_april() -> None:
    assert codes.collection_year(D(2025, 3, 31)) == 2024
    assert codes.collection_year(D(2025, 4, 1)) == 2025
    assert codes.year_label(2024) == "2024-25"
    assert codes.year_label(2099) == "2099-00"


@pytest.mark.parametrize(
    ("place", "day", "ok"),
    [
        ("K3", D(2024, 3, 31), False),  # 2023-24: K3 not yet
        ("K3", D(2024, 4, 1), True),  # 2024-25: K3 added
        ("H5", D(2025, 3, 31), True),  # 2024-25: H5 still listed
        ("H5", D(2025, 4, 1), False),  # 2025-26: retired
        ("P2", D(2025, 3, 31), True),
        ("P2", D(2025, 4, 1), False),
        ("Z1", D(2025, 3, 31), True),
        ("Z1", D(2025, 4, 1), False),
        ("Z11", D(2025, 3, 31), False),  # 2024-25: not yet
        ("Z11", D(2025, 4, 1), True),
        ("Z14", D(2026, 6, 1), True),
        ("U6", D(2020, 1, 1), True),
        ("U6", D(2030, 1, 1), True),
        ("Q9", D(2025, 1, 1), False),
    ],
)
def test_it_checks_placement_codes_against_the_collection_year(place: str, day: dt.date, ok: bool) -> None:
    assert (rules.placement_type_valid_in_year(place, day) is None) is ok


def test_it_explains_why_a_retired_code_is_refused() -> None:
    message = rules.placement_type_valid_in_year("H5", D(2025, 5, 1))
    assert message is not None and "2025-26" in message and "up to 2024-25" in message


def test_it_offers_only_the_years_codes() -> None:
    offered = {code for code, _ in codes.placement_types_for_year(2025)}
    assert {"K3", "Z11", "Z12", "Z13", "Z14"} <= offered
    assert not {"H5", "P2", "Z1"} & offered
    offered_2023 = {code for code, _ in codes.placement_types_for_year(2023)}
    assert "K3" not in offered_2023 and "Z11" not in offered_2023 and "H5" in offered_2023


def test_it_refuses_new_freeing_orders() -> None:
    assert rules.freeing_order_not_new("D1", D(2005, 12, 30)) is None
    assert rules.freeing_order_not_new("D1", D(2005, 12, 31)) is not None
    assert rules.freeing_order_not_new("E1", D(2025, 1, 1)) is None


# --- guarded combinations ------------------------------------------------------------------


def test_it_never_places_a_section_20_child_with_parents() -> None:
    assert rules.s20_not_placed_with_parents("V2", "P1") is not None
    assert rules.s20_not_placed_with_parents("C2", "P1") is None
    assert rules.s20_not_placed_with_parents("V2", "U6") is None


def test_it_allows_supported_accommodation_only_from_16() -> None:
    assert rules.supported_accommodation_from_16("K3", D(2009, 5, 2), D(2025, 5, 1)) is not None  # 15
    assert rules.supported_accommodation_from_16("K3", D(2009, 5, 1), D(2025, 5, 1)) is None  # 16 today
    assert rules.supported_accommodation_from_16("H5", D(2010, 1, 1), D(2025, 1, 1)) is not None
    assert rules.supported_accommodation_from_16("U6", D(2020, 1, 1), D(2025, 1, 1)) is None


def test_it_counts_age_over_a_leap_day_birthday() -> None:
    assert rules.age_on(D(2008, 2, 29), D(2024, 2, 28)) == 15
    assert rules.age_on(D(2008, 2, 29), D(2024, 2, 29)) == 16
    assert rules.age_on(D(2008, 2, 29), D(2025, 2, 28)) == 16


@pytest.mark.parametrize(
    ("place", "provider", "ok"),
    [
        ("T1", "", True),
        ("T1", "PR1", False),  # no provider for temporary moves
        ("Z12", "PR4", False),
        ("Z1", "", True),
        ("U6", "", False),  # a provider for every other placement (rule 526)
        ("P1", "PR0", True),
        ("U6", "PR0", False),  # PR0 only with P1
        ("P1", "PR1", False),
        ("R2", "PR1", False),
        ("R5", "PR1", False),
        ("K2", "PR1", True),
        ("P1", "PR3", False),
        ("A4", "PR3", False),
        ("K1", "PR3", False),
        ("U3", "PR3", False),
        ("R2", "PR3", True),
        ("U4", "PR4", True),
    ],
)
def test_it_allows_placement_providers_per_placement_type(place: str, provider: str, ok: bool) -> None:
    assert (rules.placement_provider_allowed(place, provider) is None) is ok


@pytest.mark.parametrize(
    ("place", "rne", "ok"),
    [
        ("A3", "S", True),
        ("A5", "T", True),
        ("A5", "U", True),
        ("A3", "P", False),
        ("A5", "B", False),
        ("A4", "P", True),
    ],
)
def test_it_keeps_adoption_with_current_carer_to_same_carer_reasons(place: str, rne: str, ok: bool) -> None:
    assert (rules.adoption_with_foster_carer_reason(place, rne) is None) is ok


def test_it_refuses_youth_justice_statuses_under_10() -> None:
    assert rules.youth_justice_status_from_10("J1", D(2016, 1, 2), D(2026, 1, 1)) is not None
    assert rules.youth_justice_status_from_10("J1", D(2016, 1, 1), D(2026, 1, 1)) is None
    assert rules.youth_justice_status_from_10("C2", D(2020, 1, 1), D(2026, 1, 1)) is None


def test_it_allows_only_section_20_over_18() -> None:
    assert rules.over_18_only_section_20("C2", D(2007, 1, 1), D(2025, 1, 1)) is not None
    assert rules.over_18_only_section_20("V2", D(2007, 1, 1), D(2025, 1, 1)) is None
    assert rules.over_18_only_section_20("C2", D(2007, 1, 2), D(2025, 1, 1)) is None


def test_it_checks_postcodes() -> None:
    assert rules.postcode_valid("NB1 2AB") is None
    assert rules.postcode_valid("sw1a1aa") is None
    assert rules.postcode_valid("NB1") is not None
    assert rules.home_and_placement_postcode_differ("U6", "NB1 2AB", "nb12ab") is not None
    assert rules.home_and_placement_postcode_differ("P1", "NB1 2AB", "NB1 2AB") is None


def test_it_asks_for_a_setting_reference_for_homes_and_none_for_temporary_moves() -> None:
    assert rules.urn_for_setting("K2", "") is not None
    assert rules.urn_for_setting("K2", "SC123456") is None
    assert rules.urn_for_setting("K3", "XXXXXX") is None
    assert rules.urn_for_setting("T2", "SC1") is not None
    assert rules.urn_for_setting("Z13", "SC1") is not None


# --- ending --------------------------------------------------------------------------------


def test_it_needs_a_reason_for_an_ended_episode_only() -> None:
    assert rules.end_needs_reason(D(2025, 1, 1), "") is not None
    assert rules.end_needs_reason(None, "E4A") is not None
    assert rules.end_needs_reason(D(2025, 1, 1), "E4A") is None
    assert rules.end_not_before_start(D(2025, 1, 2), D(2025, 1, 1)) is not None
    assert rules.end_not_before_start(D(2025, 1, 2), D(2025, 1, 2)) is None


def test_it_allows_sgo_to_foster_carers_only_from_foster_care() -> None:
    assert rules.sgo_to_foster_carer_was_fostered("E45", "K2") is not None
    assert rules.sgo_to_foster_carer_was_fostered("E46", "U4") is None
    assert rules.sgo_to_foster_carer_was_fostered("E47", "K2") is None


def test_it_restricts_placement_change_reasons() -> None:
    assert rules.placement_change_reason_allowed("U6", None, "CARPL", DOB) is not None  # open episode
    assert rules.placement_change_reason_allowed("T1", D(2025, 1, 1), "CARPL", DOB) is not None
    assert rules.placement_change_reason_allowed("U6", D(2023, 1, 1), "CUSTOD", DOB) is not None  # 8
    assert rules.placement_change_reason_allowed("U6", D(2025, 1, 1), "CUSTOD", DOB) is None  # 10
    assert rules.placement_change_reason_allowed("U6", D(2025, 1, 1), "CARPL", DOB) is None


# --- transitions ---------------------------------------------------------------------------


PREV = Ep(end_date=D(2025, 9, 1), end_reason="X1")
NEW_PLACE = {"placement_type": "U4", "placement_postcode": "NB3 4CD", "carer_id": 2}


@pytest.mark.parametrize(
    ("rne", "changes", "ok"),
    [
        ("L", {"legal_status": "C1"}, True),
        ("L", {"legal_status": "C1", **NEW_PLACE}, False),
        ("L", {}, False),
        ("P", NEW_PLACE, True),
        ("P", {**NEW_PLACE, "legal_status": "C1"}, False),
        ("P", {"placement_postcode": "NB3 4CD"}, False),  # same carer: that is T
        ("T", {"placement_postcode": "NB3 4CD"}, True),
        ("T", NEW_PLACE, False),
        ("T", {}, False),
        ("U", {"legal_status": "C1", "placement_type": "A5"}, True),
        ("U", {"legal_status": "C1", **NEW_PLACE}, False),
        ("U", {"legal_status": "C1"}, False),
        ("B", {"legal_status": "C1", **NEW_PLACE}, True),
        ("B", {"legal_status": "C1", "placement_postcode": "NB3 4CD"}, False),
        ("S", {"legal_status": "C1"}, False),
    ],
)
def test_it_matches_every_transition_kind_to_what_changed(rne: str, changes: dict, ok: bool) -> None:
    new = replace(Ep(start_date=D(2025, 9, 1), reason_new_episode=rne), **changes)
    assert (rules.transition_matches_changes(PREV, new) is None) is ok


def test_it_starts_every_period_with_s() -> None:
    assert rules.transition_matches_changes(None, Ep()) is None
    assert rules.transition_matches_changes(None, Ep(reason_new_episode="P")) is not None


def test_it_fixes_the_category_of_need_for_the_period() -> None:
    assert rules.category_of_need_fixed(PREV, Ep(category_of_need="N4")) is not None
    assert rules.category_of_need_fixed(PREV, Ep()) is None
    assert rules.category_of_need_fixed(None, Ep(category_of_need="N4")) is None


# --- short breaks --------------------------------------------------------------------------


def test_it_limits_a_short_break_to_17_days() -> None:
    assert rules.short_break_stay_within_17_days("V3", D(2025, 1, 1), D(2025, 1, 18)) is None
    assert rules.short_break_stay_within_17_days("V3", D(2025, 1, 1), D(2025, 1, 19)) is not None
    assert rules.short_break_stay_within_17_days("V2", D(2025, 1, 1), D(2025, 3, 1)) is None


def test_it_limits_short_breaks_to_75_days_in_12_months() -> None:
    stays = [(D(2025, m, 1), D(2025, m, 16)) for m in range(1, 6)]  # 5 x 15 = 75
    assert rules.short_breaks_within_75_days(stays, D(2025, 12, 31)) is None
    assert rules.short_breaks_within_75_days([*stays, (D(2025, 7, 1), D(2025, 7, 2))], D(2025, 12, 31)) is not None
    # stays more than 12 months before do not count
    assert rules.short_breaks_within_75_days([*stays, (D(2025, 7, 1), D(2025, 7, 2))], D(2026, 2, 1)) is None


def test_it_checks_v4_agreements() -> None:
    assert rules.short_break_agreement_within_limits(75, 17) == []
    fields = {p.field for p in rules.short_break_agreement_within_limits(76, 18)}
    assert fields == {"planned_days_per_year", "longest_stay_days"}


# --- histories -----------------------------------------------------------------------------


def history() -> list[Ep]:
    return [
        Ep(start_date=D(2025, 6, 2), end_date=D(2025, 8, 4), end_reason="X1"),
        Ep(
            start_date=D(2025, 8, 4),
            end_date=D(2025, 10, 1),
            end_reason="X1",
            reason_new_episode="P",
            placement_type="U4",
            placement_postcode="NB3 4CD",
            carer_id=2,
            placement_change_reason="CARPL",
        ),
        Ep(
            start_date=D(2025, 10, 1),
            reason_new_episode="L",
            legal_status="C1",
            placement_type="U4",
            placement_postcode="NB3 4CD",
            carer_id=2,
        ),
    ]


def test_it_accepts_a_clean_history() -> None:
    assert rules.check_history(history(), dob=DOB) == []


def test_it_finds_gaps_overlaps_and_dangling_continuations() -> None:
    gap = history()
    gap[1].start_date = D(2025, 8, 5)
    assert {p.rule for p in rules.check_history(gap, dob=DOB)} >= {"gap"}
    overlap = history()
    overlap[2].start_date = D(2025, 9, 30)
    assert "overlap" in {p.rule for p in rules.check_history(overlap, dob=DOB)}
    dangling = history()[:2]
    assert "388" in {p.rule for p in rules.check_history(dangling, dob=DOB)}
    open_before = history()
    open_before[0].end_date, open_before[0].end_reason = None, ""
    assert "overlap" in {p.rule for p in rules.check_history(open_before, dob=DOB)}


def test_it_starts_a_new_period_after_care_ended() -> None:
    eps = history()
    eps[2].end_date, eps[2].end_reason = D(2025, 11, 1), "E4A"
    eps.append(Ep(start_date=D(2026, 1, 5)))
    assert rules.check_history(eps, dob=DOB) == []
    assert rules.period_start(eps) == D(2026, 1, 5)
    assert rules.period_start(history()) == D(2025, 6, 2)


# --- stability -----------------------------------------------------------------------------


def test_it_counts_placements_in_the_last_12_months_ignoring_legal_changes() -> None:
    eps = history()
    assert rules.placements(eps) == [(D(2025, 6, 2), D(2025, 8, 4)), (D(2025, 8, 4), None)]
    assert rules.placements_in_last_12_months(eps, D(2025, 12, 1)) == 2
    assert rules.placements_in_last_12_months(eps, D(2026, 8, 4)) == 1  # first ended exactly 12 months before
    assert rules.current_placement_since(eps) == D(2025, 8, 4)
    eps[2].end_date = D(2026, 1, 1)
    assert rules.current_placement_since(eps) is None


# --- deadlines: reviews --------------------------------------------------------------------


def test_it_puts_the_first_review_20_working_days_on_over_christmas() -> None:
    # 2025-12-15 (Mon): 25, 26 Dec and 1 Jan are bank holidays.
    assert rules.first_review_due(D(2025, 12, 15)) == D(2026, 1, 15)


def test_it_puts_the_first_review_20_working_days_on_over_easter() -> None:
    # 2026: Good Friday 3 April, Easter Monday 6 April.
    assert rules.first_review_due(D(2026, 3, 30)) == D(2026, 4, 29)


def test_it_sets_second_and_later_reviews_by_calendar_months() -> None:
    assert rules.second_review_due(D(2025, 11, 30)) == D(2026, 2, 28)
    assert rules.second_review_due(D(2023, 11, 30)) == D(2024, 2, 29)  # leap year
    assert rules.subsequent_review_due(D(2025, 8, 31)) == D(2026, 2, 28)


def test_it_counts_reviews_held_and_brings_forward_only_earlier() -> None:
    start = D(2025, 6, 2)
    assert rules.next_review_due(start, []) == rules.first_review_due(start)
    assert rules.next_review_due(start, [D(2025, 6, 25)]) == D(2025, 9, 25)
    assert rules.next_review_due(start, [D(2025, 6, 25), D(2025, 9, 20)]) == D(2026, 3, 20)
    assert rules.next_review_due(start, [D(2025, 6, 25)], D(2025, 8, 1)) == D(2025, 8, 1)
    assert rules.next_review_due(start, [D(2025, 6, 25)], D(2025, 12, 1)) == D(2025, 9, 25)
    # reviews of an earlier period of care do not count
    assert rules.next_review_due(start, [D(2024, 1, 1)]) == rules.first_review_due(start)


# --- deadlines: visits -----------------------------------------------------------------------


def test_it_visits_within_a_week_of_a_placement_then_6_weekly() -> None:
    start = D(2025, 6, 2)
    assert rules.next_visit_due(placement_start=start, last_visit=None) == D(2025, 6, 9)
    assert rules.next_visit_due(placement_start=start, last_visit=D(2025, 6, 5)) == D(2025, 7, 17)


def test_it_visits_3_monthly_after_a_year_only_for_permanent_placements() -> None:
    start = D(2024, 6, 2)
    late = D(2025, 6, 2)
    assert rules.next_visit_due(placement_start=start, last_visit=late, intended_to_18=True) == D(2025, 9, 2)
    assert rules.next_visit_due(placement_start=start, last_visit=late, intended_to_18=False) == D(2025, 7, 14)
    assert rules.next_visit_due(placement_start=start, last_visit=D(2025, 6, 1), intended_to_18=True) == D(2025, 7, 13)


def test_it_visits_weekly_until_the_first_review_in_the_special_cases() -> None:
    start = D(2025, 6, 2)
    v = D(2025, 6, 9)
    for cadence, weeks in (("parent_reg19", 6), ("connected_reg24", 4)):
        assert rules.next_visit_due(placement_start=start, last_visit=v, cadence=cadence) == D(2025, 6, 16)
        after = rules.next_visit_due(
            placement_start=start, last_visit=v, cadence=cadence, first_review_held=D(2025, 6, 5)
        )
        assert after == v + dt.timedelta(weeks=weeks)
    assert rules.next_visit_due(placement_start=start, last_visit=v, cadence="care_order_parent") == D(2025, 7, 21)
    assert rules.next_visit_due(placement_start=start, last_visit=None, cadence="care_order_parent") == D(2025, 6, 9)
    assert rules.next_visit_due(placement_start=start, last_visit=v, cadence="short_breaks") is None


# --- deadlines: health, education, SDQ -----------------------------------------------------------


def test_it_reviews_health_6_monthly_under_5_and_yearly_from_5() -> None:
    dob = D(2021, 3, 1)
    assert rules.review_health_assessment_due(dob, D(2026, 2, 28)) == D(2026, 8, 28)  # 4
    assert rules.review_health_assessment_due(dob, D(2026, 3, 1)) == D(2027, 3, 1)  # 5
    assert rules.initial_health_assessment_due(D(2025, 12, 15)) == D(2026, 1, 15)


def test_it_checks_teeth_yearly() -> None:
    assert rules.dental_check_due(None, D(2024, 2, 29)) == D(2025, 2, 28)
    assert rules.dental_check_due(D(2025, 5, 1), D(2024, 2, 29)) == D(2026, 5, 1)


def test_it_reviews_the_pep_each_term() -> None:
    assert rules.term_of(D(2025, 9, 1)) == "autumn"
    assert rules.term_of(D(2026, 1, 5)) == "spring"
    assert rules.term_of(D(2026, 8, 10)) == "summer"
    assert rules.next_pep_due(D(2025, 10, 1)) == D(2026, 3, 31)
    assert rules.next_pep_due(D(2026, 2, 1)) == D(2026, 7, 31)
    assert rules.next_pep_due(D(2026, 5, 1)) == D(2026, 12, 31)
    assert rules.next_pep_due(D(2025, 12, 31)) == D(2026, 3, 31)
    assert rules.initial_pep_due(D(2025, 12, 15)) == D(2026, 1, 15)


def test_it_keeps_peps_to_school_age() -> None:
    dob = D(2008, 10, 1)  # turns 18 on 1 Oct 2026: academic year ends 31 Aug 2027
    assert rules.pep_in_age_range(dob, D(2027, 8, 31))
    assert not rules.pep_in_age_range(dob, D(2027, 9, 1))
    assert not rules.pep_in_age_range(D(2023, 1, 1), D(2025, 12, 31))  # 2
    assert rules.pep_in_age_range(D(2023, 1, 1), D(2026, 1, 1))  # 3


def test_it_asks_for_an_sdq_yearly_from_4_to_16() -> None:
    assert rules.sdq_due(dob=DOB, became_looked_after=D(2025, 6, 2), last_sdq=None) == D(2026, 6, 2)
    assert rules.sdq_due(dob=DOB, became_looked_after=D(2025, 6, 2), last_sdq=D(2026, 5, 1)) == D(2027, 5, 1)
    assert rules.sdq_due(dob=D(2023, 1, 1), became_looked_after=D(2025, 6, 2), last_sdq=None) is None  # 3
    assert rules.sdq_due(dob=D(2008, 1, 1), became_looked_after=D(2025, 6, 2), last_sdq=None) is None  # 18


# --- one episode, all rules ------------------------------------------------------------------------


def test_it_reports_every_broken_rule_with_its_field() -> None:
    bad = Ep(legal_status="V2", placement_type="P1", placement_provider="PR1", start_date=D(2025, 6, 2))
    found = {(p.field, p.rule) for p in rules.check_episode(bad, previous=None, dob=DOB)}
    assert ("placement_type", "378") in found
    assert ("placement_provider", "178") in found
