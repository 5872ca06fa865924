"""The facts the access policy decides from: who is involved with which child, and
break-glass grants. The rules themselves live in ``policy.py``."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone


class InvolvementKind(models.TextChoices):
    ALLOCATED_WORKER = "allocated", "Allocated worker"
    OPEN_WORK = "open_work", "Team holding open work"
    AGENCY = "agency", "Partner agency involved"


class SwReason(models.TextChoices):
    """Why a child's social worker changed (SSDA903 SW_REASON, from 2023/24)."""

    MANAGE = "MANAGE", "Caseload management"
    FCONTA = "FCONTA", "First contact or re-referral"
    LEFTRL = "LEFTRL", "Previous social worker left the role"
    ORGRST = "ORGRST", "Restructure"
    TSPROC = "TSPROC", "Transfer under the standard process"
    ABSENC = "ABSENC", "Absence cover or return"
    CHCHAN = "CHCHAN", "The child asked for a change"
    PCCHAN = "PCCHAN", "A parent or carer asked for a change"
    SWDIED = "SWDIED", "Previous social worker died"
    OTHERS = "OTHERS", "Other"


class Involvement(models.Model):
    """A legitimate relationship with a child, for as long as it lasts.

    - ALLOCATED_WORKER: ``user`` (and their ``team``) is allocated to the child.
    - OPEN_WORK: ``team`` holds an open piece of work (an assessment, an enquiry, a plan).
    - AGENCY: ``agency`` is involved: it referred, was asked for information, or was
      invited to a meeting.

    Later contexts open and end involvements through ``access.services`` when they
    start and finish work, so the policy has one table to read.
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    child = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="involvements")
    kind = models.CharField(max_length=12, choices=InvolvementKind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="involvements"
    )
    team = models.ForeignKey("accounts.Team", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    agency = models.ForeignKey("accounts.Agency", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    # Why: "referred on 3 March", "asked for information", "assessment", "invited to ICPC".
    reason = models.CharField(max_length=200)
    started_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)
    # ALLOCATED_WORKER only: why this worker took over (SSDA903 SW_REASON).
    change_reason = models.CharField(
        "reason for the change of social worker", max_length=6, choices=SwReason.choices, blank=True
    )

    class Meta:
        indexes = [
            models.Index(fields=["child", "kind"], name="involvement_child_idx"),
            models.Index(fields=["user", "ended_at"], name="involvement_user_idx"),
            models.Index(fields=["team", "ended_at"], name="involvement_team_idx"),
            models.Index(fields=["agency", "ended_at"], name="involvement_agency_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["child"],
                condition=models.Q(kind="allocated", ended_at__isnull=True),
                name="one_current_allocated_worker",
            ),
        ]

    def __str__(self) -> str:
        who = self.user or self.team or self.agency
        return f"{self.get_kind_display()}: {who} ({self.reason})"

    @property
    def is_current(self) -> bool:
        return self.ended_at is None


class ReviewStatus(models.TextChoices):
    PENDING = "pending", "Awaiting review"
    JUSTIFIED = "justified", "Justified"
    REFERRED = "referred", "Referred for investigation"


class BreakGlass(models.Model):
    """Emergency access to a child's record by a council practitioner with no
    relationship, for a stated reason, for a limited time, always reviewed."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="break_glass")
    child = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="break_glass")
    reason = models.TextField()
    granted_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    review_status = models.CharField(max_length=10, choices=ReviewStatus.choices, default=ReviewStatus.PENDING)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_note = models.TextField(blank=True)

    class Meta:
        ordering = ["-granted_at"]
        indexes = [models.Index(fields=["user", "child", "expires_at"], name="breakglass_lookup_idx")]

    def __str__(self) -> str:
        return f"Break-glass by {self.user} on {self.granted_at:%Y-%m-%d %H:%M}"
