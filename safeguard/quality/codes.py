"""Code lists of case audits."""

from __future__ import annotations

from django.db import models


class Grade(models.IntegerChoices):
    """Ofsted's four-point scale, used by every framework since 2013 (shared/domain.md §4.1)."""

    OUTSTANDING = 1, "Outstanding"
    GOOD = 2, "Good"
    REQUIRES_IMPROVEMENT = 3, "Requires improvement to be good"
    INADEQUATE = 4, "Inadequate"


class SampleMethod(models.TextChoices):
    RANDOM = "random", "Random: any child the service is working with"
    STRATIFIED = "stratified", "Stratified: the same number from each team and stage"
    CHOSEN = "chosen", "Chosen: children you name"


class Stage(models.TextChoices):
    """Where a child is in the service when sampled (the most intensive open work)."""

    CHILD_PROTECTION = "cp", "Child protection plan"
    CHILD_IN_NEED = "cin", "Child in need plan"
    ASSESSMENT = "assessment", "Assessment"
    ALLOCATED = "allocated", "Allocated, no plan or assessment open"


class AuditStatus(models.TextChoices):
    TO_DO = "to_do", "To do"
    COMPLETED = "completed", "Completed"


class RoundStatus(models.TextChoices):
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"


# Seeded practice standards (the head of service edits them): title, what good looks like.
DEFAULT_STANDARDS = (
    (
        "The child's voice is heard",
        "The child's wishes, feelings and experiences are recorded in their own words where possible, "
        "they were seen (and seen alone where appropriate), and their views shaped the plan.",
    ),
    (
        "Risk and need are understood",
        "The assessment analyses the history, risks and strengths, uses partners' information and reaches a clear, "
        "evidenced view of what life is like for the child.",
    ),
    (
        "The plan is specific and making a difference",
        "The plan says what must change, who will do what and by when; reviews show whether the child's life is "
        "improving and the plan changes when it is not.",
    ),
    (
        "Timeliness",
        "Visits, assessments, conferences, core groups and reviews happen within statutory and local timescales.",
    ),
    (
        "Partners work together",
        "Partner agencies are involved in strategy discussions, meetings and plans, share information and complete "
        "their actions.",
    ),
    (
        "Management oversight and supervision",
        "Managers' decisions and reflective supervision are recorded, give clear direction and are followed up.",
    ),
    (
        "Recording and chronology",
        "The record is up to date, written for the child to read one day, with a chronology of significant events.",
    ),
)
