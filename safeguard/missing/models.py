"""Missing episodes of any child, from home or from care, and their return interviews."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from .codes import AbsenceType, PoliceRisk

USER = settings.AUTH_USER_MODEL


class MissingEpisode(models.Model):
    """One period a child was missing (M) or away without authorisation (A). ``ended_at``
    is empty while the child is still missing; the return interview is due 72 hours after
    the return (``rules.return_interview_due``), stored so that overdue work is a query."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    child = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="missing_episodes")
    absence_type = models.CharField(max_length=1, choices=AbsenceType.choices, default=AbsenceType.MISSING)
    from_care = models.BooleanField(default=False)
    started_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)
    circumstances = models.TextField(blank=True)
    police_risk = models.CharField(max_length=6, choices=PoliceRisk.choices, blank=True, default="")
    where_found = models.TextField(blank=True)
    reported_by = models.CharField(max_length=200, blank=True)
    reported_by_agency = models.ForeignKey(
        "accounts.Agency", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # Set when the episode was closed by something else (a placement ending), not a return.
    closed_reason = models.CharField(max_length=300, blank=True)
    return_interview_due = models.DateTimeField(null=True, blank=True, db_index=True)
    return_interview_offered_at = models.DateTimeField(null=True, blank=True)
    return_interview_held_at = models.DateTimeField(null=True, blank=True)
    return_interview_declined = models.BooleanField(default=False)
    return_interview_by = models.CharField(max_length=200, blank=True)
    child_said = models.TextField(blank=True)
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-started_at"]
        indexes = [models.Index(fields=["child", "started_at"], name="missing_child_start")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ended_at__isnull=True) | models.Q(ended_at__gte=models.F("started_at")),
                name="missing_end_not_before_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_absence_type_display()} from {self.started_at:%d/%m/%Y %H:%M}"

    @property
    def is_open(self) -> bool:
        return self.ended_at is None

    @property
    def return_interview_done(self) -> bool:
        return self.return_interview_held_at is not None or self.return_interview_declined
