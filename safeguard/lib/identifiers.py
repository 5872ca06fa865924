"""Validation of the national identifiers a child's record holds.

Pure functions: no models, no Django. Each cites the rule it implements.
"""

from __future__ import annotations

import re

_NHS_RE = re.compile(r"^\d{10}$")
# The DfE's check-letter alphabet: A..Z without I, O and S (CIN census rule 1510).
UPN_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"
_UPN_RE = re.compile(r"^[A-Z]\d{11}[0-9A-HJ-NP-RT-Z]$")


def normalise_nhs_number(value: str) -> str:
    """Strip the spaces and hyphens people type (``943 476 5919``)."""
    return re.sub(r"[\s-]", "", value or "")


def nhs_number_is_valid(value: str) -> bool:
    """True when ``value`` is a ten-digit NHS number whose modulus-11 check digit is right.

    NHS Data Dictionary, "NHS Number": weights 10 down to 2 on the first nine digits; the
    check digit is 11 minus the remainder of the sum by 11; 11 becomes 0 and 10 is never
    issued.
    """
    digits = normalise_nhs_number(value)
    if not _NHS_RE.match(digits):
        return False
    total = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    if check == 11:
        check = 0
    if check == 10:
        return False
    return check == int(digits[9])


def nhs_number_with_check_digit(first_nine: str) -> str | None:
    """The full NHS number for nine digits, or None when no valid check digit exists."""
    total = sum(int(d) * w for d, w in zip(first_nine, range(10, 1, -1), strict=True))
    check = 11 - total % 11
    if check == 11:
        check = 0
    if check == 10:
        return None
    return f"{first_nine}{check}"


def _upn_char_value(ch: str) -> int:
    # Character 13 may be a letter in a temporary UPN; it counts by its place in the
    # check-letter alphabet.
    return int(ch) if ch.isdigit() else UPN_LETTERS.index(ch)


def upn_check_letter(last_twelve: str) -> str:
    """The check letter for UPN characters 2 to 13 (CIN census rule 1510).

    Multiply character i by i for i = 2..13, sum, take the remainder by 23, and map
    0..22 onto ``ABCDEFGHJKLMNPQRTUVWXYZ``.
    """
    total = sum(_upn_char_value(ch) * i for i, ch in enumerate(last_twelve, start=2))
    return UPN_LETTERS[total % 23]


def normalise_upn(value: str) -> str:
    return re.sub(r"\s", "", value or "").upper()


def upn_is_valid(value: str) -> bool:
    """True when ``value`` has the UPN shape (rules 1540, 1550) and its check letter (1510)."""
    upn = normalise_upn(value)
    if not _UPN_RE.match(upn):
        return False
    return upn[0] == upn_check_letter(upn[1:])


def upn_problem(value: str) -> str | None:
    """A sentence saying what is wrong with a UPN, in a practitioner's words, or None."""
    upn = normalise_upn(value)
    if len(upn) != 13:
        return "A UPN is 13 characters long, for example X801200000001."
    if not upn[0].isalpha():
        return "A UPN starts with a check letter."
    if not upn[1:12].isdigit():
        return "Characters 2 to 12 of a UPN must be numbers."
    if not _UPN_RE.match(upn):
        return "The last character of a UPN must be a number or a letter other than I, O or S."
    if upn[0] != upn_check_letter(upn[1:]):
        return "This UPN's check letter is wrong: check it has been copied correctly."
    return None


def nhs_number_problem(value: str) -> str | None:
    """A sentence saying what is wrong with an NHS number, or None."""
    digits = normalise_nhs_number(value)
    if not _NHS_RE.match(digits):
        return "An NHS number is 10 digits, for example 943 476 5919."
    if not nhs_number_is_valid(digits):
        return "This NHS number's check digit is wrong: check it has been copied correctly."
    return None
