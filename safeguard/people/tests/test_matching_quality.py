"""Matching quality on generated people where the truth is known: referrals corrupted the
way referrers corrupt them, and children who are not on the register, many of them the
brothers, sisters and twins of children who are. bench/bench_matching.py measures the
figures at scale; this keeps floors under them."""

from __future__ import annotations

import pytest

from safeguard.people.matching import DEFAULT_THRESHOLD, MatchIndex, link
from safeguard.people.testing_corruption import (
    RATES,
    linkage_lists,
    matching_set,
    people,
)


@pytest.fixture(scope="module")
def outcome() -> dict[str, int]:
    data = matching_set(20_000, 2_000, seed=11)
    index = MatchIndex(data.register)
    counts = {"linked": 0, "correct": 0, "on_register": 0, "siblings_linked": 0}
    on_register = {p.key for p in data.register}
    for query in data.queries:
        truth = data.truth[query.key]
        counts["on_register"] += truth is not None
        found = index.lookup(query)
        if found:
            counts["linked"] += 1
            counts["correct"] += found[0].key == truth
            if truth is None and found[0].key in on_register:
                counts["siblings_linked"] += 1
    return counts


def test_it_links_referrals_to_the_right_child_at_the_default_threshold(outcome: dict[str, int]) -> None:
    precision = outcome["correct"] / outcome["linked"]
    recall = outcome["correct"] / outcome["on_register"]
    assert precision >= 0.98, f"precision {precision:.4f} at {DEFAULT_THRESHOLD}"
    assert recall >= 0.95, f"recall {recall:.4f} at {DEFAULT_THRESHOLD}"


def test_it_rarely_takes_a_child_not_on_the_register_for_one_who_is(outcome: dict[str, int]) -> None:
    not_on_register = 2_000 - outcome["on_register"]
    assert outcome["siblings_linked"] / not_on_register <= 0.02


def test_it_links_two_lists_with_the_same_floors() -> None:
    left, right, truth = linkage_lists(3_000, 2_000, seed=12)
    pairs = {(a, b) for a, b, _ in link(left, right)}
    correct = len(pairs & truth)
    assert correct / len(pairs) >= 0.98
    assert correct / len(truth) >= 0.95


def test_its_generator_is_deterministic_and_synthetic() -> None:
    assert people(50, seed=4) == people(50, seed=4)
    assert people(50, seed=4) != people(50, seed=5)
    numbers = [p.nhs_number for p in people(500, seed=4) if p.nhs_number]
    assert numbers and all(n.startswith("999") for n in numbers)  # the NHS's test range
    assert len(set(numbers)) == len(numbers)
    assert all(0 <= rate <= 1 for rate in RATES.values())


def test_its_register_holds_twins_and_households() -> None:
    register = matching_set(3_000, 100, seed=2).register
    by_home: dict[str, list[str]] = {}
    for person in register:
        by_home.setdefault(person.address, []).append(person.key)
    assert any(len(keys) > 1 for keys in by_home.values())
    birthdays = {(p.family_name, p.address, p.date_of_birth) for p in register}
    assert len(birthdays) < len(register)  # some twins
