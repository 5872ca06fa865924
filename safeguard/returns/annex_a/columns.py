"""Ofsted ILACS Annex A: the lists' column headers in the template's order and the
template's dropdown strings, exactly as shared/data-standards.md §1.2 and §1.3 give them
(2024 template; from 2026 the ``Gender`` column is ``Sex`` in every list, §1.1)."""

from __future__ import annotations

import datetime as dt

from safeguard.frontdoor.codes import ReferralSource

SHEETS = [f"List {n}" for n in range(1, 12)]

# The year from which the template names the column "Sex" (Annex_A_schema_2026.diff.yml).
SEX_HEADER_FROM = 2026


def sex_header(inspection_date: dt.date) -> str:
    return "Sex" if inspection_date.year >= SEX_HEADER_FROM else "Gender"


def common_five(sex: str) -> list[str]:
    return ["Child Unique ID", sex, "Ethnicity", "Date of Birth", "Age"]


DISABILITY = "Does the Child have a Disability"
TEAM_WORKER = ["Allocated Team", "Allocated Worker"]


def headers(sex: str) -> dict[str, list[str]]:
    """Each list's columns in order; ``sex`` is "Gender" or "Sex"."""
    c5 = common_five(sex)
    return {
        "List 1": [*c5, "Date of Contact", "Contact Source"],
        "List 2": [*c5, "Assessment start date", "Assessment completion date", "Organisation completing assessment"],
        "List 3": [
            *c5,
            "Date of Referral",
            "Referral Source",
            "Referral NFA?",
            "Number of Referrals in Last 12 Months",
            *TEAM_WORKER,
        ],
        "List 4": [
            *c5,
            DISABILITY,
            "Continuous Assessment Start Date",
            "Child Seen During Continuous Assessment",
            "Continuous Assessment Date of Authorisation",
            "Was the child assessed as requiring LA children's social care support?",
            *TEAM_WORKER,
        ],
        "List 5": [
            *c5,
            DISABILITY,
            "Strategy discussion initiating Section 47 Enquiry Start Date",
            "Was an Initial Child Protection Conference deemed unnecessary?",
            "Date of Initial Child Protection Conference",
            "Did the Initial Child Protection Conference Result in a Child Protection Plan",
            "Number of Section 47 Enquiries in the last 12 months",
            "Number of ICPCs in the last 12 months",
            *TEAM_WORKER,
        ],
        "List 6": [
            *c5,
            DISABILITY,
            "CIN Start Date",
            "Primary Need Code",
            "Date Child Was Last Seen",
            "CIN Closure Date",
            "Reason for Closure",
            "Case Status",
            *TEAM_WORKER,
        ],
        "List 7": [
            *c5,
            DISABILITY,
            "Child Protection Plan Start Date",
            "Initial Category of Abuse",
            "Latest Category of Abuse",
            "Date of the Last Statutory Visit",
            "Was the Child Seen Alone?",
            "Date of latest review conference",
            "Child Protection Plan End Date",
            "Subject to Emergency Protection Order or Protected Under Police Powers in Last Six Months (Y/N)",
            "Number of Previous Child Protection Plans",
            *TEAM_WORKER,
        ],
        "List 8": [
            *c5,
            "Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N)",
            DISABILITY,
            "Date Started to be Looked After",
            "Child's Category of Need",
            "Is this a second or subsequent period of being a Looked After Child within the last 12 months (Y/N)",
            "Start date of current legal status",
            "Child's Legal Status",
            "Date of Latest Statutory Review",
            "Date of Last Social Work Visit",
            "What is the permanence plan for this child?",
            "Date of Last IRO Visit / Contact to the Child",
            "Date of Last Health Assessment",
            "Date of Last Dental Check",
            "Number of Placements in the Last 12 months",
            "Date Ceased to be Looked After",
            "Reason Ceased to be Looked After",
            "Start Date of Most Recent Placement",
            "Placement Type",
            "Placement Provider",
            "Placement postcode",
            "URN of Placement",
            "Placement Location",
            "LA of Placement",
            "Number of Episodes the Child has been 'Missing' from their Placement in the last 12 months",
            "Number of Episodes the Child has been 'Absent' from their Placement in the last 12 months",
            "Was the child offered a Return Interview after their last missing episode (Y/N)?",
            "Did the child accept a Return Interview after their last missing episode (Y/N)?",
            *TEAM_WORKER,
        ],
        "List 9": [
            *c5,
            "Unaccompanied Asylum Seeking Child (UASC), or formerly UASC if 18 or over (Y/N)",
            DISABILITY,
            *TEAM_WORKER,
            "Allocated Personal Advisor",
            "Eligibility Category",
            "Latest Pathway Plan Review Date",
            "LA in Touch",
            "Latest Date of Contact",
            "Type of Accommodation",
            "Suitability of Accommodation",
            "Activity Status",
        ],
        "List 10": [
            "Child Unique ID",
            "Family identifier",
            sex,
            "Ethnicity",
            "Date of Birth",
            "Age of Child (Years)",
            DISABILITY,
            "Date the Child Entered Care",
            "Date of Decision that Child Should be Placed for Adoption",
            "Date of Placement Order",
            "Date of Matching Child and Prospective Adopters",
            "Date Placed for Adoption",
            "Date of Adoption Order",
            "Date of Decision that Child Should No Longer be Placed for Adoption",
            "Reason Why Child No Longer Placed for Adoption",
            "Date the child was placed for fostering in FFA or concurrent planning placement",
        ],
        "List 11": [
            "Individual adopter identifier",
            "Family identifier",
            sex,
            "Ethnicity",
            "Disability",
            "Is the (prospective) adopter fostering for adoption?",
            "Date enquiry received",
            "Date Stage 1 started",
            "Date Stage 1 ended",
            "Date Stage 2 started",
            "Date Stage 2 ended",
            "Date application submitted",
            "Date application approved",
            "Date adopter matched with child(ren)",
            "Date child/children placed with adopter(s)",
            "No. of children placed",
            "Date of Adoption Order",
            "Date of leaving adoption process",
            "Reason for leaving adoption process",
        ],
    }


# --- Dropdown strings (§1.3) -----------------------------------------------------------------

SEX = {"M": "a) Male", "F": "b) Female", "U": "c) Not stated/recorded"}
SEX_VALUES = ["a) Male", "b) Female", "c) Not stated/recorded", "d) Neither"]

ETHNICITY_CODES = [
    "WBRI",
    "WIRI",
    "WIRT",
    "WOTH",
    "WROM",
    "MWBC",
    "MWBA",
    "MWAS",
    "MOTH",
    "AIND",
    "APKN",
    "ABAN",
    "AOTH",
    "BCRB",
    "BAFR",
    "BOTH",
    "CHNE",
    "OOTH",
    "REFU",
    "NOBT",
]
ETHNICITY = {code: f"{letter}) {code}" for letter, code in zip("abcdefghijklmnopqrst", ETHNICITY_CODES, strict=True)}

SOURCE_STRINGS = [
    ("1A", "a) 1A: Individual"),
    ("1B", "b) 1B: Individual"),
    ("1C", "c) 1C: Individual"),
    ("1D", "d) 1D: Individual"),
    ("2A", "e) 2A: Schools"),
    ("2B", "f) 2B: Education services"),
    ("3A", "g) 3A: Health services"),
    ("3B", "h) 3B: Health services"),
    ("3C", "i) 3C: Health services"),
    ("3D", "j) 3D: Health services"),
    ("3E", "k) 3E: Health services"),
    ("3F", "l) 3F: Health services"),
    ("4", "m) 4: Housing"),
    ("5A", "n) 5A: LA services"),
    ("5B", "o) 5B: LA services"),
    ("5C", "p) 5C: LA services"),
    ("6", "q) 6: Police"),
    ("7", "r) 7: Other legal agency"),
    ("8", "s) 8: Other"),
    ("9", "t) 9: Anonymous"),
    ("10", "u) 10: Unknown"),
]
SOURCE = dict(SOURCE_STRINGS)
# The CIN census code 5D (LA early help) has no Annex A string; data-standards §1.3 reads the
# template as "likely p) / LA services" [UNCONFIRMED].
SOURCE[ReferralSource.LA_EARLY_HELP] = SOURCE["5C"]

YES, NO, UNKNOWN = "a) Yes", "b) No", "c) Unknown"
YES_NO = [YES, NO]
YES_NO_UNKNOWN = [YES, NO, UNKNOWN]

PRIMARY_NEED = {
    "N1": "N1 - Abuse or neglect",
    "N2": "N2 - Child's disability",
    "N3": "N3 - Parental disability or illness",
    "N4": "N4 - Family in acute stress",
    "N5": "N5 - Family dysfunction",
    "N6": "N6 - Socially unacceptable behaviour",
    "N7": "N7 - Low income",
    "N8": "N8 - Absent parenting",
    "N9": "N9 - Cases other than children in need",
    "N0": "N0 - Not stated",
}

CLOSURE = {
    "RC1": "RC1 - Adopted",
    "RC2": "RC2 - Died",
    "RC3": "RC3 - Child arrangements order",
    "RC4": "RC4 - Special guardianship order",
    "RC5": "RC5 - Transferred to services of another local authority",
    "RC6": "RC6 - Transferred to adult social care services",
    "RC7": "RC7 - Services ceased for any other reason, including child no longer in need",
    "RC8": "RC8 - Case closed after assessment, no further action",
    # No RC9 string is confirmed in the template (§1.3, §7); written in the same form.
    "RC9": "RC9 - Case closed after assessment, referred to early help",
}

CASE_STATUS_LOOKED_AFTER = "a) Looked after child"
CASE_STATUS_CP = "b) Child Protection plan"
CASE_STATUS_CIN = "c) Child in need plan"
CASE_STATUS_ASSESSMENT = "d) Open assessment"
CASE_STATUS_CLOSED = "e) Closed episode"
CASE_STATUS = [
    CASE_STATUS_LOOKED_AFTER,
    CASE_STATUS_CP,
    CASE_STATUS_CIN,
    CASE_STATUS_ASSESSMENT,
    CASE_STATUS_CLOSED,
]

ABUSE = {
    "NEG": "a) Neglect",
    "PHY": "b) Physical abuse",
    "SAB": "c) Sexual abuse",
    "EMO": "d) Emotional abuse",
    "MUL": "e) Multiple/not recommended",
}

# Columns checked against a value list (§1.4 check 5), per header.
CATEGORY_VALUES: dict[str, list[str]] = {
    "Gender": SEX_VALUES,
    "Sex": SEX_VALUES,
    "Ethnicity": list(ETHNICITY.values()),
    "Contact Source": [s for _, s in SOURCE_STRINGS],
    "Referral Source": [s for _, s in SOURCE_STRINGS],
    "Referral NFA?": YES_NO,
    DISABILITY: YES_NO_UNKNOWN,
    "Child Seen During Continuous Assessment": YES_NO_UNKNOWN,
    "Was the child assessed as requiring LA children's social care support?": YES_NO,
    "Was an Initial Child Protection Conference deemed unnecessary?": YES_NO,
    "Did the Initial Child Protection Conference Result in a Child Protection Plan": YES_NO_UNKNOWN,
    "Primary Need Code": list(PRIMARY_NEED.values()),
    "Reason for Closure": list(CLOSURE.values()),
    "Case Status": CASE_STATUS,
    "Initial Category of Abuse": list(ABUSE.values()),
    "Latest Category of Abuse": list(ABUSE.values()),
    "Was the Child Seen Alone?": YES_NO_UNKNOWN,
    "Subject to Emergency Protection Order or Protected Under Police Powers in Last Six Months (Y/N)": YES_NO,
}

INTEGER_COLUMNS = {
    "Age",
    "Number of Referrals in Last 12 Months",
    "Number of Section 47 Enquiries in the last 12 months",
    "Number of ICPCs in the last 12 months",
    "Number of Previous Child Protection Plans",
    "Number of Placements in the Last 12 months",
    "Number of Episodes the Child has been 'Missing' from their Placement in the last 12 months",
    "Number of Episodes the Child has been 'Absent' from their Placement in the last 12 months",
    "No. of children placed",
}

# Columns that may not be blank ("R" in §1.2).
REQUIRED: dict[str, set[str]] = {
    "List 1": {"Child Unique ID", "Gender", "Sex", "Ethnicity", "Date of Contact", "Contact Source"},
    "List 2": {
        "Child Unique ID",
        "Gender",
        "Sex",
        "Ethnicity",
        "Assessment start date",
        "Organisation completing assessment",
    },
    "List 3": {
        "Child Unique ID",
        "Gender",
        "Sex",
        "Ethnicity",
        "Date of Referral",
        "Referral Source",
        "Referral NFA?",
        "Number of Referrals in Last 12 Months",
        *TEAM_WORKER,
    },
    "List 4": {
        "Child Unique ID",
        "Gender",
        "Sex",
        "Ethnicity",
        DISABILITY,
        "Continuous Assessment Start Date",
        *TEAM_WORKER,
    },
    "List 5": {
        "Child Unique ID",
        "Gender",
        "Sex",
        "Ethnicity",
        DISABILITY,
        "Strategy discussion initiating Section 47 Enquiry Start Date",
        "Number of Section 47 Enquiries in the last 12 months",
        "Number of ICPCs in the last 12 months",
        *TEAM_WORKER,
    },
    "List 6": {
        "Child Unique ID",
        "Gender",
        "Sex",
        "Ethnicity",
        DISABILITY,
        "Primary Need Code",
        "Case Status",
        *TEAM_WORKER,
    },
    "List 7": {
        "Child Unique ID",
        "Gender",
        "Sex",
        "Ethnicity",
        DISABILITY,
        "Child Protection Plan Start Date",
        "Initial Category of Abuse",
        "Latest Category of Abuse",
        "Subject to Emergency Protection Order or Protected Under Police Powers in Last Six Months (Y/N)",
        "Number of Previous Child Protection Plans",
        *TEAM_WORKER,
    },
}

# The date column that places each row in the reporting window (§1.4 check 6): the row's
# own event, which must be on or before the inspection date and, for these lists, inside
# the look-back period.
WINDOW_DATE: dict[str, str] = {
    "List 1": "Date of Contact",
    "List 3": "Date of Referral",
}


# --- Lists 8 and 9 (§1.3): children in care and care leavers ---------------------------------

LEGAL_STATUS = {
    "C1": "C1: ICO",
    "C2": "C2: FCO",
    "D1": "D1: Freeing order",
    "E1": "E1: Placement order",
    "V2": "V2: Single period under S20",
    "V3": "V3: Short term breaks, episodes recorded",
    "V4": "V4: Short term breaks, agreements recorded",
    "L1": "L1: Police protection LA accommodation",
    "L2": "L2: EPO",
    "L3": "L3: Child assessment order LA accommodation",
    "J1": "J1: Remanded to LA or youth detention",
    "J2": "J2: LA accommodation under PACE",
    "J3": "J3: Youth rehabilitation order",
}

# care.PermanenceOption -> the template's permanence plan string.
PERMANENCE = {
    "return_home": "a) Return to family",
    "adoption": "b) Adoption",
    "sgo": "c) SGO/CAO",
    "family": "c) SGO/CAO",
    "independence": "d) Supported living in the community",
    "residential": "e) Long-term residential placement",
    "long_term_fostering": "f) Long-term fostering",
}
PERMANENCE_VALUES = [*dict.fromkeys(PERMANENCE.values()), "g) Other"]

REASON_CEASED = {
    "E11": "a) E11: Adopted - application unopposed",
    "E12": "b) E12: Adopted - consent dispensed",
    "E2": "c) E2: Died",
    "E3": "d) E3: Care taken by another LA",
    "E4A": "e) E4A: Returned home to live with parents or relatives - part of planning",
    "E4B": "f) E4B: Returned home to live with parents or relatives - not part of planning",
    "E13": "g) E13: Parents, relatives or other with no parental responsibility",
    "E41": "h) E41: Residence order granted",
    "E45": "i) E45: Special Guardianship Orders - former carer relative/friend",
    "E46": "j) E46: Special Guardianship Orders - former carer other",
    "E47": "k) E47: Special Guardianship Orders - relative/friend",
    "E48": "l) E48: Special Guardianship Orders - other",
    "E5": "m) E5: Moved into independent living - supported",
    "E6": "n) E6: Moved into independent living - no support",
    "E7": "o) E7: Transferred to residential care funded by adult social services",
    "E9": "p) E9: Sentenced to custody",
    "E14": "q) E14: Accommodation on remand ended",
    "E15": "r) E15: Age assessment determined child was 18 or over",
    "E16": "s) E16: Child moved abroad",
    "E8": "t) E8: Care ceased for any other reason",
    "X1": "u) X1: CodeError",
    "E17": "v) E17: Aged 18 (or over) and remained with current carers (inc under staying put arrangements)",
}

PLACEMENT_TYPE = {
    "U1": "a) U1: Foster placement - relatives - long term",
    "U2": "b) U2: Foster placement - relative - FFA",
    "U3": "c) U3: Foster placement - relative - not FFA",
    "U4": "d) U4: Foster placement - long term",
    "U5": "e) U5: Foster placement - FFA",
    "U6": "f) U6: Foster placement - not FFA",
    "A3": "g) A3: Placed for adoption - consent - current foster",
    "A4": "h) A4: Placed for adoption - consent - not foster",
    "A5": "i) A5: Placed for adoption - order - foster",
    "A6": "j) A6: Placed for adoption - order - not foster",
    "P1": "k) P1: Placed with parents",
    "P2": "l) P2: Independent living",
    "P3": "m) P3: Residential employment",
    "H5": "n) H5: Residential accommodation",
    "K1": "o) K1: Secure Children's Homes",
    "K2": "p) K2: Children's Homes",
    "R1": "q) R1: Residential Care Home",
    "R2": "r) R2: NHS/Health Trust",
    "R3": "s) R3: Family Centre or Mother and Baby Unit",
    "R5": "t) R5: Young Offender Institution",
    "S1": "u) S1: Residential school",
    "Z1": "v) Z1: Other placements",
    "T0": "w) T0: Temporary placement",
    "T1": "x) T1: Temporary placement - hospital",
    "T2": "y) T2: Temporary placement - holiday",
    "T3": "z) T3: Temporary placement - carer holiday",
    "T4": "zz) T4: Temporary placement - seven days or less",
}
PLACEMENT_TYPE_VALUES = list(PLACEMENT_TYPE.values())
# The template has no strings for the 903's newer codes (§1.3 [UNCONFIRMED]): K3 (supported
# accommodation) replaced H5, and Z11-Z14 split Z1, so each is written as the code it replaced.
PLACEMENT_TYPE.update({"K3": PLACEMENT_TYPE["H5"], **dict.fromkeys(("Z11", "Z12", "Z13", "Z14"), PLACEMENT_TYPE["Z1"])})

PROVIDER = {
    "PR0": "a) PR0: Parents/Parental responsibility",
    "PR1": "b) PR1: Own provision",
    "PR2": "c) PR2: Other LA provision",
    "PR3": "d) PR3: Other public provision",
    "PR4": "e) PR4: Private provision",
    "PR5": "f) PR5: Voluntary/third sector",
}

PLACEMENT_LOCATION = ["a) In", "b) Out"]

# leaving_care.eligibility categories -> List 9's Eligibility Category.
ELIGIBILITY = {
    "relevant": "a) Relevant child",
    "former_relevant": "b) Former relevant child",
    "qualifying": "c) Qualifying care leaver",
    "eligible": "d) Eligible child",
}

# SSDA903 OC3 IN_TOUCH -> List 9's LA in Touch.
IN_TOUCH = {"YES": YES, "NO": NO, "DIED": "c) Died", "REFU": "d) Refu", "NREQ": "e) NREQ", "RHOM": "f) Rhom"}

ACCOMMODATION = {
    "B": "B: Parents/relatives",
    "C": "C: Community home / residential care",
    "D": "D: Semi-independent, transitional accommodation and self-contained accommodation",
    "E": "E: Supported lodgings",
    "G": "G: Abroad",
    "H": "H: Deported",
    "K": "K: Ordinary lodgings, without formal support",
    "R": "R: Residence not known",
    "S": "S: No fixed abode / homeless",
    "T": "T: Foyers and similar supported accommodation",
    "U": "U: Independent living",
    "V": "V: Emergency accommodation",
    "W": "W: Bed and breakfast",
    "X": "X: In custody",
    "Y": "Y: Other accommodation",
    "Z": "Z: With former foster carers",
}

SUITABILITY = {"1": "a) Suitable", "2": "b) Unsuitable"}

ACTIVITY = {
    "F1": "F1: Full time in higher education",
    "P1": "P1: Part time in higher education",
    "F2": "F2: Full time in education other than higher",
    "P2": "P2: Part time in education other than higher",
    "F4": "F4: Young person engaged full time in an apprenticeship",
    "P4": "P4: Young person engaged part time in an apprenticeship",
    "F5": "F5: Young person engaged full time in training or employment (not apprenticeship)",
    "P5": "P5: Young person engaged part time in training or employment (not apprenticeship)",
    "G4": "G4: Not in education, employment or training - illness or disability",
    "G5": "G5: Not in education, employment or training - other",
    "G6": "G6: Not in education, employment or training - pregnancy or parenting",
}

LIST8_UASC = "Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N)"
LIST9_UASC = "Unaccompanied Asylum Seeking Child (UASC), or formerly UASC if 18 or over (Y/N)"

CATEGORY_VALUES.update(
    {
        LIST8_UASC: YES_NO,
        "Child's Category of Need": list(PRIMARY_NEED.values()),
        "Is this a second or subsequent period of being a Looked After Child within the last 12 months (Y/N)": YES_NO,
        "Child's Legal Status": list(LEGAL_STATUS.values()),
        "What is the permanence plan for this child?": PERMANENCE_VALUES,
        "Reason Ceased to be Looked After": list(REASON_CEASED.values()),
        "Placement Type": PLACEMENT_TYPE_VALUES,
        "Placement Provider": list(PROVIDER.values()),
        "Placement Location": PLACEMENT_LOCATION,
        "Was the child offered a Return Interview after their last missing episode (Y/N)?": YES_NO,
        "Did the child accept a Return Interview after their last missing episode (Y/N)?": YES_NO,
        LIST9_UASC: YES_NO,
        "Eligibility Category": list(ELIGIBILITY.values()),
        "LA in Touch": list(IN_TOUCH.values()),
        "Type of Accommodation": list(ACCOMMODATION.values()),
        "Suitability of Accommodation": list(SUITABILITY.values()),
        "Activity Status": list(ACTIVITY.values()),
    }
)

# UASC (Lists 8 and 9), Placement Location and LA of Placement are "R" in the template but
# Safeguard records none of them yet: they are written blank (care_lists.py) and left out
# here, so the checks do not fail every row for a gap the lists already declare
# (docs/returns.md).
REQUIRED.update(
    {
        "List 8": {
            "Child Unique ID",
            "Gender",
            "Sex",
            "Ethnicity",
            DISABILITY,
            "Date Started to be Looked After",
            "Child's Category of Need",
            "Is this a second or subsequent period of being a Looked After Child within the last 12 months (Y/N)",
            "Start date of current legal status",
            "Child's Legal Status",
            "Number of Placements in the Last 12 months",
            "Start Date of Most Recent Placement",
            "Placement Type",
            "Placement Provider",
            "Placement postcode",
            "Number of Episodes the Child has been 'Missing' from their Placement in the last 12 months",
            "Number of Episodes the Child has been 'Absent' from their Placement in the last 12 months",
            *TEAM_WORKER,
        },
        "List 9": {
            "Child Unique ID",
            "Gender",
            "Sex",
            "Ethnicity",
            DISABILITY,
            *TEAM_WORKER,
            "Allocated Personal Advisor",
            "Eligibility Category",
            "LA in Touch",
        },
    }
)


# --- Lists 10 and 11 (§1.3): adoption and adopters -------------------------------------------

# SSDA903 REASON_PLACED_CEASED -> List 10's Reason Why Child No Longer Placed for Adoption.
NO_LONGER_PLACED = {
    "RD1": "RD1 - The child’s needs changed subsequent to the decision",
    "RD2": "RD2 - The Court did not make a placement order",
    "RD3": "RD3 - Prospective adopters could not be found",
    "RD4": "RD4 - Any other reason",
}
# adoption.LeftReason -> List 11's Reason for leaving adoption process.
LEFT_ADOPTION = {
    "1": "1 - Adopter withdrew from process",
    "2": "2 - Process put on hold",
    "3": "3 - Application refused",
}
LIST11_FFA = "Is the (prospective) adopter fostering for adoption?"

CATEGORY_VALUES.update(
    {
        "Reason Why Child No Longer Placed for Adoption": list(NO_LONGER_PLACED.values()),
        "Reason for leaving adoption process": list(LEFT_ADOPTION.values()),
        "Disability": YES_NO_UNKNOWN,
        LIST11_FFA: YES_NO,
    }
)
REQUIRED.update(
    {
        "List 10": {
            "Child Unique ID",
            "Gender",
            "Sex",
            "Ethnicity",
            DISABILITY,
            "Date the Child Entered Care",
            "Date of Decision that Child Should be Placed for Adoption",
        },
        "List 11": {
            "Individual adopter identifier",
            "Gender",
            "Sex",
            "Ethnicity",
            "Disability",
            LIST11_FFA,
            "Date enquiry received",
        },
    }
)
