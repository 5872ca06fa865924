"""The synthetic local authority: Northbrook Borough Council, its partners, its staff and
the children and families on its register.

``authority_seed`` is the only writer. The organisation and the named demo users are
created through the accounts services (each audited as usual). The register itself is
tens of thousands of rows, so it is written in batches with ``bulk_create`` and audited as
one ``demo.seeded`` event carrying the counts: a documented exception to "one audit event
per change", allowed because the data is synthetic and the seeding is one act.

Everything is drawn from ``random.Random(seed)`` and a Faker seeded with the same seed,
so one seed and one size give the same names, dates and identifiers every time (on the
same ``today``); only UUIDs and timestamps differ.
"""

from __future__ import annotations

import datetime as dt
import math
import random
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from faker import Faker

from safeguard.access import services as access_services
from safeguard.access.models import BreakGlass, Involvement, InvolvementKind, ReviewStatus
from safeguard.accounts import services as account_services
from safeguard.accounts.models import Agency, Role, Team, User
from safeguard.audit import services as audit
from safeguard.audit.models import EventType
from safeguard.lib.identifiers import nhs_number_with_check_digit, upn_check_letter
from safeguard.lib.names import fold
from safeguard.people.codes import AccessLevel, NameKind, RelationshipKind, Sex
from safeguard.people.models import Address, Person, PersonKind, PersonName, PersonWarning, Relationship

from . import data
from .data import DEMO_PASSWORD, DEMO_USERS

__all__ = ["DEMO_PASSWORD", "DEMO_USERS", "NearDuplicate", "SeedSummary", "authority_seed", "seed_steps"]

BATCH = 2000
T = TypeVar("T")
Progress = Callable[[int], None]


@dataclass(frozen=True)
class NearDuplicate:
    """A second record for the same child: the ground truth for matching."""

    original: uuid.UUID
    duplicate: uuid.UUID
    # given_name_spelling, nickname, dob_day_month_swapped, nhs_number_missing, hyphenated_surname
    variant: str


@dataclass
class SeedSummary:
    seed: int
    children: int = 0
    unborn: int = 0
    adults: int = 0
    near_duplicates: list[NearDuplicate] = field(default_factory=list)
    agencies: int = 0
    teams: int = 0
    demo_users: int = 0
    colleague_accounts: int = 0
    other_names: int = 0
    addresses: int = 0
    relationships: int = 0
    warnings: int = 0
    involvements: dict[str, int] = field(default_factory=dict)
    allocated_children: int = 0
    restricted: int = 0
    sealed: int = 0
    break_glass: int = 0
    seconds: float = 0.0

    def counts(self) -> dict[str, Any]:
        return {
            "seed": self.seed,
            "children": self.children,
            "unborn": self.unborn,
            "adults": self.adults,
            "near_duplicates": len(self.near_duplicates),
            "agencies": self.agencies,
            "teams": self.teams,
            "demo_users": self.demo_users,
            "colleague_accounts": self.colleague_accounts,
            "other_names": self.other_names,
            "addresses": self.addresses,
            "relationships": self.relationships,
            "warnings": self.warnings,
            "involvements": dict(self.involvements),
            "allocated_children": self.allocated_children,
            "restricted": self.restricted,
            "sealed": self.sealed,
            "break_glass": self.break_glass,
        }


def seed_steps(children: int) -> int:
    """The number of steps ``authority_seed`` reports through ``progress``: one per
    child written, then one per child's share of the involvements."""
    return 2 * children


def authority_seed(
    *, actor: User, children: int, seed: int, progress: Progress | None = None, today: dt.date | None = None
) -> SeedSummary:
    """Load the synthetic authority into an empty register: ``children`` distinct children
    with their families, about 2% more near-duplicate records of some of them, the
    organisation and demo users, and the involvements and break-glass grants that give
    every role's landing page something to show.

    ``actor`` is the system account. Refuses (ValidationError) when the register already
    holds people or the demo organisation exists.
    """
    if children < 1:
        raise ValidationError({"children": "Seed at least one child."})
    if Person.objects.exists() or Agency.objects.filter(name=data.AGENCIES[0].name).exists():
        raise ValidationError("The register is not empty: the demo authority is loaded into an empty database only.")
    started = time.perf_counter()
    seeder = _Seeder(actor=actor, children=children, seed=seed, progress=progress, today=today)
    summary = seeder.run()
    summary.seconds = round(time.perf_counter() - started, 1)
    with transaction.atomic():
        audit.record(
            actor=actor,
            event_type=EventType.DEMO_SEEDED,
            reason=f"Synthetic authority ({data.AUTHORITY_NAME}) seeded with {children} children, seed {seed}.",
            data={"extra": summary.counts()},
        )
    return summary


# --- The generator ------------------------------------------------------------------


@dataclass(slots=True)
class _Child:
    """What the second pass needs to know of a child written in the first."""

    pk: int
    uuid: uuid.UUID
    age: int | None  # None for an unborn child
    duplicate: bool = False
    restricted: bool = False
    sealed: bool = False


@dataclass(slots=True)
class _Home:
    line1: str
    line2: str
    town: str
    postcode: str
    start: dt.date | None
    end: dt.date | None = None


def _weighted(pairs: Sequence[tuple[T, float]]) -> tuple[list[T], list[float]]:
    values = [v for v, _ in pairs]
    cum: list[float] = []
    total = 0.0
    for _, w in pairs:
        total += w
        cum.append(total)
    return values, cum


def _chunks(items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


_ETHNICITIES = _weighted(data.ETHNICITY_WEIGHTS)
_HOUSEHOLD_SIZES = _weighted(data.HOUSEHOLD_SIZES)
_TOWNS = _weighted(data.BOROUGH_TOWNS)
_DISABILITIES = _weighted(data.DISABILITY_WEIGHTS)
# Ages of the eldest child a family brings: social care sees more older children.
_ELDEST_AGES = _weighted([(a, w) for a, w in enumerate([3, 3, 3, 4, 4, 5, 5, 6, 6, 6, 7, 7, 7, 8, 8, 8, 7, 6])])
_SPELLING = {names[0]: names[1:] for names in data.SPELLING_VARIANTS}
_NICKNAMES = {names[0]: names[1:] for names in data.NICKNAMES}
_SIKH_SURNAMES = frozenset({"Gill", "Sandhu", "Dhillon", "Johal", "Bains", "Sidhu"})
# DfE establishment numbers for the UPNs of the borough's schools (primary first).
_ESTABLISHMENTS = [2000 + n for n in range(1, 41)] + [3000 + n for n in range(1, 11)]


class _Seeder:
    def __init__(
        self, *, actor: User, children: int, seed: int, progress: Progress | None, today: dt.date | None
    ) -> None:
        self.actor = actor
        self.target = children
        self.seed = seed
        self.progress = progress or (lambda n: None)
        self.today = today or timezone.localdate()
        self.rng = random.Random(seed)
        self.fake = Faker("en_GB")
        self.fake.seed_instance(seed)
        self.summary = SeedSummary(seed=seed)
        self.la_counter = 0
        self.nhs_used: set[str] = set()
        self.upn_serials: dict[tuple[int, int], int] = {}
        self.upn_school = 0
        # First-pass buffers, flushed every BATCH children.
        self.people: list[Person] = []
        self.names: list[PersonName] = []
        self.addresses: list[Address] = []
        self.relationships: list[Relationship] = []
        self.pending: list[tuple[Person, _Child]] = []
        self.warning_buffer: list[tuple[Person, str, str]] = []
        self.buffered_children = 0
        # What the second pass reads.
        self.kids: list[_Child] = []
        self.warnings: list[tuple[int, str, str]] = []
        self.unborn_target = max(1, round(children * 0.004))
        self.dup_target = max(1, round(children * 0.02))
        self.restricted_target = max(2, round(children * 0.002))
        self.sealed_target = 1 if children < 1000 else 2
        self.made = 0
        self.dups = 0
        self.unborn = 0
        self.restricted = 0
        self.sealed = 0

    # -- helpers ---------------------------------------------------------------------

    def pick(self, weighted: tuple[list[T], list[float]]) -> T:
        values, cum = weighted
        return self.rng.choices(values, cum_weights=cum)[0]

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def days_ago(self, low: int, high: int) -> dt.date:
        return self.today - dt.timedelta(days=self.rng.randint(low, high))

    def moment(self, day: dt.date) -> dt.datetime:
        clock = dt.time(self.rng.randint(9, 17), self.rng.randint(0, 59))
        return timezone.make_aware(dt.datetime.combine(day, clock))

    def la_id(self) -> str:
        self.la_counter += 1
        return f"{data.LA_ID_PREFIX}{self.la_counter:07d}"

    def nhs_number(self) -> str:
        while True:
            number = nhs_number_with_check_digit(f"999{self.rng.randrange(1_000_000):06d}")
            if number is not None and number not in self.nhs_used:
                self.nhs_used.add(number)
                return number

    def upn(self, dob: dt.date) -> str:
        """A UPN issued by a borough school when the child started there: LA code,
        establishment number, two-digit year and a serial, behind the check letter."""
        year = dob.year + 4 + (self.rng.randint(0, 6) if self.chance(0.2) else 0)
        year = min(year, self.today.year)
        estab = _ESTABLISHMENTS[self.rng.randrange(len(_ESTABLISHMENTS))]
        while True:
            key = (estab, year % 100)
            serial = self.upn_serials.get(key, 0) + 1
            if serial <= 999:
                self.upn_serials[key] = serial
                break
            estab = _ESTABLISHMENTS[(_ESTABLISHMENTS.index(estab) + 1) % len(_ESTABLISHMENTS)]
        body = f"{data.LA_CODE}{estab:04d}{year % 100:02d}{serial:03d}"
        return upn_check_letter(body) + body

    def given(self, group: str, sex: str, *, adult: bool) -> str:
        pool = data.NAME_GROUPS[group]
        if adult:
            listed = pool.men if sex == Sex.MALE else pool.women
            if listed:
                return self.rng.choice(listed)
            if group == "british":
                return self.fake.first_name_male() if sex == Sex.MALE else self.fake.first_name_female()
        return self.rng.choice(pool.boys if sex == Sex.MALE else pool.girls)

    def surname(self, group: str) -> str:
        pool = data.NAME_GROUPS[group]
        if pool.surnames:
            return self.rng.choice(pool.surnames)
        return self.fake.last_name()

    def language(self, group: str) -> str:
        languages = data.NAME_GROUPS[group].languages
        return self.rng.choices([lang for lang, _ in languages], weights=[w for _, w in languages])[0]

    def home(self, *, in_borough: bool, start: dt.date | None) -> _Home:
        street = self.fake.street_address().split("\n")
        line1, line2 = street[0], ", ".join(street[1:])
        town = self.pick(_TOWNS) if in_borough else self.fake.city()
        return _Home(line1, line2, town, self.fake.postcode(), start)

    # -- people ----------------------------------------------------------------------

    def person(self, kind: str, **values: Any) -> Person:
        person = Person(kind=kind, la_id=self.la_id(), **values)
        person.search_given = fold(person.given_name)
        person.search_family = fold(person.family_name)
        self.people.append(person)
        return person

    def live_at(self, person: Person, homes: Sequence[_Home], born: dt.date | None = None) -> None:
        for home in homes:
            start, end = home.start, home.end
            if born is not None:
                if end is not None and end < born:
                    continue
                if start is not None and start < born:
                    start = born
            self.addresses.append(
                Address(
                    person=person, line1=home.line1, line2=home.line2, town=home.town, postcode=home.postcode,
                    start_date=start, end_date=end,
                )
            )

    def relate(self, frm: Person, to: Person, kind: str, *, pr: bool = False, description: str = "",
               start: dt.date | None = None) -> None:  # fmt: skip
        self.relationships.append(
            Relationship(
                from_person=frm, to_person=to, kind=kind, parental_responsibility=pr, description=description,
                start_date=start,
            )
        )

    def name_record(self, person: Person, kind: str, given: str, family: str,
                    used_from: dt.date | None, used_to: dt.date | None) -> None:  # fmt: skip
        self.names.append(
            PersonName(
                person=person, kind=kind, given_name=given, family_name=family, search_given=fold(given),
                search_family=fold(family), used_from=used_from, used_to=used_to,
            )
        )

    def adult(self, group: str, ethnicity: str, sex: str, family: str, born: dt.date, homes: Sequence[_Home]) -> Person:
        language = self.language(group)
        person = self.person(
            PersonKind.ADULT,
            given_name=self.given(group, sex, adult=True),
            family_name=family,
            date_of_birth=born,
            sex=sex,
            ethnicity=ethnicity,
            first_language=language,
            interpreter_needed=language != "English" and self.chance(0.3),
            nhs_number=self.nhs_number() if self.chance(0.93) else "",
        )
        self.live_at(person, homes)
        if self.chance(0.02):
            category, text = self.rng.choice(data.ADULT_WARNINGS)
            self.warning_buffer.append((person, category, text))
        self.summary.adults += 1
        return person

