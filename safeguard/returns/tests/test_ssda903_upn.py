"""The SSDA903 Header's UPN when none is recorded: the recorded reason when the 903 rules
allow it, else a derived code they allow (rules 168, 209, 210)."""

from __future__ import annotations

import datetime as dt

import pytest

from safeguard.returns.rules import ssda903_upn_unknown

START, END = dt.date(2025, 4, 1), dt.date(2026, 3, 31)


def _code(
    dob: dt.date,
    *,
    recorded: str = "",
    latest: dt.date | None = dt.date(2025, 6, 1),
    looked_after_at_end: bool = True,
) -> str:
    return ssda903_upn_unknown(
        date_of_birth=dob,
        collection_start=START,
        collection_end=END,
        recorded=recorded,
        latest_episode_start=latest,
        looked_after_at_end=looked_after_at_end,
    )


def test_a_child_not_yet_of_school_age_is_un1() -> None:
    # Under 4 on 31 August 2024 (rule 209's reference date for the 2026 collection).
    assert _code(dt.date(2020, 9, 1)) == "UN1"
    assert _code(dt.date(2020, 9, 1), recorded="UN4") == "UN1"  # UN4 not allowed at 31 March


def test_un1_is_not_kept_for_a_child_of_school_age() -> None:
    assert _code(dt.date(2020, 8, 31), recorded="UN1") == "UN5"


def test_a_recorded_reason_the_903_accepts_is_kept() -> None:
    assert _code(dt.date(2012, 1, 1), recorded="UN2") == "UN2"
    assert _code(dt.date(2012, 1, 1), recorded="UN3") == "UN3"


@pytest.mark.parametrize("recorded", ["UN6", "UN7", ""])
def test_census_only_reasons_are_replaced(recorded: str) -> None:
    assert _code(dt.date(2012, 1, 1), recorded=recorded) == "UN5"


def test_un4_is_never_used_for_a_child_looked_after_at_31_march() -> None:
    """Rule 210: not for a child looked after for more than a week at 31 March (its
    wording), nor with an episode from 24 March (how the validator applies it)."""
    assert _code(dt.date(2012, 1, 1), recorded="UN4") == "UN5"
    assert _code(dt.date(2012, 1, 1), recorded="UN4", latest=dt.date(2026, 3, 25)) == "UN5"


def test_un4_for_a_child_who_left_care_during_the_year() -> None:
    assert _code(dt.date(2012, 1, 1), looked_after_at_end=False) == "UN4"
    assert _code(dt.date(2012, 1, 1), recorded="UN4", looked_after_at_end=False) == "UN4"
    # ... unless an episode began in the last week (the validator's rule 210).
    assert _code(dt.date(2012, 1, 1), latest=dt.date(2026, 3, 24), looked_after_at_end=False) == "UN5"
