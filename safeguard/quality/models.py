"""Case audits: practice standards, audit rounds and their samples, the grades given,
actions for workers, and escalations of cases with serious concerns."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from .codes import AuditStatus, Grade, RoundStatus, SampleMethod, Stage

USER = settings.AUTH_USER_MODEL


class PracticeStandard(models.Model):
    """A standard each case is graded against; the head of service edits the list."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(max_length=200)
    description = models.TextField()
    position = models.PositiveSmallIntegerField(default=0)
    active = models.BooleanField(default=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["position", "title"]

    def __str__(self) -> str:
        return self.title


class AuditRound(models.Model):
    """A round of audits: the sample drawn and who audits each case."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(max_length=200)
    method = models.CharField(max_length=12, choices=SampleMethod.choices)
    due_on = models.DateField()
    status = models.CharField(max_length=8, choices=RoundStatus.choices, default=RoundStatus.OPEN)
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title


class CaseAudit(models.Model):
    """One sampled child's case, graded by one auditor."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    round = models.ForeignKey(AuditRound, on_delete=models.PROTECT, related_name="audits")
    child = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="case_audits")
    # The allocated team and worker, and the stage, when the sample was drawn.
    team = models.ForeignKey("accounts.Team", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    worker = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    stage = models.CharField(max_length=12, choices=Stage.choices)
    auditor = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="case_audits")
    status = models.CharField(max_length=10, choices=AuditStatus.choices, default=AuditStatus.TO_DO, db_index=True)
    grade = models.PositiveSmallIntegerField(choices=Grade.choices, null=True, blank=True)
    serious_concerns = models.BooleanField(default=False)
    strengths = models.TextField(blank=True)
    improvements = models.TextField(blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    # Escalation: set when graded inadequate or with serious concerns; open until resolved.
    escalated_at = models.DateTimeField(null=True, blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    resolution = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["round", "pk"]
        constraints = [models.UniqueConstraint(fields=["round", "child"], name="case_audit_once_per_round")]
        indexes = [models.Index(fields=["escalated_at", "resolved_at"], name="case_audit_escalation_idx")]

    def __str__(self) -> str:
        return f"Audit of {self.child} in {self.round}"

    @property
    def is_escalated(self) -> bool:
        return self.escalated_at is not None and self.resolved_at is None


class StandardGrade(models.Model):
    audit = models.ForeignKey(CaseAudit, on_delete=models.CASCADE, related_name="standard_grades")
    standard = models.ForeignKey(PracticeStandard, on_delete=models.PROTECT, related_name="+")
    grade = models.PositiveSmallIntegerField(choices=Grade.choices)
    comment = models.TextField(blank=True)

    class Meta:
        ordering = ["standard__position"]
        constraints = [models.UniqueConstraint(fields=["audit", "standard"], name="standard_graded_once")]

    def __str__(self) -> str:
        return f"{self.standard}: {self.get_grade_display()}"


class AuditAction(models.Model):
    """What the worker must do after the audit, by when."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    audit = models.ForeignKey(CaseAudit, on_delete=models.CASCADE, related_name="actions")
    description = models.TextField()
    owner = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="audit_actions")
    due_on = models.DateField(db_index=True)
    completed_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["due_on"]

    def __str__(self) -> str:
        return self.description[:60]
