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
from django.utils.module_loading import import_string
from faker import Faker

from safeguard.access import services as access_services
from safeguard.access.models import BreakGlass, Involvement, InvolvementKind, ReviewStatus
from safeguard.accounts import services as account_services
from safeguard.accounts.models import COUNCIL_PRACTICE_ROLES, Agency, AgencyKind, Role, Team, User
from safeguard.audit import services as audit
from safeguard.audit.models import EventType
from safeguard.lib.identifiers import nhs_number_with_check_digit, upn_check_letter
from safeguard.lib.names import fold
from safeguard.people.codes import AccessLevel, NameKind, RelationshipKind, Sex
from safeguard.people.models import Address, Person, PersonKind, PersonName, PersonWarning, Relationship
from safeguard.people.phonetics import phonetic_key

from . import data
from .casework import seed_casework
from .data import DEMO_PASSWORD, DEMO_USERS
from .frontdoor import seed_front_door

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
    front_door: dict[str, int] = field(default_factory=dict)
    casework: dict[str, int] = field(default_factory=dict)
    # What each later context's seeder (CONTEXT_SEEDERS) made, by label.
    contexts: dict[str, dict[str, int]] = field(default_factory=dict)
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
            "front_door": dict(self.front_door),
            "casework": dict(self.casework),
            **{label: dict(counts) for label, counts in self.contexts.items()},
        }


# The seeders of the contexts built on casework, run in this order after it: each a
# (label, dotted path) of a function ``(*, actor, seed, children) -> dict[str, int]``
# returning what it made, for the summary.
CONTEXT_SEEDERS: tuple[tuple[str, str], ...] = (
    ("care", "safeguard.demo.care.seed_care"),
    ("adoption", "safeguard.demo.adoption.seed_adoption"),
    ("leaving_care", "safeguard.demo.leaving_care.seed_leaving_care"),
    # After leaving care, which takes its own young people into care.
    ("care_returns", "safeguard.demo.care.seed_care_returns"),
    ("exploitation", "safeguard.demo.exploitation.seed_exploitation"),
    ("early_help", "safeguard.demo.early_help.seed_early_help"),
    ("quality", "safeguard.demo.quality.seed_quality"),
    ("inspection", "safeguard.demo.inspection.seed_inspection"),
    ("partnership", "safeguard.demo.partnership.seed_partnership"),
)


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
    summary.front_door = seed_front_door(actor=actor, seed=seed, children=children)
    summary.casework = seed_casework(seed=seed, children=children)
    for label, path in CONTEXT_SEEDERS:
        summary.contexts[label] = import_string(path)(actor=actor, seed=seed, children=children)
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


@dataclass(slots=True, eq=False)
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
_INFLECTED = frozenset(name for key in ("polish", "bulgarian", "lithuanian") for name in data.NAME_GROUPS[key].surnames)
_COMMUNITIES = {choices: _weighted(choices) for pair in data.ETHNICITY_GROUPS.values() for choices in pair}
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

    @staticmethod
    def feminine(family: str, *, married: bool) -> str:
        """The form a woman's or girl's name takes in communities whose family names
        change with sex (and, in Lithuanian, marriage): Kowalski/Kowalska,
        Ivanov/Ivanova, Kazlauskas/Kazlauskienė (married)/Kazlauskaitė."""
        if family not in _INFLECTED:
            return family
        for male, female in (("ski", "ska"), ("cki", "cka"), ("ov", "ova"), ("ev", "eva")):
            if family.endswith(male):
                return family[: -len(male)] + female
        if family.endswith(("as", "us")):
            return family[:-2] + ("ienė" if married else ("aitė" if family.endswith("as") else "ūtė"))
        return family

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
        person.phonetic_given = phonetic_key(person.given_name)
        person.phonetic_family = phonetic_key(person.family_name)
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
                    person=person,
                    line1=home.line1,
                    line2=home.line2,
                    town=home.town,
                    postcode=home.postcode,
                    start_date=start,
                    end_date=end,
                )
            )

    def relate(
        self,
        frm: Person,
        to: Person,
        kind: str,
        *,
        pr: bool = False,
        description: str = "",
        start: dt.date | None = None,
    ) -> None:
        self.relationships.append(
            Relationship(
                from_person=frm,
                to_person=to,
                kind=kind,
                parental_responsibility=pr,
                description=description,
                start_date=start,
            )
        )

    def name_record(
        self, person: Person, kind: str, given: str, family: str, used_from: dt.date | None, used_to: dt.date | None
    ) -> None:
        self.names.append(
            PersonName(
                person=person,
                kind=kind,
                given_name=given,
                family_name=family,
                search_given=fold(given),
                search_family=fold(family),
                used_from=used_from,
                used_to=used_to,
            )
        )

    def adult(self, group: str, ethnicity: str, sex: str, family: str, born: dt.date, homes: Sequence[_Home]) -> Person:
        language = self.language(group)
        person = self.person(
            PersonKind.ADULT,
            given_name=self.given(group, sex, adult=True),
            family_name=self.feminine(family, married=True) if sex == Sex.FEMALE else family,
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

    def household(self) -> None:
        """One family: a mother, usually a father, sometimes a grandmother caring, and the
        children they bring to the register, living together at one or two addresses."""
        rng = self.rng
        remaining = self.target - self.made
        ethnicity = self.pick(_ETHNICITIES)
        mothers, fathers = data.ETHNICITY_GROUPS[ethnicity]
        mother_group = self.pick(_COMMUNITIES[mothers])
        father_group = mother_group if mothers == fathers else self.pick(_COMMUNITIES[fathers])
        mother_eth = data.COMMUNITY_ETHNICITY[mother_group]
        father_eth = data.COMMUNITY_ETHNICITY[father_group]
        if ethnicity in ("REFU", "NOBT") and self.chance(0.5):
            mother_eth = father_eth = ethnicity
        size = min(self.pick(_HOUSEHOLD_SIZES), remaining)

        # The children's dates of birth, eldest first, one to five years apart.
        eldest_age = self.pick(_ELDEST_AGES)
        lowest, highest = int(eldest_age * 365.25), int((eldest_age + 1) * 365.25) - 2
        dobs = [self.today - dt.timedelta(days=rng.randint(lowest, highest))]
        while len(dobs) < size:
            nxt = dobs[-1] + dt.timedelta(days=rng.randint(365, 5 * 365))
            if nxt > self.today:
                break
            dobs.append(nxt)
        unborn_left = self.unborn_target - self.unborn
        with_unborn = (
            unborn_left > 0 and len(dobs) < remaining and (self.chance(0.008) or remaining - len(dobs) <= unborn_left)
        )

        # The parents.
        mother_born = dobs[0] - dt.timedelta(days=int(rng.randint(17, 38) * 365.25) + rng.randint(0, 364))
        mother_family = self.surname(mother_group)
        father_family = self.surname(father_group)
        father_named = self.chance(0.78)
        father_resident = father_named and self.chance(0.65)
        sikh = father_group == "sikh"
        children_family = father_family if father_named and self.chance(0.7) else mother_family
        if father_named and mother_family != father_family and self.chance(0.03):
            children_family = f"{mother_family}-{father_family}"

        moved_in = self.days_ago(30, 8 * 365)
        homes = [self.home(in_borough=True, start=moved_in)]
        if self.chance(0.35):
            earlier = self.home(
                in_borough=self.chance(0.6), start=moved_in - dt.timedelta(days=rng.randint(365, 6 * 365))
            )
            earlier.end = moved_in - dt.timedelta(days=1)
            homes.insert(0, earlier)

        if mother_group == "bangladeshi" and self.chance(0.6):
            mother_now = "Begum" if self.chance(0.8) else "Khatun"
        elif sikh and self.chance(0.5):
            mother_now = "Kaur"
        elif mother_group == "british" and children_family == father_family and self.chance(0.6):
            mother_now = father_family
        else:
            mother_now = mother_family
        mother = self.adult(mother_group, mother_eth, Sex.FEMALE, mother_now, mother_born, homes)
        if mother_now != mother_family:
            maiden = self.feminine(mother_family, married=False)
            self.name_record(mother, NameKind.PREVIOUS, mother.given_name, maiden, mother_born, None)
        father = None
        if father_named:
            father_born = mother_born - dt.timedelta(days=rng.randint(-2 * 365, 8 * 365))
            father_homes = homes if father_resident else [self.elsewhere(0.5)]
            father = self.adult(father_group, father_eth, Sex.MALE, father_family, father_born, father_homes)
        # In some families the eldest child has a different father, who lives elsewhere.
        other_father = None
        if len(dobs) > 1 and self.chance(0.15):
            other_father = self.adult(
                father_group,
                father_eth,
                Sex.MALE,
                self.surname(father_group),
                mother_born - dt.timedelta(days=rng.randint(0, 3000)),
                [self.elsewhere(0.4)],
            )
        carer = None
        if self.chance(0.05):
            grandmother_born = mother_born - dt.timedelta(days=rng.randint(18 * 365, 30 * 365))
            carer = self.adult(
                mother_group, mother_eth, Sex.FEMALE, mother_family, grandmother_born, [self.elsewhere(1)]
            )

        # The children.
        kids: list[Person] = []
        for index, dob in enumerate(dobs):
            family, other_family = (
                children_family,
                (mother_family if children_family != mother_family else father_family),
            )
            if index == 0 and other_father is not None and self.chance(0.5):
                family, other_family = other_father.family_name, children_family
            kids.append(
                self.child(ethnicity, (mother_group, father_group), family, other_family, dob, homes, sikh=sikh)
            )
        if with_unborn:
            kids.append(self.unborn_child(ethnicity, children_family, homes))

        for index, kid in enumerate(kids):
            born = kid.date_of_birth
            self.relate(mother, kid, RelationshipKind.PARENT, pr=True, description="Mother", start=born)
            dad = other_father if index == 0 and other_father is not None else father
            if dad is not None:
                self.relate(dad, kid, RelationshipKind.PARENT, pr=self.chance(0.85), description="Father", start=born)
            if carer is not None:
                sgo = self.chance(0.3)
                label = "Maternal grandmother" + (" (special guardianship order)" if sgo else "")
                self.relate(carer, kid, RelationshipKind.CARER, pr=sgo, description=label)
        for i, older in enumerate(kids):
            for younger in kids[i + 1 :]:
                half = i == 0 and other_father is not None
                self.relate(older, younger, RelationshipKind.SIBLING, description="Half-sibling" if half else "Sibling")

    def elsewhere(self, p_in_borough: float) -> _Home:
        return self.home(in_borough=self.chance(p_in_borough), start=self.days_ago(30, 6 * 365))

    def child(
        self,
        ethnicity: str,
        groups: tuple[str, str],
        family: str,
        other_family: str,
        dob: dt.date,
        homes: Sequence[_Home],
        *,
        sikh: bool,
    ) -> Person:
        rng = self.rng
        group = groups[0] if self.chance(0.5) else groups[1]
        sex = Sex.MALE if self.chance(0.51) else Sex.FEMALE
        given = self.given(group, sex, adult=False)
        middle = ""
        if sikh:
            middle = "Singh" if sex == Sex.MALE else "Kaur"
        elif self.chance(0.5):
            middle = self.given(group, sex, adult=False)
            if middle == given:
                middle = ""
        age = self.today.year - dob.year - ((self.today.month, self.today.day) < (dob.month, dob.day))
        language = "English"
        if group not in ("british", "caribbean") and self.chance(0.15):
            language = self.language(group)
        roll = rng.random()
        disabilities: list[str] = []
        if roll < 0.08:
            disabilities = sorted({self.pick(_DISABILITIES) for _ in range(rng.randint(1, 2))})
        elif roll < 0.72:
            disabilities = ["NONE"]
        known_as = _NICKNAMES[given][0] if given in _NICKNAMES and self.chance(0.1) else ""
        if sex == Sex.FEMALE:
            family, other_family = self.feminine(family, married=False), self.feminine(other_family, married=False)
        kid = self.person(
            PersonKind.CHILD,
            given_name=given,
            middle_names=middle,
            family_name=family,
            known_as=known_as,
            date_of_birth=dob,
            sex=sex,
            ethnicity=ethnicity,
            first_language=language if self.chance(0.92) else "",
            interpreter_needed=language != "English" and age >= 5 and self.chance(0.4),
            disabilities=disabilities,
            nhs_number=self.nhs_number() if self.chance(0.97) else "",
            upn=self.upn(dob) if age >= 4 and self.chance(0.92) else "",
        )
        self.live_at(kid, homes, born=dob)
        if other_family != family and self.chance(0.05):
            changed = dob + dt.timedelta(days=rng.randint(0, max(1, (self.today - dob).days)))
            self.name_record(kid, NameKind.PREVIOUS, given, other_family, dob, changed)
        if self.chance(0.01):
            alias = _NICKNAMES[given][-1] if given in _NICKNAMES else given[:3]
            self.name_record(kid, NameKind.ALIAS, alias, family, None, None)
        state = _Child(pk=0, uuid=kid.uuid, age=age)
        if self.sealed < self.sealed_target and age <= 6 and (self.chance(0.05) or self.target - self.made < 50):
            # An adopted child's earlier record, sealed after the adoption order.
            kid.access_level = AccessLevel.SEALED
            state.sealed = True
            self.sealed += 1
        elif (
            self.restricted < self.restricted_target
            and age >= 1
            and (self.chance(0.004) or self.target - self.made < 4 * (self.restricted_target - self.restricted))
        ):
            kid.access_level = AccessLevel.RESTRICTED
            state.restricted = True
            self.restricted += 1
        if self.chance(0.035):
            category, text = rng.choice(data.CHILD_WARNINGS)
            self.warning_buffer.append((kid, category, text))
        self.pending.append((kid, state))
        self.made += 1
        self.buffered_children += 1
        if state.age is not None and not state.sealed and not state.restricted:
            self.maybe_duplicate(kid, homes)
        return kid

    def unborn_child(self, ethnicity: str, family: str, homes: Sequence[_Home]) -> Person:
        due = self.today + dt.timedelta(days=self.rng.randint(7, 150))
        kid = self.person(
            PersonKind.CHILD, family_name=family, expected_date_of_birth=due, sex=Sex.UNKNOWN, ethnicity=ethnicity
        )
        self.live_at(kid, [_Home(h.line1, h.line2, h.town, h.postcode, None) for h in homes if h.end is None])
        self.pending.append((kid, _Child(pk=0, uuid=kid.uuid, age=None)))
        self.made += 1
        self.unborn += 1
        self.buffered_children += 1
        return kid

    def maybe_duplicate(self, kid: Person, homes: Sequence[_Home]) -> None:
        """Sometimes the front door made a second record for a child it did not find:
        a misspelt or familiar given name, day and month swapped, no NHS number, or a
        hyphenated family name."""
        left = self.dup_target - self.dups
        if left <= 0 or not (self.chance(0.02) or self.target - self.made < 2 * left):
            return
        dob = kid.date_of_birth
        assert dob is not None
        options = ["hyphenated_surname"]
        if kid.given_name in _SPELLING:
            options += ["given_name_spelling"] * 3
        if kid.given_name in _NICKNAMES:
            options += ["nickname"] * 3
        if dob.day <= 12 and dob.day != dob.month and dt.date(dob.year, dob.day, dob.month) <= self.today:
            options += ["dob_day_month_swapped"] * 2
        if kid.nhs_number:
            options += ["nhs_number_missing"] * 2
        variant = self.rng.choice(options)
        given, family, born = kid.given_name, kid.family_name, dob
        nhs = kid.nhs_number if self.chance(0.4) else ""
        if variant == "given_name_spelling":
            given = self.rng.choice(_SPELLING[given])
        elif variant == "nickname":
            given = self.rng.choice(_NICKNAMES[given])
        elif variant == "dob_day_month_swapped":
            born = dt.date(dob.year, dob.day, dob.month)
        elif variant == "nhs_number_missing":
            nhs = ""
        elif "-" in family:
            family = family.split("-")[0]
        else:
            family = f"{family}-{self.surname('british')}"
        duplicate = self.person(
            PersonKind.CHILD,
            given_name=given,
            middle_names="" if self.chance(0.6) else kid.middle_names,
            family_name=family,
            date_of_birth=born,
            sex=kid.sex,
            ethnicity=kid.ethnicity if self.chance(0.5) else "NOBT",
            first_language=kid.first_language,
            nhs_number=nhs,
        )
        where = [h for h in homes if h.end is None] if self.chance(0.6) else [self.home(in_borough=True, start=None)]
        self.live_at(duplicate, [_Home(h.line1, h.line2, h.town, h.postcode, None) for h in where])
        age = kid.age_on(self.today)
        self.pending.append((duplicate, _Child(pk=0, uuid=duplicate.uuid, age=age, duplicate=True)))
        self.summary.near_duplicates.append(NearDuplicate(kid.uuid, duplicate.uuid, variant))
        self.dups += 1

    def flush(self) -> None:
        """Write the buffered people and everything that hangs off them, in one transaction."""
        if not self.people:
            return
        with transaction.atomic():
            Person.objects.bulk_create(self.people, batch_size=BATCH)
            PersonName.objects.bulk_create(self.names, batch_size=BATCH)
            Address.objects.bulk_create(self.addresses, batch_size=BATCH)
            Relationship.objects.bulk_create(self.relationships, batch_size=BATCH)
        for person, state in self.pending:
            state.pk = person.pk
            self.kids.append(state)
        self.warnings.extend((person.pk, category, text) for person, category, text in self.warning_buffer)
        s = self.summary
        s.other_names += len(self.names)
        s.addresses += len(self.addresses)
        s.relationships += len(self.relationships)
        self.progress(self.buffered_children)
        self.people, self.names, self.addresses, self.relationships = [], [], [], []
        self.pending, self.warning_buffer = [], []
        self.buffered_children = 0

    # -- the organisation ---------------------------------------------------------------

    def organisation(self) -> None:
        actor = self.actor
        self.agencies: dict[str, Agency] = {}
        for agency in data.AGENCIES:
            self.agencies[agency.key] = account_services.agency_create(
                actor=actor, name=agency.name, kind=agency.kind, code=agency.code
            )
        self.teams: dict[str, Team] = {}
        for team in data.TEAMS:
            self.teams[team.key] = account_services.team_create(
                actor=actor, agency=self.agencies[team.agency], name=team.name, kind=team.kind
            )
        self.users: dict[str, User] = {}
        for spec in DEMO_USERS:
            self.users[spec.username], _ = account_services.user_create(
                actor=actor,
                username=spec.username,
                first_name=spec.first_name,
                last_name=spec.last_name,
                email=f"{spec.username}@{data.EMAIL_DOMAIN}",
                role=spec.role,
                agency=self.agencies[spec.agency],
                team=self.teams[spec.team] if spec.team else None,
                job_title=spec.job_title,
                password=DEMO_PASSWORD,
                must_change_password=False,
            )
        # Council social workers and managers are registered with Social Work England:
        # their registration number is their SW_ID in the SSDA903 return.
        for number, user in enumerate(u for u in self.users.values() if u.role in COUNCIL_PRACTICE_ROLES):
            user.swe_number = f"SW{100001 + number}"
            user.save(update_fields=["swe_number"])
        self.summary.agencies = len(self.agencies)
        self.summary.teams = len(self.teams)
        self.summary.demo_users = len(self.users)

    def colleagues(self, wanted: dict[str, int]) -> dict[str, list[User]]:
        """Further social workers, so that caseloads stay realistic at any size. There can
        be hundreds, so they are written in bulk with one shared (hashed) demo password
        rather than one Argon2 hash and one audit event each; the demo.seeded event
        counts them."""
        hashed = make_password(DEMO_PASSWORD)
        council = self.agencies[data.COUNCIL]
        made: dict[str, list[User]] = {key: [] for key in wanted}
        rows: list[User] = []
        for key, count in wanted.items():
            team = self.teams[key]
            for n in range(1, count + 1):
                username = f"sw.{key}.{n:03d}"
                user = User(
                    username=username,
                    first_name=self.fake.first_name(),
                    last_name=self.fake.last_name(),
                    email=f"{username}@{data.EMAIL_DOMAIN}",
                    role=Role.SOCIAL_WORKER,
                    agency=council,
                    team=team,
                    job_title="Social worker",
                    password=hashed,
                    must_change_password=False,
                    # One in ten is an agency worker with no registration number recorded.
                    swe_number="" if len(rows) % 10 == 9 else f"SW{200001 + len(rows)}",
                )
                made[key].append(user)
                rows.append(user)
        with transaction.atomic():
            User.objects.bulk_create(rows, batch_size=500)
        self.summary.colleague_accounts = len(rows)
        return made

    # -- who is involved with which child --------------------------------------------

    def team_for(self, kid: _Child) -> str:
        keys = [
            key
            for key in data.CASEHOLDING_TEAM_WEIGHTS
            if (key in data.PRE_BIRTH_TEAMS if kid.age is None else kid.age >= data.TEAM_MIN_AGE.get(key, 0))
        ]
        return self.rng.choices(keys, weights=[data.CASEHOLDING_TEAM_WEIGHTS[k] for k in keys])[0]

    def involvement(
        self,
        kid: _Child,
        kind: str,
        reason: str,
        *,
        team: Team | None = None,
        user: User | None = None,
        agency: Agency | None = None,
        within: int = 540,
    ) -> Involvement:
        return Involvement(
            child_id=kid.pk,
            kind=kind,
            user=user,
            team=team,
            agency=agency,
            reason=reason,
            started_at=self.moment(self.days_ago(1, within)),
        )

    def access(self) -> None:
        """The second pass: allocations, open work, partner involvements, warnings and
        break-glass, now that every child has a primary key."""
        kids = [k for k in self.kids if not k.duplicate and not k.sealed]
        pool = kids[:]
        self.rng.shuffle(pool)
        worker_of, taken = self.allocate(kids, pool)
        rows = list(self.allocation_rows(worker_of))
        queued = self.queues(pool, taken, rows)
        self.screening(kids, taken, rows)
        self.partners(kids, taken, queued, rows)
        self.write_involvements(rows)
        self.write_warnings(worker_of)
        self.break_glass(pool, taken, queued)

    def allocate(self, kids: list[_Child], pool: list[_Child]) -> tuple[dict[_Child, tuple[str, User]], set[int]]:
        """Choose about 35% of children for allocation, give each a case-holding team
        suited to their age, and spread them across enough workers for caseloads of 15
        to 22 (fewer in a small authority)."""
        team_keys = list(data.CASEHOLDING_TEAM_WEIGHTS)
        named: dict[str, list[User]] = {key: [] for key in team_keys}
        for spec in DEMO_USERS:
            if spec.role == Role.SOCIAL_WORKER and spec.team in named:
                named[spec.team].append(self.users[spec.username])
        chosen: dict[str, list[tuple[_Child, User | None]]] = {key: [] for key in team_keys}
        taken: set[int] = set()
        for i, kid in enumerate(k for k in kids if k.restricted):
            # Restricted records always have an allocated worker; the first is sw.cp1's.
            key = "cp" if i == 0 else self.team_for(kid)
            chosen[key].append((kid, self.users["sw.cp1"] if i == 0 else None))
            taken.add(kid.pk)
        # Every named social worker starts with a child or two of an age their team works with.
        per_worker = 2 if self.target >= 200 else 1
        for key, workers in named.items():
            minimum = data.TEAM_MIN_AGE.get(key, 0)
            suitable = (k for k in pool if k.age is not None and k.age >= minimum and k.pk not in taken)
            fallback = (k for k in pool if k.pk not in taken)
            for worker in workers:
                for _ in range(per_worker):
                    pick = next(suitable, None) or next(fallback, None)
                    while pick is not None and pick.pk in taken:
                        pick = next(fallback, None)
                    if pick is None:
                        break
                    chosen[key].append((pick, worker))
                    taken.add(pick.pk)
        wanted = max(round(0.35 * len(kids)), len(taken))
        for kid in pool:
            if len(taken) >= wanted:
                break
            if kid.pk not in taken:
                chosen[self.team_for(kid)].append((kid, None))
                taken.add(kid.pk)
        low, high = data.CASELOAD_RANGE
        needed = {
            key: max(math.ceil(len(chosen[key]) / high), round(len(chosen[key]) / ((low + high) / 2)))
            for key in team_keys
        }
        colleagues = self.colleagues({key: max(0, needed[key] - len(named[key])) for key in team_keys})
        worker_of: dict[_Child, tuple[str, User]] = {}
        for key in team_keys:
            for kid, worker in self.spread(chosen[key], named[key] + colleagues[key]):
                worker_of[kid] = (key, worker)
        self.summary.allocated_children = len(taken)
        return worker_of, taken

    def allocation_rows(self, worker_of: dict[_Child, tuple[str, User]]) -> Iterator[Involvement]:
        """Each allocation, the team's open piece of work, and for children in care or on
        a plan the reviewing service's."""
        reasons = {t.key: t.open_work_reason for t in data.TEAMS}
        for kid, (key, worker) in worker_of.items():
            team = self.teams[key]
            started = self.moment(self.days_ago(1, 540))
            yield Involvement(
                child_id=kid.pk,
                kind=InvolvementKind.ALLOCATED_WORKER,
                user=worker,
                team=team,
                reason="Allocated",
                started_at=started,
            )
            yield Involvement(
                child_id=kid.pk, kind=InvolvementKind.OPEN_WORK, team=team, reason=reasons[key], started_at=started
            )
            review = data.REVIEWING_REASONS.get(key)
            if review and self.chance(0.9 if key == "cic" else 0.6):
                yield self.involvement(kid, InvolvementKind.OPEN_WORK, review, team=self.teams["iro"])

    def queues(self, pool: list[_Child], taken: set[int], rows: list[Involvement]) -> list[_Child]:
        """The front door's queues: open work in the MASH and the assessment teams with no
        allocated worker yet, including many of the near-duplicate records."""
        for duplicate in (k for k in self.kids if k.duplicate):
            if self.chance(0.4):
                reason = self.rng.choice(data.MASH_QUEUE_REASONS)
                rows.append(
                    self.involvement(duplicate, InvolvementKind.OPEN_WORK, reason, team=self.teams["mash"], within=10)
                )
        unallocated = (k for k in pool if k.pk not in taken)
        queued: list[_Child] = []
        n = self.target
        for key, count, reasons in (
            ("mash", max(3, round(n * 0.015)), data.MASH_QUEUE_REASONS),
            ("assessment", max(2, round(n * 0.006)), data.ASSESSMENT_QUEUE_REASONS),
            ("assessment.south", max(2, round(n * 0.006)), data.ASSESSMENT_QUEUE_REASONS),
        ):
            for _ in range(count):
                waiting = next(unallocated, None)
                if waiting is None:
                    break
                if waiting.age is None:
                    reason = "Contact from midwifery: pre-birth concern" if key == "mash" else reasons[-1]
                else:
                    reason = self.rng.choice([r for r in reasons if "Pre-birth" not in r])
                rows.append(
                    self.involvement(waiting, InvolvementKind.OPEN_WORK, reason, team=self.teams[key], within=15)
                )
                queued.append(waiting)
        return queued

    def screening(self, kids: list[_Child], taken: set[int], rows: list[Involvement]) -> None:
        """The exploitation team screens some older children allocated elsewhere."""
        older = [k for k in kids if k.pk in taken and k.age is not None and k.age >= 11]
        for kid in self.rng.sample(older, min(len(older), max(2, round(self.target * 0.01)))):
            reason = self.rng.choice(data.EXPLOITATION_SCREENING_REASONS)
            rows.append(
                self.involvement(kid, InvolvementKind.OPEN_WORK, reason, team=self.teams["exploitation"], within=90)
            )

    def partners(self, kids: list[_Child], taken: set[int], queued: list[_Child], rows: list[Involvement]) -> None:
        """Partner agencies: mostly children the service is working with, some it is not."""
        working = [k for k in kids if k.pk in taken] + queued
        others = [k for k in kids if k.pk not in taken]
        for spec in data.AGENCIES:
            if spec.key == data.COUNCIL or spec.kind == AgencyKind.INSPECTORATE:
                continue  # inspectors are never involved with a child: they read a sample
            rate, fits = self.partner_reach(spec.key)
            count = max(3, round(self.target * rate))
            near = [k for k in working if fits(k)]
            far = [k for k in others if fits(k)]
            from_near = min(len(near), round(count * 0.75))
            picks = self.rng.sample(near, from_near) + self.rng.sample(far, min(len(far), count - from_near))
            reasons = data.AGENCY_REASONS[spec.key.split(".")[0]]
            agency = self.agencies[spec.key]
            for kid in picks:
                reason = self.rng.choice(reasons)
                rows.append(self.involvement(kid, InvolvementKind.AGENCY, reason, agency=agency, within=365))

    def write_involvements(self, rows: list[Involvement]) -> None:
        """Write in batches, reporting the second half of the progress as they go."""
        counts: dict[str, int] = {}
        chunks = list(_chunks(rows, BATCH))
        reported = 0
        for number, chunk in enumerate(chunks, start=1):
            with transaction.atomic():
                Involvement.objects.bulk_create(chunk, batch_size=BATCH)
            for row in chunk:
                counts[row.kind] = counts.get(row.kind, 0) + 1
            due = self.target * number // len(chunks)
            self.progress(due - reported)
            reported = due
        if reported < self.target:
            self.progress(self.target - reported)
        self.summary.involvements = dict(sorted(counts.items()))

    def write_warnings(self, worker_of: dict[_Child, tuple[str, User]]) -> None:
        """Warnings, raised by the child's allocated worker or by the MASH's manager."""
        by_pk = {kid.pk: worker for kid, (_, worker) in worker_of.items()}
        mash_manager = self.users["tm.mash"]
        warnings = [
            PersonWarning(
                person_id=pk,
                category=category,
                text=text,
                raised_by=by_pk.get(pk, mash_manager),
                raised_at=self.moment(self.days_ago(1, 700)),
            )
            for pk, category, text in self.warnings
        ]
        with transaction.atomic():
            PersonWarning.objects.bulk_create(warnings, batch_size=BATCH)
        self.summary.warnings = len(warnings)

    def break_glass(self, pool: list[_Child], taken: set[int], queued: list[_Child]) -> None:
        """Break-glass grants for the information-governance queue, made and reviewed
        through the access services so that each is audited as a real one would be."""
        queued_pks = {k.pk for k in queued}
        strangers = [k for k in reversed(pool) if k.pk not in taken and k.pk not in queued_pks]
        for (username, reason, status, note), kid in zip(data.BREAK_GLASS_SCENARIOS, strangers, strict=False):
            child = Person.objects.get(pk=kid.pk)
            grant = access_services.break_glass_open(actor=self.users[username], child=child, reason=reason)
            if status != ReviewStatus.PENDING:
                access_services.break_glass_review(
                    actor=self.users["ig"], grant=grant, status=ReviewStatus(status), note=note
                )
        self.summary.break_glass = BreakGlass.objects.count()

    def partner_reach(self, key: str) -> tuple[float, Callable[[_Child], bool]]:
        """How many of the borough's children an agency is involved with, and which."""
        if key in data.SECONDARY_SCHOOLS:
            return 0.03, lambda k: k.age is not None and 11 <= k.age <= 17
        if key in data.PRIMARY_SCHOOLS:
            return 0.02, lambda k: k.age is not None and 4 <= k.age <= 10
        if key in data.GP_PRACTICES:
            return 0.015, lambda k: True
        rates = {data.POLICE: 0.05, data.NHS_TRUST: 0.06, data.HOUSING: 0.015}
        born_only = key != data.NHS_TRUST
        return rates[key], (lambda k: k.age is not None) if born_only else (lambda k: True)

    def spread(self, chosen: list[tuple[_Child, User | None]], workers: list[User]) -> list[tuple[_Child, User]]:
        """Give each child a worker: those already chosen keep theirs; the rest fill each
        worker's caseload up to a share drawn between 15 and 22."""
        if not chosen:
            return []
        low, high = data.CASELOAD_RANGE
        targets = [self.rng.randint(low, high) for _ in workers]
        # Nudge the drawn caseloads, one child at a time, until they add up; none goes
        # above the top of the range while there are enough workers (there always are
        # once the team has ceil(children / 22) of them).
        short = len(chosen) - sum(targets)
        while short:
            i = self.rng.randrange(len(workers))
            if short > 0 and (targets[i] < high or all(t >= high for t in targets)):
                targets[i] += 1
                short -= 1
            elif short < 0 and targets[i] > 0:
                targets[i] -= 1
                short += 1
        load = {w.pk: 0 for w in workers}
        placed: list[tuple[_Child, User]] = []
        free: list[_Child] = []
        for kid, worker in chosen:
            if worker is None:
                free.append(kid)
            else:
                placed.append((kid, worker))
                load[worker.pk] += 1
        slots = [w for w, t in zip(workers, targets, strict=True) for _ in range(max(0, t - load[w.pk]))]
        self.rng.shuffle(slots)
        for i, kid in enumerate(free):
            placed.append((kid, slots[i] if i < len(slots) else workers[i % len(workers)]))
        return placed

    # -- the whole -----------------------------------------------------------------------

    def run(self) -> SeedSummary:
        self.organisation()
        while self.made < self.target:
            self.household()
            if self.buffered_children >= BATCH:
                self.flush()
        self.flush()
        s = self.summary
        s.children, s.unborn, s.restricted, s.sealed = self.made, self.unborn, self.restricted, self.sealed
        self.access()
        return s
