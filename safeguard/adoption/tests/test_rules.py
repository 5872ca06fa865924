"""One test per rule of ``safeguard.adoption.rules``, edge cases included."""

from __future__ import annotations

import datetime as dt

import pytest

from safeguard.adoption import rules
from safeguard.adoption.rules import DecisionDates

D = dt.date
TODAY = D(2026, 11, 23)


def fields(problems: list[rules.Problem]) -> list[str]:
    return [p.field for p in problems]


def test_it_refuses_dates_in_the_future() -> None:
    d = DecisionDates(decided_on=D(2026, 11, 24))
    assert fields(rules.dates_not_in_future(d, TODAY)) == ["decided_on"]
    assert rules.dates_not_in_future(DecisionDates(decided_on=TODAY), TODAY) == []


def test_it_refuses_a_decision_before_birth() -> None:
    assert fields(rules.decision_after_birth(DecisionDates(D(2020, 1, 1)), D(2020, 1, 2))) == ["decided_on"]
    assert rules.decision_after_birth(DecisionDates(D(2020, 1, 2)), D(2020, 1, 2)) == []


def test_it_needs_the_child_looked_after_on_the_decision_date() -> None:
    [problem] = rules.decision_while_looked_after(DecisionDates(D(2026, 1, 1)), None)
    assert "not looked after" in problem.message
    [problem] = rules.decision_while_looked_after(DecisionDates(D(2026, 1, 1)), D(2026, 1, 2))
    assert problem.rule == "903/1003" and "2 January 2026" in problem.message
    assert rules.decision_while_looked_after(DecisionDates(D(2026, 1, 2)), D(2026, 1, 2)) == []


def test_it_keeps_the_placement_order_after_the_decision() -> None:
    bad = DecisionDates(D(2026, 3, 1), placement_order_on=D(2026, 2, 28))
    assert fields(rules.placement_order_after_decision(bad)) == ["placement_order_on"]
    assert rules.placement_order_after_decision(DecisionDates(D(2026, 3, 1), placement_order_on=D(2026, 3, 1))) == []


def test_it_keeps_the_match_after_the_decision_and_names_the_adopters() -> None:
    early = DecisionDates(D(2026, 3, 1), matched_on=D(2026, 2, 1), has_adopters=True)
    assert fields(rules.match_after_decision(early)) == ["matched_on"]
    nobody = DecisionDates(D(2026, 3, 1), matched_on=D(2026, 4, 1))
    assert fields(rules.match_after_decision(nobody)) == ["household"]


def test_it_places_only_after_a_match_and_asks_about_the_foster_carers() -> None:
    unmatched = DecisionDates(D(2026, 3, 1), placed_on=D(2026, 5, 1), placed_with_foster_carer=False)
    assert fields(rules.placement_after_match(unmatched)) == ["matched_on"]
    before = DecisionDates(
        D(2026, 3, 1), matched_on=D(2026, 5, 2), placed_on=D(2026, 5, 1), placed_with_foster_carer=True
    )
    assert fields(rules.placement_after_match(before)) == ["placed_on"]
    unknown = DecisionDates(D(2026, 3, 1), matched_on=D(2026, 5, 1), placed_on=D(2026, 5, 1))
    assert fields(rules.placement_after_match(unknown)) == ["placed_with_foster_carer"]


def test_it_makes_the_adoption_order_after_placement_and_match() -> None:
    no_placement = DecisionDates(D(2026, 3, 1), adoption_order_on=D(2026, 9, 1))
    assert fields(rules.order_after_placement(no_placement)) == ["placed_on"]
    same_day = DecisionDates(
        D(2026, 3, 1), matched_on=D(2026, 9, 1), placed_on=D(2026, 9, 1), adoption_order_on=D(2026, 9, 1)
    )
    assert [p.rule for p in rules.order_after_placement(same_day)] == ["903/582"]
    fine = DecisionDates(
        D(2026, 3, 1), matched_on=D(2026, 4, 1), placed_on=D(2026, 5, 1), adoption_order_on=D(2026, 9, 1)
    )
    assert rules.order_after_placement(fine) == []


def test_it_needs_both_date_and_reason_to_reverse_a_decision() -> None:
    assert fields(rules.reversal_has_date_and_reason(DecisionDates(D(2026, 3, 1), no_longer_on=D(2026, 6, 1)))) == [
        "no_longer_reason"
    ]
    assert fields(rules.reversal_has_date_and_reason(DecisionDates(D(2026, 3, 1), no_longer_reason="RD3"))) == [
        "no_longer_on"
    ]
    early = DecisionDates(D(2026, 3, 1), no_longer_on=D(2026, 2, 1), no_longer_reason="RD1")
    assert [p.rule for p in rules.reversal_has_date_and_reason(early)] == ["903/522"]
    both = DecisionDates(
        D(2026, 3, 1), no_longer_on=D(2026, 9, 1), no_longer_reason="RD4", adoption_order_on=D(2026, 8, 1)
    )
    assert [p.rule for p in rules.reversal_has_date_and_reason(both)] == ["903/525"]


def test_it_keeps_fostering_for_adoption_before_placement() -> None:
    late = DecisionDates(D(2026, 3, 1), ffa_placed_on=D(2026, 6, 2), placed_on=D(2026, 6, 1))
    assert fields(rules.ffa_before_placement(late)) == ["ffa_placed_on"]
    assert rules.ffa_before_placement(DecisionDates(D(2026, 3, 1), ffa_placed_on=D(2026, 2, 1))) == []


def test_it_expects_a_match_within_six_months_of_an_open_decision() -> None:
    assert rules.match_due(D(2026, 1, 31), matched_on=None, open_=True) == D(2026, 7, 31)
    assert rules.match_due(D(2026, 1, 31), matched_on=D(2026, 3, 1), open_=True) is None
    assert rules.match_due(D(2026, 1, 31), matched_on=None, open_=False) is None


def test_it_keeps_the_approval_journey_in_order() -> None:
    dates = {
        "enquiry_on": D(2026, 1, 10),
        "stage1_started_on": D(2026, 1, 20),
        "stage1_ended_on": D(2026, 1, 15),
        "approved_on": D(2026, 12, 1),
    }
    problems = rules.journey_in_order(dates, TODAY)
    assert fields(problems) == ["stage1_ended_on", "approved_on"]
    assert "start of stage 1 (20 January 2026)" in problems[0].message
    assert fields(rules.journey_in_order({"enquiry_on": D(2026, 1, 1), "stage2_ended_on": D(2026, 5, 1)}, TODAY)) == [
        "stage2_started_on"
    ]
    assert fields(rules.journey_in_order({"enquiry_on": D(2026, 1, 1), "left_on": D(2025, 12, 1)}, TODAY)) == [
        "left_on"
    ]


def test_it_needs_a_reason_to_leave_and_a_count_of_children_placed() -> None:
    assert fields(rules.leaving_has_date_and_reason(D(2026, 1, 1), "")) == ["left_reason"]
    assert fields(rules.leaving_has_date_and_reason(None, "2")) == ["left_on"]
    assert rules.leaving_has_date_and_reason(None, "") == []
    assert fields(rules.children_placed_counted(D(2026, 1, 1), None)) == ["children_placed"]
    assert fields(rules.children_placed_counted(None, 2)) == ["placed_on"]


@pytest.mark.parametrize(
    ("sexes", "code"), [(["M"], "M1"), (["F"], "F1"), (["F", "M"], "MF"), (["M", "M"], "MM"), (["F", "F"], "FF")]
)
def test_it_codes_the_adopters_sexes_as_ad1_does(sexes: list[str], code: str) -> None:
    assert rules.adopters_sex_code(sexes) == code


@pytest.mark.parametrize(
    ("status", "sexes", "ok"),
    [
        ("L0", ["F"], True),
        ("L11", ["F"], False),
        ("L0", ["F", "M"], False),
        ("L11", ["F", "M"], True),
        ("L11", ["F", "F"], False),
        ("L12", ["F", "F"], True),
        ("L12", ["F", "M"], False),
        ("L2", ["M", "M"], True),
        ("L3", ["M", "F"], True),
        ("L3", ["M", "M"], False),
        ("L4", ["M", "M"], True),
        ("L4", ["M", "F"], False),
    ],
)
def test_it_matches_the_legal_status_to_the_adopters(status: str, sexes: list[str], ok: bool) -> None:
    assert (rules.legal_status_fits(status, sexes) == []) is ok
