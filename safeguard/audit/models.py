"""The audit log: append-only, hash-chained, one row per event."""

from __future__ import annotations

import uuid
from typing import Any, NoReturn

from django.db import models


class EventType(models.TextChoices):
    """Every kind of audited event. A value is never reused or renamed: retire it and
    add another."""

    LOGIN = "auth.login", "Signed in"
    LOGIN_FAILED = "auth.login_failed", "Sign-in failed"
    LOCKED_OUT = "auth.locked_out", "Account locked after failed sign-ins"
    LOGOUT = "auth.logout", "Signed out"
    TWO_FACTOR_ENROLLED = "auth.2fa_enrolled", "Two-factor authentication set up"
    TWO_FACTOR_FAILED = "auth.2fa_failed", "Two-factor code refused"
    PASSWORD_CHANGED = "auth.password_changed", "Password changed"
    PASSWORD_RESET = "auth.password_reset", "Password reset by an administrator"
    ACCOUNT_UNLOCKED = "auth.unlocked", "Account unlocked by an administrator"
    USER_CREATED = "user.created", "User created"
    USER_UPDATED = "user.updated", "User changed"
    AGENCY_CREATED = "org.agency_created", "Agency created"
    TEAM_CREATED = "org.team_created", "Team created"
    PERSON_VIEWED = "person.viewed", "Record viewed"
    PERSON_CREATED = "person.created", "Person created"
    PERSON_UPDATED = "person.updated", "Person changed"
    PERSON_EDIT_CONFLICT = "person.edit_conflict", "Change refused: someone else changed the record first"
    NAME_ADDED = "person.name_added", "Previous name or alias added"
    ADDRESS_ADDED = "person.address_added", "Address added"
    ADDRESS_ENDED = "person.address_ended", "Address ended"
    RELATIONSHIP_ADDED = "person.relationship_added", "Relationship added"
    WARNING_ADDED = "person.warning_added", "Warning added"
    WARNING_ENDED = "person.warning_ended", "Warning ended"
    SEARCH = "person.search", "People searched"
    ACCESS_DENIED = "access.denied", "Access refused"
    BREAK_GLASS = "access.break_glass", "Break-glass access"
    BREAK_GLASS_REVIEWED = "access.break_glass_reviewed", "Break-glass access reviewed"
    INVOLVEMENT_STARTED = "access.involvement_started", "Involvement started"
    INVOLVEMENT_ENDED = "access.involvement_ended", "Involvement ended"
    ALLOCATED = "access.allocated", "Worker allocated"
    AUDIT_VIEWED = "audit.viewed", "Audit trail viewed"
    EXPORT = "export", "Data exported"
    PERSON_MERGED = "person.merged", "Duplicate record merged"
    PERSON_UNMERGED = "person.unmerged", "Merge undone"
    CONTACT_SUBMITTED = "contact.submitted", "Contact received"
    CONTACT_VIEWED = "contact.viewed", "Contact viewed"
    CONTACT_MATCHED = "contact.matched", "Contact matched to a person"
    CONTACT_RATED = "contact.rated", "Contact RAG-rated"
    CONTACT_DECISION_PROPOSED = "contact.decision_proposed", "Contact decision proposed"
    CONTACT_DECIDED = "contact.decided", "Contact decided"
    CONTACT_RETURNED = "contact.returned", "Contact decision sent back"
    CONTACT_CONFLICT = "contact.conflict", "Change refused: someone else changed the contact first"
    REQUEST_SENT = "request.sent", "Information requested from a partner"
    REQUEST_ANSWERED = "request.answered", "Information request answered"
    REFERRAL_CREATED = "referral.created", "Referral created"
    API_CLIENT_CREATED = "api.client_created", "API client created"
    API_CLIENT_REVOKED = "api.client_revoked", "API client revoked"
    API_REJECTED = "api.rejected", "API request refused"
    ASSESSMENT_STARTED = "assessment.started", "Assessment started"
    ASSESSMENT_UPDATED = "assessment.updated", "Assessment changed"
    ASSESSMENT_SUBMITTED = "assessment.submitted", "Assessment submitted for authorisation"
    ASSESSMENT_AUTHORISED = "assessment.authorised", "Assessment authorised"
    STRATEGY_RECORDED = "strategy.recorded", "Strategy discussion recorded"
    ENQUIRY_STARTED = "s47.started", "Section 47 enquiry started"
    ENQUIRY_COMPLETED = "s47.completed", "Section 47 enquiry completed"
    CONFERENCE_SCHEDULED = "conference.scheduled", "Conference due"
    CONFERENCE_RECORDED = "conference.recorded", "Conference recorded"
    CP_PLAN_STARTED = "cp_plan.started", "Child protection plan started"
    CP_PLAN_ENDED = "cp_plan.ended", "Child protection plan ended"
    CORE_GROUP_RECORDED = "core_group.recorded", "Core group recorded"
    CIN_PLAN_STARTED = "cin_plan.started", "Child in need plan started"
    CIN_PLAN_REVIEWED = "cin_plan.reviewed", "Child in need plan reviewed"
    CIN_PLAN_ENDED = "cin_plan.ended", "Child in need plan ended"
    ACTION_AGREED = "action.agreed", "Action agreed"
    ACTION_COMPLETED = "action.completed", "Action completed"
    NOTE_ADDED = "note.added", "Case note added"
    CASEWORK_CONFLICT = "casework.conflict", "Change refused: someone else changed the record first"
    MEETING_INFORMATION_ADDED = "meeting.information_added", "Information added to a meeting by an agency"
    # Generic record events, for records with no event of their own (name the record in
    # ``data["extra"]["record"]``).
    RECORD_CREATED = "record.created", "Record created"
    RECORD_UPDATED = "record.updated", "Record changed"
    RECORD_CONFLICT = "record.conflict", "Change refused: someone else changed the record first"
    # Child exploitation and missing episodes.
    SCREENING_RECORDED = "exploitation.screening", "Exploitation screening recorded"
    MISSING_RECORDED = "missing.recorded", "Missing episode recorded"
    MISSING_UPDATED = "missing.updated", "Missing episode changed"
    RETURN_INTERVIEW_RECORDED = "missing.return_interview", "Return interview recorded"
    INTELLIGENCE_RECORDED = "intelligence.recorded", "Intelligence recorded"
    INTELLIGENCE_VIEWED = "intelligence.viewed", "Intelligence viewed"
    NETWORK_VIEWED = "intelligence.network_viewed", "Exploitation network viewed"
    EXPLOITATION_ALERT = "exploitation.alert", "Exploitation alert raised"
    PANEL_RECORDED = "exploitation.panel", "Exploitation panel (MACE) recorded"
    # Children in care and care leavers.
    CARE_EPISODE_RECORDED = "care.episode", "Care episode recorded"
    CARE_EPISODE_CORRECTED = "care.episode_corrected", "Care episode corrected"
    CARE_REVIEW_RECORDED = "care.review", "Looked-after review recorded"
    CARE_VISIT_RECORDED = "care.visit", "Statutory visit recorded"
    CARE_HEALTH_RECORDED = "care.health", "Health or education record added"
    CARE_LEAVER_RECORDED = "care_leaver.recorded", "Care leaver record changed"
    # Returns, indicators, audits and inspection.
    RETURN_GENERATED = "return.generated", "Statutory return produced"
    RETURN_VALIDATED = "return.validated", "Statutory return validated"
    INDICATORS_VIEWED = "indicators.viewed", "Indicators viewed"
    CASE_AUDIT_RECORDED = "case_audit.recorded", "Case audit recorded"
    CASE_AUDIT_ESCALATED = "case_audit.escalated", "Case audit escalated"
    INSPECTION_ACCESS = "inspection.access", "Inspection access granted or ended"
    DEMO_SEEDED = "demo.seeded", "Synthetic authority seeded"


class Outcome(models.TextChoices):
    ALLOWED = "allowed", "Allowed"
    DENIED = "denied", "Denied"


class AppendOnlyQuerySet(models.QuerySet["AuditEvent"]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise PermissionError("Audit events cannot be changed.")

    def delete(self) -> NoReturn:  # type: ignore[override]
        raise PermissionError("Audit events cannot be deleted.")


class AuditEvent(models.Model):
    """One audited event. Written only by ``audit.services.record``.

    ``data`` has a fixed shape: ``{"old": {...}, "new": {...}, "extra": {...}}``.
    ``content_hash`` is SHA-256 over this row's content and ``prev_hash``, so a change
    to any row, or a deleted row, breaks the chain from that point (``verify_audit``).
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    sequence = models.BigIntegerField(unique=True)
    occurred_at = models.DateTimeField(db_index=True)
    actor = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="audit_events"
    )
    # Who the actor was at the time, kept even if their account later changes.
    actor_username = models.CharField(max_length=150, blank=True)
    actor_role = models.CharField(max_length=30, blank=True)
    actor_agency = models.CharField(max_length=200, blank=True)
    event_type = models.CharField(max_length=40, choices=EventType.choices, db_index=True)
    outcome = models.CharField(max_length=8, choices=Outcome.choices, default=Outcome.ALLOWED)
    subject_type = models.CharField(max_length=40, blank=True)
    subject_id = models.CharField(max_length=64, blank=True)
    child_uuid = models.UUIDField(null=True, blank=True)
    reason = models.TextField(blank=True)
    request_id = models.CharField(max_length=64, blank=True)
    data = models.JSONField(default=dict)
    prev_hash = models.CharField(max_length=64)
    content_hash = models.CharField(max_length=64)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["sequence"]
        indexes = [
            models.Index(fields=["child_uuid", "occurred_at"], name="audit_child_idx"),
            models.Index(fields=["actor", "occurred_at"], name="audit_actor_idx"),
        ]

    def __str__(self) -> str:
        return f"#{self.sequence} {self.event_type} by {self.actor_username or 'system'}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise PermissionError("Audit events cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise PermissionError("Audit events cannot be deleted.")


class ChainHead(models.Model):
    """A single row holding the last event's hash; locked while appending so that two
    transactions can never chain onto the same predecessor."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    sequence = models.BigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default="0" * 64)

    def __str__(self) -> str:
        return f"Audit chain head at event {self.sequence}"
