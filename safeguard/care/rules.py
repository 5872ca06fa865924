"""The rules of children in care, each named for what it enforces and citing its source.

Two kinds live here, all pure functions of dates and codes:

- the SSDA903 episode rules the national return enforces (shared/data-standards.md §3.4,
  shared/domain.md §2.2–§2.4; rule numbers are the DfE/D2I validator's), checked when the
  practitioner saves, each returning ``None`` or a message in the practitioner's words;
- the deadlines of the Care Planning, Placement and Case Review (England) Regulations 2010
  and the statutory guidance (domain.md §2.5), each computed from a stored event date.

"Week" and "month" in the Regulations are calendar based (domain.md, general encoding
rules); only the 20-working-day first review counts working days.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from safeguard.lib.workingdays import add_months, add_working_days

from .codes import (
    ADOPTION_PLACEMENTS,
    FOSTER_PLACEMENTS,
    LA_PERM_CODES,
    PLACEMENT_VALIDITY,
    SHORT_BREAK_STATUSES,
    SUPPORTED_ACCOMMODATION,
    TEMPORARY_PLACEMENTS,
    TRANSITION_CHANGES,
    Z_PLACEMENTS,
    VisitCadence,
    collection_year,
    year_label,
)


class EpisodeLike(Protocol):
    start_date: dt.date
    end_date: dt.date | None
    reason_new_episode: str
    legal_status: str
    category_of_need: str
    placement_type: str
    placement_provider: str
    placement_postcode: str
    urn: str
    end_reason: str
    placement_change_reason: str
    carer_id: int | None


@dataclass(frozen=True)
class Problem:
    """A broken rule: the form field it belongs to, the message, and the rule's number."""

    field: str
    message: str
    rule: str


def age_on(dob: dt.date, day: dt.date) -> int:
    """Whole years of age on ``day``."""
    return day.year - dob.year - ((day.month, day.day) < (dob.month, dob.day))


# ---------------------------------------------------------------------------
# Code validity by collection year
# ---------------------------------------------------------------------------


def placement_type_valid_in_year(place: str, day: dt.date) -> str | None:
    """Rule 146: the placement type must be on the list for the collection year of the
    episode's start (K3 from 2024-25; H5, P2, Z1 last valid in 2024-25; Z11–Z14 from
    2025-26; domain.md §2.4 version note)."""
    validity = PLACEMENT_VALIDITY.get(place)
    year = collection_year(day)
    if validity is None:
        return f"{place} is not a placement type."
    if not validity.covers(year):
        return (
            f"Placement type {place} cannot be used for a placement starting in {year_label(year)}: "
            f"it is valid {validity.describe()}."
        )
    return None


FREEING_ORDERS_ENDED = dt.date(2005, 12, 30)


def freeing_order_not_new(legal_status: str, start: dt.date) -> str | None:
    """Rule 445: no new freeing orders (D1) were made after 30 December 2005, when the
    Adoption and Children Act 2002 replaced them with placement orders."""
    if legal_status == "D1" and start > FREEING_ORDERS_ENDED:
        return "Freeing orders (D1) have not been made since December 2005. Use E1 for a placement order."
    return None


# ---------------------------------------------------------------------------
# Guarded combinations on one episode
# ---------------------------------------------------------------------------


def s20_not_placed_with_parents(legal_status: str, place: str) -> str | None:
    """Rule 378: a child accommodated under section 20 (V2) cannot be placed with their
    own parents (P1); accommodation with parents is not being looked after."""
    if legal_status == "V2" and place == "P1":
        return "A child accommodated under section 20 (V2) cannot be placed with their own parents (P1)."
    return None


def supported_accommodation_from_16(place: str, dob: dt.date | None, start: dt.date) -> str | None:
    """Rule 371: supported accommodation (K3, and the former H5) only for children aged
    16 or over at the start of the placement."""
    if place in SUPPORTED_ACCOMMODATION and dob is not None and age_on(dob, start) < 16:
        return (
            f"Supported accommodation ({place}) is only for young people aged 16 or over; "
            f"the child is {age_on(dob, start)} on {start:%d/%m/%Y}."
        )
    return None


NO_PROVIDER_PLACEMENTS = TEMPORARY_PLACEMENTS | Z_PLACEMENTS


def placement_provider_allowed(place: str, provider: str) -> str | None:
    """Rules 178, 213, 526 and 550 (domain.md §2.4): no provider for temporary or Z
    placements; a provider for every other placement; PR0 only with P1; PR1 not with
    P1, R2 or R5; PR3 not with P1, A3–A6, K1, K2 or U1–U6."""
    if place in NO_PROVIDER_PLACEMENTS:
        if provider:
            return f"Leave the placement provider blank for a temporary or other placement ({place})."
        return None
    if not provider:
        return "Choose the placement provider."
    if provider == "PR0" and place != "P1":
        return "Parent or person with parental responsibility (PR0) is only for placements with parents (P1)."
    if provider == "PR1" and place in {"P1", "R2", "R5"}:
        return f"Own local authority provision (PR1) is not possible with placement type {place}."
    if provider == "PR3" and place in ({"P1", "K1", "K2"} | ADOPTION_PLACEMENTS | FOSTER_PLACEMENTS):
        return f"Other public provision (PR3) is not possible with placement type {place}."
    return None


def adoption_with_foster_carer_reason(place: str, rne: str) -> str | None:
    """Rule 217: placed for adoption with the current foster carer (A3 or A5) means the
    carer stays the same, so the reason for the new episode must be S, T or U."""
    if place in {"A3", "A5"} and rne not in {"S", "T", "U"}:
        return (
            f"A child placed for adoption with their current foster carer ({place}) keeps the same carer: "
            "the reason for the new episode must be 'started to be looked after', 'change of placement, "
            "same carer' or 'change of legal status and placement, same carer'."
        )
    return None


def youth_justice_status_from_10(legal_status: str, dob: dt.date | None, start: dt.date) -> str | None:
    """Rule 358: remand, PACE and youth rehabilitation order statuses (J1–J3) are not
    possible under 10, the age of criminal responsibility."""
    if legal_status in {"J1", "J2", "J3"} and dob is not None and age_on(dob, start) < 10:
        return f"A child under 10 cannot be remanded or held under PACE ({legal_status})."
    return None


def over_18_only_section_20(legal_status: str, dob: dt.date | None, start: dt.date) -> str | None:
    """Rule 359: a young person still looked after after their 18th birthday can only be
    accommodated under section 20(5) (V2)."""
    if dob is not None and age_on(dob, start) >= 18 and legal_status != "V2":
        return "A young person aged 18 or over can only be looked after under section 20 (V2)."
    return None


POSTCODE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$")


def postcode_valid(postcode: str) -> str | None:
    """Rule 392c: postcodes must be full postcodes."""
    if postcode and not POSTCODE.match(postcode.strip().upper()):
        return f"Enter a full postcode, like SW1A 1AA (‘{postcode}’ is not one)."
    return None


def home_and_placement_postcode_differ(place: str, home: str, placement: str) -> str | None:
    """Rule 392d: home and placement postcodes are the same only when the child is
    placed with parents (P1)."""
    norm = lambda p: p.replace(" ", "").upper()  # noqa: E731
    if home and placement and place != "P1" and norm(home) == norm(placement):
        return "The placement postcode is the same as the home postcode, which is only possible for P1."
    return None


def urn_for_setting(place: str, urn: str) -> str | None:
    """Rules 218, 221, 222: temporary and Z11–Z14 placements carry no setting reference;
    children's homes, secure homes and supported accommodation (K1, K2, K3) do (XXXXXX
    where the setting has none)."""
    if urn and place in TEMPORARY_PLACEMENTS | {"Z11", "Z12", "Z13", "Z14"}:
        return f"Leave the setting reference blank for a temporary or other placement ({place})."
    if not urn and place in {"K1", "K2", "K3"}:
        return "Enter the setting's Ofsted reference (URN), or XXXXXX if it has none."
    return None


# ---------------------------------------------------------------------------
# Ending an episode
# ---------------------------------------------------------------------------


def end_needs_reason(end_date: dt.date | None, end_reason: str) -> str | None:
    """Rule 149 (with DEC): an ended episode has a reason it ceased, an open one has none."""
    if end_date is not None and not end_reason:
        return "Choose the reason the episode ended."
    if end_date is None and end_reason:
        return "An episode that has not ended has no reason for ending."
    return None


def end_not_before_start(start: dt.date, end: dt.date | None) -> str | None:
    """DEC must not be before DECOM."""
    if end is not None and end < start:
        return f"The episode cannot end ({end:%d/%m/%Y}) before it started ({start:%d/%m/%Y})."
    return None


def sgo_to_foster_carer_was_fostered(end_reason: str, place: str) -> str | None:
    """Rule 516: an SGO to former foster carers (E45, E46) needs the child to have been in
    foster care (U1–U6) in the ending episode."""
    if end_reason in {"E45", "E46"} and place not in FOSTER_PLACEMENTS:
        return "A special guardianship order to former foster carers needs a foster placement (U1 to U6)."
    return None


def placement_change_reason_allowed(
    place: str, end_date: dt.date | None, reason: str, dob: dt.date | None
) -> str | None:
    """Rules 226, 233, 234: the reason for a placement change is recorded on the ending
    episode only, never for temporary placements, and custody (CUSTOD) not under 10."""
    if not reason:
        return None
    if end_date is None:
        return "A reason for a placement change is only recorded when the placement ends."
    if place in TEMPORARY_PLACEMENTS:
        return f"No reason for a placement change is recorded for a temporary placement ({place})."
    if reason == "CUSTOD" and dob is not None and age_on(dob, end_date) < 10:
        return "A child under 10 cannot be admitted to custody (CUSTOD)."
    return None


# ---------------------------------------------------------------------------
# Transitions: the reason for a new episode against what changed
# ---------------------------------------------------------------------------


def same_placement(a: EpisodeLike, b: EpisodeLike) -> bool:
    return (
        a.placement_type == b.placement_type
        and a.placement_postcode.replace(" ", "").upper() == b.placement_postcode.replace(" ", "").upper()
        and a.urn == b.urn
        and a.placement_provider == b.placement_provider
        and a.carer_id == b.carer_id
    )


def transition_matches_changes(previous: EpisodeLike | None, new: EpisodeLike) -> str | None:
    """Rules 357, 434, 435 and the RNE definitions (data-standards.md §3.3): S only when
    a period of care starts; L when only the legal status changes; P when placement and
    carer change; T when the placement changes with the same carer; U when legal status
    and placement change with the same carer; B when all three change."""
    rne = new.reason_new_episode
    if previous is None:
        if rne != "S":
            return "The child's first episode in a period of care must be 'started to be looked after' (S)."
        return None
    if rne == "S":
        return "The child is already looked after: choose what changed, not 'started to be looked after'."
    legal_changed = previous.legal_status != new.legal_status
    carer_changed = previous.carer_id != new.carer_id
    placement_changed = not same_placement(previous, new)
    want_legal, want_placement, want_carer = TRANSITION_CHANGES[rne]
    if want_legal and not legal_changed:
        return "You said the legal status changed, but it is the same as before."
    if not want_legal and legal_changed:
        return "The legal status has changed: choose a change that includes the legal status."
    if want_placement and not placement_changed:
        return "You said the placement changed, but the placement details are the same as before."
    if not want_placement and placement_changed:
        return "The placement details have changed: choose a change that includes the placement."
    if want_carer and not carer_changed:
        return "You said the carer changed, but it is the same carer."
    if not want_carer and carer_changed and rne in {"T", "U"}:
        return "The carer has changed: choose 'change of placement and carer'."
    return None


def category_of_need_fixed(previous: EpisodeLike | None, new: EpisodeLike) -> str | None:
    """Rule 504: the category of need is fixed at the start of the period of care."""
    if previous is not None and previous.category_of_need != new.category_of_need:
        return "The category of need is set when the child starts to be looked after and cannot change."
    return None


# ---------------------------------------------------------------------------
# Short breaks
# ---------------------------------------------------------------------------

SHORT_BREAK_MAX_STAY_DAYS = 17
SHORT_BREAK_MAX_DAYS_A_YEAR = 75


def short_break_stay_within_17_days(legal_status: str, start: dt.date, end: dt.date | None) -> str | None:
    """CPPCR 2010 reg 48: a short break (V3) is no single stay over 17 days."""
    if legal_status == "V3" and end is not None and (end - start).days > SHORT_BREAK_MAX_STAY_DAYS:
        days = (end - start).days
        return f"A short break cannot last more than {SHORT_BREAK_MAX_STAY_DAYS} days; this one lasts {days}."
    return None


def short_breaks_within_75_days(stays: Sequence[tuple[dt.date, dt.date]], on: dt.date) -> str | None:
    """CPPCR 2010 reg 48: short breaks total no more than 75 days in any 12 months (the
    12 months to ``on``)."""
    window_start = add_months(on, -12)
    total = sum(max(0, (min(end, on) - max(start, window_start)).days) for start, end in stays)
    if total > SHORT_BREAK_MAX_DAYS_A_YEAR:
        return f"Short breaks add up to {total} days in 12 months; the limit is {SHORT_BREAK_MAX_DAYS_A_YEAR}."
    return None


def short_break_agreement_within_limits(planned_days_per_year: int, longest_stay_days: int) -> list[Problem]:
    """CPPCR 2010 reg 48 applied to a V4 agreement: planned stays of at most 17 days and
    at most 75 days a year."""
    problems = []
    if longest_stay_days > SHORT_BREAK_MAX_STAY_DAYS:
        problems.append(
            Problem(
                "longest_stay_days",
                f"A single short break cannot be longer than {SHORT_BREAK_MAX_STAY_DAYS} days.",
                "reg48",
            )
        )
    if planned_days_per_year > SHORT_BREAK_MAX_DAYS_A_YEAR:
        problems.append(
            Problem(
                "planned_days_per_year",
                f"Short breaks cannot add up to more than {SHORT_BREAK_MAX_DAYS_A_YEAR} days a year.",
                "reg48",
            )
        )
    return problems


# ---------------------------------------------------------------------------
# One episode, and a whole history
# ---------------------------------------------------------------------------


def check_episode(
    episode: EpisodeLike, *, previous: EpisodeLike | None, dob: dt.date | None, home_postcode: str = ""
) -> list[Problem]:
    """Every single-episode rule, and the transition from the episode before it in the
    same period of care (``previous`` is None when the episode starts a period)."""
    e = episode
    checks: list[tuple[str, str, str | None]] = [
        ("placement_type", "146", placement_type_valid_in_year(e.placement_type, e.start_date)),
        ("legal_status", "445", freeing_order_not_new(e.legal_status, e.start_date)),
        ("placement_type", "378", s20_not_placed_with_parents(e.legal_status, e.placement_type)),
        ("placement_type", "371", supported_accommodation_from_16(e.placement_type, dob, e.start_date)),
        ("placement_provider", "178", placement_provider_allowed(e.placement_type, e.placement_provider)),
        ("reason_new_episode", "217", adoption_with_foster_carer_reason(e.placement_type, e.reason_new_episode)),
        ("legal_status", "358", youth_justice_status_from_10(e.legal_status, dob, e.start_date)),
        ("legal_status", "359", over_18_only_section_20(e.legal_status, dob, e.start_date)),
        ("placement_postcode", "392c", postcode_valid(e.placement_postcode)),
        (
            "placement_postcode",
            "392d",
            home_and_placement_postcode_differ(e.placement_type, home_postcode, e.placement_postcode),
        ),
        ("urn", "221", urn_for_setting(e.placement_type, e.urn)),
        ("end_date", "DEC", end_not_before_start(e.start_date, e.end_date)),
        ("end_reason", "149", end_needs_reason(e.end_date, e.end_reason)),
        ("end_reason", "516", sgo_to_foster_carer_was_fostered(e.end_reason, e.placement_type)),
        (
            "placement_change_reason",
            "226",
            placement_change_reason_allowed(e.placement_type, e.end_date, e.placement_change_reason, dob),
        ),
        ("end_date", "reg48", short_break_stay_within_17_days(e.legal_status, e.start_date, e.end_date)),
        ("reason_new_episode", "434", transition_matches_changes(previous, e)),
        ("category_of_need", "504", category_of_need_fixed(previous, e)),
    ]
    return [Problem(field, message, rule) for field, rule, message in checks if message]


def check_history(episodes: Sequence[EpisodeLike], *, dob: dt.date | None) -> list[Problem]:
    """The whole care history in order: no gaps or overlaps inside a period of care
    (an episode ending X1 is followed by one starting the same day, rule 388), no
    overlapping periods, only the last episode open, and every episode's own rules."""
    problems: list[Problem] = []
    previous: EpisodeLike | None = None
    for index, episode in enumerate(episodes):
        continuing = previous is not None and previous.end_reason == "X1"
        if previous is not None:
            if previous.end_date is None:
                problems.append(Problem("start_date", "An earlier episode is still open.", "overlap"))
            elif episode.start_date < previous.end_date:
                problems.append(
                    Problem(
                        "start_date",
                        f"The episode from {episode.start_date:%d/%m/%Y} overlaps the one before it.",
                        "overlap",
                    )
                )
            elif continuing and episode.start_date != previous.end_date:
                problems.append(
                    Problem(
                        "start_date",
                        f"There is a gap between {previous.end_date:%d/%m/%Y} and {episode.start_date:%d/%m/%Y} "
                        "in a period of care.",
                        "gap",
                    )
                )
        problems.extend(check_episode(episode, previous=previous if continuing else None, dob=dob))
        if episode.end_reason == "X1" and index == len(episodes) - 1:
            problems.append(
                Problem("end_reason", "The episode ended 'new episode begins' (X1) but no episode follows.", "388")
            )
        previous = episode
    return problems


def period_start(episodes: Sequence[EpisodeLike]) -> dt.date | None:
    """The start of the period of care the last episode belongs to."""
    start = None
    previous: EpisodeLike | None = None
    for episode in episodes:
        if previous is None or previous.end_reason != "X1":
            start = episode.start_date
        previous = episode
    return start


# ---------------------------------------------------------------------------
# Stability
# ---------------------------------------------------------------------------


def placement_starts(episodes: Sequence[EpisodeLike]) -> list[dt.date]:
    """The start date of each placement: every episode that is not a change of legal
    status only (RNE L) starts a placement."""
    return [e.start_date for e in episodes if e.reason_new_episode != "L"]


def placements(episodes: Sequence[EpisodeLike]) -> list[tuple[dt.date, dt.date | None]]:
    """Each placement as (start, end): a placement starts with every episode that is not
    a change of legal status only (RNE L) and lasts over the L episodes after it."""
    spans: list[list[dt.date | None]] = []
    for e in sorted(episodes, key=lambda x: x.start_date):
        if e.reason_new_episode != "L" or not spans:
            spans.append([e.start_date, e.end_date])
        else:
            spans[-1][1] = e.end_date
    return [(s, end) for s, end in spans if s is not None]


def placements_in_last_12_months(episodes: Sequence[EpisodeLike], on: dt.date) -> int:
    """Placements the child has had in the 12 months to ``on``: those starting in the
    window plus the one they were in when it began (the DfE stability measure counts 3 or
    more as unstable; temporary moves count as recorded)."""
    window = add_months(on, -12)
    return sum(1 for start, end in placements(episodes) if start <= on and (end is None or end > window))


def current_placement_since(episodes: Sequence[EpisodeLike]) -> dt.date | None:
    """When the child's current placement started (walking back over changes of legal
    status only); None when not looked after."""
    if not episodes or episodes[-1].end_date is not None:
        return None
    for e in reversed(episodes):
        if e.reason_new_episode != "L":
            return e.start_date
    return episodes[0].start_date


# ---------------------------------------------------------------------------
# Deadlines: reviews (CPPCR 2010 reg 33)
# ---------------------------------------------------------------------------


def first_review_due(became_looked_after: dt.date) -> dt.date:
    """Reg 33(1)(a): the first review within 20 working days of the child becoming looked
    after."""
    return add_working_days(became_looked_after, 20)


def second_review_due(first_review: dt.date) -> dt.date:
    """Reg 33(1)(b): the second review within 3 months of the first."""
    return add_months(first_review, 3)


def subsequent_review_due(last_review: dt.date) -> dt.date:
    """Reg 33(1)(c): later reviews no more than 6 months apart."""
    return add_months(last_review, 6)


def next_review_due(
    became_looked_after: dt.date, reviews_held: Sequence[dt.date], brought_forward_to: dt.date | None = None
) -> dt.date:
    """The next review: by the count of reviews held in this period of care, brought
    forward when the IRO asks (reg 33(3); domain.md §2.5), never later."""
    held = sorted(d for d in reviews_held if d >= became_looked_after)
    if not held:
        due = first_review_due(became_looked_after)
    elif len(held) == 1:
        due = second_review_due(held[0])
    else:
        due = subsequent_review_due(held[-1])
    if brought_forward_to is not None and brought_forward_to < due:
        return brought_forward_to
    return due


# ---------------------------------------------------------------------------
# Deadlines: social worker visits (CPPCR 2010 reg 28)
# ---------------------------------------------------------------------------


def next_visit_due(
    *,
    placement_start: dt.date,
    last_visit: dt.date | None,
    cadence: str = VisitCadence.DEFAULT,
    intended_to_18: bool = False,
    first_review_held: dt.date | None = None,
) -> dt.date | None:
    """Reg 28 (domain.md §2.5 table):

    - default: within 1 week of the placement, then at most 6 weeks apart in the first
      year of the placement; after the first year at most 3 months apart if the placement
      is intended to last until 18, otherwise 6 weeks;
    - placed with parent before the assessment is complete (reg 19): weekly until the
      first review, then 6-weekly;
    - temporary approval of a connected person (reg 24), or interim care order and living
      with parent: weekly until the first review, then 4-weekly;
    - care order and living with parent: within a week of the order, then 6-weekly;
    - short breaks (reg 48): at intervals agreed with the IRO and parents, so no computed
      date (None).
    """
    week = dt.timedelta(weeks=1)
    if cadence == VisitCadence.SHORT_BREAKS:
        return None
    if last_visit is None or last_visit < placement_start:
        return placement_start + week
    if cadence in (VisitCadence.PARENT_BEFORE_ASSESSMENT, VisitCadence.CONNECTED_OR_ICO_WITH_PARENT):
        if first_review_held is None or last_visit < first_review_held:
            return last_visit + week
        weeks = 6 if cadence == VisitCadence.PARENT_BEFORE_ASSESSMENT else 4
        return last_visit + dt.timedelta(weeks=weeks)
    if cadence == VisitCadence.CARE_ORDER_WITH_PARENT:
        return last_visit + dt.timedelta(weeks=6)
    in_first_year = last_visit < add_months(placement_start, 12)
    if not in_first_year and intended_to_18:
        return add_months(last_visit, 3)
    return last_visit + dt.timedelta(weeks=6)


# ---------------------------------------------------------------------------
# Deadlines: health, education, SDQ
# ---------------------------------------------------------------------------


def initial_health_assessment_due(became_looked_after: dt.date) -> dt.date:
    """The initial health assessment should be ready for the first review, so within 20
    working days of becoming looked after (Promoting the health and well-being of
    looked-after children, 2015; domain.md §2.5 marks the fixed day count unconfirmed)."""
    return add_working_days(became_looked_after, 20)


def review_health_assessment_due(dob: dt.date, last_assessment: dt.date) -> dt.date:
    """Review health assessments at least every 6 months under 5 and every 12 months
    from 5 (Promoting the health and well-being of looked-after children, 2015). The
    interval follows the child's age at the last assessment."""
    if age_on(dob, last_assessment) < 5:
        return add_months(last_assessment, 6)
    return add_months(last_assessment, 12)


def dental_check_due(last_check: dt.date | None, became_looked_after: dt.date) -> dt.date:
    """A dental check every 12 months (OC2 TEETH_CHECK counts a check in the year; local
    practice may set 6 months); the first within 12 months of becoming looked after."""
    return add_months(last_check or became_looked_after, 12)


TERM_ENDS = {"autumn": (12, 31), "spring": (3, 31), "summer": (7, 31)}
NEXT_TERM = {"autumn": "spring", "spring": "summer", "summer": "autumn"}


def term_of(day: dt.date) -> str:
    """The school term a date falls in (England; September–December autumn, January–March
    spring, April–August summer, holidays counted with the term before)."""
    if day.month >= 9:
        return "autumn"
    if day.month <= 3:
        return "spring"
    return "summer"


def end_of_term(term: str, after: dt.date) -> dt.date:
    month, day = TERM_ENDS[term]
    candidate = dt.date(after.year, month, day)
    return candidate if candidate >= after else dt.date(after.year + 1, month, day)


def pep_in_age_range(dob: dt.date, on: dt.date) -> bool:
    """A PEP from age 3 to the end of the academic year in which the child turns 18
    (domain.md §2.5, local [L])."""
    turns_18 = add_months(dob, 12 * 18)
    academic_year_end = dt.date(turns_18.year if turns_18.month < 9 else turns_18.year + 1, 8, 31)
    return age_on(dob, on) >= 3 and on <= academic_year_end


def initial_pep_due(became_looked_after: dt.date) -> dt.date:
    """The PEP is initiated within 20 working days of entering care (local guidance;
    domain.md §2.5)."""
    return add_working_days(became_looked_after, 20)


def next_pep_due(last_pep: dt.date) -> dt.date:
    """The PEP is reviewed once each term (DfE 2018): the next is due by the end of the
    term after the last one's."""
    following = NEXT_TERM[term_of(last_pep)]
    return end_of_term(following, last_pep + dt.timedelta(days=1))


def sdq_due(*, dob: dt.date, became_looked_after: dt.date, last_sdq: dt.date | None) -> dt.date | None:
    """The SDQ is completed for children looked after 12 months and aged 4 to 16, usually
    every year (OC2; domain.md §2.5). None when the child is outside the age range on the
    date it would fall due."""
    due = add_months(last_sdq, 12) if last_sdq else add_months(became_looked_after, 12)
    if not 4 <= age_on(dob, due) <= 16:
        return None
    return due


def is_short_break_status(legal_status: str) -> bool:
    return legal_status in SHORT_BREAK_STATUSES


# ---------------------------------------------------------------------------
# UASC, previous permanence, yearly outcomes (OC2) and deprivation of liberty orders
# (SSDA903 UASC, PrevPerm, OC2 and DoLo; rule numbers are the DfE/D2I validator's)
# ---------------------------------------------------------------------------


def eighteenth_birthday(dob: dt.date) -> dt.date:
    try:
        return dob.replace(year=dob.year + 18)
    except ValueError:  # 29 February
        return dob.replace(year=dob.year + 18, day=28)


def uasc_problems(*, dob: dt.date | None, uasc: bool, ceased_on: dt.date | None, today: dt.date) -> list[Problem]:
    """The date UASC status ceased is given only for a UASC child (rule 303), is not after
    the 18th birthday (rule 304), and is neither before birth nor in the future."""
    problems: list[Problem] = []
    if ceased_on is None:
        return problems
    if not uasc:
        problems.append(Problem("uasc_ceased_on", "Only an unaccompanied asylum-seeking child has this date.", "303"))
    if dob is not None and ceased_on > eighteenth_birthday(dob):
        problems.append(Problem("uasc_ceased_on", "UASC status ceases on the 18th birthday at the latest.", "304"))
    if dob is not None and ceased_on < dob:
        problems.append(Problem("uasc_ceased_on", "The date is before the child's birth.", "304"))
    if ceased_on > today:
        problems.append(Problem("uasc_ceased_on", "The date cannot be in the future.", "104"))
    return problems


def permanence_before_problems(
    *, option: str, la_code: str, order_date: dt.date | None, period_start: dt.date
) -> list[Problem]:
    """No previous permanence (Z1) carries no authority or date (rule 635); any other
    option names the authority that arranged it (a DfE code, rule 633) and the date of the
    order (rule 630), which is before the period of care began (rule 632)."""
    if option == "Z1":
        if la_code or order_date:
            return [Problem("option", "With no previous permanence option, leave the authority and date blank.", "635")]
        return []
    problems = []
    if not la_code:
        problems.append(Problem("la_code", "Enter the code of the authority that arranged it.", "630"))
    elif la_code not in LA_PERM_CODES:
        problems.append(Problem("la_code", "Enter a DfE authority code (such as 801), or WAL, SCO, NIR or NUK.", "633"))
    if order_date is None:
        problems.append(Problem("order_date", "Enter the date of the order.", "630"))
    elif order_date >= period_start:
        problems.append(Problem("order_date", "The order was made before this period of care began.", "632"))
    return problems


def outcomes_problems(
    *,
    age_at_year_end: int,
    convicted: bool | None,
    substance_misuse: bool | None,
    intervention_received: bool | None,
    intervention_offered: bool | None,
) -> list[Problem]:
    """OC2: conviction only from 10 (rules 542, 543); substance misuse always (rule 191);
    an intervention received when a problem was identified (rule 192); offered only when
    none was received (rules 158, 159); neither without a problem (rule 193)."""
    problems = []
    if age_at_year_end < 10 and convicted is not None:
        problems.append(Problem("convicted", "Not asked for a child under 10 at 31 March.", "542"))
    if age_at_year_end >= 10 and convicted is None:
        problems.append(Problem("convicted", "Answer for a child aged 10 or over at 31 March.", "543"))
    if substance_misuse is None:
        problems.append(Problem("substance_misuse", "Say whether a substance misuse problem was identified.", "191"))
    elif substance_misuse:
        if intervention_received is None:
            problems.append(Problem("intervention_received", "Say whether an intervention was received.", "192"))
        elif intervention_received and intervention_offered is not None:
            problems.append(
                Problem("intervention_offered", "Leave this blank when an intervention was received.", "158")
            )
        elif not intervention_received and intervention_offered is None:
            problems.append(Problem("intervention_offered", "Say whether an intervention was offered.", "159"))
    elif intervention_received is not None or intervention_offered is not None:
        problems.append(
            Problem("intervention_received", "Leave the interventions blank when no problem was identified.", "193")
        )
    return problems


# Placements a deprivation of liberty order cannot go with (rule 710): a secure children's
# home (the secure accommodation order applies), parents, custody, supported accommodation.
NO_LIBERTY_ORDER_PLACEMENTS = frozenset({"K1", "P1", "R5", "K3"})


def liberty_order_problems(
    *,
    start: dt.date,
    end: dt.date | None,
    dob: dt.date | None,
    others: Sequence[tuple[dt.date, dt.date | None]],
    placement_type: str | None,
) -> list[Problem]:
    """A DoLO ends on or after it starts (rule 702), starts after birth (rule 708), never
    overlaps another of the child's orders (rule 705), and is for a child looked after in a
    placement that allows one (rule 710)."""
    problems = []
    if end is not None and end < start:
        problems.append(Problem("end_date", "The order cannot end before it started.", "702"))
    if dob is not None and start < dob:
        problems.append(Problem("start_date", "The order cannot start before the child's birth.", "708"))
    for other_start, other_end in others:
        if other_start <= (end or dt.date.max) and start <= (other_end or dt.date.max):
            until = f"{other_end:%d/%m/%Y}" if other_end else "now (still open)"
            problems.append(Problem("start_date", f"Another order runs from {other_start:%d/%m/%Y} to {until}.", "705"))
            break
    if placement_type is None:
        problems.append(Problem("start_date", "The child was not looked after on that date.", "707"))
    elif placement_type in NO_LIBERTY_ORDER_PLACEMENTS:
        problems.append(Problem("start_date", f"A child placed in {placement_type} cannot be under a DoLO.", "710"))
    return problems
