"""Each indicator against the hand-counted small authority in ``authority.py``."""

from __future__ import annotations

import datetime as dt

import pytest

from safeguard.access import services as access_services
from safeguard.conftest import Cast
from safeguard.indicators import definitions
from safeguard.indicators.definitions import Period, months_ending, parse_month
from safeguard.lib.workingdays import add_working_days

from .authority import Authority, build_casework, build_front_door

MARCH = Period.month(dt.date(2026, 3, 1))
FEBRUARY = Period.month(dt.date(2026, 2, 1))
JANUARY = Period.month(dt.date(2026, 1, 1))


def figures(code: str, period: Period) -> tuple[int, int]:
    result = definitions.get(code).compute(period)
    return result.numerator, result.denominator


def test_it_hand_counts_the_deadlines_the_authority_is_built_on() -> None:
    assert add_working_days(dt.date(2026, 1, 2), 45) == dt.date(2026, 3, 6)
    assert add_working_days(dt.date(2026, 1, 9), 45) == dt.date(2026, 3, 13)
    assert add_working_days(dt.date(2026, 3, 2), 15) == dt.date(2026, 3, 23)


@pytest.fixture
def town(cast: Cast) -> Authority:
    return build_front_door(cast)


def test_it_counts_contacts_decided_within_one_working_day(town: Authority) -> None:
    assert figures("contacts_decided_1wd", MARCH) == (2, 4)
    assert figures("contacts_decided_1wd", JANUARY) == (1, 1)
    assert figures("contacts_decided_1wd", FEBRUARY) == (0, 0)
    result = definitions.get("contacts_decided_1wd").compute(MARCH)
    assert result.child_ids(met=True) == {town.a.pk, town.c.pk}
    assert result.child_ids(met=False) == {town.b.pk, town.d.pk}


def test_it_counts_re_referrals_within_twelve_months(town: Authority) -> None:
    assert figures("re_referrals", MARCH) == (1, 2)
    assert figures("re_referrals", JANUARY) == (0, 1)
    assert definitions.get("re_referrals").compute(MARCH).child_ids(met=True) == {town.a.pk}


def test_it_counts_casework_indicators(cast: Cast, town: Authority) -> None:
    build_casework(cast, town)
    assert figures("assessments_45wd", MARCH) == (1, 3)
    assert figures("assessments_45wd_start", MARCH) == (2, 3)
    assert figures("icpc_15wd", MARCH) == (1, 2)
    assert definitions.get("icpc_15wd").compute(MARCH).child_ids(met=False) == {town.b.pk}
    assert figures("second_cp_plans", MARCH) == (1, 2)
    assert definitions.get("second_cp_plans").compute(MARCH).child_ids(met=True) == {town.b.pk}
    assert figures("cp_plans_2_years", FEBRUARY) == (1, 1)
    assert figures("cp_plans_2_years", MARCH) == (0, 1)


def test_it_counts_caseloads_per_worker_from_current_allocations(cast: Cast) -> None:
    now = Period.month(dt.date.today())
    # The cast: one child allocated to one worker.
    assert figures("caseload", now) == (1, 1)
    access_services.allocation_set(actor=cast.system, child=cast.stranger, worker=cast.sw)
    assert figures("caseload", now) == (2, 1)
    third = cast.mother
    access_services.allocation_set(actor=cast.system, child=third, worker=cast.sw_other)
    result = definitions.get("caseload").compute(now)
    assert (result.numerator, result.denominator, result.value) == (3, 2, 1.5)
    assert definitions.get("caseload").display(result) == "1.5"
    # Before anyone was allocated, nobody held a caseload.
    assert figures("caseload", Period.month(dt.date(2020, 1, 1))) == (0, 0)


def test_it_gives_months_oldest_first_and_parses_them() -> None:
    months = months_ending(dt.date(2026, 2, 14), 13)
    assert [m.key for m in (months[0], months[-1])] == ["2025-02", "2026-02"]
    assert len({m.key for m in months}) == 13
    assert parse_month("2024-02").end == dt.date(2024, 3, 1)
    with pytest.raises(ValueError):
        parse_month("March")


def test_it_registers_each_indicator_once_with_its_definition() -> None:
    codes = [i.code for i in definitions.available()]
    assert codes[:8] == [
        "contacts_decided_1wd",
        "re_referrals",
        "assessments_45wd",
        "assessments_45wd_start",
        "icpc_15wd",
        "second_cp_plans",
        "cp_plans_2_years",
        "caseload",
    ]
    for indicator in definitions.available():
        assert indicator.numerator_text and indicator.denominator_text and indicator.question


def test_it_sets_england_figures_as_domain_md_records_them() -> None:
    re = definitions.get("re_referrals").national
    assert re is not None and (re.value, re.year) == (22.0, "2023-24")
    caseload = definitions.get("caseload").national
    assert caseload is not None and (caseload.value, caseload.year) == (16.3, "2020")
    assessments = definitions.get("assessments_45wd").national
    assert assessments is not None and not assessments.confirmed and assessments.text == "~80%+"
