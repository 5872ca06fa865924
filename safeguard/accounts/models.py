"""Agencies, teams and the people who use Safeguard."""

from __future__ import annotations

import uuid

from django.contrib.auth.models import AbstractUser
from django.core.validators import RegexValidator
from django.db import models


class AgencyKind(models.TextChoices):
    CHILDRENS_SOCIAL_CARE = "csc", "Children's social care"
    POLICE = "police", "Police force"
    NHS_TRUST = "nhs_trust", "NHS trust"
    GP_PRACTICE = "gp", "GP practice"
    SCHOOL = "school", "School"
    INSPECTORATE = "inspectorate", "Inspectorate (Ofsted, CQC, HMICFRS)"
    OTHER = "other", "Other agency"


class Agency(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=AgencyKind.choices)
    # ODS code for NHS bodies and practices, URN for schools, force code for police.
    code = models.CharField(max_length=20, blank=True)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "agencies"

    def __str__(self) -> str:
        return self.name

    @property
    def is_council(self) -> bool:
        return self.kind == AgencyKind.CHILDRENS_SOCIAL_CARE


class TeamKind(models.TextChoices):
    MASH = "mash", "Multi-agency safeguarding hub"
    ASSESSMENT = "assessment", "Assessment"
    CHILD_PROTECTION = "child_protection", "Child protection"
    CHILDREN_IN_CARE = "children_in_care", "Children in care"
    LEAVING_CARE = "leaving_care", "Leaving care"
    EXPLOITATION = "exploitation", "Exploitation"
    EARLY_HELP = "early_help", "Early help"
    REVIEWING = "reviewing", "Reviewing officers"
    PERFORMANCE = "performance", "Performance"
    INFORMATION_GOVERNANCE = "information_governance", "Information governance"
    QUALITY = "quality", "Quality assurance"
    PARTNER = "partner", "Partner agency team"
    SYSTEMS = "systems", "Systems administration"


class Team(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=30, choices=TeamKind.choices)
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="teams")
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["agency__name", "name"]
        constraints = [models.UniqueConstraint(fields=["agency", "name"], name="team_name_unique_in_agency")]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    """What a user does. Roles are defined here, in code, and granted only by the
    ``user_create``/``user_update`` services, never by editing permissions by hand."""

    SOCIAL_WORKER = "social_worker", "Social worker"
    TEAM_MANAGER = "team_manager", "Team manager"
    HEAD_OF_SERVICE = "head_of_service", "Head of service"
    PARTNER = "partner", "Partner practitioner"
    ANALYST = "analyst", "Performance analyst"
    IG_OFFICER = "ig_officer", "Information governance officer"
    ADMINISTRATOR = "administrator", "System administrator"
    # Ofsted: read-only, and only the children sampled for an inspection while its access
    # window is open (safeguard.inspection).
    INSPECTOR = "inspector", "Inspector"


COUNCIL_PRACTICE_ROLES = frozenset({Role.SOCIAL_WORKER, Role.TEAM_MANAGER, Role.HEAD_OF_SERVICE})
MANAGER_ROLES = frozenset({Role.TEAM_MANAGER, Role.HEAD_OF_SERVICE})


class User(AbstractUser):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="users", null=True)
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="members", null=True, blank=True)
    role = models.CharField(max_length=30, choices=Role.choices)
    job_title = models.CharField(max_length=200, blank=True)
    phone = models.CharField(max_length=40, blank=True)
    # Social Work England registration number (SW and digits): a social worker's SW_ID in
    # the SSDA903 SWEpisodes table.
    swe_number = models.CharField(
        "Social Work England registration number",
        max_length=12,
        blank=True,
        validators=[RegexValidator(r"^SW[0-9]{1,10}$", "Enter SW followed by the digits of the registration number.")],
    )
    # Set when an administrator resets the password: the user must choose a new one.
    must_change_password = models.BooleanField(default=False)
    # The named system account that batch jobs act as; it cannot sign in.
    is_system = models.BooleanField(default=False)

    class Meta:
        ordering = ["last_name", "first_name"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username

    @property
    def is_council_practitioner(self) -> bool:
        return self.role in COUNCIL_PRACTICE_ROLES

    @property
    def is_manager(self) -> bool:
        return self.role in MANAGER_ROLES
