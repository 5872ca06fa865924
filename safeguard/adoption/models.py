"""Adoption: the decisions that a child in care should be placed for adoption (SHOBPA) and
what followed (placement order, match, placement, adoption order, or the decision
reversed), and the adopters, each in a household, with their journey through the
adoption agency's two-stage approval. The SSDA903 AD1 and PlacedAdoption tables and Annex
A Lists 10 and 11 are read from these records (``returns`` and
``safeguard/returns/annex_a/adoption_lists.py``)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from .codes import AdopterSex, AdoptersLegalStatus, Disability, LeftReason, NoLongerPlacedReason

USER = settings.AUTH_USER_MODEL


class AdopterHousehold(models.Model):
    """One or two adopters applying, and later adopting, together: the Annex A "Family
    identifier", with the household's journey through the agency's approval."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    reference = models.CharField("family identifier", max_length=12, unique=True)
    legal_status = models.CharField(
        "legal status of the adopters (LS_ADOPTR)", max_length=3, choices=AdoptersLegalStatus.choices
    )
    enquiry_on = models.DateField("date the enquiry was received")
    stage1_started_on = models.DateField("date stage 1 started", null=True, blank=True)
    stage1_ended_on = models.DateField("date stage 1 ended", null=True, blank=True)
    stage2_started_on = models.DateField("date stage 2 started", null=True, blank=True)
    stage2_ended_on = models.DateField("date stage 2 ended", null=True, blank=True)
    application_on = models.DateField("date the application was submitted", null=True, blank=True)
    approved_on = models.DateField("date the application was approved", null=True, blank=True, db_index=True)
    matched_on = models.DateField("date matched with a child or children", null=True, blank=True)
    placed_on = models.DateField("date a child or children were placed", null=True, blank=True)
    children_placed = models.PositiveSmallIntegerField("number of children placed", null=True, blank=True)
    adoption_order_on = models.DateField("date of the adoption order", null=True, blank=True)
    left_on = models.DateField("date the household left the process", null=True, blank=True)
    left_reason = models.CharField(
        "why the household left the process", max_length=1, choices=LeftReason.choices, blank=True
    )
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["reference"]

    def __str__(self) -> str:
        return self.reference


class Adopter(models.Model):
    """An individual (prospective) adopter: the Annex A List 11 row."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    household = models.ForeignKey(AdopterHousehold, on_delete=models.PROTECT, related_name="adopters")
    identifier = models.CharField("individual adopter identifier", max_length=16, unique=True)
    given_name = models.CharField(max_length=100)
    family_name = models.CharField(max_length=100)
    sex = models.CharField(max_length=1, choices=AdopterSex.choices)
    ethnicity = models.CharField(max_length=4)
    disability = models.CharField(max_length=8, choices=Disability.choices, default=Disability.UNKNOWN)
    fostering_for_adoption = models.BooleanField("fostering for adoption", default=False)
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["household_id", "identifier"]

    def __str__(self) -> str:
        return f"{self.given_name} {self.family_name}"

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.family_name}"


class AdoptionDecision(models.Model):
    """A decision that a child in care should be placed for adoption (SHOBPA), and what
    followed it. A child may have more than one over time; only one is open at once (not
    reversed and no adoption order)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    child = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="adoption_decisions")
    decided_on = models.DateField("date of the decision that the child should be placed for adoption", db_index=True)
    placement_order_on = models.DateField("date of the placement order", null=True, blank=True)
    matched_on = models.DateField("date matched with prospective adopters", null=True, blank=True)
    placed_on = models.DateField("date placed for adoption", null=True, blank=True)
    adoption_order_on = models.DateField("date of the adoption order", null=True, blank=True, db_index=True)
    ffa_placed_on = models.DateField(
        "date placed for fostering for adoption or concurrent planning", null=True, blank=True
    )
    placed_with_foster_carer = models.BooleanField(
        "placed with the current foster carers (FOSTER_CARE)", null=True, blank=True
    )
    household = models.ForeignKey(
        AdopterHousehold, on_delete=models.PROTECT, null=True, blank=True, related_name="decisions"
    )
    no_longer_on = models.DateField(
        "date of the decision that the child should no longer be placed for adoption", null=True, blank=True
    )
    no_longer_reason = models.CharField(
        "why the child should no longer be placed for adoption",
        max_length=3,
        choices=NoLongerPlacedReason.choices,
        blank=True,
    )
    # Stored by the services (rules.match_due): when an open, unmatched decision should
    # have found adopters, so that "overdue" is a query (My work).
    match_due = models.DateField(null=True, blank=True, db_index=True)
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["child_id", "-decided_on", "-id"]

    def __str__(self) -> str:
        return f"Should be placed for adoption: decided {self.decided_on}"

    @property
    def is_open(self) -> bool:
        return self.no_longer_on is None and self.adoption_order_on is None

    @property
    def stage(self) -> str:
        """Where the plan stands, in words."""
        if self.no_longer_on:
            return "Decision reversed"
        if self.adoption_order_on:
            return "Adopted"
        if self.placed_on:
            return "Placed for adoption"
        if self.matched_on:
            return "Matched with adopters"
        if self.placement_order_on:
            return "Placement order made"
        return "Should be placed for adoption"
