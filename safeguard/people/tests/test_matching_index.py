"""The in-memory index: blocking finds the candidates, lookups rank them, records can be
added one at a time, and link() pairs two lists."""

from __future__ import annotations

import datetime as dt

from safeguard.people.matching import (
    CONFIDENT_THRESHOLD,
    DEFAULT_THRESHOLD,
    MatchIndex,
    PersonRecord,
    link,
)
from safeguard.people.testing_corruption import people

BORN = dt.date(2012, 6, 9)


def test_it_finds_nothing_for_a_record_with_nothing_to_go_on() -> None:
    index = MatchIndex([PersonRecord("a", "Ava", "Moore", date_of_birth=BORN)])
    assert index.lookup(PersonRecord("q")) == []
    assert MatchIndex().lookup(PersonRecord("q", "Ava", "Moore", date_of_birth=BORN)) == []


def test_it_finds_records_added_after_it_was_built_and_after_compacting() -> None:
    index = MatchIndex(people(200, seed=3))
    index.add(PersonRecord("new", "Theodore", "Quillfeather", date_of_birth=BORN, sex="M"))
    query = PersonRecord("q", "Theo", "Quilfeather", date_of_birth=BORN)
    assert [c.key for c in index.lookup(query)] == ["new"]
    index.compact()
    assert [c.key for c in index.lookup(query)] == ["new"]
    assert len(index) == 201


def test_it_keeps_to_the_limit_and_the_threshold() -> None:
    twins = [PersonRecord(f"k{i}", "Ava", "Moore", date_of_birth=BORN, sex="F") for i in range(15)]
    index = MatchIndex(twins)
    found = index.lookup(PersonRecord("q", "Ava", "Moore", date_of_birth=BORN), limit=10)
    assert len(found) == 10
    assert [c.key for c in found] == sorted(c.key for c in found)  # equal scores: a stable order
    assert index.lookup(PersonRecord("q", "Ava", "Moore", date_of_birth=BORN), threshold=100) == []


def test_it_puts_an_identifier_match_first() -> None:
    index = MatchIndex(
        [
            PersonRecord("same-name", "Ava", "Moore", date_of_birth=BORN, sex="F"),
            PersonRecord("same-upn", "A", "M", upn="Y801200000019"),
        ]
    )
    found = index.lookup(PersonRecord("q", "Ava", "Moore", date_of_birth=BORN, upn="y8012 0000 0019"))
    assert [c.key for c in found] == ["same-upn", "same-name"]
    assert found[0].exact and found[0].score == 100 and found[0].confident
    assert not found[1].exact and found[1].score < 100


def test_its_thresholds_are_ordered() -> None:
    assert 0 < DEFAULT_THRESHOLD < CONFIDENT_THRESHOLD < 100


def test_it_links_each_left_record_to_its_best_match_whichever_list_is_larger() -> None:
    register = people(300, seed=5)
    small = [
        PersonRecord("s1", register[10].given_name, register[10].family_name, date_of_birth=register[10].date_of_birth),
        PersonRecord("s2", register[20].given_name, register[20].family_name, date_of_birth=register[20].date_of_birth),
        PersonRecord("s3", "Nobody", "Atall", date_of_birth=dt.date(2001, 1, 1)),
    ]
    forwards = [(a, b) for a, b, _ in link(small, register)]
    assert forwards == [("s1", register[10].key), ("s2", register[20].key)]
    backwards = [(a, b) for a, b, _ in link(register, small)]
    assert backwards == [(register[10].key, "s1"), (register[20].key, "s2")]


def test_it_links_every_pair_above_the_threshold_when_asked() -> None:
    left = [PersonRecord("l1", "Ava", "Moore", date_of_birth=BORN, sex="F")]
    right = [
        PersonRecord("r1", "Ava", "Moore", date_of_birth=BORN, sex="F"),
        PersonRecord("r2", "Ava", "Moor", date_of_birth=BORN),
        PersonRecord("r3", "Isla", "Moore", date_of_birth=BORN, sex="F"),
    ]
    assert [b for _, b, _ in link(left, right)] == ["r1"]
    every = list(link(left, right, all_pairs=True))
    assert [b for _, b, _ in every] == ["r1", "r2"]
    assert every[0][2].score >= every[1][2].score >= DEFAULT_THRESHOLD


def test_it_reports_progress_while_linking() -> None:
    seen: list[int] = []
    pairs = list(link(people(50, seed=1), people(40, seed=1), progress=seen.append))
    assert sum(seen) == 40
    assert len(pairs) == 40  # the same seed: the same people
