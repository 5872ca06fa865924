"""Code lists for a person's record, exactly as the DfE returns define them.

Sources: CIN census 2025-26 specification and SSDA903 guidance, as summarised in
shared/domain.md §1.8 and shared/data-standards.md §2.4.
"""

from django.db import models


class Sex(models.TextChoices):
    """CIN census ``Sex`` (from 2024-25): unborn children are recorded as U (rule 8750)."""

    MALE = "M", "Male"
    FEMALE = "F", "Female"
    UNKNOWN = "U", "Not known or unborn"


class Ethnicity(models.TextChoices):
    """DfE ethnicity codes shared by the CIN census and the SSDA903 return."""

    WBRI = "WBRI", "White British"
    WIRI = "WIRI", "White Irish"
    WIRT = "WIRT", "Traveller of Irish heritage"
    WOTH = "WOTH", "Any other White background"
    WROM = "WROM", "Gypsy or Roma"
    MWBC = "MWBC", "White and Black Caribbean"
    MWBA = "MWBA", "White and Black African"
    MWAS = "MWAS", "White and Asian"
    MOTH = "MOTH", "Any other mixed background"
    AIND = "AIND", "Indian"
    APKN = "APKN", "Pakistani"
    ABAN = "ABAN", "Bangladeshi"
    AOTH = "AOTH", "Any other Asian background"
    BCRB = "BCRB", "Black Caribbean"
    BAFR = "BAFR", "Black African"
    BOTH = "BOTH", "Any other Black background"
    CHNE = "CHNE", "Chinese"
    OOTH = "OOTH", "Any other ethnic group"
    REFU = "REFU", "Refused"
    NOBT = "NOBT", "Information not yet obtained"


class Disability(models.TextChoices):
    """CIN census ``Disability``: NONE stands alone (rule 8790), no code repeats (8794)."""

    NONE = "NONE", "No disability"
    MOB = "MOB", "Mobility"
    HAND = "HAND", "Hand function"
    PC = "PC", "Personal care"
    INC = "INC", "Incontinence"
    COMM = "COMM", "Communication"
    LD = "LD", "Learning"
    HEAR = "HEAR", "Hearing"
    VIS = "VIS", "Vision"
    BEH = "BEH", "Behaviour"
    CON = "CON", "Consciousness"
    AUT = "AUT", "Autism or Asperger syndrome"
    DDA = "DDA", "Other disability"


class UpnUnknown(models.TextChoices):
    """Why a child has no UPN (CIN census N00135; SSDA903 accepts UN1 to UN5 only)."""

    UN1 = "UN1", "UN1: Not of school age, no UPN yet"
    UN2 = "UN2", "UN2: Never attended a maintained school in England"
    UN3 = "UN3", "UN3: Educated outside England"
    UN4 = "UN4", "UN4: Newly looked after or new case, UPN not yet known"
    UN5 = "UN5", "UN5: Sources disagree, so no reliable UPN"
    UN6 = "UN6", "UN6: Other reason"
    UN7 = "UN7", "UN7: Referral with no further action"


class RelationshipKind(models.TextChoices):
    PARENT = "parent", "Parent"
    CARER = "carer", "Carer"
    SIBLING = "sibling", "Sibling"
    HOUSEHOLD_MEMBER = "household", "Household member"
    OTHER = "other", "Other"


class NameKind(models.TextChoices):
    PREVIOUS = "previous", "Previous name"
    ALIAS = "alias", "Alias or also known as"


class AccessLevel(models.TextChoices):
    """How tightly a record is held (see access/policy.py)."""

    STANDARD = "standard", "Standard"
    RESTRICTED = "restricted", "Restricted: allocated team and its managers only"
    SEALED = "sealed", "Sealed: named roles only"


class WarningCategory(models.TextChoices):
    RISK_TO_STAFF = "risk_to_staff", "Risk to staff"
    DO_NOT_DISCLOSE_ADDRESS = "address", "Do not disclose address"
    EXPLOITATION = "exploitation", "Exploitation concern"
    MEDICAL = "medical", "Medical"
    OTHER = "other", "Other"
