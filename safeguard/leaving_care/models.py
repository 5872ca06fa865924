"""Care leavers: the leaving-care record of a young person (personal adviser, needs
assessment, staying put), their pathway plans and reviews, and the keeping-in-touch
records the SSDA903 OC3 table is made from. Eligibility is not stored: it is worked out
from the care episodes (``eligibility``), so a corrected episode corrects it."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from .codes import Accommodation, Activity, InTouch, Suitability, accom_code

USER = settings.AUTH_USER_MODEL


class LeavingCareCase(models.Model):
    """One per young person, opened by the first leaving-care action on them."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    child = models.OneToOneField("people.Person", on_delete=models.PROTECT, related_name="leaving_care")
    personal_adviser = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    adviser_team = models.ForeignKey("accounts.Team", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    adviser_from = models.DateField(null=True, blank=True)
    needs_assessment_on = models.DateField(null=True, blank=True)
    # In education or training, or asking for a personal adviser's support: entitled up to 25.
    continuing_support = models.BooleanField(default=False)
    # A relevant child who went home to a parent, the return agreed successful (reg 40(5)).
    returned_home_on = models.DateField(null=True, blank=True)
    staying_put_from = models.DateField(null=True, blank=True)
    staying_put_until = models.DateField(null=True, blank=True)
    staying_put_carer = models.CharField(max_length=200, blank=True)
    last_contact_on = models.DateField(null=True, blank=True)
    last_in_touch_on = models.DateField(null=True, blank=True, db_index=True)
    next_contact_due = models.DateField(null=True, blank=True, db_index=True)
    # Support ended: entitlement over, no longer wanted, or another council took over.
    closed_on = models.DateField(null=True, blank=True)
    closed_reason = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=1)

    def __str__(self) -> str:
        return f"Leaving care: {self.child}"

    @property
    def is_open(self) -> bool:
        return self.closed_on is None


class PathwayPlan(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    child = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="pathway_plans")
    agreed_on = models.DateField()
    summary = models.TextField()
    next_review_due = models.DateField(db_index=True)
    ended_on = models.DateField(null=True, blank=True)
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-agreed_on"]

    def __str__(self) -> str:
        return f"Pathway plan agreed {self.agreed_on}"


class PathwayPlanReview(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey(PathwayPlan, on_delete=models.CASCADE, related_name="reviews")
    held_on = models.DateField()
    notes = models.TextField(blank=True)
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-held_on"]

    def __str__(self) -> str:
        return f"Pathway plan review on {self.held_on}"


class KeepInTouch(models.Model):
    """A contact with (or attempt to reach) a care leaver, in the OC3 codes. A record made
    in the window around a 17th to 21st birthday counts for that birthday's return."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    child = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="keep_in_touch")
    contacted_on = models.DateField(db_index=True)
    in_touch = models.CharField(max_length=4, choices=InTouch.choices)
    activity = models.CharField(max_length=2, choices=Activity.choices)
    accommodation = models.CharField(max_length=1, choices=Accommodation.choices)
    suitability = models.CharField(max_length=1, choices=Suitability.choices, blank=True)
    birthday_age = models.PositiveSmallIntegerField(null=True, blank=True)
    notes = models.TextField(blank=True)
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-contacted_on", "-recorded_at"]

    def __str__(self) -> str:
        return f"Keeping in touch on {self.contacted_on}"

    @property
    def accom(self) -> str:
        """The OC3 ACCOM value (letter and suitability digit)."""
        return accom_code(self.accommodation, self.suitability)
