"""Help and protection casework: assessments, strategy discussions, section 47 enquiries,
conferences, child protection and child in need plans, actions, and case notes."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from .codes import (
    AbuseCategory,
    AssessmentOutcome,
    AssessmentStatus,
    ClosureKind,
    ClosureReason,
    ClosureStatus,
    ConferenceDecision,
    ConferenceKind,
    EnquiryOutcome,
    NoteKind,
    PlanEndReason,
    PrimaryNeed,
    ProtectionKind,
    StrategyDecision,
)

USER = settings.AUTH_USER_MODEL


class Assessment(models.Model):
    """A child and family assessment, due 45 working days from the referral."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    child = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="assessments")
    referral = models.ForeignKey(
        "frontdoor.Referral", on_delete=models.PROTECT, null=True, blank=True, related_name="assessments"
    )
    team = models.ForeignKey("accounts.Team", on_delete=models.PROTECT, related_name="+")
    worker = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    referral_date = models.DateField()
    started_on = models.DateField()
    due_on = models.DateField(db_index=True)
    factors = models.JSONField(default=list, blank=True)
    child_views = models.TextField(blank=True)
    family_views = models.TextField(blank=True)
    analysis = models.TextField(blank=True)
    outcome = models.CharField(max_length=12, choices=AssessmentOutcome.choices, blank=True)
    outcome_reason = models.TextField(blank=True)
    # CIN census PrimaryNeedCode, chosen at assessment (blank on assessments recorded before
    # the field existed: the census then derives one and flags it).
    primary_need = models.CharField(max_length=2, choices=PrimaryNeed.choices, blank=True)
    status = models.CharField(
        max_length=12, choices=AssessmentStatus.choices, default=AssessmentStatus.IN_PROGRESS, db_index=True
    )
    submitted_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    submitted_at = models.DateTimeField(null=True, blank=True)
    authorised_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    authorised_on = models.DateField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-started_on"]

    def __str__(self) -> str:
        return f"Assessment of {self.child} from {self.started_on}"


class StrategyDiscussion(models.Model):
    """A multi-agency strategy discussion when significant harm is suspected."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    child = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="strategy_discussions")
    assessment = models.ForeignKey(
        Assessment, on_delete=models.PROTECT, null=True, blank=True, related_name="strategy_discussions"
    )
    held_on = models.DateField()
    chair = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField()
    decision = models.CharField(max_length=12, choices=StrategyDecision.choices)
    decision_reason = models.TextField()
    recorded_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-held_on"]

    def __str__(self) -> str:
        return f"Strategy discussion on {self.held_on}"


class Participant(models.Model):
    """Someone from an agency at a strategy discussion or conference, and what they shared."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    strategy_discussion = models.ForeignKey(
        StrategyDiscussion, on_delete=models.CASCADE, null=True, blank=True, related_name="participants"
    )
    conference = models.ForeignKey(
        "Conference", on_delete=models.CASCADE, null=True, blank=True, related_name="participants"
    )
    agency = models.ForeignKey("accounts.Agency", on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    name = models.CharField(max_length=200)
    role = models.CharField(max_length=200, blank=True)
    attended = models.BooleanField(default=True)
    information = models.TextField(blank=True)

    def __str__(self) -> str:
        return f"{self.name} ({self.agency})"


class Section47Enquiry(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    child = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="enquiries")
    strategy_discussion = models.OneToOneField(StrategyDiscussion, on_delete=models.PROTECT, related_name="enquiry")
    joint_with_police = models.BooleanField(default=False)
    started_on = models.DateField()
    # CIN census InitialCPCtarget: computed and stored when the enquiry starts.
    initial_conference_due = models.DateField(db_index=True)
    findings = models.TextField(blank=True)
    outcome = models.CharField(max_length=24, choices=EnquiryOutcome.choices, blank=True)
    completed_on = models.DateField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-started_on"]

    def __str__(self) -> str:
        return f"Section 47 enquiry from {self.started_on}"


class ChildProtectionPlan(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    child = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="protection_plans")
    initial_category = models.CharField(max_length=3, choices=AbuseCategory.choices)
    latest_category = models.CharField(max_length=3, choices=AbuseCategory.choices)
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    end_reason = models.CharField(max_length=20, choices=PlanEndReason.choices, blank=True)
    previous_plans = models.PositiveSmallIntegerField(default=0)
    repeat_within_two_years = models.BooleanField(default=False)
    first_core_group_due = models.DateField()
    next_core_group_due = models.DateField(db_index=True)
    next_review_due = models.DateField(db_index=True)
    next_visit_due = models.DateField(db_index=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-started_on"]

    def __str__(self) -> str:
        return f"Child protection plan from {self.started_on}"

    @property
    def is_open(self) -> bool:
        return self.ended_on is None


class Conference(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    child = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="conferences")
    kind = models.CharField(max_length=8, choices=ConferenceKind.choices)
    enquiry = models.ForeignKey(
        Section47Enquiry, on_delete=models.PROTECT, null=True, blank=True, related_name="conferences"
    )
    plan = models.ForeignKey(
        ChildProtectionPlan, on_delete=models.PROTECT, null=True, blank=True, related_name="conferences"
    )
    due_on = models.DateField(db_index=True)
    held_on = models.DateField(null=True, blank=True)
    chair = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    child_views = models.TextField(blank=True)
    family_views = models.TextField(blank=True)
    decision = models.CharField(max_length=10, choices=ConferenceDecision.choices, blank=True)
    category = models.CharField(max_length=3, choices=AbuseCategory.choices, blank=True)
    decision_reason = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-due_on"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} due {self.due_on}"


class Invitation(models.Model):
    """An agency, or a named person in it, invited to a conference before it is held, and
    the report their agency sent for it. An invited partner agency sees the conference."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    child = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="invitations")
    agency = models.ForeignKey("accounts.Agency", on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    name = models.CharField(max_length=200, blank=True)
    role = models.CharField(max_length=200, blank=True)
    invited_on = models.DateField()
    invited_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    report_received_on = models.DateField(null=True, blank=True)
    report = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.name or 'Invitation'} ({self.agency})"


class CoreGroupMeeting(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey(ChildProtectionPlan, on_delete=models.CASCADE, related_name="core_groups")
    held_on = models.DateField()
    notes = models.TextField(blank=True)
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    # The agencies named in the core group (their staff see this meeting) and who came.
    agencies = models.ManyToManyField("accounts.Agency", blank=True, related_name="+")
    attendees = models.TextField(blank=True)

    class Meta:
        ordering = ["-held_on"]

    def __str__(self) -> str:
        return f"Core group on {self.held_on}"


class ChildInNeedPlan(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    child = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="cin_plans")
    assessment = models.ForeignKey(
        Assessment, on_delete=models.PROTECT, null=True, blank=True, related_name="cin_plans"
    )
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    end_reason = models.TextField(blank=True)
    next_review_due = models.DateField(db_index=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-started_on"]

    def __str__(self) -> str:
        return f"Child in need plan from {self.started_on}"


class ChildInNeedReview(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey(ChildInNeedPlan, on_delete=models.CASCADE, related_name="reviews")
    held_on = models.DateField()
    notes = models.TextField(blank=True)
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-held_on"]

    def __str__(self) -> str:
        return f"Child in need review on {self.held_on}"


class Action(models.Model):
    """An action agreed at a strategy discussion, conference or core group, owned by
    someone in any agency, with a deadline."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    child = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="actions")
    strategy_discussion = models.ForeignKey(
        StrategyDiscussion, on_delete=models.CASCADE, null=True, blank=True, related_name="actions"
    )
    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, null=True, blank=True, related_name="actions")
    description = models.TextField()
    owner_agency = models.ForeignKey("accounts.Agency", on_delete=models.PROTECT, related_name="+")
    owner = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    due_on = models.DateField(db_index=True)
    completed_on = models.DateField(null=True, blank=True)
    completed_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["due_on"]

    def __str__(self) -> str:
        return self.description[:60]


class CaseNote(models.Model):
    """A case note or visit. Restricted notes are seen only by the allocated team and its
    managers; a note is seen by partners only when shared with their agency."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    child = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="case_notes")
    author = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=16, choices=NoteKind.choices, default=NoteKind.CASE_NOTE)
    occurred_at = models.DateTimeField(db_index=True)
    summary = models.TextField()
    who_seen = models.CharField(max_length=300, blank=True)
    child_seen = models.BooleanField(default=False)
    child_seen_alone = models.BooleanField(default=False)
    not_seen_alone_reason = models.CharField(max_length=300, blank=True)
    child_words = models.TextField(blank=True)
    analysis = models.TextField(blank=True)
    restricted = models.BooleanField(default=False)
    significant = models.BooleanField(default=False)
    shared_with = models.ManyToManyField("accounts.Agency", blank=True, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-occurred_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.occurred_at:%Y-%m-%d}"


class CaseClosure(models.Model):
    """The end of the council's help and protection work with a child: closed, or stepped
    down to early help. A worker proposes it, a manager authorises it; it can be
    re-opened."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    child = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="closures")
    kind = models.CharField(max_length=10, choices=ClosureKind.choices)
    census_reason = models.CharField(max_length=3, choices=ClosureReason.choices)
    closed_on = models.DateField()
    reason = models.TextField()
    status = models.CharField(max_length=10, choices=ClosureStatus.choices, default=ClosureStatus.PROPOSED)
    proposed_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    proposed_at = models.DateTimeField(default=timezone.now)
    authorised_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    authorised_on = models.DateField(null=True, blank=True)
    reopened_on = models.DateField(null=True, blank=True)
    reopened_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    reopen_reason = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-closed_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.closed_on}"


class EmergencyProtection(models.Model):
    """A use of emergency powers to protect the child: police protection (s46, at most 72
    hours), an emergency protection order (s44, at most 8 days, extendable once by 7) or a
    child assessment order (s43, at most 7 days). Annex A List 7 asks about the first two."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    child = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="emergency_protections")
    kind = models.CharField(max_length=8, choices=ProtectionKind.choices)
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    # The court that made the order, or the police officer who took the child into police
    # protection (and the designated officer).
    authority = models.CharField(max_length=300)
    notes = models.TextField(blank=True)
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-started_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} from {self.started_on}"
