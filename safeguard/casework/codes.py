"""Code lists of help and protection casework, from the CIN census (shared/domain.md
§1.6, §1.8) and Working Together."""

from django.db import models


class AssessmentFactor(models.TextChoices):
    """CIN census ``AssessmentFactors`` (multi-select)."""

    F1A = "1A", "Alcohol misuse: child"
    F1B = "1B", "Alcohol misuse: parent"
    F1C = "1C", "Alcohol misuse: other person in the household"
    F2A = "2A", "Drug misuse: child"
    F2B = "2B", "Drug misuse: parent"
    F2C = "2C", "Drug misuse: other person in the household"
    F3A = "3A", "Domestic abuse: child as subject"
    F3B = "3B", "Domestic abuse: parent as subject"
    F3C = "3C", "Domestic abuse: other person in the household as subject"
    F4A = "4A", "Mental health: child"
    F4B = "4B", "Mental health: parent"
    F4C = "4C", "Mental health: other person in the household"
    F5A = "5A", "Learning disability: child"
    F5B = "5B", "Learning disability: parent"
    F5C = "5C", "Learning disability: other person in the household"
    F6A = "6A", "Physical disability or illness: child"
    F6B = "6B", "Physical disability or illness: parent"
    F6C = "6C", "Physical disability or illness: other person in the household"
    F7A = "7A", "Young carer"
    F8B = "8B", "Privately fostered: overseas child who intends to return"
    F8C = "8C", "Privately fostered: overseas child who intends to stay"
    F8D = "8D", "Privately fostered: UK child in educational placement"
    F8E = "8E", "Privately fostered: UK child making alternative family arrangements"
    F8F = "8F", "Privately fostered: other"
    F9A = "9A", "Unaccompanied asylum-seeking child"
    F10A = "10A", "Going missing"
    F11A = "11A", "Child sexual exploitation"
    F12A = "12A", "Trafficking"
    F13A = "13A", "Gangs"
    F14A = "14A", "Socially unacceptable behaviour"
    F15A = "15A", "Self-harm"
    F16A = "16A", "Neglect"
    F17A = "17A", "Emotional abuse"
    F18B = "18B", "Physical abuse: child on child"
    F18C = "18C", "Physical abuse: adult on child"
    F19B = "19B", "Sexual abuse: child on child"
    F19C = "19C", "Sexual abuse: adult on child"
    F20 = "20", "Other"
    F21 = "21", "No factors identified"
    F22A = "22A", "Female genital mutilation"
    F23A = "23A", "Abuse linked to faith or belief"
    F24A = "24A", "Child criminal exploitation"


class AssessmentOutcome(models.TextChoices):
    CIN_PLAN = "cin_plan", "Child in need plan"
    NFA = "nfa", "No further action"
    EARLY_HELP = "early_help", "Step down to early help"
    STRATEGY = "strategy", "Strategy discussion"


class AssessmentStatus(models.TextChoices):
    IN_PROGRESS = "in_progress", "In progress"
    SUBMITTED = "submitted", "Awaiting authorisation"
    AUTHORISED = "authorised", "Authorised"


class StrategyDecision(models.TextChoices):
    S47_SINGLE = "s47_single", "Section 47 enquiry, single agency"
    S47_JOINT = "s47_joint", "Section 47 enquiry, joint with police"
    NO_S47 = "no_s47", "No section 47 enquiry"


class EnquiryOutcome(models.TextChoices):
    NOT_SUBSTANTIATED = "not_substantiated", "Concerns not substantiated"
    SUBSTANTIATED_NO_RISK = "substantiated_no_risk", "Substantiated, child not judged at continuing risk"
    SUBSTANTIATED_AT_RISK = (
        "substantiated_at_risk",
        "Substantiated, child judged at continuing risk of significant harm",
    )


class ConferenceKind(models.TextChoices):
    INITIAL = "initial", "Initial child protection conference"
    REVIEW = "review", "Review child protection conference"


class ConferenceDecision(models.TextChoices):
    PLAN = "plan", "Child protection plan"
    NO_PLAN = "no_plan", "No child protection plan"
    CONTINUE = "continue", "Plan continues"
    END = "end", "Plan ends"


class AbuseCategory(models.TextChoices):
    """CIN census ``InitialCategoryOfAbuse`` / ``LatestCategoryOfAbuse``."""

    NEG = "NEG", "Neglect"
    PHY = "PHY", "Physical abuse"
    EMO = "EMO", "Emotional abuse"
    SAB = "SAB", "Sexual abuse"
    MUL = "MUL", "Multiple"


class PlanEndReason(models.TextChoices):
    """Why a child protection plan ends (WT 2023; shared/domain.md §1.6)."""

    NO_LONGER_AT_RISK = "no_longer_at_risk", "No longer at continuing risk of significant harm"
    MOVED_LA = "moved", "Moved to another local authority (transfer-in conference held)"
    EIGHTEEN = "eighteen", "Reached 18"
    LEFT_UK = "left_uk", "Left the UK permanently"
    DIED = "died", "Died"
    LOOKED_AFTER = "looked_after", "Became looked after; the care plan manages the risk"


class NoteKind(models.TextChoices):
    CASE_NOTE = "note", "Case note"
    VISIT = "visit", "Visit"
    STATUTORY_VISIT = "statutory_visit", "Statutory child protection visit"
    SUPERVISION = "supervision", "Supervision"
    MANAGEMENT_DECISION = "decision", "Management decision"
    PHONE = "phone", "Telephone call"


class ClosureKind(models.TextChoices):
    CLOSED = "closed", "Case closed"
    STEP_DOWN = "step_down", "Stepped down to early help"


class ClosureStatus(models.TextChoices):
    PROPOSED = "proposed", "Awaiting a manager's authorisation"
    AUTHORISED = "authorised", "Closed"
    REOPENED = "reopened", "Re-opened"


class ClosureReason(models.TextChoices):
    """CIN census ``ReasonForClosure`` (shared/data-standards.md; Annex A List 6)."""

    RC1 = "RC1", "Adopted"
    RC2 = "RC2", "Died"
    RC3 = "RC3", "Child arrangements order"
    RC4 = "RC4", "Special guardianship order"
    RC5 = "RC5", "Transferred to services of another local authority"
    RC6 = "RC6", "Transferred to adult social care services"
    RC7 = "RC7", "Services ceased for any other reason, including child no longer in need"
    RC8 = "RC8", "Case closed after assessment, no further action"
    RC9 = "RC9", "Case closed after assessment, referred to early help"


# The closure reason that is a step-down to early help.
STEP_DOWN_REASONS = frozenset({ClosureReason.RC9})


class PrimaryNeed(models.TextChoices):
    """CIN census ``PrimaryNeedCode`` (N00101; shared/data-standards.md §2.4): the main reason
    the child is in need, chosen at assessment."""

    N1 = "N1", "N1: Abuse, neglect and exploitation"
    N2 = "N2", "N2: Child's disability"
    N3 = "N3", "N3: Parental disability or illness"
    N4 = "N4", "N4: Family in acute stress"
    N5 = "N5", "N5: Family dysfunction"
    N6 = "N6", "N6: Socially unacceptable behaviour"
    N7 = "N7", "N7: Low income"
    N8 = "N8", "N8: Absent parenting"
    N9 = "N9", "N9: Cases other than children in need"
    N0 = "N0", "N0: Not stated"


class ProtectionKind(models.TextChoices):
    """Emergency powers used to protect a child (Children Act 1989 ss. 43, 44, 46)."""

    POLICE = "police", "Police protection (section 46)"
    EPO = "epo", "Emergency protection order (section 44)"
    CAO = "cao", "Child assessment order (section 43)"


# The kinds Annex A List 7 counts as "Subject to Emergency Protection Order or Protected
# Under Police Powers" (a child assessment order is neither).
EMERGENCY_POWERS = frozenset({ProtectionKind.POLICE, ProtectionKind.EPO})
