"""Ofsted's inspection vocabulary (domain.md §4): the kinds of inspection and visit, the
ILACS judgement areas (since January 2023) and the four-point grade scale."""

from __future__ import annotations

from django.db import models


class InspectionKind(models.TextChoices):
    STANDARD = "standard", "Standard inspection (ILACS)"
    SHORT = "short", "Short inspection (ILACS)"
    FOCUSED = "focused", "Focused visit"
    MONITORING = "monitoring", "Monitoring visit"
    JTAI = "jtai", "Joint targeted area inspection"
    SIF = "sif", "Single inspection framework inspection"


# Kinds that end in graded judgements; the others end in a letter of findings.
GRADED_KINDS = frozenset({InspectionKind.STANDARD, InspectionKind.SHORT, InspectionKind.SIF})


class Area(models.TextChoices):
    """The ILACS judgements since January 2023, in Ofsted's order."""

    OVERALL = "overall", "Overall effectiveness"
    LEADERS = "leaders", "The impact of leaders on social work practice with children and families"
    HELP_AND_PROTECTION = "help_protection", "The experiences and progress of children who need help and protection"
    IN_CARE = "in_care", "The experiences and progress of children in care"
    CARE_LEAVERS = "care_leavers", "The experiences and progress of care leavers"


class Grade(models.IntegerChoices):
    OUTSTANDING = 1, "Outstanding"
    GOOD = 2, "Good"
    REQUIRES_IMPROVEMENT = 3, "Requires improvement to be good"
    INADEQUATE = 4, "Inadequate"


class SampleReason(models.TextChoices):
    TRACKED = "tracked", "Tracked (in depth, with the worker)"
    SAMPLED = "sampled", "Sampled (the records)"
