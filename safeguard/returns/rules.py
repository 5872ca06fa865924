"""The rules that turn casework into the national returns' codes, one function per rule,
each citing where the code list or the rule comes from (shared/data-standards.md).

Casework does not (yet) record three CIN census items directly: the primary need code
(N00101), the reason for closure (N00103) and the UPN-unknown reason (N00135). Until it
does, they are derived here from what casework records, by the rules below; each
derivation is named so that the lead can replace it by a recorded field.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from safeguard.casework.codes import AssessmentOutcome, PlanEndReason

# --- UPN -------------------------------------------------------------------------------

UPN_CHECK_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"


def upn_check_letter(body: str) -> str:
    """CIN rule 1510: the check letter of a UPN's characters 2-13 (weights 2..13, mod 23)."""
    total = 0
    for weight, char in enumerate(body, start=2):
        value = int(char) if char.isdigit() else UPN_CHECK_LETTERS.index(char.upper())
        total += value * weight
    return UPN_CHECK_LETTERS[total % 23]


def upn_is_valid(upn: str) -> bool:
    """CIN rules 1510, 1540, 1550: 13 characters, check letter first, digits 2-12, the last a
    digit or a letter other than I, O and S."""
    if len(upn) != 13 or not upn[1:12].isdigit():
        return False
    last = upn[12]
    if not (last.isdigit() or (last.isalpha() and last.upper() in UPN_CHECK_LETTERS)):
        return False
    return upn[0].upper() == upn_check_letter(upn[1:])


def upn_unknown_reason(*, date_of_birth: dt.date | None, reference_date: dt.date, referral_nfa: bool) -> str:
    """CIN ``UPNunknown`` (N00135) when no UPN is recorded (data-standards §2.4):
    UN1 not of school age (under 5 on the reference date, or unborn), UN7 a referral with no
    further action (rule 8772), otherwise UN4 (a new case whose UPN is not yet known)."""
    if date_of_birth is None:
        return "UN1"
    age = (
        reference_date.year
        - date_of_birth.year
        - ((reference_date.month, reference_date.day) < (date_of_birth.month, date_of_birth.day))
    )
    if age < 5:
        return "UN1"
    if referral_nfa:
        return "UN7"
    return "UN4"


# --- Primary need ------------------------------------------------------------------------

ABUSE_FACTORS = frozenset({"3A", "11A", "12A", "16A", "17A", "18B", "18C", "19B", "19C", "22A", "23A", "24A"})
CHILD_DISABILITY_FACTORS = frozenset({"5A", "6A"})
PARENT_ILLNESS_FACTORS = frozenset({"4B", "5B", "6B", "4C", "5C", "6C"})
FAMILY_DYSFUNCTION_FACTORS = frozenset({"1B", "1C", "2B", "2C", "3B", "3C"})
BEHAVIOUR_FACTORS = frozenset({"1A", "2A", "4A", "10A", "13A", "14A", "15A"})
ABSENT_PARENTING_FACTORS = frozenset({"9A", "8B", "8C", "8D", "8E", "8F"})


def primary_need(*, factors: Iterable[str], protection: bool, nfa_only: bool) -> str:
    """CIN ``PrimaryNeedCode`` (N00101), derived while casework has no field for it.

    The DfE code is the main reason the child is in need (data-standards §2.4). Derived in
    order: N1 abuse, neglect and exploitation when there was a section 47 enquiry or a plan,
    or an abuse factor at assessment; N2 the child's disability; N3 parental illness or
    disability; N5 family dysfunction; N6 socially unacceptable behaviour; N8 absent
    parenting; N9 when the assessment found no need (closed with no further action);
    otherwise N4 family in acute stress.
    """
    found = set(factors)
    if protection or found & ABUSE_FACTORS:
        return "N1"
    if found & CHILD_DISABILITY_FACTORS:
        return "N2"
    if found & PARENT_ILLNESS_FACTORS:
        return "N3"
    if found & FAMILY_DYSFUNCTION_FACTORS:
        return "N5"
    if found & BEHAVIOUR_FACTORS:
        return "N6"
    if found & ABSENT_PARENTING_FACTORS:
        return "N8"
    if nfa_only:
        return "N9"
    return "N4"


# --- Closure -----------------------------------------------------------------------------


def closure_reason_after_assessment(outcome: str) -> str | None:
    """CIN ``ReasonForClosure`` when an episode ends with its assessment (data-standards §2.4):
    RC8 closed after assessment, no further action; RC9 closed after assessment, referred to
    early help. Other outcomes lead to more work, so do not close the episode."""
    if outcome == AssessmentOutcome.NFA:
        return "RC8"
    if outcome == AssessmentOutcome.EARLY_HELP:
        return "RC9"
    return None


def closure_reason_after_protection_plan(end_reason: str) -> str | None:
    """CIN ``ReasonForClosure`` when an episode ends with its child protection plan: RC2 died;
    RC5 transferred to another local authority; RC7 services ceased for any other reason.
    A plan that ended because the child became looked after does not end the episode: a
    looked-after child remains a child in need (None)."""
    if end_reason == PlanEndReason.LOOKED_AFTER:
        return None
    if end_reason == PlanEndReason.DIED:
        return "RC2"
    if end_reason == PlanEndReason.MOVED_LA:
        return "RC5"
    return "RC7"


CIN_PLAN_CLOSURE = "RC7"  # services ceased for any other reason, including no longer in need
DIED_CLOSURE = "RC2"


def closure_reason_after_care(reason_episode_ceased: str) -> str:
    """CIN ``ReasonForClosure`` when an episode ends with the end of a period of care, from
    the SSDA903 ``REC`` (data-standards §2.4, §3.3): RC1 adopted (E11, E12), RC2 died (E2),
    RC3 child arrangements order (E41), RC4 special guardianship order (E45-E48), RC5
    another local authority (E3), RC6 adult social care (E7), otherwise RC7."""
    if reason_episode_ceased in ("E11", "E12"):
        return "RC1"
    if reason_episode_ceased == "E2":
        return "RC2"
    if reason_episode_ceased == "E41":
        return "RC3"
    if reason_episode_ceased in ("E45", "E46", "E47", "E48"):
        return "RC4"
    if reason_episode_ceased == "E3":
        return "RC5"
    if reason_episode_ceased == "E7":
        return "RC6"
    return "RC7"
