"""The matching engine finds a child however a referrer has spelt them, and explains why:
one test per way referrers corrupt a child's details, against a register that also holds
the child's twin, brother and a stranger with the same name."""

from __future__ import annotations

import datetime as dt

import pytest

from safeguard.lib.identifiers import nhs_number_with_check_digit
from safeguard.people.matching import (
    DEFAULT_THRESHOLD,
    Candidate,
    MatchIndex,
    PersonRecord,
    compare,
)


def _nhs(first_nine: str) -> str:
    number = nhs_number_with_check_digit(first_nine)
    assert number is not None
    return number


NHS_MOHAMMED = "9434765919"
NHS_OTHER = _nhs("999000011")
HOME = {"postcode": "NB1 2AB", "address": "12 Oak Road, Northbrook"}

REGISTER = [
    PersonRecord("eleanor", "Eleanor", "Smith-Jones", date_of_birth=dt.date(2011, 3, 4), sex="F", **HOME),
    # Eleanor's twin and brother: same family name, address and (for the twin) birthday.
    PersonRecord("grace", "Grace", "Smith-Jones", date_of_birth=dt.date(2011, 3, 4), sex="F", **HOME),
    PersonRecord("harvey", "Harvey", "Smith-Jones", date_of_birth=dt.date(2013, 6, 20), sex="M", **HOME),
    PersonRecord("robert", "Robert", "Okafor", date_of_birth=dt.date(2009, 1, 2), sex="M", postcode="NB3 4CD"),
    # A different Robert Okafor.
    PersonRecord("robert-2", "Robert", "Okafor", date_of_birth=dt.date(2012, 8, 30), sex="M", postcode="NB7 1XY"),
    PersonRecord("katie", "Katie", "Thompson", date_of_birth=dt.date(2015, 11, 23), sex="F", postcode="NB5 5EF"),
    PersonRecord(
        "mohammed", "Mohammed", "Hussain", date_of_birth=dt.date(2010, 12, 25), sex="M", nhs_number=NHS_MOHAMMED
    ),
    PersonRecord("zainab", "Zainab", "Begum", date_of_birth=dt.date(2014, 2, 17), sex="F"),
    PersonRecord(
        "amara",
        "Amara",
        "Mensah",
        other_names=(("", "Boateng"),),
        date_of_birth=dt.date(2016, 9, 14),
        sex="F",
        postcode="NB2 8QR",
    ),
]


@pytest.fixture(scope="module")
def index() -> MatchIndex:
    return MatchIndex(REGISTER)


def _field(candidate: Candidate, name: str) -> tuple[str, str]:
    result = next(f for f in candidate.fields if f.field == name)
    return result.outcome, result.note


def _top(index: MatchIndex, query: PersonRecord) -> Candidate:
    found = index.lookup(query)
    assert found, f"no candidate for {query}"
    return found[0]


@pytest.mark.parametrize(
    ("given", "family", "expected", "note"),
    [
        ("Ellie", "Smith-Jones", "eleanor", "Ellie is a short form of Eleanor"),
        ("Bob", "Okafor", "robert", "Bob is a short form of Robert"),
        ("Robbie", "Okafor", "robert", "Robbie is a short form of Robert"),
    ],
)
def test_it_matches_a_nickname(index: MatchIndex, given: str, family: str, expected: str, note: str) -> None:
    born = next(r.date_of_birth for r in REGISTER if r.key == expected)
    top = _top(index, PersonRecord("q", given, family, date_of_birth=born))
    assert top.key == expected
    assert _field(top, "given_name") == ("partial", note)
    assert top.score >= DEFAULT_THRESHOLD


def test_it_matches_a_phonetic_misspelling(index: MatchIndex) -> None:
    top = _top(index, PersonRecord("q", "Zaynab", "Begam", date_of_birth=dt.date(2014, 2, 17)))
    assert top.key == "zainab"
    assert _field(top, "given_name") == ("partial", "Zaynab and Zainab sound the same")
    assert _field(top, "family_name") == ("partial", "Begam and Begum sound the same")
    katie = _top(index, PersonRecord("q", "Katie", "Thomson", date_of_birth=dt.date(2015, 11, 23)))
    assert katie.key == "katie"
    assert _field(katie, "family_name") == ("partial", "Thomson and Thompson are spelt slightly differently")
    muhammad = _top(index, PersonRecord("q", "Muhammad", "Hussein", date_of_birth=dt.date(2010, 12, 25)))
    assert muhammad.key == "mohammed"
    assert _field(muhammad, "given_name")[0] == "partial"


def test_it_matches_day_and_month_swapped(index: MatchIndex) -> None:
    top = _top(index, PersonRecord("q", "Eleanor", "Smith-Jones", date_of_birth=dt.date(2011, 4, 3), sex="F"))
    assert top.key == "eleanor"
    assert _field(top, "date_of_birth") == ("partial", "day and month swapped (03/04/2011 and 04/03/2011)")


def test_it_matches_a_one_digit_date_of_birth_typo(index: MatchIndex) -> None:
    top = _top(index, PersonRecord("q", "Katie", "Thompson", date_of_birth=dt.date(2015, 11, 28), sex="F"))
    assert top.key == "katie"
    assert _field(top, "date_of_birth") == ("partial", "one digit different (28/11/2015 and 23/11/2015)")


@pytest.mark.parametrize("family", ["Jones", "Smith", "smith jones", "Jones-Smith"])
def test_it_matches_part_of_a_hyphenated_family_name(index: MatchIndex, family: str) -> None:
    top = _top(index, PersonRecord("q", "Eleanor", family, date_of_birth=dt.date(2011, 3, 4)))
    assert top.key == "eleanor"
    assert _field(top, "family_name")[0] == "partial"


def test_it_says_which_part_of_a_double_barrelled_name_matched(index: MatchIndex) -> None:
    top = _top(index, PersonRecord("q", "Eleanor", "Jones", date_of_birth=dt.date(2011, 3, 4)))
    assert _field(top, "family_name") == ("partial", "Jones is part of Smith-Jones")


def test_it_matches_given_and_family_names_the_other_way_round(index: MatchIndex) -> None:
    top = _top(index, PersonRecord("q", "OKAFOR", "robert", date_of_birth=dt.date(2009, 1, 2)))
    assert top.key == "robert"
    outcome, note = _field(top, "given_name")
    assert outcome == "partial" and note.startswith("names given the other way round")


def test_it_matches_a_previous_family_name(index: MatchIndex) -> None:
    top = _top(index, PersonRecord("q", "Amara", "Boateng", date_of_birth=dt.date(2016, 9, 14)))
    assert top.key == "amara"
    assert "using the other name Amara Boateng" in _field(top, "family_name")[1]


def test_it_matches_without_a_date_of_birth_when_the_address_agrees(index: MatchIndex) -> None:
    top = _top(index, PersonRecord("q", "Katie", "Thompson", sex="F", postcode="nb55ef"))
    assert top.key == "katie"
    assert _field(top, "date_of_birth") == ("missing", "date of birth not given on one record")


def test_it_offers_a_name_alone_only_as_a_weak_candidate(index: MatchIndex) -> None:
    """Two Robert Okafors and no date of birth: both are shown, neither reaches the threshold."""
    assert index.lookup(PersonRecord("q", "Robert", "Okafor")) == []
    weak = index.lookup(PersonRecord("q", "Robert", "Okafor"), threshold=0)
    assert {c.key for c in weak[:2]} == {"robert", "robert-2"}
    assert all(c.score < DEFAULT_THRESHOLD for c in weak)


def test_it_does_not_match_two_different_valid_nhs_numbers(index: MatchIndex) -> None:
    query = PersonRecord("q", "Mohammed", "Hussain", date_of_birth=dt.date(2010, 12, 25), nhs_number=NHS_OTHER)
    assert [c.key for c in index.lookup(query)] == []
    candidate = compare(query, REGISTER[6])
    assert candidate.score < DEFAULT_THRESHOLD and not candidate.exact
    assert _field(candidate, "nhs_number") == (
        "disagree",
        "different NHS numbers: strong evidence these are different people",
    )


def test_it_matches_the_same_nhs_number_exactly_whatever_the_name(index: MatchIndex) -> None:
    top = _top(index, PersonRecord("q", "Mo", "H", nhs_number="943 476 5919"))
    assert top.key == "mohammed" and top.exact and top.score == 100
    assert _field(top, "nhs_number") == ("agree", "same NHS number")
    assert _field(top, "family_name")[0] == "partial"  # H is only an initial: the worker sees it


def test_it_ignores_an_nhs_number_that_is_not_valid(index: MatchIndex) -> None:
    query = PersonRecord("q", "Mohammed", "Hussain", date_of_birth=dt.date(2010, 12, 25), nhs_number="9434765918")
    top = _top(index, query)
    assert top.key == "mohammed" and not top.exact
    assert _field(top, "nhs_number") == ("missing", "the NHS number on one record is not valid, so it was not used")


def test_it_tells_twins_apart(index: MatchIndex) -> None:
    grace = _top(index, PersonRecord("q", "Grace", "Smith Jones", date_of_birth=dt.date(2011, 3, 4), **HOME))
    assert grace.key == "grace"
    # A third child of the family, not on the register: her twin sisters are not her.
    isla = PersonRecord("q", "Isla", "Smith-Jones", date_of_birth=dt.date(2011, 3, 4), sex="F", **HOME)
    assert index.lookup(isla) == []
    assert _field(compare(isla, REGISTER[0]), "given_name") == ("disagree", "different given names (Isla, Eleanor)")


def test_it_does_not_take_a_brother_for_his_sister(index: MatchIndex) -> None:
    top = _top(index, PersonRecord("q", "Ellie", "Jones", date_of_birth=dt.date(2011, 3, 4), **HOME))
    assert top.key == "eleanor"
    assert "harvey" not in [c.key for c in index.lookup(PersonRecord("q", "Ellie", "Jones", **HOME))]


def test_it_ranks_candidates_best_first_and_explains_every_field(index: MatchIndex) -> None:
    found = index.lookup(
        PersonRecord("q", "Ellie", "Smith-Jones", date_of_birth=dt.date(2011, 3, 4), **HOME), limit=5, threshold=0
    )
    assert found[0].key == "eleanor"
    assert [c.score for c in found] == sorted((c.score for c in found), reverse=True)
    assert found[1].key == "grace" and found[1].score < DEFAULT_THRESHOLD
    assert [f.field for f in found[0].fields] == [
        "nhs_number",
        "upn",
        "given_name",
        "family_name",
        "date_of_birth",
        "sex",
        "postcode",
        "address",
    ]
    assert found[0].agreed == ["family_name", "date_of_birth", "postcode", "address"]
    assert all(f.note for c in found for f in c.fields)


def test_it_ignores_case_accents_and_stray_spaces() -> None:
    a = PersonRecord("a", "  ZOË ", "o'brien", date_of_birth=dt.date(2012, 2, 2), postcode=" nb1  2ab")
    b = PersonRecord("b", "Zoe", "OBrien", date_of_birth=dt.date(2012, 2, 2), postcode="NB12AB")
    candidate = compare(a, b)
    assert candidate.agreed == ["given_name", "family_name", "date_of_birth", "postcode"]
