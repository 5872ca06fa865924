"""Inspections and monitoring visits with their judgements, the children an inspection
samples, the time-limited read-only access of its inspectors, and the council's
self-evaluation by ILACS area."""

from __future__ import annotations

import datetime as dt
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from .codes import Area, Grade, InspectionKind, SampleReason

USER = settings.AUTH_USER_MODEL


class Inspection(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(max_length=12, choices=InspectionKind.choices)
    fieldwork_start = models.DateField()
    fieldwork_end = models.DateField()
    published_on = models.DateField(null=True, blank=True)
    # The letter's or report's headline findings, in Ofsted's words.
    summary = models.TextField(blank=True)
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-fieldwork_start"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}, {self.fieldwork_start:%-d %B %Y}"


class Judgement(models.Model):
    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="judgements")
    area = models.CharField(max_length=20, choices=Area.choices)
    grade = models.PositiveSmallIntegerField(choices=Grade.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["inspection", "area"], name="judgement_once_per_area")]

    def __str__(self) -> str:
        return f"{self.get_area_display()}: {self.get_grade_display()}"


class SampledChild(models.Model):
    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="sample")
    child = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(max_length=10, choices=SampleReason.choices, default=SampleReason.SAMPLED)
    added_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["added_at"]
        constraints = [models.UniqueConstraint(fields=["inspection", "child"], name="sampled_once")]

    def __str__(self) -> str:
        return f"{self.child} in the sample for the {self.inspection}"


class InspectorAccess(models.Model):
    """An inspector may read the sampled children's records from ``starts_at`` until
    ``ends_at`` (or until ended early), and nothing else, ever."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="accesses")
    inspector = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="inspection_accesses")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    granted_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    granted_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["-starts_at"]
        indexes = [models.Index(fields=["inspector", "ends_at"], name="inspector_access_idx")]

    def __str__(self) -> str:
        return f"{self.inspector}'s access for the {self.inspection}"

    def open_at(self, moment: dt.datetime) -> bool:
        return self.ended_at is None and self.starts_at <= moment < self.ends_at


class SelfEvaluation(models.Model):
    """The council's own judgement of one ILACS area, with the evidence behind it: the
    indicators it rests on (keys of ``safeguard.indicators``) and what audits found."""

    area = models.CharField(max_length=20, choices=Area.choices, unique=True)
    grade = models.PositiveSmallIntegerField(choices=Grade.choices, null=True, blank=True)
    strengths = models.TextField(blank=True)
    priorities = models.TextField(blank=True)
    indicators = models.JSONField(default=list, blank=True)
    updated_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    updated_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["area"]

    def __str__(self) -> str:
        return f"Self-evaluation: {self.get_area_display()}"
