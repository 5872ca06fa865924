"""Children in care: episodes of being looked after (SSDA903), carers and settings,
reviews chaired by an independent reviewing officer, statutory visits, care and
permanence plans, health and education, and the stored deadlines of each child in care."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from .codes import (
    CarePlanKind,
    CarerKind,
    CategoryOfNeed,
    EpisodeEndReason,
    HealthCheckKind,
    LegalStatus,
    PermanenceOption,
    PlacementChangeReason,
    PlacementProvider,
    PlacementType,
    PreviousPermanence,
    ReasonNewEpisode,
    ReviewParticipation,
    SdqReason,
    Term,
    VisitCadence,
)

USER = settings.AUTH_USER_MODEL


class Carer(models.Model):
    """A carer or a setting a child can be placed with: a foster carer, a connected person,
    a children's home, a supported accommodation provider. A record of its own so that
    "same carer" (RNE T/U) and a carer's placements are facts, not free text."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=12, choices=CarerKind.choices)
    provider = models.CharField("placement provider", max_length=3, choices=PlacementProvider.choices, blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    urn = models.CharField("Ofsted unique reference number (URN)", max_length=8, blank=True)
    approved_on = models.DateField(null=True, blank=True)
    active = models.BooleanField(default=True)
    notes = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Episode(models.Model):
    """One SSDA903 episode: a stretch of a period of care with one legal status, one
    placement and one carer. A period of care is an ordered run of episodes with no gaps
    or overlaps; a change closes one episode (REC X1) and opens the next the same day."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    child = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="care_episodes")
    start_date = models.DateField("start date (DECOM)", db_index=True)
    end_date = models.DateField("end date (DEC)", null=True, blank=True, db_index=True)
    reason_new_episode = models.CharField(
        "reason for new episode (RNE)", max_length=1, choices=ReasonNewEpisode.choices
    )
    legal_status = models.CharField("legal status (LS)", max_length=2, choices=LegalStatus.choices)
    category_of_need = models.CharField("category of need (CIN)", max_length=2, choices=CategoryOfNeed.choices)
    placement_type = models.CharField("placement type (PLACE)", max_length=3, choices=PlacementType.choices)
    placement_provider = models.CharField(
        "placement provider (PLACE_PROVIDER)", max_length=3, choices=PlacementProvider.choices, blank=True
    )
    placement_postcode = models.CharField("placement postcode (PL_POST)", max_length=10, blank=True)
    home_postcode = models.CharField("home postcode (HOME_POST)", max_length=10, blank=True)
    urn = models.CharField("setting reference (URN)", max_length=8, blank=True)
    end_reason = models.CharField(
        "reason episode ceased (REC)", max_length=3, choices=EpisodeEndReason.choices, blank=True
    )
    placement_change_reason = models.CharField(
        "reason for placement change (REASON_PLACE_CHANGE)",
        max_length=6,
        choices=PlacementChangeReason.choices,
        blank=True,
    )
    carer = models.ForeignKey(Carer, on_delete=models.PROTECT, null=True, blank=True, related_name="episodes")
    visit_cadence = models.CharField(max_length=20, choices=VisitCadence.choices, default=VisitCadence.DEFAULT)
    placement_intended_to_18 = models.BooleanField("placement intended to last until the child is 18", default=False)
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["child_id", "start_date", "id"]
        indexes = [models.Index(fields=["child", "start_date"])]

    def __str__(self) -> str:
        return f"{self.legal_status}/{self.placement_type} from {self.start_date}"

    @property
    def is_open(self) -> bool:
        return self.end_date is None


class ShortBreakAgreement(models.Model):
    """V4: a series of pre-planned short breaks recorded as an agreement, not as episodes
    (CPPCR 2010 reg 48: no single stay over 17 days, at most 75 days in 12 months)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    child = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="short_break_agreements")
    carer = models.ForeignKey(Carer, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    planned_days_per_year = models.PositiveSmallIntegerField()
    longest_stay_days = models.PositiveSmallIntegerField()
    visit_interval_agreed = models.CharField(
        "visiting intervals agreed with the IRO and parents", max_length=200, blank=True
    )
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-start_date"]

    def __str__(self) -> str:
        return f"Short-break agreement from {self.start_date}"


class CareRecord(models.Model):
    """One row per child ever looked after: the independent reviewing officer and the
    stored next-due date of every statutory duty, recomputed by the services from event
    dates, so that "due" and "overdue" are queries."""

    child = models.OneToOneField("people.Person", on_delete=models.CASCADE, related_name="care_record")
    in_care = models.BooleanField(default=True, db_index=True)
    period_start = models.DateField("looked after since")
    period_end = models.DateField(null=True, blank=True)
    iro = models.ForeignKey(
        USER,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="iro_children",
        verbose_name="independent reviewing officer",
    )
    review_requested_by = models.DateField("review brought forward to", null=True, blank=True)
    review_request_reason = models.TextField(blank=True)
    next_review_due = models.DateField(null=True, blank=True, db_index=True)
    next_visit_due = models.DateField(null=True, blank=True, db_index=True)
    next_health_assessment_due = models.DateField(null=True, blank=True, db_index=True)
    next_dental_due = models.DateField(null=True, blank=True)
    next_pep_due = models.DateField(null=True, blank=True, db_index=True)
    next_sdq_due = models.DateField(null=True, blank=True)
    next_care_plan_review_due = models.DateField(null=True, blank=True)
    # SSDA903 UASC: an unaccompanied asylum-seeking child, and the date that status ceased
    # (DUC: leave to remain granted, an age assessment, or the 18th birthday at the latest).
    uasc = models.BooleanField("unaccompanied asylum-seeking child", default=False)
    uasc_ceased_on = models.DateField("date UASC status ceased", null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    def __str__(self) -> str:
        return f"Care record of {self.child}"


class Review(models.Model):
    """A looked-after child review chaired by an IRO (CPPCR 2010 reg 33)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    child = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="care_reviews")
    sequence = models.PositiveSmallIntegerField()
    due_on = models.DateField()
    held_on = models.DateField(db_index=True)
    chair = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    participation = models.CharField(
        "how the child took part (REVIEW_CODE)", max_length=3, choices=ReviewParticipation.choices
    )
    brought_forward = models.BooleanField(default=False)
    child_views = models.TextField(blank=True)
    decisions = models.TextField()
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-held_on"]

    def __str__(self) -> str:
        return f"Review {self.sequence} on {self.held_on}"


class ReviewAction(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="actions")
    description = models.TextField()
    owner_name = models.CharField(max_length=200)
    due_on = models.DateField(db_index=True)
    completed_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["due_on"]

    def __str__(self) -> str:
        return self.description[:60]


class Visit(models.Model):
    """A statutory social worker visit to a child in care (CPPCR 2010 reg 28)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    child = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="care_visits")
    episode = models.ForeignKey(Episode, on_delete=models.PROTECT, null=True, blank=True, related_name="visits")
    visited_on = models.DateField(db_index=True)
    due_on = models.DateField(null=True, blank=True)
    visitor = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    child_seen = models.BooleanField(default=True)
    child_seen_alone = models.BooleanField(default=False)
    not_seen_alone_reason = models.CharField(max_length=300, blank=True)
    child_requested = models.BooleanField("visit requested by the child or carer", default=False)
    summary = models.TextField()
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-visited_on"]

    def __str__(self) -> str:
        return f"Visit on {self.visited_on}"


class CarePlan(models.Model):
    """The care plan, or the permanence plan within it, as agreed on a date."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    child = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="care_plans")
    kind = models.CharField(max_length=20, choices=CarePlanKind.choices)
    agreed_on = models.DateField()
    permanence_option = models.CharField(max_length=24, choices=PermanenceOption.choices, blank=True)
    summary = models.TextField()
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-agreed_on", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} agreed {self.agreed_on}"


class HealthCheck(models.Model):
    """A health assessment, dental check or immunisations check of a child in care."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    child = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="care_health_checks")
    kind = models.CharField(max_length=16, choices=HealthCheckKind.choices)
    done_on = models.DateField(db_index=True)
    by_whom = models.CharField("carried out by", max_length=200)
    immunisations_up_to_date = models.BooleanField(null=True, blank=True)
    outcome = models.TextField(blank=True)
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-done_on"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.done_on}"


class SdqScore(models.Model):
    """A Strengths and Difficulties Questionnaire result (OC2 SDQ_SCORE / SDQ_REASON)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    child = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="care_sdq_scores")
    completed_on = models.DateField()
    score = models.PositiveSmallIntegerField(null=True, blank=True)
    reason = models.CharField("reason no score", max_length=4, choices=SdqReason.choices, blank=True)
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-completed_on"]

    def __str__(self) -> str:
        return f"SDQ on {self.completed_on}"


class EducationPlan(models.Model):
    """A personal education plan (PEP) meeting, reviewed each term."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    child = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="care_education_plans")
    reviewed_on = models.DateField(db_index=True)
    term = models.CharField(max_length=8, choices=Term.choices)
    school = models.CharField(max_length=200)
    designated_teacher = models.CharField(max_length=200, blank=True)
    attendance_percent = models.PositiveSmallIntegerField(null=True, blank=True)
    targets = models.TextField()
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-reviewed_on"]

    def __str__(self) -> str:
        return f"PEP on {self.reviewed_on}"


class PermanenceBefore(models.Model):
    """SSDA903 PrevPerm: the permanence option the child had before a period of care
    began (adoption, a special guardianship order, a child arrangements order), recorded
    when the period starts: one record per period of care."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    child = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="care_permanence_before")
    period_start = models.DateField("period of care that began on")
    option = models.CharField(
        "previous permanence option (PREV_PERM)", max_length=2, choices=PreviousPermanence.choices
    )
    la_code = models.CharField("local authority that arranged it (LA_PERM)", max_length=3, blank=True)
    order_date = models.DateField("date of the order (DATE_PERM)", null=True, blank=True)
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-period_start"]
        constraints = [
            models.UniqueConstraint(fields=["child", "period_start"], name="one_permanence_before_per_period")
        ]

    def __str__(self) -> str:
        return f"Before the period of care from {self.period_start}: {self.option}"


class YearOutcomes(models.Model):
    """The SSDA903 OC2 items no other record holds, for a child looked after continuously
    for 12 months at 31 March: one record per child per collection year (named by the
    year it ends, as the returns name it). ``None`` is "not recorded"."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    child = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="care_year_outcomes")
    year = models.PositiveSmallIntegerField("collection year ending 31 March")
    convicted = models.BooleanField(
        "convicted or given a final warning or reprimand (CONVICTED)", null=True, blank=True
    )
    substance_misuse = models.BooleanField(
        "substance misuse problem identified (SUBSTANCE_MISUSE)", null=True, blank=True
    )
    intervention_received = models.BooleanField(
        "intervention received for substance misuse (INTERVENTION_RECEIVED)", null=True, blank=True
    )
    intervention_offered = models.BooleanField(
        "intervention offered but refused (INTERVENTION_OFFERED)", null=True, blank=True
    )
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-year"]
        constraints = [models.UniqueConstraint(fields=["child", "year"], name="one_outcomes_record_per_year")]

    def __str__(self) -> str:
        return f"Outcomes for {self.year - 1}/{str(self.year)[2:]}"


class LibertyOrder(models.Model):
    """A deprivation of liberty order (DoLO) made by the High Court for a child in care
    (SSDA903 DoLo from 2026/27): start and end; a child's orders never overlap."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    child = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="care_liberty_orders")
    start_date = models.DateField("date the order started (DOLO_START)")
    end_date = models.DateField("date the order ended (DOLO_END)", null=True, blank=True)
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-start_date"]

    def __str__(self) -> str:
        return f"Deprivation of liberty order from {self.start_date}"
