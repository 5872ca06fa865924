"""The safeguarding partnership's multi-agency strategy and action plan: priorities, and
actions owned by agencies with deadlines and progress (domain.md §5)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

USER = settings.AUTH_USER_MODEL


class ActionStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    ON_TRACK = "on_track", "On track"
    AT_RISK = "at_risk", "At risk"
    COMPLETE = "complete", "Complete"


class Priority(models.Model):
    """One of the partnership's published priorities (for example, child exploitation)."""

    title = models.CharField(max_length=200, unique=True)
    description = models.TextField(blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "title"]

    def __str__(self) -> str:
        return self.title


class PlanAction(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    priority = models.ForeignKey(Priority, on_delete=models.PROTECT, related_name="actions")
    title = models.CharField(max_length=300)
    owner_agency = models.ForeignKey("accounts.Agency", on_delete=models.PROTECT, related_name="+")
    owner_name = models.CharField(max_length=200, help_text="The named lead in the owning agency.")
    due_on = models.DateField(db_index=True)
    status = models.CharField(max_length=12, choices=ActionStatus.choices, default=ActionStatus.NOT_STARTED)
    progress = models.PositiveSmallIntegerField(default=0)  # percent
    completed_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["due_on", "title"]

    def __str__(self) -> str:
        return self.title

    def overdue_on(self, day: object) -> bool:
        return self.status != ActionStatus.COMPLETE and self.due_on < day  # type: ignore[operator]


class ActionUpdate(models.Model):
    """A progress report on an action, kept in order: the plan's history."""

    action = models.ForeignKey(PlanAction, on_delete=models.CASCADE, related_name="updates")
    author = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    status = models.CharField(max_length=12, choices=ActionStatus.choices)
    progress = models.PositiveSmallIntegerField()
    note = models.TextField()

    class Meta:
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.action}: {self.get_status_display()} ({self.progress}%)"
