"""Children and adults, their names, addresses and relationships."""

from __future__ import annotations

import datetime as dt
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from .codes import AccessLevel, Ethnicity, NameKind, RelationshipKind, Sex, UpnUnknown, WarningCategory


class PersonKind(models.TextChoices):
    CHILD = "child", "Child"
    ADULT = "adult", "Adult"


class Person(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(max_length=10, choices=PersonKind.choices, default=PersonKind.CHILD)
    # The local authority's own child identifier (CIN census LAchildID): letters and digits.
    la_id = models.CharField("local ID", max_length=20, unique=True)
    given_name = models.CharField(max_length=100, blank=True)
    middle_names = models.CharField(max_length=200, blank=True)
    family_name = models.CharField(max_length=100, blank=True)
    known_as = models.CharField("known as", max_length=100, blank=True)
    date_of_birth = models.DateField(null=True, blank=True)
    expected_date_of_birth = models.DateField(null=True, blank=True)
    date_of_death = models.DateField(null=True, blank=True)
    sex = models.CharField(max_length=1, choices=Sex.choices, default=Sex.UNKNOWN)
    gender_identity = models.CharField(max_length=100, blank=True)
    ethnicity = models.CharField(max_length=4, choices=Ethnicity.choices, default=Ethnicity.NOBT)
    first_language = models.CharField(max_length=100, blank=True)
    interpreter_needed = models.BooleanField(default=False)
    # DfE disability codes; an empty list means not recorded.
    disabilities = models.JSONField(default=list, blank=True)
    nhs_number = models.CharField("NHS number", max_length=10, blank=True)
    upn = models.CharField("UPN", max_length=13, blank=True)
    former_upn = models.CharField("former UPN", max_length=13, blank=True)
    # Why there is no UPN, when none is recorded (blank: the returns derive one).
    upn_unknown_reason = models.CharField(
        "reason the UPN is not known", max_length=3, choices=UpnUnknown.choices, blank=True
    )
    access_level = models.CharField(max_length=12, choices=AccessLevel.choices, default=AccessLevel.STANDARD)
    # Search helpers, kept by the services: lower-case, accents and punctuation removed.
    search_given = models.CharField(max_length=100, blank=True, db_index=True)
    search_family = models.CharField(max_length=100, blank=True, db_index=True)
    # Phonetic keys of the names for identity matching's blocking (people/matching.py).
    phonetic_given = models.CharField(max_length=40, blank=True, db_index=True)
    phonetic_family = models.CharField(max_length=40, blank=True, db_index=True)
    # Set when this record was merged into another as a duplicate; cleared when the merge
    # is undone. Nothing is moved: readers follow identity_ids().
    merged_into = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="merged_records"
    )
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["family_name", "given_name"]
        indexes = [
            models.Index(fields=["search_family", "search_given"], name="person_name_idx"),
            models.Index(fields=["date_of_birth"], name="person_dob_idx"),
            models.Index(fields=["expected_date_of_birth"], name="person_edob_idx"),
            models.Index(fields=["nhs_number"], name="person_nhs_idx"),
            models.Index(fields=["upn"], name="person_upn_idx"),
            # Who changed since: the in-memory register index's refresh (people/register_index.py).
            models.Index(fields=["updated_at"], name="person_updated_idx"),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        name = " ".join(p for p in [self.given_name, self.family_name] if p)
        if not name:
            return "Unborn child" if self.is_unborn else "Name not known"
        return name

    def identity_ids(self) -> list[int]:
        """This person's primary key and those of records merged into it (or, for a merged
        duplicate, of the record it was merged into and its other duplicates)."""
        root = self.merged_into_id or self.pk
        merged = Person.objects.filter(merged_into_id=root).values_list("pk", flat=True)
        return [root, *merged]

    @property
    def is_unborn(self) -> bool:
        return self.date_of_birth is None and self.expected_date_of_birth is not None

    def age_on(self, day: dt.date) -> int | None:
        if self.date_of_birth is None:
            return None
        born = self.date_of_birth
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))

    @property
    def age(self) -> int | None:
        return self.age_on(timezone.localdate())


class PersonName(models.Model):
    """A previous name or an alias, kept so that search and matching find the person."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="other_names")
    kind = models.CharField(max_length=10, choices=NameKind.choices)
    given_name = models.CharField(max_length=100, blank=True)
    family_name = models.CharField(max_length=100, blank=True)
    search_given = models.CharField(max_length=100, blank=True, db_index=True)
    search_family = models.CharField(max_length=100, blank=True, db_index=True)
    used_from = models.DateField(null=True, blank=True)
    used_to = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-used_to", "family_name"]

    def __str__(self) -> str:
        return " ".join(p for p in [self.given_name, self.family_name] if p)


class Address(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="addresses")
    line1 = models.CharField("address line 1", max_length=200)
    line2 = models.CharField("address line 2", max_length=200, blank=True)
    town = models.CharField("town or city", max_length=100, blank=True)
    postcode = models.CharField(max_length=10, blank=True, db_index=True)
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-start_date"]

    def __str__(self) -> str:
        return ", ".join(p for p in [self.line1, self.line2, self.town, self.postcode] if p)

    def is_current_on(self, day: dt.date) -> bool:
        started = self.start_date is None or self.start_date <= day
        not_ended = self.end_date is None or self.end_date >= day
        return started and not_ended


class Relationship(models.Model):
    """``from_person`` is the ``kind`` of ``to_person``: "Dawn is the parent of Tyler"."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    from_person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="relationships_from")
    to_person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="relationships_to")
    kind = models.CharField(max_length=10, choices=RelationshipKind.choices)
    parental_responsibility = models.BooleanField(default=False)
    description = models.CharField(max_length=200, blank=True)
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(from_person=models.F("to_person")), name="relationship_not_to_self"
            ),
            models.UniqueConstraint(fields=["from_person", "to_person", "kind"], name="relationship_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.from_person} is {self.get_kind_display().lower()} of {self.to_person}"


class PersonWarning(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="warnings")
    category = models.CharField(max_length=20, choices=WarningCategory.choices)
    text = models.CharField(max_length=300)
    raised_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    raised_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-raised_at"]

    def __str__(self) -> str:
        return f"{self.get_category_display()}: {self.text}"


class PersonMerge(models.Model):
    """One merge of a duplicate record into the record kept. Nothing is deleted: the
    duplicate points at the record kept, current involvements move across (listed here so
    that undoing the merge moves exactly those back), and every other link stays where it
    was and is read through ``identity_ids``."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    keep = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="merges_kept")
    duplicate = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="merges_as_duplicate")
    reason = models.TextField()
    merged_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    merged_at = models.DateTimeField(default=timezone.now)
    moved_involvements = models.JSONField(default=list)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    undone_at = models.DateTimeField(null=True, blank=True)
    undo_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-merged_at"]

    def __str__(self) -> str:
        return f"{self.duplicate} merged into {self.keep}"
