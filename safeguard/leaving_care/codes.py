"""The SSDA903 OC3 code lists, exactly as shared/data-standards.md §3.3 gives them, with the
Annex A List 9 wording (§1.3) for their labels."""

from __future__ import annotations

from django.db import models


class InTouch(models.TextChoices):
    """OC3 IN_TOUCH."""

    YES = "YES", "Yes, in touch"
    NO = "NO", "No, not in touch"
    DIED = "DIED", "Died"
    REFU = "REFU", "Young person refuses contact"
    NREQ = "NREQ", "No longer requires services"
    RHOM = "RHOM", "Returned home to parents for 6 months or more"


class Activity(models.TextChoices):
    """OC3 ACTIV (F3/P3 are superseded and not offered)."""

    F1 = "F1", "F1: Full time in higher education"
    P1 = "P1", "P1: Part time in higher education"
    F2 = "F2", "F2: Full time in education other than higher"
    P2 = "P2", "P2: Part time in education other than higher"
    F4 = "F4", "F4: Full time in an apprenticeship"
    P4 = "P4", "P4: Part time in an apprenticeship"
    F5 = "F5", "F5: Full time in training or employment (not apprenticeship)"
    P5 = "P5", "P5: Part time in training or employment (not apprenticeship)"
    G4 = "G4", "G4: Not in education, employment or training - illness or disability"
    G5 = "G5", "G5: Not in education, employment or training - other reasons"
    G6 = "G6", "G6: Not in education, employment or training - pregnancy or parenting"
    NOT_KNOWN = "0", "0: Not known"


EDUCATION_OR_TRAINING = frozenset({"F1", "P1", "F2", "P2", "F4", "P4", "F5", "P5"})
NEET = frozenset({"G4", "G5", "G6"})


class Accommodation(models.TextChoices):
    """OC3 ACCOM, the letter (the suitability digit is held beside it)."""

    B = "B", "B: Parents or relatives"
    C = "C", "C: Community home or other form of residential care"
    D = "D", "D: Semi-independent, transitional accommodation and self-contained accommodation"
    E = "E", "E: Supported lodgings"
    G = "G", "G: Abroad"
    H = "H", "H: Deported"
    K = "K", "K: Ordinary lodgings, without formal support"
    R = "R", "R: Residence not known"
    S = "S", "S: No fixed abode or homeless"
    T = "T", "T: Foyers and similar supported accommodation"
    U = "U", "U: Independent living"
    V = "V", "V: Emergency accommodation"
    W = "W", "W: Bed and breakfast"
    X = "X", "X: In custody"
    Y = "Y", "Y: Other accommodation"
    Z = "Z", "Z: With former foster carers"
    NOT_KNOWN = "0", "0: Not known"


class Suitability(models.TextChoices):
    """The ACCOM suffix."""

    SUITABLE = "1", "Suitable"
    UNSUITABLE = "2", "Unsuitable"


# The full ACCOM values the D2I validator accepts (rule 133): no S1 or X1.
ACCOM_CODES = frozenset(
    [
        "B1",
        "B2",
        "C1",
        "C2",
        "D1",
        "D2",
        "E1",
        "E2",
        "G1",
        "G2",
        "H1",
        "H2",
        "K1",
        "K2",
        "R1",
        "R2",
        "S2",
        "T1",
        "T2",
        "U1",
        "U2",
        "V1",
        "V2",
        "W1",
        "W2",
        "X2",
        "Y1",
        "Y2",
        "Z1",
        "Z2",
        "0",
    ]
)


def accom_code(letter: str, suitability: str) -> str:
    """The OC3 ACCOM value: the letter and its suitability digit, or 0."""
    return "0" if letter in ("", "0") else f"{letter}{suitability}"
