"""Early help: one episode of coordinated help below the children in need threshold for a
child and their family, its early help assessment, the family's plan and its reviews."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from .codes import Origin, Outcome, ReviewKind, Stage

USER = settings.AUTH_USER_MODEL


class EarlyHelpEpisode(models.Model):
    """From the day the early help team picks the family up to the day it closes.

    It starts from a contact the front door decided "early help" (``contact``), a casework
    closure stepped down to early help (``step_down``) or a direct request. The lead
    practitioner coordinates it and may belong to a partner agency (a school, a health
    visiting team). The assessment's start, completion and organisation are Annex A List
    2's columns. ``next_review_due`` is stored (``rules.next_review_due``) so that reviews
    due and overdue are a query."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    child = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="early_help_episodes")
    origin = models.CharField(max_length=12, choices=Origin.choices)
    contact = models.OneToOneField(
        "frontdoor.Contact", on_delete=models.PROTECT, null=True, blank=True, related_name="early_help_episode"
    )
    step_down = models.OneToOneField(
        "casework.CaseClosure", on_delete=models.PROTECT, null=True, blank=True, related_name="early_help_episode"
    )
    requested_by = models.CharField(max_length=200, blank=True)
    requested_by_agency = models.ForeignKey(
        "accounts.Agency", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    team = models.ForeignKey("accounts.Team", on_delete=models.PROTECT, related_name="+")
    started_on = models.DateField()
    reason = models.TextField(blank=True)
    # The lead practitioner: a name and agency always; the user when they sign in to Safeguard.
    lead_name = models.CharField(max_length=200)
    lead_agency = models.ForeignKey("accounts.Agency", on_delete=models.PROTECT, related_name="+")
    lead_user = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    lead_contact = models.CharField(max_length=200, blank=True)
    # The early help assessment (Annex A List 2).
    assessment_started_on = models.DateField(null=True, blank=True)
    assessment_completed_on = models.DateField(null=True, blank=True)
    # 45 working days from the start (``rules.assessment_due``), stored for My work.
    assessment_due = models.DateField(null=True, blank=True, db_index=True)
    assessment_organisation = models.CharField(max_length=200, blank=True)
    assessment_agency = models.ForeignKey(
        "accounts.Agency", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    needs = models.TextField(blank=True)
    family_views = models.TextField(blank=True)
    # The family's plan.
    plan_agreed_on = models.DateField(null=True, blank=True)
    plan = models.TextField(blank=True)
    review_weeks = models.PositiveSmallIntegerField(default=6)
    next_review_due = models.DateField(null=True, blank=True, db_index=True)
    # The end.
    closed_on = models.DateField(null=True, blank=True)
    outcome = models.CharField(max_length=12, choices=Outcome.choices, blank=True)
    outcome_detail = models.TextField(blank=True)
    step_up_contact = models.OneToOneField(
        "frontdoor.Contact", on_delete=models.PROTECT, null=True, blank=True, related_name="stepped_up_from"
    )
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-started_on", "-pk"]
        indexes = [models.Index(fields=["child", "closed_on"], name="early_help_child_open")]
        constraints = [
            models.UniqueConstraint(
                fields=["child"], condition=models.Q(closed_on__isnull=True), name="early_help_one_open_per_child"
            ),
            models.CheckConstraint(
                condition=models.Q(closed_on__isnull=True) | models.Q(closed_on__gte=models.F("started_on")),
                name="early_help_close_not_before_start",
            ),
        ]

    def __str__(self) -> str:
        return f"Early help from {self.started_on:%d/%m/%Y}"

    @property
    def is_open(self) -> bool:
        return self.closed_on is None

    @property
    def stage(self) -> Stage:
        if self.closed_on is not None:
            return Stage.CLOSED
        if self.assessment_started_on is None:
            return Stage.AWAITING_ASSESSMENT
        if self.assessment_completed_on is None:
            return Stage.ASSESSING
        if self.plan_agreed_on is None:
            return Stage.AWAITING_PLAN
        return Stage.PLAN

    @property
    def organisation(self) -> str:
        """Annex A's "Organisation completing assessment"."""
        return self.assessment_organisation or (self.assessment_agency.name if self.assessment_agency else "")


class EarlyHelpReview(models.Model):
    """A team around the family meeting or a review of the plan with the family: who came,
    what has changed, and when the plan is next reviewed."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    episode = models.ForeignKey(EarlyHelpEpisode, on_delete=models.CASCADE, related_name="reviews")
    kind = models.CharField(max_length=8, choices=ReviewKind.choices, default=ReviewKind.TAF)
    held_on = models.DateField()
    attended = models.TextField()
    progress = models.TextField()
    next_review_on = models.DateField(null=True, blank=True)
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.held_on:%d/%m/%Y}"
