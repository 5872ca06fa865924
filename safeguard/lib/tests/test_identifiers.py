from __future__ import annotations

import pytest

from safeguard.lib.identifiers import (
    nhs_number_is_valid,
    nhs_number_problem,
    nhs_number_with_check_digit,
    upn_check_letter,
    upn_is_valid,
    upn_problem,
)


@pytest.mark.parametrize("value", ["9434765919", "943 476 5919", "943-476-5919", "4010232137"])
def test_it_accepts_nhs_numbers_with_the_right_check_digit(value: str) -> None:
    assert nhs_number_is_valid(value)
    assert nhs_number_problem(value) is None


@pytest.mark.parametrize("value", ["9434765918", "943476591", "94347659199", "94347659A9", ""])
def test_it_refuses_nhs_numbers_that_fail_modulus_11(value: str) -> None:
    assert not nhs_number_is_valid(value)
    assert nhs_number_problem(value)


def test_it_never_issues_a_check_digit_of_ten() -> None:
    # 123456789: weights give a remainder of 1, so 11 - 1 = 10, which is never issued.
    total = sum(int(d) * w for d, w in zip("123456789", range(10, 1, -1), strict=True))
    assert 11 - total % 11 == 10
    assert nhs_number_with_check_digit("123456789") is None
    assert not any(nhs_number_is_valid(f"123456789{d}") for d in range(10))


def test_it_maps_a_remainder_of_zero_to_check_digit_zero() -> None:
    number = nhs_number_with_check_digit("999000005")
    assert number is not None and nhs_number_is_valid(number)


def test_it_computes_the_upn_check_letter_by_the_dfe_rule() -> None:
    # Weights 2..13 on characters 2..13, remainder by 23, letters without I, O and S.
    body = "801200000001"
    total = sum(int(ch) * i for i, ch in enumerate(body, start=2))
    assert upn_check_letter(body) == "ABCDEFGHJKLMNPQRTUVWXYZ"[total % 23]
    assert upn_is_valid(upn_check_letter(body) + body)


def test_it_accepts_a_temporary_upn_ending_in_a_letter() -> None:
    body = "80120000000A"
    assert upn_is_valid(upn_check_letter(body) + body)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("A80120000001", "13 characters"),
        ("180120000000X", "starts with a check letter"),
        ("A8012000000I1", "Characters 2 to 12"),
        ("A80120000000I", "other than I, O or S"),
    ],
)
def test_it_says_what_is_wrong_with_a_upn(value: str, message: str) -> None:
    problem = upn_problem(value)
    assert problem is not None and message in problem


def test_it_spots_a_wrong_upn_check_letter() -> None:
    body = "801200000001"
    right = upn_check_letter(body)
    wrong = "A" if right != "A" else "B"
    assert not upn_is_valid(wrong + body)
    assert "check letter is wrong" in (upn_problem(wrong + body) or "")
