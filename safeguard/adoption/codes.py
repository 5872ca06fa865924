"""Code lists of adoption (shared/data-standards.md §1.3 Lists 10 and 11, §3.3 AD1 and
REASON_PLACED_CEASED)."""

from __future__ import annotations

from django.db import models


class NoLongerPlacedReason(models.TextChoices):
    """Why a child should no longer be placed for adoption (SSDA903 REASON_PLACED_CEASED)."""

    RD1 = "RD1", "The child's needs changed after the decision"
    RD2 = "RD2", "The court did not make a placement order"
    RD3 = "RD3", "Prospective adopters could not be found"
    RD4 = "RD4", "Any other reason"


class AdopterSex(models.TextChoices):
    """An adopter's sex as the AD1 SEX_ADOPTR codes count it (M or F)."""

    M = "M", "Male"
    F = "F", "Female"


class AdoptersLegalStatus(models.TextChoices):
    """The legal status of the adopters (SSDA903 AD1 LS_ADOPTR)."""

    L0 = "L0", "Single adopter"
    L11 = "L11", "Married couple, different sex"
    L12 = "L12", "Married couple, same sex"
    L2 = "L2", "Civil partners"
    L3 = "L3", "Unmarried couple, different sex"
    L4 = "L4", "Unmarried couple, same sex, not civil partners"


class LeftReason(models.TextChoices):
    """Why an adopter left the adoption process (Annex A List 11)."""

    WITHDREW = "1", "The adopter withdrew from the process"
    ON_HOLD = "2", "The process was put on hold"
    REFUSED = "3", "The application was refused"


class Disability(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"
    UNKNOWN = "unknown", "Not known"
