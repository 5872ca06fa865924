"""Code lists of children in care, from the SSDA903 return (shared/domain.md §2.2–§2.5,
shared/data-standards.md §3.3).

Each code carries the collection years it is valid in. A collection year runs from
1 April to 31 March and is named here by the calendar year it starts in: ``2024`` is the
2024-25 collection. ``None`` means "no bound". The Django choices hold every code ever
valid, so old episodes stay readable; whether a code may be used on an episode is decided
by :func:`code_valid_in` against the collection year of the episode's date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import models


@dataclass(frozen=True)
class Validity:
    """The first and last collection years (start years) a code is valid in."""

    first: int | None = None
    last: int | None = None

    def covers(self, year: int) -> bool:
        return (self.first is None or year >= self.first) and (self.last is None or year <= self.last)

    def describe(self) -> str:
        if self.first is None and self.last is None:
            return "every year"
        if self.first is None:
            return f"up to {year_label(self.last or 0)}"
        if self.last is None:
            return f"from {year_label(self.first)}"
        return f"{year_label(self.first)} to {year_label(self.last)}"


def collection_year(day: dt.date) -> int:
    """The SSDA903 collection year a date falls in, by its start year (year to 31 March)."""
    return day.year if day.month >= 4 else day.year - 1


def year_label(start_year: int) -> str:
    return f"{start_year}-{(start_year + 1) % 100:02d}"


class ReasonNewEpisode(models.TextChoices):
    """``RNE``: why a new episode starts (data-standards.md §3.3)."""

    S = "S", "Started to be looked after"
    L = "L", "Change of legal status only"
    P = "P", "Change of placement and carer"
    T = "T", "Change of placement, same carer"
    U = "U", "Change of legal status and placement, same carer"
    B = "B", "Change of legal status, placement and carer"


# Which parts change with each transition kind: (legal status, placement, carer).
TRANSITION_CHANGES: dict[str, tuple[bool, bool, bool]] = {
    "L": (True, False, False),
    "P": (False, True, True),
    "T": (False, True, False),
    "U": (True, True, False),
    "B": (True, True, True),
}


class LegalStatus(models.TextChoices):
    """``LS`` (domain.md §2.2)."""

    C1 = "C1", "Interim care order (s38)"
    C2 = "C2", "Full care order (s31)"
    D1 = "D1", "Freeing order granted"
    E1 = "E1", "Placement order granted"
    V2 = "V2", "Single period of accommodation under section 20"
    V3 = "V3", "Series of short breaks, individual episodes recorded"
    V4 = "V4", "Series of short breaks, agreements recorded"
    L1 = "L1", "Police protection, in local authority accommodation"
    L2 = "L2", "Emergency protection order"
    L3 = "L3", "Child assessment order, in local authority accommodation"
    J1 = "J1", "Remanded to local authority or youth detention accommodation"
    J2 = "J2", "In local authority accommodation under PACE 1984"
    J3 = "J3", "Youth rehabilitation order with residence or intensive fostering requirement"


SHORT_BREAK_STATUSES = frozenset({"V3", "V4"})


class CategoryOfNeed(models.TextChoices):
    """``CIN``: N1–N8, no N0 or N9 in the 903 (data-standards.md §3.3)."""

    N1 = "N1", "Abuse or neglect"
    N2 = "N2", "Child's disability"
    N3 = "N3", "Parental disability or illness"
    N4 = "N4", "Family in acute stress"
    N5 = "N5", "Family dysfunction"
    N6 = "N6", "Socially unacceptable behaviour"
    N7 = "N7", "Low income"
    N8 = "N8", "Absent parenting"


class PlacementType(models.TextChoices):
    """``PLACE`` (domain.md §2.4). Validity by year in :data:`PLACEMENT_VALIDITY`."""

    A3 = "A3", "Placed for adoption with consent, with current foster carer"
    A4 = "A4", "Placed for adoption with consent, not with current foster carer"
    A5 = "A5", "Placed for adoption under a placement order, with current foster carer"
    A6 = "A6", "Placed for adoption under a placement order, not with current foster carer"
    H5 = "H5", "Semi-independent accommodation not subject to children's homes regulations"
    K1 = "K1", "Secure children's home"
    K2 = "K2", "Children's home"
    K3 = "K3", "Supported accommodation"
    P1 = "P1", "Placed with own parents or other person with parental responsibility"
    P2 = "P2", "Independent living (flat, lodgings, bed and breakfast, friends)"
    P3 = "P3", "Residential employment"
    R1 = "R1", "Residential care home"
    R2 = "R2", "NHS or health trust or other medical or nursing establishment"
    R3 = "R3", "Family centre or mother and baby unit"
    R5 = "R5", "Young offender institution"
    S1 = "S1", "Residential school (not dual-registered as a children's home)"
    T0 = "T0", "Temporary move of any kind"
    T1 = "T1", "Temporary period in hospital"
    T2 = "T2", "Temporary absence on holiday"
    T3 = "T3", "Temporary placement while foster carer is on holiday"
    T4 = "T4", "Temporary placement of 7 days or less not covered by T1 to T3"
    U1 = "U1", "Foster placement with relative or friend, long-term"
    U2 = "U2", "Foster placement with relative or friend who is an approved adopter (FFA or concurrent)"
    U3 = "U3", "Foster placement with relative or friend, not long-term or FFA"
    U4 = "U4", "Foster placement with other foster carer, long-term"
    U5 = "U5", "Foster placement with other foster carer who is an approved adopter (FFA or concurrent)"
    U6 = "U6", "Foster placement with other foster carer, not long-term or FFA"
    Z1 = "Z1", "Other placement"
    # Meanings not published in the sources read (domain.md §2.4: unconfirmed); a split of Z1.
    Z11 = "Z11", "Other placement (Z11)"
    Z12 = "Z12", "Other placement (Z12)"
    Z13 = "Z13", "Other placement (Z13)"
    Z14 = "Z14", "Other placement (Z14)"


PLACEMENT_VALIDITY: dict[str, Validity] = {code: Validity() for code in PlacementType.values}
PLACEMENT_VALIDITY.update(
    {
        # K3 added for 2024-25 (domain.md §2.4; data-standards.md §3.1).
        "K3": Validity(first=2024),
        # H5, P2, Z1 retired from the 2025-26 list (domain.md §2.4 version note).
        "H5": Validity(last=2024),
        "P2": Validity(last=2024),
        "Z1": Validity(last=2024),
        # Z11–Z14 added for 2025-26.
        "Z11": Validity(first=2025),
        "Z12": Validity(first=2025),
        "Z13": Validity(first=2025),
        "Z14": Validity(first=2025),
    }
)

FOSTER_PLACEMENTS = frozenset({"U1", "U2", "U3", "U4", "U5", "U6"})
ADOPTION_PLACEMENTS = frozenset({"A3", "A4", "A5", "A6"})
TEMPORARY_PLACEMENTS = frozenset({"T0", "T1", "T2", "T3", "T4"})
Z_PLACEMENTS = frozenset({"Z1", "Z11", "Z12", "Z13", "Z14"})
SUPPORTED_ACCOMMODATION = frozenset({"K3", "H5"})


class PlacementProvider(models.TextChoices):
    """``PLACE_PROVIDER`` (domain.md §2.4)."""

    PR0 = "PR0", "Parent or other person with parental responsibility"
    PR1 = "PR1", "Own local authority provision (including a regional adoption agency hosted here)"
    PR2 = "PR2", "Other local authority provision"
    PR3 = "PR3", "Other public provision (for example the NHS)"
    PR4 = "PR4", "Private provision"
    PR5 = "PR5", "Voluntary or third sector provision"


class EpisodeEndReason(models.TextChoices):
    """``REC``: why an episode ceased (domain.md §2.4)."""

    X1 = "X1", "Episode ends and a new one starts on the same day"
    E11 = "E11", "Adopted, application unopposed"
    E12 = "E12", "Adopted, consent dispensed with by the court"
    E13 = "E13", "Left care to live with parents, relatives or others without parental responsibility"
    E14 = "E14", "Accommodation on remand ended"
    E15 = "E15", "Age assessment found the person to be 18 or over"
    E16 = "E16", "Moved abroad"
    E17 = "E17", "Aged 18 or over and stayed with carers (including staying put)"
    E2 = "E2", "Died"
    E3 = "E3", "Care taken over by another UK local authority"
    E41 = "E41", "Residence order or child arrangements order granted"
    E45 = "E45", "Special guardianship order to former foster carers who are relatives or friends"
    E46 = "E46", "Special guardianship order to former foster carers who are not relatives or friends"
    E47 = "E47", "Special guardianship order to carers other than former foster carers, relatives or friends"
    E48 = "E48", "Special guardianship order to carers other than former foster carers, other"
    E4A = "E4A", "Returned home to live with parents as part of the care plan"
    E4B = "E4B", "Returned home to live with parents, not part of the care plan"
    E5 = "E5", "Moved into independent living with formal support"
    E6 = "E6", "Moved into independent living without formal support"
    E7 = "E7", "Transferred to residential care funded by adult social care"
    E8 = "E8", "Period of being looked after ceased for any other reason"
    E9 = "E9", "Sentenced to custody"


class PlacementChangeReason(models.TextChoices):
    """``REASON_PLACE_CHANGE`` (domain.md §2.4)."""

    CARPL = "CARPL", "Change to or implementation of the care plan"
    PLACE = "PLACE", "Change in the status of the placement only"
    OTHER = "OTHER", "Other"
    CREQB = "CREQB", "Carer asked for the placement to end because of the child's behaviour"
    CREQO = "CREQO", "Carer asked for the placement to end for another reason"
    CHILD = "CHILD", "Child asked for the placement to end"
    LAREQ = "LAREQ", "Responsible or area authority asked for the placement to end"
    STAND = "STAND", "Concern about standards of care"
    CLOSE = "CLOSE", "Carer resigned or provision closed"
    ALLEG = "ALLEG", "Allegation (section 47)"
    APPRR = "APPRR", "Approval or registration removed"
    CUSTOD = "CUSTOD", "Child admitted to custody"


class ReviewParticipation(models.TextChoices):
    """``REVIEW_CODE`` PN0–PN7 (data-standards.md §3.3)."""

    PN0 = "PN0", "Child under 4 at the time of the review"
    PN1 = "PN1", "Child attends and speaks for themselves"
    PN2 = "PN2", "Child attends, an advocate speaks for them"
    PN3 = "PN3", "Child attends and conveys their views non-verbally"
    PN4 = "PN4", "Child attends but does not convey their views"
    PN5 = "PN5", "Child does not attend but briefs an advocate"
    PN6 = "PN6", "Child does not attend but conveys their views another way"
    PN7 = "PN7", "Child does not attend and their views are not conveyed"


class SdqReason(models.TextChoices):
    """``SDQ_REASON`` when no score is recorded (data-standards.md §3.3)."""

    SDQ1 = "SDQ1", "Child out of the age range for the questionnaire"
    SDQ2 = "SDQ2", "Carer refused"
    SDQ3 = "SDQ3", "Child's disability too severe"
    SDQ4 = "SDQ4", "Other"
    SDQ5 = "SDQ5", "Young person refused"


class CarerKind(models.TextChoices):
    FOSTER_CARER = "foster", "Foster carer"
    CONNECTED_PERSON = "connected", "Connected person (relative or friend)"
    ADOPTER = "adopter", "Prospective adopter"
    PARENT = "parent", "Parent or person with parental responsibility"
    CHILDRENS_HOME = "home", "Children's home"
    SUPPORTED_ACCOMMODATION = "supported", "Supported accommodation provider"
    OTHER_SETTING = "setting", "Other setting (school, hospital, secure unit, institution)"


class PermanenceOption(models.TextChoices):
    RETURN_HOME = "return_home", "Return to parents"
    FAMILY_FRIENDS = "family", "Living with relatives or friends (child arrangements order)"
    SGO = "sgo", "Special guardianship order"
    ADOPTION = "adoption", "Adoption"
    LONG_TERM_FOSTERING = "long_term_fostering", "Long-term fostering"
    RESIDENTIAL = "residential", "Residential care"
    INDEPENDENCE = "independence", "Supported move to independence"


class CarePlanKind(models.TextChoices):
    CARE_PLAN = "care_plan", "Care plan"
    PERMANENCE_PLAN = "permanence_plan", "Permanence plan"


class HealthCheckKind(models.TextChoices):
    INITIAL = "initial", "Initial health assessment"
    REVIEW = "review", "Review health assessment"
    DENTAL = "dental", "Dental check"
    IMMUNISATIONS = "immunisations", "Immunisations check"


class VisitCadence(models.TextChoices):
    """Which reg 28 visiting pattern applies to the placement (domain.md §2.5)."""

    DEFAULT = "default", "Standard (6-weekly in the first year)"
    PARENT_BEFORE_ASSESSMENT = "parent_reg19", "Placed with parent before assessment complete (reg 19)"
    CONNECTED_OR_ICO_WITH_PARENT = (
        "connected_reg24",
        "Temporary approval of connected person (reg 24), or interim care order and living with parent",
    )
    CARE_ORDER_WITH_PARENT = "care_order_parent", "Care order and living with parent"
    SHORT_BREAKS = "short_breaks", "Short breaks (reg 48): at intervals agreed with the IRO and parents"


class Term(models.TextChoices):
    AUTUMN = "autumn", "Autumn term"
    SPRING = "spring", "Spring term"
    SUMMER = "summer", "Summer term"


def code_valid_in(code: str, validity: dict[str, Validity], year: int) -> bool:
    rule = validity.get(code)
    return rule is not None and rule.covers(year)


def placement_types_for_year(year: int) -> list[tuple[str, str]]:
    """The placement-type choices offered for an episode starting in ``year``."""
    return [(value, label) for value, label in PlacementType.choices if PLACEMENT_VALIDITY[value].covers(year)]


class PreviousPermanence(models.TextChoices):
    """``PREV_PERM``: the permanence option the child had before this period of care
    (data-standards.md §3.3)."""

    P1 = "P1", "Adoption"
    P2 = "P2", "Special guardianship order"
    P3 = "P3", "Residence order or child arrangements order"
    P4 = "P4", "Previous permanence option not known"
    Z1 = "Z1", "No previous permanence option"


# Local authorities that may have arranged a previous permanence option (``LA_PERM``,
# rule 633): the DfE's three-digit codes, and the four codes for outside England.
_LA_PERM = (
    "800,889,822,301,304,303,330,825,837,302,846,370,350,890,867,380,305,801,351,873,823,895,896,"
    "381,909,202,908,331,306,841,830,831,878,371,835,332,840,307,308,811,881,845,390,916,203,876,"
    "850,311,204,884,312,205,313,805,919,310,309,420,921,206,207,886,810,382,314,340,888,208,856,"
    "383,855,209,925,341,201,821,352,806,887,826,315,929,812,391,926,892,813,802,928,891,392,316,"
    "815,353,931,879,836,851,874,807,354,317,870,318,372,857,333,935,343,803,373,342,893,356,355,"
    "871,394,334,933,882,936,861,852,319,860,808,393,866,210,357,894,883,880,358,211,937,869,320,"
    "359,865,384,335,336,212,868,872,885,344,877,213,938,816,999,WAL,SCO,NUK,NIR"
)
LA_PERM_CODES = frozenset(_LA_PERM.split(","))
