"""Identity matching: is the child in this contact (or this row of a file) someone we know?

The engine is pure: it compares :class:`PersonRecord` values and knows nothing of users,
permissions or the audit trail. The front door wraps it in a policy-aware selector; the
``link_records`` and ``match_file`` commands call :func:`link` and :class:`MatchIndex`.
Only :func:`register_records` and :func:`register_lookup` read the register, importing the
models inside the function. docs/matching.md explains the method and its measured accuracy.

The method, in short:

1. **Normalise.** Names are folded (case, accents, apostrophes and spacing ignored), postcodes
   upper-cased without spaces, NHS numbers and UPNs checked: an invalid one is ignored.
2. **Exact identifiers.** The same valid NHS number or UPN is a match (score 100, ``exact``).
   Two valid NHS numbers that differ are strong evidence of two different people.
3. **Blocking.** Each record is filed under a handful of keys (phonetic family and given name,
   either with the date of birth, the postcode with the first letter of the given name, the
   identifiers); a lookup scores only the records that share a key with it. Query keys add the
   date with day and month swapped and the names the other way round; names are filed under
   their nickname's canonical forms (Bob and Robert share a key) and under each part of a
   hyphenated family name.
4. **Comparison.** Each field is compared into a level (same, short form, sounds the same,
   one letter different, part of a double-barrelled name, ... different, not given). Each
   level carries a Fellegi–Sunter agreement weight, log2(m/u) (a same name weighed by how
   common it is on the list); the weights add up and the sum is mapped to 0–100 with a
   logistic curve centred on log2 of the list's size: roughly the chance, in per cent, that
   the two records are the same child. A different given name caps the score below the
   threshold: with everything else the same, it is a twin.
5. **Thresholds.** Pairs at or above :data:`DEFAULT_THRESHOLD` are candidates (and links in
   ``link_records``); at or above :data:`CONFIDENT_THRESHOLD` a match may be *suggested* as
   confident. Nothing here merges records: a person confirms every match.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from array import array
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

import jellyfish
from nicknames import NickNamer
from rapidfuzz import fuzz
from rapidfuzz.distance import OSA, JaroWinkler

from safeguard.lib.identifiers import nhs_number_is_valid, normalise_nhs_number, normalise_upn, upn_is_valid
from safeguard.lib.names import fold

if TYPE_CHECKING:
    from django.db.models import QuerySet

__all__ = [
    "CONFIDENT_THRESHOLD",
    "DEFAULT_THRESHOLD",
    "FIELDS",
    "Candidate",
    "FieldResult",
    "MatchIndex",
    "PersonRecord",
    "compare",
    "link",
    "register_lookup",
    "register_records",
]

# A pair at or above this score is a candidate, and a link in link_records.
DEFAULT_THRESHOLD = 50.0
# At or above this a match may be suggested as confident. Even then a person confirms it:
# the engine never merges anything.
CONFIDENT_THRESHOLD = 95.0

# The fields compared, in the order a MASH worker reads them.
FIELDS = ("nhs_number", "upn", "given_name", "family_name", "date_of_birth", "sex", "postcode", "address")

Outcome = Literal["agree", "partial", "disagree", "missing"]


@dataclass(frozen=True)
class PersonRecord:
    """One person as a list or the register holds them. ``key`` is the caller's identifier
    (the register's Person uuid, or a file's ID column); ``other_names`` are previous names
    and aliases as (given, family) pairs. Values are taken as given: the engine normalises."""

    key: str
    given_name: str = ""
    family_name: str = ""
    other_names: tuple[tuple[str, str], ...] = ()
    date_of_birth: dt.date | None = None
    sex: str = ""
    postcode: str = ""
    address: str = ""
    nhs_number: str = ""
    upn: str = ""


@dataclass
class FieldResult:
    field: str
    outcome: Outcome
    note: str


@dataclass
class Candidate:
    key: str
    score: float
    fields: list[FieldResult] = field(default_factory=list)
    exact: bool = False

    @property
    def confident(self) -> bool:
        return self.score >= CONFIDENT_THRESHOLD

    @property
    def agreed(self) -> list[str]:
        return [f.field for f in self.fields if f.outcome == "agree"]

    def outcome(self, name: str) -> Outcome:
        for result in self.fields:
            if result.field == name:
                return result.outcome
        return "missing"


# --- Normalisation ------------------------------------------------------------------

_NICKNAMER = NickNamer()
_NOT_POSTCODE = re.compile(r"[^A-Z0-9]")
_ADDRESS_NOISE = re.compile(r"[^a-z0-9]+")
_ADDRESS_WORDS = {
    "rd": "road",
    "st": "street",
    "str": "street",
    "ave": "avenue",
    "av": "avenue",
    "ln": "lane",
    "cl": "close",
    "ct": "court",
    "cres": "crescent",
    "cresc": "crescent",
    "dr": "drive",
    "gdns": "gardens",
    "gr": "grove",
    "gro": "grove",
    "pl": "place",
    "sq": "square",
    "ter": "terrace",
    "terr": "terrace",
    "wy": "way",
    "pk": "park",
    "hse": "house",
    "ho": "house",
    "apt": "flat",
    "apartment": "flat",
}
_SEXES = {
    "m": "M",
    "male": "M",
    "boy": "M",
    "man": "M",
    "1": "M",
    "f": "F",
    "female": "F",
    "girl": "F",
    "woman": "F",
    "2": "F",
}
# Interned values shared by every record that has them: names, postcodes and dates repeat.
_intern: dict[Any, Any] = {}
_folded: dict[str, str] = {}


def _shared(value: Any) -> Any:
    got = _intern.get(value)
    if got is None:
        if len(_intern) > 3_000_000:
            _intern.clear()
        _intern[value] = got = value
    return got


def _fold(name: str) -> str:
    got = _folded.get(name)
    if got is None:
        if len(_folded) > 500_000:
            _folded.clear()
        # A hyphen with spaces round it ("Smith - Jones") is still one double-barrelled name.
        got = _shared(re.sub(r"\s*-\s*", "-", fold(name)).strip("-"))
        _folded[name] = got
    return got


def normalise_postcode(value: str) -> str:
    """``" nb1 2ab"`` -> ``"NB12AB"``."""
    return _NOT_POSTCODE.sub("", (value or "").upper())


def format_postcode(compact: str) -> str:
    """``"NB12AB"`` -> ``"NB1 2AB"``, the way the register stores it."""
    return f"{compact[:-3]} {compact[-3:]}" if len(compact) >= 5 else compact


def normalise_sex(value: str) -> str:
    return _SEXES.get((value or "").strip().lower(), "")


def _address(value: str) -> str:
    if not value:
        return ""
    ascii_only = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode("ascii").lower()
    words = [_ADDRESS_WORDS.get(w, w) for w in _ADDRESS_NOISE.split(ascii_only) if w]
    return " ".join(words)


def _yyyymmdd(day: dt.date | None) -> int:
    return day.year * 10000 + day.month * 100 + day.day if day else 0


def _date(value: int) -> dt.date:
    return dt.date(value // 10000, value // 100 % 100, value % 100)


# A record as the engine holds it: folded, normalised and compact, as a plain tuple of
# strings and integers (an index of a million people keeps a million of these, and tuples
# of atoms are left alone by the garbage collector). Fields, by position:
_KEY, _GIVEN, _FAMILY, _ALTS, _DOB, _SEX, _POSTCODE, _ADDRESS, _NHS, _UPN = range(10)
_Norm = tuple  # (key, given, family, alts, dob as yyyymmdd or 0, sex, postcode, address, nhs, upn)


# An identifier that was given but is not valid: kept so that the note can say so.
_INVALID = "!"


def _normalise(record: PersonRecord) -> _Norm:
    alts: tuple[tuple[str, str], ...] = ()
    if record.other_names:
        pairs = {(_fold(g), _fold(f)) for g, f in record.other_names}
        pairs.discard(("", ""))
        alts = tuple(sorted(pairs))
    nhs = normalise_nhs_number(record.nhs_number)
    if nhs and not nhs_number_is_valid(nhs):
        nhs = _INVALID
    upn = normalise_upn(record.upn)
    if upn and not upn_is_valid(upn):
        upn = _INVALID
    return (
        record.key,
        _fold(record.given_name),
        _fold(record.family_name),
        alts,
        _shared(_yyyymmdd(record.date_of_birth)),
        normalise_sex(record.sex),
        _shared(normalise_postcode(record.postcode)),
        _shared(_address(record.address)),
        nhs,
        upn,
    )


# --- Names --------------------------------------------------------------------------


class _NameInfo:
    """What the engine needs to know about one folded name, worked out once per name."""

    __slots__ = ("code", "codes", "group", "group_codes", "nysiis", "parts", "whole")

    def __init__(self, name: str) -> None:
        parts = tuple(p for p in re.split(r"[\s-]+", name) if p)
        self.parts = parts
        joined = "".join(parts)
        # ``code`` is what safeguard.people.phonetics.phonetic_key stores on the Person.
        self.code = jellyfish.metaphone(parts[0]) if parts else ""
        self.whole = jellyfish.metaphone(joined) if joined else ""
        self.nysiis = jellyfish.nysiis(joined) if joined else ""
        codes = {jellyfish.metaphone(p) for p in parts if len(p) > 1}
        if self.whole:
            codes.add(self.whole)
        codes.discard("")
        self.codes = frozenset(codes)
        # The name and its canonical forms (Bob -> Robert): two names are forms of one
        # another when these sets meet.
        group = {joined} if joined else set()
        for candidate in {joined, parts[0]} if parts else set():
            group.update(_canonicals(candidate))
        group.discard("")
        self.group = frozenset(group)
        self.group_codes = frozenset(c for c in (jellyfish.metaphone(g) for g in group) if c) | (
            {self.code} if self.code else set()
        )


_INFO: dict[str, _NameInfo] = {}

# Short forms common in England that the nicknames package does not know.
MORE_NICKNAMES: dict[str, tuple[str, ...]] = {
    "olly": ("oliver", "olivia"),
    "ollie": ("oliver", "olivia"),
    "mo": ("mohammed", "muhammad", "mohammad", "mohamed"),
    "immy": ("imogen",),
    "robbie": ("robert",),
    "charlie": ("charles", "charlotte"),
    "izzy": ("isabella", "isabelle", "isobel", "elizabeth"),
    "issy": ("isabella", "isabelle", "isobel"),
    "nell": ("eleanor", "helen", "ellen"),
    "evie": ("evelyn", "eve"),
    "xander": ("alexander",),
    "benji": ("benjamin",),
    "liv": ("olivia",),
    "livvy": ("olivia",),
    "abi": ("abigail",),
    "florrie": ("florence",),
    "sammie": ("samantha",),
    "tilda": ("matilda",),
    "georgie": ("georgia", "georgina", "george"),
    "alfie": ("alfred",),
    "kuba": ("jakub",),
    "olek": ("aleksander",),
    "alek": ("aleksander",),
    "kasia": ("katarzyna",),
    "gosia": ("malgorzata",),
}


def _info(name: str) -> _NameInfo:
    got = _INFO.get(name)
    if got is None:
        if len(_INFO) > 500_000:
            _INFO.clear()
        _INFO[name] = got = _NameInfo(name)
    return got


def _canonicals(name: str) -> set[str]:
    """The names ``name`` is a short form of (Bob -> Robert), from the nicknames package
    and a few British and Polish forms it lacks."""
    return {c.replace(" ", "") for c in _NICKNAMER.canonicals_of(name)} | set(MORE_NICKNAMES.get(name, ()))


def _nickname_note(a: str, b: str) -> str:
    an, bn = a.title(), b.title()
    plain_a, plain_b = a.replace("-", ""), b.replace("-", "")
    if plain_b in _canonicals(plain_a) or plain_a in _canonicals(plain_b):
        short, long = (an, bn) if len(a) <= len(b) else (bn, an)
        return f"{short} is a short form of {long}"
    return f"{an} and {bn} are forms of the same name"


# Name comparison levels, best first.
EXACT, NICK, PHON, TYPO, PART, SHORT, INITIAL, DIFF, MISSING = range(9)
_NAME_OUTCOME: tuple[Outcome, ...] = (
    "agree",
    "partial",
    "partial",
    "partial",
    "partial",
    "partial",
    "partial",
    "disagree",
    "missing",
)
# Agreement weights, log2(m/u), for each level. A given name or family name that is the
# same is weighed by how common it is (see _Weights); these are for a name of ordinary
# frequency. A different given name is heavily against, and caps the score (see _weight).
GIVEN_WEIGHTS = (7.0, 5.0, 5.0, 4.0, 4.5, 3.0, 1.0, -12.0, 0.0)
FAMILY_WEIGHTS = (8.0, 5.5, 5.5, 4.5, 5.5, 1.0, 0.5, -6.0, 0.0)
# Names the other way round: a small price for the less likely explanation.
SWAPPED_PENALTY = 1.5
# A previous name or alias: as good as the current name, less a little.
ALIAS_PENALTY = 0.5

_given_levels: dict[tuple[str, str], int] = {}
_family_levels: dict[tuple[str, str], int] = {}


def _level(a: str, b: str, given: bool) -> int:
    """How two folded names compare (both given names, or both family names)."""
    if a == b:
        return EXACT if a else MISSING
    if not a or not b:
        return MISSING
    cache = _given_levels if given else _family_levels
    pair = (a, b)
    got = cache.get(pair)
    if got is not None:
        return got
    got = _level_uncached(a, b, given)
    if len(cache) > 1_000_000:
        cache.clear()
    cache[pair] = got
    return got


def _level_uncached(a: str, b: str, given: bool) -> int:
    ia, ib = _info(a), _info(b)
    if given and not ia.group.isdisjoint(ib.group):
        return NICK
    same_metaphone, same_nysiis = ia.whole == ib.whole, ia.nysiis == ib.nysiis
    # One phonetic code alone is coarse on short names (Bell, Bailey): ask for some likeness.
    if (same_metaphone and same_nysiis) or (
        (same_metaphone or same_nysiis) and JaroWinkler.similarity(a, b, score_cutoff=0.7)
    ):
        return PHON
    shortest = min(len(a), len(b))
    distance = OSA.distance(a, b, score_cutoff=2)
    if (distance <= 1 and shortest >= 3) or (distance <= 2 and shortest >= 8):
        return TYPO
    double = len(ia.parts) > 1 or len(ib.parts) > 1
    if double and (not set(ia.parts).isdisjoint(ib.parts) or not ia.codes.isdisjoint(ib.codes)):
        return PART
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    if len(short) == 1 and long[0] == short:
        return INITIAL
    if len(short) >= 3 and long.startswith(short):
        return SHORT
    return DIFF


def _name_note(level: int, a: str, b: str, given: bool) -> str:
    kind = "given name" if given else "family name"
    an, bn = a.title(), b.title()
    if level == EXACT:
        return f"same {kind}"
    if level == NICK:
        return _nickname_note(a, b)
    if level == PHON:
        return f"{an} and {bn} sound the same"
    if level == TYPO:
        return f"{an} and {bn} are spelt slightly differently"
    if level == PART:
        short, long = (an, bn) if len(a) <= len(b) else (bn, an)
        return f"{short} is part of {long}" if short.lower() in long.lower() else f"{an} and {bn} share a part"
    if level == SHORT:
        short, long = (an, bn) if len(a) <= len(b) else (bn, an)
        return f"{short} may be short for {long}"
    if level == INITIAL:
        return f"only the initial {min(an, bn, key=len)} is given"
    if level == DIFF:
        return f"different {kind}s ({an}, {bn})"
    return f"{kind} not given on {'either record' if not a and not b else 'one record'}"


# How the names were paired: as they stand, the other way round, or through an alias.
_STRAIGHT, _SWAPPED, _ALIAS = 0, 1, 2


def _names(q: _Norm, r: _Norm, w: _Weights) -> tuple[float, int, int, int, str, str, str, str]:
    """The best way to pair the two records' names: (weight, given level, family level,
    how, and the four names compared)."""
    lg = _level(q[_GIVEN], r[_GIVEN], True)
    lf = _level(q[_FAMILY], r[_FAMILY], False)
    best = (
        w.given(lg, r[_GIVEN]) + w.family(lf, r[_FAMILY]),
        lg,
        lf,
        _STRAIGHT,
        q[_GIVEN],
        r[_GIVEN],
        q[_FAMILY],
        r[_FAMILY],
    )
    if lg == EXACT and lf == EXACT:
        return best
    if q[_GIVEN] and q[_FAMILY] and r[_GIVEN] and r[_FAMILY] and (lg >= PART or lf >= PART):
        sg = _level(q[_FAMILY], r[_GIVEN], True)
        if sg < DIFF:
            sf = _level(q[_GIVEN], r[_FAMILY], False)
            if sf < DIFF:
                weight = w.given(sg, r[_GIVEN]) + w.family(sf, r[_FAMILY]) - SWAPPED_PENALTY
                if weight > best[0]:
                    best = (weight, sg, sf, _SWAPPED, q[_FAMILY], r[_GIVEN], q[_GIVEN], r[_FAMILY])
    if q[_ALTS] or r[_ALTS]:
        for qg, qf, rg, rf in _alias_pairs(q, r):
            ag = _level(qg, rg, True)
            af = _level(qf, rf, False)
            weight = w.given(ag, rg) + w.family(af, rf) - ALIAS_PENALTY
            if weight > best[0]:
                best = (weight, ag, af, _ALIAS, qg, rg, qf, rf)
    return best


def _alias_pairs(q: _Norm, r: _Norm) -> Iterator[tuple[str, str, str, str]]:
    qs = ((q[_GIVEN], q[_FAMILY]), *q[_ALTS])
    rs = ((r[_GIVEN], r[_FAMILY]), *r[_ALTS])
    for i, (qg, qf) in enumerate(qs):
        for j, (rg, rf) in enumerate(rs):
            if i or j:
                # An alias may give only one of the names; the other is the current one.
                yield qg or q[_GIVEN], qf or q[_FAMILY], rg or r[_GIVEN], rf or r[_FAMILY]


# --- Dates of birth and the other fields ----------------------------------------------

D_EXACT, D_SWAP, D_DIGIT, D_TRANSPOSED, D_YEAR, D_DIFF, D_MISSING = range(7)
DOB_WEIGHTS = (12.0, 7.5, 4.0, 5.0, 4.0, -10.0, 0.0)
_DOB_OUTCOME: tuple[Outcome, ...] = ("agree", "partial", "partial", "partial", "partial", "disagree", "missing")


def _one_digit(a: int, b: int) -> bool:
    return a // 10 == b // 10 or a % 10 == b % 10


def _dob_level(a: int, b: int) -> int:
    if a == b:
        return D_EXACT if a else D_MISSING
    if not a or not b:
        return D_MISSING
    ya, ma, da = a // 10000, a // 100 % 100, a % 100
    yb, mb, db = b // 10000, b // 100 % 100, b % 100
    if ya == yb:
        if ma == db and da == mb:
            return D_SWAP
        if ma == mb:
            if _one_digit(da, db):
                return D_DIGIT
            if da // 10 == db % 10 and da % 10 == db // 10:
                return D_TRANSPOSED
            return D_DIFF
        if da == db and _one_digit(ma, mb):
            return D_DIGIT
        return D_DIFF
    if ma == mb and da == db:
        different = sum(x != y for x, y in zip(str(ya), str(yb), strict=False))
        if different == 1:
            return D_DIGIT
        if abs(ya - yb) == 1:
            return D_YEAR
        if sorted(str(ya)) == sorted(str(yb)) and different == 2:
            return D_TRANSPOSED
    return D_DIFF


def _dob_note(level: int, a: int, b: int) -> str:
    shown = " and ".join(f"{_date(v):%d/%m/%Y}" for v in (a, b) if v)
    return (
        "same date of birth",
        f"day and month swapped ({shown})",
        f"one digit different ({shown})",
        f"two digits swapped ({shown})",
        f"same day and month, year one out ({shown})",
        f"different dates of birth ({shown})",
        f"date of birth not given on {'either record' if not a and not b else 'one record'}",
    )[level]


S_AGREE, S_DIFF, S_MISSING = range(3)
SEX_WEIGHTS = (1.0, -4.0, 0.0)

P_EXACT, P_SECTOR, P_TYPO, P_DISTRICT, P_DIFF, P_MISSING = range(6)
POSTCODE_WEIGHTS = (7.0, 2.5, 4.0, 1.0, -2.0, 0.0)
_POSTCODE_OUTCOME: tuple[Outcome, ...] = ("agree", "partial", "partial", "partial", "disagree", "missing")


def _postcode_level(a: str, b: str) -> int:
    if a == b:
        return P_EXACT if a else P_MISSING
    if not a or not b:
        return P_MISSING
    if len(a) >= 5 and len(b) >= 5:
        if a[:-2] == b[:-2]:
            return P_SECTOR
        if OSA.distance(a, b, score_cutoff=1) <= 1:
            return P_TYPO
        if a[:-3] == b[:-3]:
            return P_DISTRICT
    elif OSA.distance(a, b, score_cutoff=1) <= 1:
        return P_TYPO
    return P_DIFF


A_EXACT, A_SIMILAR, A_DIFF, A_MISSING = range(4)
ADDRESS_WEIGHTS = (3.0, 1.5, -1.0, 0.0)


def _house_number(address: str) -> str:
    for word in address.split():
        if word[0].isdigit():
            return word
    return ""


def _address_level(a: str, b: str) -> int:
    if a == b:
        return A_EXACT if a else A_MISSING
    if not a or not b:
        return A_MISSING
    if _house_number(a) == _house_number(b) and fuzz.token_set_ratio(a, b, score_cutoff=85):
        return A_SIMILAR
    return A_DIFF


I_EXACT, I_DIFF, I_MISSING, I_INVALID = range(4)
NHS_DIFFERENT_WEIGHT = -20.0
UPN_DIFFERENT_WEIGHT = -10.0


def _identifier_level(a: str, b: str) -> int:
    if not a or not b:
        return I_MISSING
    if a == _INVALID or b == _INVALID:
        return I_INVALID
    return I_EXACT if a == b else I_DIFF


# Where the sum of the weights gives a score of 50: log2 of the number of people on the
# list matched against (each is a chance of a false match), kept between these bounds.
# compare() on its own assumes a list of about 130,000 people; register_lookup counts the
# register.
SCORE_OFFSET = 17.0
MIN_OFFSET = 16.5
MAX_OFFSET = 21.0
# Term frequency: a same name's weight is log2(m/u), u the share of people with that name
# on the list, smoothed towards an ordinary name's share by this many imaginary people.
_NAME_M = 0.9
_SMOOTHING = 2000.0
_GIVEN_U = _NAME_M / 2 ** GIVEN_WEIGHTS[EXACT]
_FAMILY_U = _NAME_M / 2 ** FAMILY_WEIGHTS[EXACT]
_MIN_NAME_WEIGHT, _MAX_NAME_WEIGHT = 3.0, 16.0
# A different given name keeps the score this far below 50 whatever else agrees: with the
# same family name, address and date of birth it is a twin as often as a misspelling.
DIFFERENT_GIVEN_CAP = 4.0


class _Weights:
    """The weights that depend on the list matched against: how common each name is on it,
    and how many people on it could be confused with the one looked up."""

    __slots__ = ("_family", "_given", "family_counts", "given_counts", "offset", "total")

    def __init__(
        self,
        given_counts: dict[str, int] | None = None,
        family_counts: dict[str, int] | None = None,
        total: int = 0,
    ) -> None:
        self.given_counts = given_counts
        self.family_counts = family_counts
        self.total = total
        self.offset = SCORE_OFFSET if total <= 0 else min(MAX_OFFSET, max(MIN_OFFSET, math.log2(total)))
        self._given: dict[str, float] = {}
        self._family: dict[str, float] = {}

    def changed(self, total: int) -> None:
        self.total = total
        self.offset = min(MAX_OFFSET, max(MIN_OFFSET, math.log2(max(total, 1))))
        self._given.clear()
        self._family.clear()

    def _frequency_weight(self, counts: dict[str, int] | None, name: str, u0: float, default: float) -> float:
        if counts is None or name not in counts:
            return default
        u = (counts[name] + _SMOOTHING * u0) / (self.total + _SMOOTHING)
        return min(_MAX_NAME_WEIGHT, max(_MIN_NAME_WEIGHT, math.log2(_NAME_M / u)))

    def given(self, level: int, name: str) -> float:
        if level > SHORT:
            return GIVEN_WEIGHTS[level]
        exact = self._given.get(name)
        if exact is None:
            exact = self._frequency_weight(self.given_counts, name, _GIVEN_U, GIVEN_WEIGHTS[EXACT])
            self._given[name] = exact
        return exact if level == EXACT else min(GIVEN_WEIGHTS[level], exact - 1.0)

    def family(self, level: int, name: str) -> float:
        if level > SHORT:
            return FAMILY_WEIGHTS[level]
        exact = self._family.get(name)
        if exact is None:
            exact = self._frequency_weight(self.family_counts, name, _FAMILY_U, FAMILY_WEIGHTS[EXACT])
            self._family[name] = exact
        return exact if level == EXACT else min(FAMILY_WEIGHTS[level], exact - 1.0)

    def score(self, weight: float) -> float:
        """The 0-100 score of a sum of weights (100 itself is kept for identifier matches)."""
        x = weight - self.offset
        if x > 60:
            return 99.9
        if x < -60:
            return 0.0
        return min(99.9, round(100.0 / (1.0 + 2.0 ** (-x)), 1))

    def floor(self, score: float) -> float:
        """The smallest sum of weights that reaches ``score``."""
        if score <= 0:
            return -math.inf
        if score >= 100:
            return math.inf
        # A hair under, so that rounding to one decimal never drops a pair on the threshold.
        return self.offset + math.log2(score / (100.0 - score)) - 1e-3


_DEFAULT_WEIGHTS = _Weights()


def _weight(q: _Norm, r: _Norm, w: _Weights) -> tuple[float, bool]:
    """The sum of the agreement weights, and whether a valid identifier agreed. The hot
    loop of every lookup: no notes, no allocation beyond what it must."""
    exact = False
    weight = 0.0
    if q[_NHS] and r[_NHS] and q[_NHS] != _INVALID and r[_NHS] != _INVALID:
        if q[_NHS] == r[_NHS]:
            exact = True
        else:
            weight += NHS_DIFFERENT_WEIGHT
    if q[_UPN] and r[_UPN] and q[_UPN] != _INVALID and r[_UPN] != _INVALID:
        if q[_UPN] == r[_UPN]:
            exact = True
        else:
            weight += UPN_DIFFERENT_WEIGHT
    names = _names(q, r, w)
    weight += names[0]
    weight += DOB_WEIGHTS[_dob_level(q[_DOB], r[_DOB])]
    if q[_SEX] and r[_SEX]:
        weight += SEX_WEIGHTS[S_AGREE if q[_SEX] == r[_SEX] else S_DIFF]
    if q[_POSTCODE] and r[_POSTCODE]:
        weight += POSTCODE_WEIGHTS[_postcode_level(q[_POSTCODE], r[_POSTCODE])]
    if q[_ADDRESS] and r[_ADDRESS]:
        weight += ADDRESS_WEIGHTS[_address_level(q[_ADDRESS], r[_ADDRESS])]
    if names[1] == DIFF:
        weight = min(weight, w.offset - DIFFERENT_GIVEN_CAP)
    return weight, exact


def _explain(q: _Norm, r: _Norm, w: _Weights) -> list[FieldResult]:
    """Each field's outcome and a note in a MASH worker's words."""
    results: list[FieldResult] = []
    for label, name, a, b in (("NHS number", "nhs_number", q[_NHS], r[_NHS]), ("UPN", "upn", q[_UPN], r[_UPN])):
        level = _identifier_level(a, b)
        if level == I_EXACT:
            results.append(FieldResult(name, "agree", f"same {label}"))
        elif level == I_DIFF:
            results.append(
                FieldResult(name, "disagree", f"different {label}s: strong evidence these are different people")
            )
        elif level == I_INVALID:
            which = "either record" if a == b == _INVALID else "one record"
            results.append(FieldResult(name, "missing", f"the {label} on {which} is not valid, so it was not used"))
        else:
            which = "either record" if not a and not b else "one record"
            results.append(FieldResult(name, "missing", f"{label} not given on {which}"))
    _, lg, lf, how, qg, rg, qf, rf = _names(q, r, w)
    given_note = _name_note(lg, qg, rg, True)
    family_note = _name_note(lf, qf, rf, False)
    given_outcome, family_outcome = _NAME_OUTCOME[lg], _NAME_OUTCOME[lf]
    if how == _SWAPPED:
        given_note = f"names given the other way round; {given_note}"
        family_note = f"names given the other way round; {family_note}"
        given_outcome = "partial" if given_outcome == "agree" else given_outcome
        family_outcome = "partial" if family_outcome == "agree" else family_outcome
    elif how == _ALIAS:
        alias = " ".join(p.title() for p in (rg, rf) if p)
        if (rg, rf) != (r[_GIVEN], r[_FAMILY]):
            given_note = f"{given_note}, using the other name {alias}"
            family_note = f"{family_note}, using the other name {alias}"
        else:
            alias = " ".join(p.title() for p in (qg, qf) if p)
            given_note = f"{given_note}, using the other name {alias}"
            family_note = f"{family_note}, using the other name {alias}"
    results.append(FieldResult("given_name", given_outcome, given_note))
    results.append(FieldResult("family_name", family_outcome, family_note))
    dob = _dob_level(q[_DOB], r[_DOB])
    results.append(FieldResult("date_of_birth", _DOB_OUTCOME[dob], _dob_note(dob, q[_DOB], r[_DOB])))
    names = {"M": "male", "F": "female"}
    if not q[_SEX] or not r[_SEX]:
        which = "either record" if not q[_SEX] and not r[_SEX] else "one record"
        results.append(FieldResult("sex", "missing", f"sex not recorded on {which}"))
    elif q[_SEX] == r[_SEX]:
        results.append(FieldResult("sex", "agree", f"both {names[q[_SEX]]}"))
    else:
        results.append(
            FieldResult("sex", "disagree", f"recorded as {names[q[_SEX]]} on one, {names[r[_SEX]]} on the other")
        )
    pc = _postcode_level(q[_POSTCODE], r[_POSTCODE])
    qp, rp = format_postcode(q[_POSTCODE]), format_postcode(r[_POSTCODE])
    results.append(
        FieldResult(
            "postcode",
            _POSTCODE_OUTCOME[pc],
            (
                "same postcode",
                f"same postcode sector ({qp}, {rp})",
                f"postcode one character different ({qp}, {rp})",
                f"same postcode district ({qp[:-4]})",
                f"different postcodes ({qp}, {rp})",
                f"postcode not given on {'either record' if not q[_POSTCODE] and not r[_POSTCODE] else 'one record'}",
            )[pc],
        )
    )
    ad = _address_level(q[_ADDRESS], r[_ADDRESS])
    results.append(
        FieldResult(
            "address",
            ("agree", "partial", "disagree", "missing")[ad],  # type: ignore[arg-type]
            (
                "same address",
                "similar address",
                "different address",
                f"address not given on {'either record' if not q[_ADDRESS] and not r[_ADDRESS] else 'one record'}",
            )[ad],
        )
    )
    return results


def _candidate(q: _Norm, r: _Norm, weight: float, exact: bool, w: _Weights) -> Candidate:
    return Candidate(key=r[_KEY], score=100.0 if exact else w.score(weight), fields=_explain(q, r, w), exact=exact)


def compare(a: PersonRecord, b: PersonRecord) -> Candidate:
    """Score ``b`` as a match for ``a``, with each field's outcome. The candidate's key is b's."""
    qa, qb = _normalise(a), _normalise(b)
    weight, exact = _weight(qa, qb, _DEFAULT_WEIGHTS)
    return _candidate(qa, qb, weight, exact, _DEFAULT_WEIGHTS)


# --- Blocking -----------------------------------------------------------------------

# Key kinds (the first element of each key tuple).
_K_NHS, _K_UPN, _K_NAMES, _K_FAMILY_DOB, _K_GIVEN_DOB, _K_POSTCODE = range(6)


def _name_keys(given: str, family: str, dobs: tuple[int, ...], keys: set[Any]) -> None:
    gi = _info(given) if given else None
    fi = _info(family) if family else None
    if gi is not None and fi is not None:
        for f in fi.codes:
            for g in gi.group_codes:
                keys.add((_K_NAMES, f, g))
    for day in dobs:
        if fi is not None:
            for f in fi.codes:
                keys.add((_K_FAMILY_DOB, f, day))
        if gi is not None:
            for g in gi.group_codes:
                keys.add((_K_GIVEN_DOB, g, day))


def _keys(n: _Norm, *, query: bool) -> set[Any]:
    """The blocking keys of a record. A query also looks under the date with day and month
    swapped and with the names the other way round; both are symmetric, so the index need
    not file them."""
    keys: set[Any] = set()
    if n[_NHS] and n[_NHS] != _INVALID:
        keys.add((_K_NHS, n[_NHS]))
    if n[_UPN] and n[_UPN] != _INVALID:
        keys.add((_K_UPN, n[_UPN]))
    dobs: tuple[int, ...] = (n[_DOB],) if n[_DOB] else ()
    if query and n[_DOB]:
        day, month = n[_DOB] % 100, n[_DOB] // 100 % 100
        if day <= 12 and day != month:
            dobs = (n[_DOB], n[_DOB] - day - month * 100 + month + day * 100)
    _name_keys(n[_GIVEN], n[_FAMILY], dobs, keys)
    for g, f in n[_ALTS]:
        _name_keys(g or n[_GIVEN], f or n[_FAMILY], dobs, keys)
    if query and n[_GIVEN] and n[_FAMILY]:
        _name_keys(n[_FAMILY], n[_GIVEN], dobs, keys)
    if n[_POSTCODE]:
        initial = n[_GIVEN][:1]
        keys.add((_K_POSTCODE, n[_POSTCODE], initial))
        for g, _ in n[_ALTS]:
            if g:
                keys.add((_K_POSTCODE, n[_POSTCODE], g[:1]))
        if query and n[_FAMILY]:
            # Names the other way round: the "given" name's initial is the family's.
            keys.add((_K_POSTCODE, n[_POSTCODE], n[_FAMILY][:1]))
    return keys


# A posting packs a key's hash and a record's position into one 63-bit integer, so a
# million people's postings are one sorted array of machine integers.
_ID_BITS = 26
_ID_MASK = (1 << _ID_BITS) - 1
_HASH_MASK = (1 << (63 - _ID_BITS)) - 1
_BUCKET_SHIFT = 63 - 8
# A key shared by more records than this says too little to be worth scoring them all.
MAX_BLOCK = 3000


class MatchIndex:
    """An in-memory blocking index of people, for lookups against a list or the register.

    ``MatchIndex(records)`` files every record under its blocking keys; ``lookup`` scores
    the records that share a key with the one looked up and returns the best, ranked.
    ``add`` files one more record (kept apart until ``compact``; compacted automatically
    once many have been added).
    """

    def __init__(self, records: Iterable[PersonRecord] = (), *, progress: Callable[[int], None] | None = None) -> None:
        self._records: list[_Norm] = []
        self._postings = array("q")
        self._added: dict[int, list[int]] = {}
        self._added_count = 0
        self._discarded: set[int] = set()
        self._given_counts: dict[str, int] = {}
        self._family_counts: dict[str, int] = {}
        buckets = [array("q") for _ in range(256)]
        done = 0
        for record in records:
            position = len(self._records)
            norm = _normalise(record)
            self._records.append(norm)
            self._count(norm)
            for key in _keys(norm, query=False):
                posting = ((hash(key) & _HASH_MASK) << _ID_BITS) | position
                buckets[posting >> _BUCKET_SHIFT].append(posting)
            done += 1
            if progress is not None and done == 1000:
                progress(done)
                done = 0
        if progress is not None and done:
            progress(done)
        for i, bucket in enumerate(buckets):
            self._postings.extend(sorted(bucket))
            buckets[i] = array("q")
        if len(self._records) > _ID_MASK:
            raise ValueError(f"A MatchIndex holds at most {_ID_MASK} records.")
        self._weights = _Weights(self._given_counts, self._family_counts, len(self._records))

    def _count(self, norm: _Norm) -> None:
        if norm[_GIVEN]:
            self._given_counts[norm[_GIVEN]] = self._given_counts.get(norm[_GIVEN], 0) + 1
        if norm[_FAMILY]:
            self._family_counts[norm[_FAMILY]] = self._family_counts.get(norm[_FAMILY], 0) + 1

    def __len__(self) -> int:
        return len(self._records)

    def filed(self) -> Iterator[tuple[int, str]]:
        """(position, key) of every record filed, in the order filed."""
        return ((position, norm[_KEY]) for position, norm in enumerate(self._records))

    def discard(self, position: int) -> None:
        """Leave the record at ``position`` out of every later lookup (a person changed or
        merged since it was filed)."""
        self._discarded.add(position)

    def add(self, record: PersonRecord) -> int:
        """File one more record; returns its position."""
        position = len(self._records)
        if position >= _ID_MASK:
            raise ValueError(f"A MatchIndex holds at most {_ID_MASK} records.")
        norm = _normalise(record)
        self._records.append(norm)
        self._count(norm)
        self._weights.changed(len(self._records))
        for key in _keys(norm, query=False):
            self._added.setdefault(hash(key) & _HASH_MASK, []).append(position)
            self._added_count += 1
        if self._added_count > max(200_000, len(self._postings) // 10):
            self.compact()
        return position

    def compact(self) -> None:
        """Fold the records added one by one into the sorted postings."""
        if not self._added:
            return
        merged = list(self._postings)
        for h, positions in self._added.items():
            merged.extend((h << _ID_BITS) | p for p in positions)
        merged.sort()
        self._postings = array("q", merged)
        self._added = {}
        self._added_count = 0

    def _block(self, h: int) -> list[int]:
        postings = self._postings
        lo = bisect_left(postings, h << _ID_BITS)
        hi = bisect_left(postings, (h + 1) << _ID_BITS, lo)
        found = [p & _ID_MASK for p in postings[lo:hi]] if hi - lo <= MAX_BLOCK else []
        extra = self._added.get(h)
        if extra:
            found.extend(extra[:MAX_BLOCK])
        return found

    def _candidates(self, q: _Norm) -> set[int]:
        positions: set[int] = set()
        for key in _keys(q, query=True):
            positions.update(self._block(hash(key) & _HASH_MASK))
        return positions

    def lookup(self, record: PersonRecord, limit: int = 10, threshold: float = DEFAULT_THRESHOLD) -> list[Candidate]:
        """The records that may be ``record``, best first: at most ``limit``, each scoring at
        least ``threshold`` (identifier matches always included), with what agreed."""
        q = _normalise(record)
        records, weights = self._records, self._weights
        return [_candidate(q, records[p], w, exact, weights) for w, exact, p in self._scored(q, limit, threshold)]

    def _scored(self, q: _Norm, limit: int, threshold: float) -> list[tuple[float, bool, int]]:
        """(weight, exact, position) of the best records for ``q``, best first."""
        weights = self._weights
        floor = weights.floor(threshold)
        records = self._records
        hits: list[tuple[float, bool, int]] = []
        candidates = self._candidates(q)
        if self._discarded:
            candidates -= self._discarded
        for position in candidates:
            weight, exact = _weight(q, records[position], weights)
            if exact or weight >= floor:
                hits.append((weight, exact, position))
        if len(hits) > 1:
            hits.sort(key=lambda h: (not h[1], -h[0], records[h[2]][_KEY]))
        return hits[:limit]


# --- Linking two lists ----------------------------------------------------------------


def link(
    left: Iterable[PersonRecord],
    right: Iterable[PersonRecord],
    threshold: float = DEFAULT_THRESHOLD,
    progress: Callable[[int], None] | None = None,
    *,
    all_pairs: bool = False,
) -> Iterator[tuple[str, str, Candidate]]:
    """Pairs ``(left key, right key, candidate)`` of records that are the same person.

    The larger list is indexed and each record of the other looked up. By default each left
    record gives at most one pair, its best match on the right (two if they tie exactly);
    ``all_pairs`` gives every pair at or above the threshold. Pairs come in the order of
    the left list. ``progress`` is called with the number of records looked up since the
    last call. The candidate's fields compare the left record with the right one.
    """
    lefts = list(left)
    rights = list(right)
    if not lefts or not rights:
        return
    found: dict[int, list[tuple[float, bool, int]]] = {}
    index_left = len(lefts) > len(rights)
    indexed, queries = (lefts, rights) if index_left else (rights, lefts)
    index = MatchIndex(indexed)
    per_query = 50 if index_left or all_pairs else 2
    done = 0
    for qi, record in enumerate(queries):
        q = _normalise(record)
        for weight, exact, ri in index._scored(q, per_query, threshold):
            li, other = (ri, qi) if index_left else (qi, ri)
            found.setdefault(li, []).append((100.0 if exact else weight, exact, other))
        done += 1
        if progress is not None and done == 500:
            progress(done)
            done = 0
    if progress is not None and done:
        progress(done)
    for li in sorted(found):
        pairs = sorted(found[li], key=lambda p: (not p[1], -p[0]))
        if not all_pairs:
            pairs = [p for p in pairs if p[:2] == pairs[0][:2]]
        ln = _normalise(lefts[li])
        for weight, exact, ri in pairs:
            rn = _normalise(rights[ri])
            yield lefts[li].key, rights[ri].key, _candidate(ln, rn, weight, exact, index._weights)


# --- The register ---------------------------------------------------------------------


def _person_record(person: Any, today: dt.date) -> PersonRecord:
    """A Person (with ``other_names`` and ``addresses`` prefetched) as a PersonRecord."""
    current = None
    for address in person.addresses.all():
        if address.is_current_on(today) and (
            current is None or (address.start_date or dt.date.min) > (current.start_date or dt.date.min)
        ):
            current = address
    sex = person.sex if person.sex in ("M", "F") else ""
    return PersonRecord(
        key=str(person.uuid),
        given_name=person.given_name,
        family_name=person.family_name,
        other_names=tuple((n.given_name, n.family_name) for n in person.other_names.all()),
        date_of_birth=person.date_of_birth,
        sex=sex,
        postcode=current.postcode if current else "",
        address=" ".join(p for p in (current.line1, current.line2, current.town) if p) if current else "",
        nhs_number=person.nhs_number,
        upn=person.upn,
    )


def register_records(queryset: QuerySet[Any] | None = None) -> Iterator[PersonRecord]:
    """Every person on the register (or in ``queryset``) as a PersonRecord keyed by uuid,
    leaving out records merged into another."""
    from django.utils import timezone

    from .models import Person

    people = queryset if queryset is not None else Person.objects.all()
    today = timezone.localdate()
    people = people.filter(merged_into__isnull=True).prefetch_related("other_names", "addresses").order_by("pk")
    for person in people.iterator(chunk_size=2000):
        yield _person_record(person, today)


# How many people each blocking query may bring back in register_lookup.
REGISTER_BLOCK_LIMIT = 500


def register_lookup(
    record: PersonRecord,
    limit: int = 10,
    threshold: float = DEFAULT_THRESHOLD,
    queryset: QuerySet[Any] | None = None,
) -> list[Candidate]:
    """Candidates on the register for ``record``, best first, without loading the register:
    each blocking key is a small indexed query, and only the people they find are scored."""
    from django.db.models import Q
    from django.utils import timezone

    from .models import Address, Person, PersonName

    q = _normalise(record)
    people = (queryset if queryset is not None else Person.objects.all()).filter(merged_into__isnull=True)
    blocks: list[Q] = []
    if q[_NHS] and q[_NHS] != _INVALID:
        blocks.append(Q(nhs_number=q[_NHS]))
    if q[_UPN] and q[_UPN] != _INVALID:
        blocks.append(Q(upn=q[_UPN]) | Q(former_upn=q[_UPN]))
    dobs = []
    if q[_DOB]:
        dobs.append(_date(q[_DOB]))
        day, month = q[_DOB] % 100, q[_DOB] // 100 % 100
        if day <= 12 and day != month:
            dobs.append(dt.date(q[_DOB] // 10000, day, month))
    name_pairs = [(q[_GIVEN], q[_FAMILY]), (q[_FAMILY], q[_GIVEN]), *q[_ALTS]]
    for given, family in name_pairs:
        # Each block asks for the phonetic keys or the folded names themselves, so that
        # rows whose phonetic keys have not been filled in yet are still found.
        given_codes = sorted(_info(given).group_codes) if given else []
        given_forms = sorted({given, *_info(given).group}) if given else []
        family_codes = sorted({jellyfish.metaphone(p) for p in _info(family).parts} - {""}) if family else []
        family_forms = sorted({family, *_info(family).parts}) if family else []
        by_given = Q(phonetic_given__in=given_codes) | Q(search_given__in=given_forms)
        by_family = Q(phonetic_family__in=family_codes) | Q(search_family__in=family_forms)
        if given and family:
            blocks.append(
                Q(phonetic_family__in=family_codes, phonetic_given__in=given_codes)
                | Q(search_family__in=family_forms, search_given__in=given_forms)
            )
        if dobs and family:
            blocks.append(Q(date_of_birth__in=dobs) & by_family)
        if dobs and given:
            blocks.append(Q(date_of_birth__in=dobs) & by_given)
    if q[_POSTCODE] and q[_GIVEN]:
        at_postcode = Address.objects.filter(
            postcode__in={format_postcode(q[_POSTCODE]), q[_POSTCODE]}, end_date__isnull=True
        ).values("person_id")
        blocks.append(Q(pk__in=at_postcode, search_given__startswith=q[_GIVEN][:1]))
    if q[_FAMILY]:
        families = {q[_FAMILY], *_info(q[_FAMILY]).parts}
        named = PersonName.objects.filter(search_family__in=families)
        named = (
            named.filter(Q(search_given__in={q[_GIVEN], *_info(q[_GIVEN]).group}) | Q(search_given=""))
            if q[_GIVEN]
            else named
        )
        blocks.append(Q(pk__in=named.values("person_id")))
    # Every block on its own indexes, in one round trip: a UNION of the blocks (no ordering;
    # merged records are left out only when the people found are fetched, since a condition
    # true of nearly every row misleads planners). The cap keeps a very common name from
    # flooding the scoring.
    if not blocks:
        return []
    branches = [Person.objects.order_by().filter(block).values_list("pk", flat=True) for block in blocks]
    union = branches[0].union(*branches[1:]) if len(branches) > 1 else branches[0]
    found = set(union[: REGISTER_BLOCK_LIMIT * len(blocks)])
    if not found:
        return []
    today = timezone.localdate()
    rows = people.filter(pk__in=found).prefetch_related("other_names", "addresses")
    # How common the looked-up names are on the register (indexed counts), as an index knows.
    weights = _Weights(
        {q[_GIVEN]: _name_count("search_given", q[_GIVEN])} if q[_GIVEN] else {},
        {q[_FAMILY]: _name_count("search_family", q[_FAMILY])} if q[_FAMILY] else {},
        _register_size(),
    )
    floor = weights.floor(threshold)
    hits: list[tuple[float, bool, _Norm]] = []
    for person in rows:
        r = _normalise(_person_record(person, today))
        weight, exact = _weight(q, r, weights)
        if exact or weight >= floor:
            hits.append((weight, exact, r))
    hits.sort(key=lambda h: (not h[1], -h[0], h[2][_KEY]))
    return [_candidate(q, r, w, exact, weights) for w, exact, r in hits[:limit]]


_register_count: tuple[float, int] = (0.0, 0)
_name_counts: dict[tuple[str, str], tuple[float, int]] = {}


def _name_count(column: str, name: str) -> int:
    """How many people on the register have this name (an indexed count), remembered for
    ten minutes: how common a name is changes slowly, and every lookup asks."""
    import time

    from .models import Person

    key = (column, name)
    checked, count = _name_counts.get(key, (0.0, -1))
    if time.monotonic() - checked > 600 or count < 0:
        if len(_name_counts) > 20_000:
            _name_counts.clear()
        count = Person.objects.filter(**{column: name}).count()
        _name_counts[key] = (time.monotonic(), count)
    return count


def _register_size() -> int:
    """How many people are on the register, counted at most once every ten minutes."""
    import time

    from .models import Person

    global _register_count
    checked, size = _register_count
    if time.monotonic() - checked > 600 or size == 0:
        size = Person.objects.filter(merged_into__isnull=True).count()
        _register_count = (time.monotonic(), size)
    return size
