"""Code lists of early help (shared/domain.md §1.5): how an episode started, the meetings
that review the family's plan, and how it ended."""

from __future__ import annotations

from django.db import models


class Origin(models.TextChoices):
    """How the family came to early help."""

    FRONT_DOOR = "front_door", "Front door decision (a contact decided early help)"
    STEP_DOWN = "step_down", "Stepped down from children's social care"
    DIRECT = "direct", "Direct request (school, health or another service)"


class ReviewKind(models.TextChoices):
    TAF = "taf", "Team around the family meeting"
    REVIEW = "review", "Plan review with the family"


class Outcome(models.TextChoices):
    """Why an episode closed. A step-up raises a new contact to the front door."""

    NEEDS_MET = "needs_met", "Needs met: the plan's outcomes were achieved"
    STEP_UP = "step_up", "Stepped up to children's social care (a new contact to the MASH)"
    DECLINED = "declined", "The family declined or withdrew consent"
    MOVED_AWAY = "moved_away", "The family moved out of the area"
    OTHER = "other", "Other"


class Stage(models.TextChoices):
    """Where an episode is, worked out from its dates (never stored)."""

    AWAITING_ASSESSMENT = "awaiting_assessment", "Awaiting assessment"
    ASSESSING = "assessing", "Assessment under way"
    AWAITING_PLAN = "awaiting_plan", "Assessment done, plan to agree"
    PLAN = "plan", "Plan in place"
    CLOSED = "closed", "Closed"
