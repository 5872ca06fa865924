"""Code lists of missing episodes (shared/domain.md §2.6)."""

from __future__ import annotations

from django.db import models


class AbsenceType(models.TextChoices):
    """SSDA903 ``MISSING`` codes."""

    MISSING = "M", "Missing (whereabouts not known)"
    AWAY = "A", "Away from placement without authorisation (whereabouts known)"


class PoliceRisk(models.TextChoices):
    """The police risk grading of a missing person (local practice, unconfirmed nationally)."""

    NOT_KNOWN = "", "Not known"
    NO_APPARENT_RISK = "none", "No apparent risk"
    LOW = "low", "Low"
    MEDIUM = "medium", "Medium"
    HIGH = "high", "High"
