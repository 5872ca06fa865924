# ruff: noqa: S311 - seeded, repeatable randomness for test data; nothing here is a secret.
"""Synthetic people, and copies of them corrupted the way referrers corrupt them.

For the matching tests and benchmarks only: every name, date, address and identifier here
is generated (NHS numbers from the 999 test range). Deterministic by seed.

- :func:`people` makes households: brothers and sisters share a family name, an address and
  a postcode, twins a date of birth; names follow a skewed (Zipf-like) frequency, so common
  names are common, as they are on a real register.
- :func:`corrupt` copies a person as another agency might record them: a nickname or a
  misspelling, day and month swapped, one digit wrong, a hyphenated family name shortened
  or lengthened, names the other way round, fields left blank, an old address.
- :func:`matching_set` and :func:`linkage_lists` put these together with known truth,
  including the hard non-matches: brothers, sisters and twins of people on the list.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from safeguard.lib.identifiers import nhs_number_with_check_digit, upn_check_letter

from .matching import PersonRecord

TODAY = dt.date(2026, 1, 15)


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


BOYS = _words(
    "Oliver Muhammad George Noah Arthur Leo Harry Oscar Archie Henry Theodore Freddie Jack Charlie Theo Alfie Jacob "
    "Thomas Finley Arlo William Lucas Roman Tommy Isaac Teddy Alexander Luca Edward James Joshua Albie Elijah Max "
    "Mohammed Reuben Mason Sebastian Rory Jude Louie Benjamin Ethan Adam Hugo Joseph Reggie Ronnie Louis Frankie "
    "Hunter Ezra Albert Harrison Elliot Samuel Zachary Jaxon Toby Daniel Michael Ralph Dylan Yusuf Ibrahim Jayden "
    "Tyler Kai Riley Logan Liam Nathan Caleb Aaron Jenson Jesse Oakley Bobby Stanley Otis Felix Ollie Ryan "
    "Carter Jasper Ayaan Musa Luke Matthew Aiden Harvey Kian Connor Callum Kyle Bradley Lewis Declan Owen "
    "Stephen Christopher Robert Anthony Patrick Sean Jamie Dominic Kacper Jakub Szymon Filip Mateusz Aleksander "
    "Oskar Antoni Yahya Zayn Hamza Ali Omar Ahmed Abdullah Bilal Arjun Aarav Rayan Kofi Kwame Chidi Emeka "
    "Tobias Rhys Gethin Dafydd Cian Oisin Fionn Ruairi Seth Gabriel Kayden Brandon Jordan Reece Liam Mikey"
)
GIRLS = _words(
    "Olivia Amelia Isla Ava Ivy Freya Lily Florence Mia Willow Rosie Sophia Isabella Grace Daisy Sienna Poppy "
    "Elsie Emily Ella Evelyn Phoebe Sofia Evie Charlotte Harper Millie Matilda Maya Sophie Alice Emilia Isabelle "
    "Ruby Luna Maisie Aria Penelope Mila Bonnie Eva Hallie Eliza Ada Violet Esme Arabella Imogen Jessica Delilah "
    "Thea Ayla Hannah Aurora Eleanor Holly Nancy Zara Lottie Scarlett Maria Chloe Amber Orla Lucy Ellie Katie "
    "Megan Jasmine Leah Lacey Caitlin Abigail Georgia Niamh Erin Kayla Shannon Courtney Jade Paige Demi Chelsea "
    "Tia Aaliyah Aisha Fatima Maryam Zainab Khadija Hafsa Amira Inaya Anaya Priya Aanya Zuzanna Julia Lena "
    "Hanna Zofia Maja Oliwia Alicja Wiktoria Amara Adaeze Chioma Ama Abena Nia Seren Ffion Cerys Saoirse "
    "Aoife Ciara Siobhan Rebecca Samantha Elizabeth Victoria Katherine Jennifer Margaret Rachel Natalie "
    "Stephanie Danielle Gemma Kirsty Leanne Nicole Bethany Lauren Molly Layla Hollie Tilly Amelie Beatrice"
)
SURNAMES = _words(
    "Smith Jones Taylor Brown Williams Wilson Johnson Davies Patel Robinson Wright Thompson Evans Walker White "
    "Roberts Green Hall Thomas Clarke Jackson Wood Harris Edwards Turner Martin Cooper Hill Ward Hughes Moore "
    "Clark King Harrison Lewis Baker Lee Allen Morris Khan Scott Watson Davis Parker James Bennett Young Phillips "
    "Richardson Mitchell Bailey Carter Cook Singh Shaw Bell Collins Morgan Kelly Begum Miller Cox Marshall Simpson "
    "Anderson Ellis Adams Wilkinson Ali Mason Richards Hussain Chapman Webb Rogers Gray Hunt Palmer Mills Holmes "
    "Campbell Barnes Knight Lloyd Butler Russell Barker Fisher Stevens Jenkins Murphy Dixon Griffiths Pearson "
    "Murray Ahmed Fletcher Reid Graham Price Kaur Harvey Gibson Howard Walsh Grant Ross Stewart Shah Kennedy "
    "Warren Hamilton Elliott Ford Burton Saunders Cole Gordon Robertson Payne Lawrence Hussein Holland Chambers "
    "Nowak Kowalski Wisniewski Wojcik Kaminski Lewandowski Zielinski Szymanski Mensah Okafor Adeyemi Okonkwo "
    "Boateng Asante Owusu Mohamed Abdi Hassan Farah Rahman Islam Uddin Miah Chowdhury Akhtar Iqbal Mahmood "
    "Sharma Gupta Kumar Mistry Chauhan Nguyen Tran Wong Chen Lin O'Brien O'Connor McDonald MacLeod McLaughlin "
    "Thomson Thompsett Stephenson Stevenson Philips Matthews Mathews Reynolds Newton Sutton Gregory Lamb Dawson"
)
# A long tail of rarer family names, built from English place-name parts.
_FRONTS = _words(
    "Ash Black Brad Brom Cald Chad Craw Dun Ed Fair Green Hal Hart Hol Ket Lang Mid Nor Red Roth Shel Stan "
    "Thorn Wal West Whit Wood Ald Bar Bel Chil Dar Elm Fal Gar Hay Kir Lox Marl Pen Rams Sax"
)
_BACKS = _words("ley ton ford by worth well field ham wood hurst stone bridge combe dale more thorpe wick shaw")
STREETS = _words(
    "Oak Elm Ash Beech Birch Cedar Willow Maple Mill Church Station Park Victoria Albert Queens Kings High Chapel "
    "Manor School Green Meadow Orchard Spring Brook River Bridge Castle Hill North South West East New Windsor "
    "York Grange Harrow Thorn Rowan Holly Hawthorn Poplar Alder Linden Cherry Clover Heather Fern Bramble"
)
STREET_KINDS = ("Road", "Street", "Avenue", "Close", "Lane", "Drive", "Way", "Crescent", "Grove", "Gardens", "Court")
TOWNS = ("Northbrook", "Millbridge", "Eastfield", "Westcombe", "Ashby Vale", "Riverside", "Kingsmead")
_ABBREVIATIONS = {"Road": "Rd", "Street": "St", "Avenue": "Ave", "Close": "Cl", "Lane": "Ln", "Drive": "Dr"}
_POSTCODE_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"

# Short forms a referrer writes instead of the registered name.
NICKNAMES = {
    "oliver": ("Ollie", "Olly"),
    "alexander": ("Alex", "Xander"),
    "theodore": ("Theo", "Teddy"),
    "frederick": ("Freddie", "Fred"),
    "william": ("Will", "Billy"),
    "thomas": ("Tom", "Tommy"),
    "james": ("Jim", "Jamie", "Jimmy"),
    "joshua": ("Josh",),
    "benjamin": ("Ben", "Benji"),
    "samuel": ("Sam", "Sammy"),
    "zachary": ("Zach", "Zac"),
    "daniel": ("Dan", "Danny"),
    "michael": ("Mike", "Mikey"),
    "matthew": ("Matt",),
    "edward": ("Ed", "Eddie", "Ted"),
    "joseph": ("Joe", "Joey"),
    "robert": ("Rob", "Bob", "Bobby", "Robbie"),
    "christopher": ("Chris",),
    "anthony": ("Tony", "Ant"),
    "nathan": ("Nate",),
    "stephen": ("Steve",),
    "sebastian": ("Seb",),
    "elizabeth": ("Beth", "Liz", "Lizzie", "Eliza"),
    "eleanor": ("Ellie", "Nell", "Nora"),
    "isabella": ("Bella", "Izzy", "Issy"),
    "isabelle": ("Bella", "Izzy"),
    "charlotte": ("Lottie", "Charlie"),
    "florence": ("Flo", "Florrie"),
    "katherine": ("Kate", "Katie", "Kathy"),
    "victoria": ("Vicky", "Tori"),
    "rebecca": ("Becky", "Becca"),
    "samantha": ("Sam", "Sammie"),
    "jennifer": ("Jen", "Jenny"),
    "margaret": ("Maggie", "Peggy", "Meg"),
    "abigail": ("Abi", "Abby"),
    "jessica": ("Jess", "Jessie"),
    "matilda": ("Tilly", "Tilda"),
    "amelia": ("Millie",),
    "olivia": ("Liv", "Livvy"),
    "sophia": ("Sophie",),
    "penelope": ("Penny",),
    "natalie": ("Nat",),
    "stephanie": ("Steph",),
    "danielle": ("Dani",),
    "beatrice": ("Bea",),
    "gabriel": ("Gabe",),
    "dominic": ("Dom",),
    "patrick": ("Paddy", "Pat"),
    "aleksander": ("Olek", "Alek"),
    "evelyn": ("Evie",),
    "harrison": ("Harry",),
    "henry": ("Harry", "Hal"),
    "jakub": ("Kuba",),
    "imogen": ("Immy",),
    "arabella": ("Bella",),
    "mohammed": ("Mo",),
    "muhammad": ("Mo",),
}
# Spellings that sound the same, as a referrer hearing the name on the phone writes it.
_SOUND_ALIKE = (
    ("ph", "f"),
    ("f", "ph"),
    ("ie", "y"),
    ("y", "ie"),
    ("ey", "y"),
    ("c", "k"),
    ("k", "c"),
    ("ck", "k"),
    ("ll", "l"),
    ("l", "ll"),
    ("nn", "n"),
    ("tt", "t"),
    ("ss", "s"),
    ("mm", "m"),
    ("rr", "r"),
    ("ee", "ea"),
    ("ou", "o"),
    ("ae", "a"),
    ("ai", "ay"),
    ("ay", "ai"),
    ("i", "y"),
    ("son", "sen"),
    ("th", "t"),
    ("mm", "m"),
    ("ah", "a"),
    ("a", "ah"),
    ("mac", "mc"),
    ("mc", "mac"),
    ("ei", "ie"),
    ("ey", "ie"),
    ("oh", "o"),
    ("w", "u"),
)
_KEYBOARD_NEIGHBOURS = {
    "a": "sqz",
    "b": "vn",
    "c": "xv",
    "d": "sf",
    "e": "wr",
    "f": "dg",
    "g": "fh",
    "h": "gj",
    "i": "uo",
    "j": "hk",
    "k": "jl",
    "l": "k",
    "m": "n",
    "n": "bm",
    "o": "ip",
    "p": "o",
    "q": "w",
    "r": "et",
    "s": "ad",
    "t": "ry",
    "u": "yi",
    "v": "cb",
    "w": "qe",
    "x": "zc",
    "y": "tu",
    "z": "x",
}


def _zipf(count: int, offset: float) -> list[float]:
    return [1.0 / (rank + offset) for rank in range(1, count + 1)]


_TAIL = tuple(f + b for f in _FRONTS for b in _BACKS)
_ALL_SURNAMES = tuple(dict.fromkeys((*SURNAMES, *_TAIL)))
_SURNAME_WEIGHTS = _zipf(len(SURNAMES), 12) + [0.35 / (len(SURNAMES) + 12)] * (len(_ALL_SURNAMES) - len(SURNAMES))
_BOYS = tuple(dict.fromkeys(BOYS))
_GIRLS = tuple(dict.fromkeys(GIRLS))


def _cumulative(weights: Sequence[float]) -> list[float]:
    total, out = 0.0, []
    for w in weights:
        total += w
        out.append(total)
    return out


_BOY_CUM = _cumulative(_zipf(len(_BOYS), 15))
_GIRL_CUM = _cumulative(_zipf(len(_GIRLS), 15))
_SURNAME_CUM = _cumulative(_SURNAME_WEIGHTS)


@dataclass
class _Household:
    family: str
    address: str
    postcode: str


class Generator:
    """Seeded source of synthetic people; each person gets a unique key, NHS number and UPN."""

    def __init__(self, seed: int = 0, *, prefix: str = "P") -> None:
        self.rng = random.Random(seed)
        self.prefix = prefix
        self.count = 0
        self._nhs_next = self.rng.randrange(1_000_000)
        self._nhs_step = 7919  # prime, so stepping visits every six-digit serial once
        self._nhs_used = 0
        self._upn_next = self.rng.randrange(10**8)

    # -- single values ---------------------------------------------------------------

    def surname(self) -> str:
        return self.rng.choices(_ALL_SURNAMES, cum_weights=_SURNAME_CUM)[0]

    def given(self, sex: str) -> str:
        if sex == "M":
            return self.rng.choices(_BOYS, cum_weights=_BOY_CUM)[0]
        return self.rng.choices(_GIRLS, cum_weights=_GIRL_CUM)[0]

    def postcode(self) -> str:
        rng = self.rng
        district = f"NB{rng.randint(1, 60)}"
        letters = _POSTCODE_LETTERS
        return f"{district} {rng.randint(0, 9)}{rng.choice(letters)}{rng.choice(letters)}"

    def address(self) -> str:
        rng = self.rng
        number = rng.randint(1, 180)
        flat = f"Flat {rng.randint(1, 12)}, " if rng.random() < 0.12 else ""
        return f"{flat}{number} {rng.choice(STREETS)} {rng.choice(STREET_KINDS)}, {rng.choice(TOWNS)}"

    def nhs_number(self) -> str:
        """A valid NHS number from the 999 test range, never the same twice (blank once the
        range is used up)."""
        while self._nhs_used < 1_000_000:
            serial = self._nhs_next
            self._nhs_next = (self._nhs_next + self._nhs_step) % 1_000_000
            self._nhs_used += 1
            number = nhs_number_with_check_digit(f"999{serial:06d}")
            if number is not None:
                return number
        return ""

    def upn(self) -> str:
        self._upn_next += 1
        body = f"801{self._upn_next % 10**9:09d}"
        return upn_check_letter(body) + body

    def household(self) -> _Household:
        family = self.surname()
        if self.rng.random() < 0.05:
            other = self.surname()
            if other != family:
                family = f"{family}-{other}"
        return _Household(family, self.address(), self.postcode())

    def child(
        self, home: _Household, dob: dt.date, *, sex: str | None = None, family: str | None = None
    ) -> PersonRecord:
        rng = self.rng
        self.count += 1
        sex = sex or ("M" if rng.random() < 0.51 else "F")
        age = (TODAY - dob).days / 365.25
        other_names: tuple[tuple[str, str], ...] = ()
        family = family or home.family
        if rng.random() < 0.03:
            other_names = ((rng.choice(("", self.given(sex))), self.surname()),)
        return PersonRecord(
            key=f"{self.prefix}{self.count:07d}",
            given_name=self.given(sex),
            family_name=family,
            other_names=other_names,
            date_of_birth=dob,
            sex=sex,
            postcode=home.postcode,
            address=home.address,
            nhs_number=self.nhs_number() if rng.random() < 0.85 else "",
            upn=self.upn() if age >= 4 and rng.random() < 0.7 else "",
        )

    def family(self) -> list[PersonRecord]:
        """One household's children: one to four, now and then twins or a half-sibling with
        another family name."""
        rng = self.rng
        home = self.household()
        size = rng.choices((1, 2, 3, 4), weights=(40, 35, 17, 8))[0]
        dob = TODAY - dt.timedelta(days=rng.randint(30, 17 * 365))
        children: list[PersonRecord] = []
        while len(children) < size:
            family = self.surname() if children and rng.random() < 0.08 else None
            kid = self.child(home, dob, family=family)
            children.append(kid)
            if len(children) < size and rng.random() < 0.04:
                # Twins: same date of birth, same family name, often the same sex.
                same_sex = kid.sex if rng.random() < 0.5 else None
                twin = self.child(home, dob, sex=same_sex)
                while twin.given_name == kid.given_name:
                    twin = replace(twin, given_name=self.given(twin.sex))
                children.append(twin)
            dob = dob + dt.timedelta(days=rng.randint(330, 4 * 365))
            if dob > TODAY:
                dob = TODAY - dt.timedelta(days=rng.randint(1, 300))
        return children

    def people(self, n: int) -> list[PersonRecord]:
        out: list[PersonRecord] = []
        while len(out) < n:
            out.extend(self.family())
        return out[:n]


def people(n: int, *, seed: int = 0, prefix: str = "P") -> list[PersonRecord]:
    """``n`` synthetic children in households, keyed ``P0000001`` and so on."""
    return Generator(seed, prefix=prefix).people(n)


# --- Corruption -----------------------------------------------------------------------


def _sound_alike(name: str, rng: random.Random) -> str:
    lower = name.lower()
    options = [(a, b) for a, b in _SOUND_ALIKE if a in lower[1:]]
    rng.shuffle(options)
    for a, b in options:
        at = lower.find(a, 1)
        changed = lower[:at] + b + lower[at + len(a) :]
        if changed != lower and len(changed) > 1:
            return changed.title() if name[:1].isupper() else changed
    return _typo(name, rng)


def _typo(name: str, rng: random.Random) -> str:
    """One slip of the keyboard: a letter dropped, doubled, swapped with the next, or hit
    beside. Never the first letter, which people rarely get wrong."""
    if len(name) < 3:
        return name
    at = rng.randrange(1, len(name) - 1)
    kind = rng.randrange(4)
    if kind == 0:
        return name[:at] + name[at + 1 :]
    if kind == 1:
        return name[:at] + name[at] + name[at:]
    if kind == 2:
        return name[:at] + name[at + 1] + name[at] + name[at + 2 :]
    near = _KEYBOARD_NEIGHBOURS.get(name[at].lower(), "e")
    return name[:at] + rng.choice(near) + name[at + 1 :]


def _date_typo(day: dt.date, rng: random.Random) -> dt.date:
    """One digit of DD/MM/YYYY typed wrong, giving another real date."""
    text = f"{day:%d%m%Y}"
    for _ in range(30):
        at = rng.choice((0, 1, 1, 1, 3, 6, 7, 7))
        digit = str(rng.randrange(10))
        changed = text[:at] + digit + text[at + 1 :]
        if changed == text:
            continue
        try:
            made = dt.date(int(changed[4:]), int(changed[2:4]), int(changed[:2]))
        except ValueError:
            continue
        if made <= TODAY:
            return made
    return day


def _swap_day_month(day: dt.date) -> dt.date | None:
    if day.day > 12 or day.day == day.month:
        return None
    return dt.date(day.year, day.day, day.month)


def _scruffy(value: str, rng: random.Random) -> str:
    """Case and spacing as typed: all capitals, all lower case, stray spaces."""
    roll = rng.random()
    if roll < 0.08:
        value = value.upper()
    elif roll < 0.14:
        value = value.lower()
    if rng.random() < 0.05:
        value = f" {value}  "
    return value


# How often each corruption happens to one copy (independently), as seen in referrals.
RATES = {
    "nickname": 0.10,
    "given_sound_alike": 0.07,
    "given_typo": 0.03,
    "given_missing": 0.01,
    "given_initial": 0.01,
    "middle_name_added": 0.02,
    "family_sound_alike": 0.05,
    "family_typo": 0.03,
    "hyphen_added": 0.03,
    "hyphen_dropped": 0.5,  # of those with a hyphenated family name
    "other_name_used": 0.3,  # of those with another name on record
    "family_missing": 0.005,
    "names_swapped": 0.025,
    "dob_day_month_swapped": 0.04,
    "dob_digit": 0.04,
    "dob_year_out": 0.01,
    "dob_missing": 0.05,
    "sex_missing": 0.15,
    "sex_wrong": 0.005,
    "moved": 0.15,
    "postcode_missing": 0.35,
    "postcode_typo": 0.02,
    "address_missing": 0.4,
    "address_abbreviated": 0.3,
    "nhs_given": 0.3,
    "nhs_mistyped": 0.03,
    "upn_given": 0.2,
}


def corrupt(person: PersonRecord, rng: random.Random, *, key: str) -> tuple[PersonRecord, tuple[str, ...]]:
    """A copy of ``person`` under ``key`` as a referrer might record them, and the names
    of the corruptions applied (see RATES)."""
    done: list[str] = []

    def chance(name: str) -> bool:
        if rng.random() < RATES[name]:
            done.append(name)
            return True
        return False

    given, family = person.given_name, person.family_name
    if person.other_names and chance("other_name_used"):
        other_given, other_family = person.other_names[0]
        given, family = other_given or given, other_family or family
    nick = NICKNAMES.get(given.lower())
    if nick and chance("nickname"):
        given = rng.choice(nick)
    elif chance("given_sound_alike"):
        given = _sound_alike(given, rng)
    elif chance("given_typo"):
        given = _typo(given, rng)
    elif chance("middle_name_added"):
        given = f"{given} {rng.choice(BOYS if person.sex == 'M' else GIRLS)}"
    elif chance("given_initial"):
        given = given[:1]
    elif chance("given_missing"):
        given = ""
    if "-" in family and chance("hyphen_dropped"):
        family = rng.choice(family.split("-"))
    elif chance("hyphen_added"):
        family = f"{family}-{rng.choice(SURNAMES)}" if rng.random() < 0.5 else f"{rng.choice(SURNAMES)}-{family}"
    elif chance("family_sound_alike"):
        family = _sound_alike(family, rng)
    elif chance("family_typo"):
        family = _typo(family, rng)
    elif chance("family_missing"):
        family = ""
    if given and family and chance("names_swapped"):
        given, family = family, given
    dob = person.date_of_birth
    if dob is not None:
        swapped = _swap_day_month(dob)
        if swapped is not None and chance("dob_day_month_swapped"):
            dob = swapped
        elif chance("dob_digit"):
            dob = _date_typo(dob, rng)
        elif chance("dob_year_out"):
            dob = dob.replace(year=dob.year + rng.choice((-1, 1))) if not (dob.month == 2 and dob.day == 29) else dob
        elif chance("dob_missing"):
            dob = None
    sex = person.sex
    if chance("sex_missing"):
        sex = ""
    elif chance("sex_wrong"):
        sex = "F" if sex == "M" else "M"
    postcode, address = person.postcode, person.address
    if chance("moved"):
        gen = Generator(rng.randrange(1 << 30))
        postcode, address = gen.postcode(), gen.address()
    if chance("postcode_missing"):
        postcode = ""
    elif chance("postcode_typo"):
        postcode = _typo(postcode, rng)
    if chance("address_missing"):
        address = ""
    elif chance("address_abbreviated"):
        for long, short in _ABBREVIATIONS.items():
            address = address.replace(long, short)
        address = address.replace(",", "")
    nhs = person.nhs_number if person.nhs_number and chance("nhs_given") else ""
    if nhs and chance("nhs_mistyped"):
        at = rng.randrange(10)
        nhs = nhs[:at] + str((int(nhs[at]) + 1 + rng.randrange(9)) % 10) + nhs[at + 1 :]
    upn = person.upn if person.upn and chance("upn_given") else ""
    copy = PersonRecord(
        key=key,
        given_name=_scruffy(given, rng),
        family_name=_scruffy(family, rng),
        date_of_birth=dob,
        sex=sex,
        postcode=_scruffy(postcode, rng) if postcode else "",
        address=address,
        nhs_number=nhs,
        upn=upn,
    )
    return copy, tuple(done)


# --- Sets with known truth -------------------------------------------------------------


@dataclass
class MatchingSet:
    """A register, queries against it, and for each query the register key it is (None
    for a child who is not on the register)."""

    register: list[PersonRecord]
    queries: list[PersonRecord]
    truth: dict[str, str | None]
    corruptions: dict[str, tuple[str, ...]]


def matching_set(
    register_size: int, queries: int, *, seed: int = 0, match_share: float = 0.8, sibling_share: float = 0.6
) -> MatchingSet:
    """A register of ``register_size`` children and ``queries`` corrupted referrals: a
    ``match_share`` of them copies of children on the register, the rest children who are
    not, ``sibling_share`` of those brothers, sisters or twins of children who are."""
    rng = random.Random(seed ^ 0x5EED)
    gen = Generator(seed)
    non_matches = queries - round(queries * match_share)
    siblings_wanted = round(non_matches * sibling_share)
    register: list[PersonRecord] = []
    held_out: list[PersonRecord] = []
    while len(register) < register_size:
        family = gen.family()
        if len(family) > 1 and len(held_out) < siblings_wanted and rng.random() < 0.3:
            pick = rng.randrange(len(family))
            held_out.append(family.pop(pick))
        register.extend(family)
    register = register[:register_size]
    strangers = gen.people(non_matches - len(held_out))
    outside = held_out + strangers
    truth: dict[str, str | None] = {}
    corruptions: dict[str, tuple[str, ...]] = {}
    out: list[PersonRecord] = []
    chosen = rng.sample(range(len(register)), queries - non_matches)
    for n, position in enumerate(chosen):
        key = f"Q{n + 1:07d}"
        copy, done = corrupt(register[position], rng, key=key)
        out.append(copy)
        truth[key] = register[position].key
        corruptions[key] = done
    for n, person in enumerate(outside, start=len(chosen)):
        key = f"Q{n + 1:07d}"
        copy, done = corrupt(person, rng, key=key)
        out.append(copy)
        truth[key] = None
        corruptions[key] = done
    rng.shuffle(out)
    return MatchingSet(register, out, truth, corruptions)


def linkage_lists(
    left_size: int, right_size: int, *, seed: int = 0, overlap: float = 0.7
) -> tuple[list[PersonRecord], list[PersonRecord], set[tuple[str, str]]]:
    """Two lists of people, as two agencies hold them: ``overlap`` of the right list are
    corrupted copies of people on the left; the rest are not on the left, many of them
    brothers, sisters or twins of someone who is. Returns (left, right, true pairs)."""
    rng = random.Random(seed ^ 0x11A7)
    gen = Generator(seed, prefix="L")
    shared = round(right_size * overlap)
    left: list[PersonRecord] = []
    not_left: list[PersonRecord] = []
    wanted_out = right_size - shared
    while len(left) < left_size:
        family = gen.family()
        if len(family) > 1 and len(not_left) < wanted_out // 2 and rng.random() < 0.4:
            not_left.append(family.pop(rng.randrange(len(family))))
        left.extend(family)
    left = left[:left_size]
    gen.prefix = "X"
    not_left.extend(gen.people(wanted_out - len(not_left)))
    right: list[PersonRecord] = []
    truth: set[tuple[str, str]] = set()
    for person in rng.sample(left, shared):
        key = f"R{len(right) + 1:07d}"
        copy, _ = corrupt(person, rng, key=key)
        right.append(copy)
        truth.add((person.key, key))
    for person in not_left:
        key = f"R{len(right) + 1:07d}"
        right.append(corrupt(person, rng, key=key)[0])
    rng.shuffle(right)
    return left, right, truth


# --- Files ----------------------------------------------------------------------------

DEFAULT_HEADERS = {
    "key": "id",
    "given_name": "Forename",
    "family_name": "Surname",
    "date_of_birth": "DOB",
    "sex": "Gender",
    "address": "Address1",
    "postcode": "Postcode",
    "nhs_number": "NHS Number",
    "upn": "UPN",
}


def write_csv(
    path: Path,
    records: Iterable[PersonRecord],
    *,
    headers: dict[str, str] | None = None,
    date_format: str = "%d/%m/%Y",
    extra_column: bool = False,
) -> None:
    """Write people as a list file another agency might send: their headers, their date
    format, optionally a column no mapping names."""
    headers = headers or DEFAULT_HEADERS
    fields = list(headers)
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow([headers[f] for f in fields] + (["Notes"] if extra_column else []))
        for record in records:
            row = []
            for name in fields:
                value = getattr(record, name)
                if name == "date_of_birth":
                    value = value.strftime(date_format) if value else ""
                row.append(value)
            writer.writerow(row + (["synthetic"] if extra_column else []))
