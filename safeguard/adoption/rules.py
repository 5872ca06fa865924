"""The rules of adoption records, one function per rule, each citing its source.

A child's decision that they should be placed for adoption (SHOBPA) and what followed must
happen in order, as the SSDA903 return checks them (shared/data-standards.md §3.4; the DfE
validator's rules named below). An adopter household's journey through the agency's
two-stage approval (Adoption Agencies Regulations 2005, Part 3 as amended in 2013) must
happen in order too, and the AD1 codes describing the adopters must agree with each other
(903 rules 511-524).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from safeguard.lib.workingdays import add_months

from .codes import AdoptersLegalStatus

# Local practice standard: a child with a SHOBPA decision should be matched with adopters
# within 6 months of it. (The DfE adoption scorecard measured the wait from the placement
# order to the match against a 121-day threshold; the decision comes before the order.)
MATCH_EXPECTED_MONTHS = 6


@dataclass(frozen=True)
class Problem:
    """A broken rule: the form field it belongs to, the message, and the rule's source."""

    field: str
    message: str
    rule: str


def _d(day: dt.date) -> str:
    return f"{day:%-d %B %Y}"


@dataclass(frozen=True)
class DecisionDates:
    """What a child's adoption decision record says."""

    decided_on: dt.date
    placement_order_on: dt.date | None = None
    matched_on: dt.date | None = None
    placed_on: dt.date | None = None
    adoption_order_on: dt.date | None = None
    ffa_placed_on: dt.date | None = None
    no_longer_on: dt.date | None = None
    no_longer_reason: str = ""
    has_adopters: bool = False
    placed_with_foster_carer: bool | None = None


DECISION_DATE_FIELDS = (
    ("decided_on", "decision that the child should be placed for adoption"),
    ("placement_order_on", "placement order"),
    ("matched_on", "match with adopters"),
    ("placed_on", "placement for adoption"),
    ("adoption_order_on", "adoption order"),
    ("ffa_placed_on", "fostering for adoption placement"),
    ("no_longer_on", "decision that the child should no longer be placed for adoption"),
)


def dates_not_in_future(d: DecisionDates, today: dt.date) -> list[Problem]:
    """Nothing is recorded before it happened."""
    return [
        Problem(name, f"The date of the {what} cannot be in the future.", "Safeguard")
        for name, what in DECISION_DATE_FIELDS
        if (day := getattr(d, name)) is not None and day > today
    ]


def decision_after_birth(d: DecisionDates, dob: dt.date | None) -> list[Problem]:
    """903 rule 184: the decision is not before the child was born."""
    if dob is not None and d.decided_on < dob:
        return [Problem("decided_on", f"The decision cannot be before the child was born ({_d(dob)}).", "903/184")]
    return []


def decision_while_looked_after(d: DecisionDates, care_started_on: dt.date | None) -> list[Problem]:
    """903 rule 1003: the decision is not before the child started to be looked after (a
    SHOBPA decision is made for a child in care)."""
    if care_started_on is None:
        return [
            Problem(
                "decided_on",
                "The child was not looked after on that date. Record the child's care first, "
                "or check the date of the decision.",
                "903/1003",
            )
        ]
    if d.decided_on < care_started_on:
        return [
            Problem(
                "decided_on",
                f"The decision cannot be before the child started to be looked after ({_d(care_started_on)}).",
                "903/1003",
            )
        ]
    return []


def placement_order_after_decision(d: DecisionDates) -> list[Problem]:
    """903 rule 554: the decision comes on or before the placement order."""
    if d.placement_order_on is not None and d.placement_order_on < d.decided_on:
        return [
            Problem(
                "placement_order_on",
                f"The placement order cannot be before the decision that the child should be placed "
                f"for adoption ({_d(d.decided_on)}).",
                "903/554",
            )
        ]
    return []


def match_after_decision(d: DecisionDates) -> list[Problem]:
    """903 rule 333: the decision comes on or before the match; a match names the adopters
    (AD1 needs their number, sex and legal status)."""
    problems = []
    if d.matched_on is not None and d.matched_on < d.decided_on:
        problems.append(
            Problem(
                "matched_on",
                f"The match cannot be before the decision that the child should be placed for adoption "
                f"({_d(d.decided_on)}).",
                "903/333",
            )
        )
    if d.matched_on is not None and not d.has_adopters:
        problems.append(Problem("household", "Choose the adopters the child was matched with.", "903/151"))
    return problems


def placement_after_match(d: DecisionDates) -> list[Problem]:
    """903 rules 331 and 552: a child is matched before being placed, and placed after the
    decision; AD1 asks whether the adopters were the child's foster carers (FOSTER_CARE)."""
    problems: list[Problem] = []
    if d.placed_on is None:
        return problems
    if d.matched_on is None:
        problems.append(Problem("matched_on", "Enter the date of the match before the date of placement.", "903/331"))
    elif d.placed_on < d.matched_on:
        problems.append(
            Problem(
                "placed_on",
                f"The child cannot be placed for adoption before being matched ({_d(d.matched_on)}).",
                "903/331",
            )
        )
    if d.placed_on < d.decided_on:
        problems.append(Problem("placed_on", "The child cannot be placed for adoption before the decision.", "903/552"))
    if d.placed_with_foster_carer is None:
        problems.append(
            Problem(
                "placed_with_foster_carer",
                "Say whether the child was placed with their current foster carers.",
                "903/114",
            )
        )
    return problems


def order_after_placement(d: DecisionDates) -> list[Problem]:
    """An adoption order is made for a child placed for adoption; 903 rule 582 expects the
    match before the adoption order, not on the same day."""
    if d.adoption_order_on is None:
        return []
    if d.placed_on is None:
        return [
            Problem(
                "placed_on", "Enter the date the child was placed for adoption before the adoption order.", "903/331"
            )
        ]
    problems = []
    if d.adoption_order_on < d.placed_on:
        problems.append(
            Problem(
                "adoption_order_on",
                f"The adoption order cannot be before the child was placed for adoption ({_d(d.placed_on)}).",
                "Adoption and Children Act 2002 s42",
            )
        )
    if d.matched_on is not None and d.adoption_order_on <= d.matched_on:
        problems.append(
            Problem("adoption_order_on", "The adoption order must come after the date of the match.", "903/582")
        )
    return problems


def reversal_has_date_and_reason(d: DecisionDates) -> list[Problem]:
    """903 rules 119, 120, 522 and 525: a decision that the child should no longer be placed
    for adoption has both a date and a reason, comes on or after the decision, and a
    reversed decision ends without an adoption order."""
    problems = []
    if d.no_longer_on is not None and not d.no_longer_reason:
        problems.append(
            Problem("no_longer_reason", "Choose why the child should no longer be placed for adoption.", "903/119")
        )
    if d.no_longer_reason and d.no_longer_on is None:
        problems.append(
            Problem(
                "no_longer_on",
                "Enter the date of the decision that the child should no longer be placed for adoption.",
                "903/119",
            )
        )
    if d.no_longer_on is not None and d.no_longer_on < d.decided_on:
        problems.append(
            Problem(
                "no_longer_on",
                f"The decision cannot be reversed before it was made ({_d(d.decided_on)}).",
                "903/522",
            )
        )
    if d.no_longer_on is not None and d.adoption_order_on is not None:
        problems.append(
            Problem(
                "no_longer_on",
                "A child who has been adopted cannot also have the decision reversed: remove one of the two dates.",
                "903/525",
            )
        )
    return problems


def ffa_before_placement(d: DecisionDates) -> list[Problem]:
    """A fostering for adoption or concurrent planning placement (Children Act 1989
    s22C(9A)) comes before the placement for adoption."""
    if d.ffa_placed_on is not None and d.placed_on is not None and d.ffa_placed_on > d.placed_on:
        return [
            Problem(
                "ffa_placed_on",
                "The fostering for adoption placement must come before the placement for adoption.",
                "Children Act 1989 s22C(9A)",
            )
        ]
    return []


def check_decision(
    d: DecisionDates, *, dob: dt.date | None, care_started_on: dt.date | None, today: dt.date
) -> list[Problem]:
    """Every rule of a decision record, in the order of the form."""
    return [
        *dates_not_in_future(d, today),
        *decision_after_birth(d, dob),
        *decision_while_looked_after(d, care_started_on),
        *placement_order_after_decision(d),
        *match_after_decision(d),
        *placement_after_match(d),
        *order_after_placement(d),
        *reversal_has_date_and_reason(d),
        *ffa_before_placement(d),
    ]


def match_due(decided_on: dt.date, *, matched_on: dt.date | None, open_: bool) -> dt.date | None:
    """When an open decision should have found adopters (``MATCH_EXPECTED_MONTHS``); none
    once the child is matched or the decision has closed."""
    if matched_on is not None or not open_:
        return None
    return add_months(decided_on, MATCH_EXPECTED_MONTHS)


# --- Adopters ---------------------------------------------------------------------------------

JOURNEY = (
    ("enquiry_on", "enquiry"),
    ("stage1_started_on", "start of stage 1"),
    ("stage1_ended_on", "end of stage 1"),
    ("stage2_started_on", "start of stage 2"),
    ("application_on", "application"),
    ("stage2_ended_on", "end of stage 2"),
    ("approved_on", "approval"),
    ("matched_on", "match"),
    ("placed_on", "placement"),
    ("adoption_order_on", "adoption order"),
)


def journey_in_order(dates: dict[str, dt.date | None], today: dt.date) -> list[Problem]:
    """Adoption Agencies Regulations 2005 Part 3 (stage 1, reg 22; stage 2, reg 25 onwards;
    approval, reg 30B): each step of the journey, when given, is on or after the steps
    before it, and none is in the future."""
    problems: list[Problem] = []
    latest: tuple[str, dt.date] | None = None
    for name, what in JOURNEY:
        day = dates.get(name)
        if day is None:
            continue
        if day > today:
            problems.append(Problem(name, f"The date of the {what} cannot be in the future.", "Safeguard"))
        if latest is not None and day < latest[1]:
            problems.append(
                Problem(name, f"The date of the {what} cannot be before the {latest[0]} ({_d(latest[1])}).", "AAR 2005")
            )
        else:
            latest = (what, day)
    for start, end, stage in (
        ("stage1_started_on", "stage1_ended_on", "1"),
        ("stage2_started_on", "stage2_ended_on", "2"),
    ):
        if dates.get(end) and not dates.get(start):
            problems.append(Problem(start, f"Enter when stage {stage} started before when it ended.", "AAR 2005"))
    left = dates.get("left_on")
    if left is not None:
        if left > today:
            problems.append(Problem("left_on", "The date the household left cannot be in the future.", "Safeguard"))
        enquiry = dates.get("enquiry_on")
        if enquiry is not None and left < enquiry:
            problems.append(Problem("left_on", "The household cannot leave before the enquiry.", "AAR 2005"))
    return problems


def leaving_has_date_and_reason(left_on: dt.date | None, left_reason: str) -> list[Problem]:
    """Annex A List 11: the date of leaving the process and the reason go together."""
    if left_on is not None and not left_reason:
        return [Problem("left_reason", "Choose why the household left the adoption process.", "Annex A List 11")]
    if left_reason and left_on is None:
        return [Problem("left_on", "Enter the date the household left the adoption process.", "Annex A List 11")]
    return []


def children_placed_counted(placed_on: dt.date | None, children_placed: int | None) -> list[Problem]:
    """Annex A List 11: the number of children placed goes with the date they were placed."""
    if placed_on is not None and not children_placed:
        return [Problem("children_placed", "Enter how many children were placed with the household.", "Annex A")]
    if children_placed and placed_on is None:
        return [Problem("placed_on", "Enter the date the children were placed with the household.", "Annex A")]
    return []


def adopters_sex_code(sexes: Sequence[str]) -> str:
    """SSDA903 AD1 SEX_ADOPTR from the adopters' sexes: M1, F1 for one adopter; MM, FF or
    MF for a couple (data-standards §3.3)."""
    ordered = sorted(sexes, reverse=True)  # M before F
    if len(ordered) == 1:
        return f"{ordered[0]}1"
    if len(ordered) == 2:
        return "".join(ordered)
    raise ValueError("A household has one or two adopters.")


COUPLE_STATUSES = {
    AdoptersLegalStatus.L11: ({"MF"}, "a married couple of different sexes"),
    AdoptersLegalStatus.L12: ({"MM", "FF"}, "a married couple of the same sex"),
    AdoptersLegalStatus.L2: ({"MM", "FF", "MF"}, "civil partners"),
    AdoptersLegalStatus.L3: ({"MF"}, "an unmarried couple of different sexes"),
    AdoptersLegalStatus.L4: ({"MM", "FF"}, "an unmarried couple of the same sex"),
}


def legal_status_fits(legal_status: str, sexes: Iterable[str]) -> list[Problem]:
    """903 rules 511, 514, 517, 518, 519, 520 and 524: one adopter is single (L0) and a
    couple is not; the couple's legal status agrees with their sexes."""
    sexes = list(sexes)
    if not sexes:
        return []
    code = adopters_sex_code(sexes)
    if len(sexes) == 1:
        if legal_status != AdoptersLegalStatus.L0:
            return [Problem("legal_status", "One adopter on their own is a single adopter.", "903/514")]
        return []
    if legal_status == AdoptersLegalStatus.L0:
        return [Problem("legal_status", "Two adopters are a couple: choose how they are a couple.", "903/514")]
    allowed, words = COUPLE_STATUSES[AdoptersLegalStatus(legal_status)]
    if code not in allowed:
        return [Problem("legal_status", f"The adopters' sexes do not fit {words}.", "903/517-524")]
    return []
