"""The rules that turn casework into the national returns' codes, one function per rule,
each citing where the code list or the rule comes from (shared/data-standards.md).

Casework records the primary need code (N00101, ``Assessment.primary_need``) and the
register the UPN-unknown reason (N00135, ``Person.upn_unknown_reason``); records made
before those fields existed have neither, so the census falls back to deriving them here
(and the run lists each derived value as a finding to fix). The reason for closure
(N00103) is still derived from the work that ended the episode.
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


UPN_UNKNOWN_CODES = frozenset({"UN1", "UN2", "UN3", "UN4", "UN5", "UN6", "UN7"})
# CIN rule 8770Q: a child six or older on the reference date needs a UPN or a reason other
# than UN1 (not of school age).
UN1_AGE_LIMIT = 6


def _age_on(date_of_birth: dt.date, day: dt.date) -> int:
    return day.year - date_of_birth.year - ((day.month, day.day) < (date_of_birth.month, date_of_birth.day))


def recorded_upn_unknown_is_valid(
    recorded: str, *, date_of_birth: dt.date | None, reference_date: dt.date, referral_nfa: bool
) -> bool:
    """Whether the reason recorded on the register can go in the census as it is: a code
    UN1 to UN7; UN7 (referral with no further action) only when every episode of the year
    is one (rule 8772); UN1 (not of school age) not for a child six or older on the
    reference date (rule 8770Q)."""
    if recorded not in UPN_UNKNOWN_CODES:
        return False
    if recorded == "UN7" and not referral_nfa:
        return False
    return not (
        recorded == "UN1" and date_of_birth is not None and _age_on(date_of_birth, reference_date) >= UN1_AGE_LIMIT
    )


def upn_unknown_for_census(
    recorded: str, *, date_of_birth: dt.date | None, reference_date: dt.date, referral_nfa: bool
) -> tuple[str, bool]:
    """CIN ``UPNunknown`` for a child with no valid UPN, and whether it was derived: the
    reason recorded on the register when the census rules accept it, otherwise the
    derivation of ``upn_unknown_reason``."""
    if recorded_upn_unknown_is_valid(
        recorded, date_of_birth=date_of_birth, reference_date=reference_date, referral_nfa=referral_nfa
    ):
        return recorded, False
    derived = upn_unknown_reason(date_of_birth=date_of_birth, reference_date=reference_date, referral_nfa=referral_nfa)
    return derived, True


SSDA903_UPN_UNKNOWN = ("UN1", "UN2", "UN3", "UN4", "UN5")  # SSDA903 accepts these only (rule 168)


def ssda903_upn_unknown(
    *,
    date_of_birth: dt.date | None,
    collection_start: dt.date,
    collection_end: dt.date,
    recorded: str,
    latest_episode_start: dt.date | None,
    looked_after_at_end: bool,
) -> str:
    """SSDA903 ``UPN`` when no valid UPN is recorded: the recorded reason when SSDA903
    accepts it (UN1 to UN5, rule 168) and the rules allow it, else a derived code.

    - UN1 (not of school age) only for a child under 4 on 31 August before the year began
      (rule 209).
    - UN4 (newly looked after, UPN not yet known) not for a child looked after for more than
      a week at 31 March (rule 210's wording), nor for one with an episode starting on or after
      24 March (rule 210 as the validator applies it).
    - Derived: UN1 when not of school age, else UN4 when allowed, else UN5 (no reliable UPN:
      the child is looked after at 31 March with no UPN recorded; recording the UPN or the
      reason is the fix)."""
    under_school_age = True
    if date_of_birth is not None:
        try:
            fourth = date_of_birth.replace(year=date_of_birth.year + 4)
        except ValueError:  # 29 February
            fourth = date_of_birth.replace(year=date_of_birth.year + 4, day=28)
        under_school_age = fourth > dt.date(collection_start.year - 1, 8, 31)
    last_week = dt.date(collection_end.year, 3, 24)
    un4_allowed = not looked_after_at_end and (latest_episode_start is None or latest_episode_start < last_week)
    allowed = {
        "UN1": under_school_age,
        "UN2": True,
        "UN3": True,
        "UN4": un4_allowed,
        "UN5": True,
    }
    if recorded in SSDA903_UPN_UNKNOWN and allowed[recorded]:
        return recorded
    if under_school_age:
        return "UN1"
    return "UN4" if un4_allowed else "UN5"


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


PRIMARY_NEED_CODES = frozenset({"N0", "N1", "N2", "N3", "N4", "N5", "N6", "N7", "N8", "N9"})
# A referral closed with no further action: a case other than a child in need.
REFERRAL_NFA_NEED = "N9"


def recorded_primary_need(codes_by_start: Iterable[tuple[dt.date, str]]) -> str:
    """The primary need chosen at the episode's latest assessment that recorded one (the
    need as the council last assessed it), or "" when none did."""
    recorded = [(start, code) for start, code in codes_by_start if code in PRIMARY_NEED_CODES]
    return max(recorded)[1] if recorded else ""


# --- Closure -----------------------------------------------------------------------------


REFERRAL_NFA_CLOSURE = "RC8"  # closed with no further action (the census's code for a referral NFA)


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
