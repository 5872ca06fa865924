"""Contacts from every agency, their triage, information requests and decisions, and
the referrals that casework starts from."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from safeguard.people.codes import Sex

from .codes import (
    Channel,
    Consent,
    ContactStatus,
    Decision,
    MatchStatus,
    PersonRole,
    Rag,
    ReferralSource,
    RequestStatus,
)


class Contact(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    reference = models.CharField(max_length=20, unique=True)
    received_at = models.DateTimeField(default=timezone.now, db_index=True)
    channel = models.CharField(max_length=10, choices=Channel.choices, default=Channel.WEB)
    # Who raised it.
    referrer_agency = models.ForeignKey(
        "accounts.Agency", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    referrer_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    referrer_name = models.CharField(max_length=200)
    referrer_role = models.CharField(max_length=200, blank=True)
    referrer_phone = models.CharField(max_length=40, blank=True)
    referrer_email = models.EmailField(blank=True)
    source = models.CharField(max_length=3, choices=ReferralSource.choices)
    # The child as the referrer knows them: possibly misspelt, possibly unborn.
    child_given_name = models.CharField(max_length=100, blank=True)
    child_family_name = models.CharField(max_length=100, blank=True)
    child_date_of_birth = models.DateField(null=True, blank=True)
    child_expected_date_of_birth = models.DateField(null=True, blank=True)
    child_sex = models.CharField(max_length=1, choices=Sex.choices, default=Sex.UNKNOWN)
    child_address = models.CharField(max_length=300, blank=True)
    child_postcode = models.CharField(max_length=10, blank=True)
    child_nhs_number = models.CharField(max_length=10, blank=True)
    child_upn = models.CharField(max_length=13, blank=True)
    child_school = models.CharField(max_length=200, blank=True)
    # What the worry is.
    concerns = models.JSONField(default=list)
    narrative = models.TextField()
    immediate_danger = models.BooleanField(default=False)
    consent = models.CharField(max_length=12, choices=Consent.choices)
    consent_reason = models.TextField(blank=True)
    # The register match.
    child = models.ForeignKey("people.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="contacts")
    match_status = models.CharField(max_length=12, choices=MatchStatus.choices, default=MatchStatus.UNMATCHED)
    matched_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    match_score = models.FloatField(null=True, blank=True)
    # The register's best candidate when the contact arrived, for the MASH to confirm:
    # never linked without a person's confirmation.
    suggested_child = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    suggested_score = models.FloatField(null=True, blank=True)
    # When the register was searched for the suggestion. Contacts from partner systems are
    # searched just after they are received (``match_contacts``, or when the MASH opens its
    # queue), so a submission never waits for the search; null until then.
    suggestion_checked_at = models.DateTimeField(null=True, blank=True)
    # Triage.
    status = models.CharField(
        max_length=24, choices=ContactStatus.choices, default=ContactStatus.RECEIVED, db_index=True
    )
    decision_due_at = models.DateTimeField(db_index=True)
    rag = models.CharField(max_length=6, choices=Rag.choices, blank=True)
    rag_rationale = models.TextField(blank=True)
    rag_set_at = models.DateTimeField(null=True, blank=True)
    information_due_at = models.DateTimeField(null=True, blank=True)
    # The decision.
    decision = models.CharField(max_length=12, choices=Decision.choices, blank=True)
    decision_rationale = models.TextField(blank=True)
    decision_advice = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    referred_to_team = models.ForeignKey(
        "accounts.Team", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    authorised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    authorised_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    # A partner system's submission: its client and its Idempotency-Key.
    api_client = models.ForeignKey(
        "api.ApiClient", on_delete=models.PROTECT, null=True, blank=True, related_name="contacts"
    )
    idempotency_key = models.CharField(max_length=100, blank=True)
    # SHA-256 of the submitted body, so a reused key with a different body is refused.
    idempotency_hash = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["decision_due_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["api_client", "idempotency_key"],
                condition=~models.Q(idempotency_key=""),
                name="contact_idempotent_per_client",
            )
        ]
        indexes = [
            models.Index(fields=["referrer_agency", "received_at"], name="contact_agency_idx"),
            # The contacts waiting for their register search (the match_contacts worker's queue).
            models.Index(
                fields=["received_at"],
                condition=models.Q(suggestion_checked_at__isnull=True),
                name="contact_search_waiting_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"Contact {self.reference}"

    @property
    def child_name_as_reported(self) -> str:
        name = " ".join(p for p in [self.child_given_name, self.child_family_name] if p)
        return name or ("Unborn child" if self.child_expected_date_of_birth else "Name not given")

    @property
    def is_open(self) -> bool:
        return self.status != ContactStatus.DECIDED


class ContactPerson(models.Model):
    """Someone around the child, as the referrer described them."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="people")
    role = models.CharField(max_length=10, choices=PersonRole.choices)
    name = models.CharField(max_length=200)
    date_of_birth = models.DateField(null=True, blank=True)
    address = models.CharField(max_length=300, blank=True)
    notes = models.CharField(max_length=500, blank=True)

    def __str__(self) -> str:
        return f"{self.name} ({self.get_role_display()})"


class InformationRequest(models.Model):
    """MASH asks a partner agency what it knows; the partner answers in Safeguard."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="requests")
    agency = models.ForeignKey("accounts.Agency", on_delete=models.PROTECT, related_name="information_requests")
    question = models.TextField()
    # What the partner is told about the child: only this, not the contact.
    child_details = models.CharField(max_length=400)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(default=timezone.now)
    due_at = models.DateTimeField(db_index=True)
    status = models.CharField(max_length=10, choices=RequestStatus.choices, default=RequestStatus.OPEN, db_index=True)
    answer = models.TextField(blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_at"]

    def __str__(self) -> str:
        return f"Request to {self.agency} about {self.contact.reference}"


class Referral(models.Model):
    """A referral to children's social care: where casework starts (CIN census referral)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    child = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="referrals")
    contact = models.OneToOneField(Contact, on_delete=models.PROTECT, related_name="referral")
    referral_date = models.DateField()
    source = models.CharField(max_length=3, choices=ReferralSource.choices)
    route = models.CharField(max_length=12, choices=Decision.choices)
    team = models.ForeignKey("accounts.Team", on_delete=models.PROTECT, related_name="+")
    is_re_referral = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)
    # Closed by a manager with no further action, without an assessment or strategy
    # discussion (CIN census ReferralNFA; Annex A List 3 "Referral NFA?").
    nfa_on = models.DateField(null=True, blank=True)
    nfa_reason = models.TextField(blank=True)
    nfa_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-referral_date"]

    def __str__(self) -> str:
        return f"Referral of {self.child} on {self.referral_date}"
