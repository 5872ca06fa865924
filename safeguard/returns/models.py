"""A produced national return (one run of an export, with its file and progress) and the
validators' findings on it, each linked to the child it is about."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from .codes import IssueType, ReturnKind, RunStatus


class ReturnRun(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(max_length=10, choices=ReturnKind.choices)
    # The collection year by its end (2026 = 1 April 2025 to 31 March 2026): CIN and SSDA903.
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    # The look-back period: Annex A.
    period_start = models.DateField(null=True, blank=True)
    period_end = models.DateField(null=True, blank=True)
    validate = models.BooleanField(default=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(max_length=10, choices=RunStatus.choices, default=RunStatus.QUEUED, db_index=True)
    stage = models.CharField(max_length=100, blank=True)
    progress_done = models.PositiveIntegerField(default=0)
    progress_total = models.PositiveIntegerField(default=0)
    failure = models.TextField(blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    file_name = models.CharField(max_length=100, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    content = models.BinaryField(null=True, blank=True)
    children = models.PositiveIntegerField(default=0)
    # Validation by the DfE validators (CIN, SSDA903) or our own checks (Annex A).
    ruleset = models.CharField(max_length=20, blank=True)
    validated_at = models.DateTimeField(null=True, blank=True)
    error_count = models.PositiveIntegerField(default=0)
    query_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-requested_at"]
        indexes = [models.Index(fields=["kind", "-requested_at"], name="return_run_kind_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.period_label}"

    @property
    def period_label(self) -> str:
        if self.year:
            return f"{self.year - 1}/{str(self.year)[2:]}"
        if self.period_start and self.period_end:
            return f"{self.period_start:%-d %B %Y} to {self.period_end:%-d %B %Y}"
        return ""

    @property
    def percent(self) -> int:
        if self.status == RunStatus.DONE:
            return 100
        if not self.progress_total:
            return 0
        return min(99, int(100 * self.progress_done / self.progress_total))

    @property
    def is_finished(self) -> bool:
        return self.status in (RunStatus.DONE, RunStatus.FAILED)


class ReturnIssue(models.Model):
    """One finding of a validator rule, as the rule's own message gives it."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    run = models.ForeignKey(ReturnRun, on_delete=models.CASCADE, related_name="issues")
    rule_code = models.CharField(max_length=20)
    issue_type = models.CharField(max_length=5, choices=IssueType.choices)
    message = models.TextField()
    # The child the finding is about; null for a finding about the whole return.
    child = models.ForeignKey("people.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    return_child_id = models.CharField(max_length=40, blank=True)
    table = models.CharField(max_length=40, blank=True)
    field = models.CharField(max_length=200, blank=True)
    row = models.IntegerField(null=True, blank=True)

    class Meta:
        ordering = ["issue_type", "rule_code", "return_child_id"]
        indexes = [models.Index(fields=["run", "child"], name="return_issue_child_idx")]

    def __str__(self) -> str:
        return f"{self.rule_code}: {self.message[:60]}"
