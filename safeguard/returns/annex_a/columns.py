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
    "List 2": {"Child Unique ID", "Gender", "Sex", "Ethnicity", "Assessment start date"},
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
