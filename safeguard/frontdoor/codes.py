"""Code lists for contacts, from the CIN census specification (shared/domain.md §1.8)
and the local MASH practice it describes (§1.4)."""

from django.db import models


class ReferralSource(models.TextChoices):
    """CIN census ``ReferralSource`` (also Annex A contact source)."""

    FAMILY = "1A", "Individual: family member, relative or carer"
    ACQUAINTANCE = "1B", "Individual: acquaintance (neighbour, child minder)"
    SELF = "1C", "Individual: self"
    OTHER_INDIVIDUAL = "1D", "Individual: other"
    SCHOOLS = "2A", "Schools"
    EDUCATION_SERVICES = "2B", "Education services"
    GP = "3A", "Health: GP"
    HEALTH_VISITOR = "3B", "Health: health visitor"
    SCHOOL_NURSE = "3C", "Health: school nurse"
    OTHER_PRIMARY_HEALTH = "3D", "Health: other primary health services"
    A_AND_E = "3E", "Health: A&E"
    OTHER_HEALTH = "3F", "Health: other"
    HOUSING = "4", "Housing"
    LA_SOCIAL_CARE = "5A", "Local authority: social care"
    LA_INTERNAL = "5B", "Local authority: other internal department"
    LA_EXTERNAL = "5C", "Local authority: external"
    LA_EARLY_HELP = "5D", "Local authority: early help"
    POLICE = "6", "Police"
    OTHER_LEGAL = "7", "Other legal agency"
    OTHER = "8", "Other"
    ANONYMOUS = "9", "Anonymous"
    UNKNOWN = "10", "Unknown"


class Concern(models.TextChoices):
    NEGLECT = "neglect", "Neglect"
    PHYSICAL = "physical", "Physical abuse"
    EMOTIONAL = "emotional", "Emotional abuse"
    SEXUAL = "sexual", "Sexual abuse"
    CSE = "cse", "Child sexual exploitation"
    CCE = "cce", "Child criminal exploitation"
    MISSING = "missing", "Going missing"
    DOMESTIC_ABUSE = "domestic_abuse", "Domestic abuse"
    MENTAL_HEALTH = "mental_health", "Mental health"
    SUBSTANCE_MISUSE = "substance_misuse", "Substance misuse"
    OTHER = "other", "Other"


EXPLOITATION_CONCERNS = frozenset({Concern.CSE, Concern.CCE, Concern.MISSING})


class Consent(models.TextChoices):
    GIVEN = "given", "Given"
    REFUSED = "refused", "Refused"
    NOT_SOUGHT = "not_sought", "Not sought"


class Channel(models.TextChoices):
    WEB = "web", "Safeguard web form"
    API = "api", "Partner system (API)"
    PHONE = "phone", "Telephone, recorded by MASH"


class Rag(models.TextChoices):
    """MASH rating (local practice, shared/domain.md §1.4): how quickly information must
    be gathered. Deadlines per rating are configurable (settings.MASH_RAG_DEADLINES)."""

    RED = "red", "Red"
    AMBER = "amber", "Amber"
    GREEN = "green", "Green"
    BLUE = "blue", "Blue"


class ContactStatus(models.TextChoices):
    RECEIVED = "received", "Received"
    TRIAGE = "triage", "In triage"
    AWAITING_AUTHORISATION = "awaiting_authorisation", "Decision awaiting authorisation"
    DECIDED = "decided", "Decided"


class Decision(models.TextChoices):
    NFA = "nfa", "No further action, with advice"
    UNIVERSAL = "universal", "Universal services"
    EARLY_HELP = "early_help", "Early help"
    REFERRAL = "referral", "Referral to children's social care for assessment"
    STRATEGY = "strategy", "Strategy discussion (section 47 threshold)"
    OPEN_CASE = "open_case", "Added to an already open case"


REFERRAL_DECISIONS = frozenset({Decision.REFERRAL, Decision.STRATEGY})


class MatchStatus(models.TextChoices):
    UNMATCHED = "unmatched", "Not yet matched"
    CONFIRMED = "confirmed", "Matched to a person on the register"
    NEW_PERSON = "new_person", "New person added to the register"


class RequestStatus(models.TextChoices):
    OPEN = "open", "Awaiting answer"
    ANSWERED = "answered", "Answered"
    WITHDRAWN = "withdrawn", "Withdrawn"


class PersonRole(models.TextChoices):
    PARENT = "parent", "Parent"
    CARER = "carer", "Carer"
    SIBLING = "sibling", "Sibling"
    HOUSEHOLD = "household", "Household member"
    ALLEGED_PERPETRATOR = "alleged", "Person alleged to have caused harm"
    OTHER = "other", "Other"
