from __future__ import annotations

import re
from typing import Any

import pytest
from django.db import transaction

from safeguard.access.models import Involvement
from safeguard.accounts.models import User
from safeguard.accounts.services import system_user
from safeguard.people.models import Address, Person, PersonName, PersonWarning, Relationship

from .support import fast_passwords, seed


class _Undo(Exception):
    pass


def _snapshot() -> dict[str, Any]:
    """Everything a seed decides, without UUIDs, primary keys or timestamps."""
    la = dict(Person.objects.values_list("pk", "la_id"))
    return {
        "people": list(
            Person.objects.order_by("la_id").values_list(
                "la_id",
                "kind",
                "given_name",
                "middle_names",
                "family_name",
                "known_as",
                "date_of_birth",
                "expected_date_of_birth",
                "sex",
                "ethnicity",
                "first_language",
                "interpreter_needed",
                "disabilities",
                "nhs_number",
                "upn",
                "access_level",
                "search_given",
                "search_family",
            )
        ),
        "addresses": sorted(
            (la[p], l1, l2, town, pc, str(s), str(e))
            for p, l1, l2, town, pc, s, e in Address.objects.values_list(
                "person_id", "line1", "line2", "town", "postcode", "start_date", "end_date"
            )
        ),
        "relationships": sorted(
            (la[f], la[t], k, pr, d)
            for f, t, k, pr, d in Relationship.objects.values_list(
                "from_person_id", "to_person_id", "kind", "parental_responsibility", "description"
            )
        ),
        "names": sorted(
            (la[p], k, g, f)
            for p, k, g, f in PersonName.objects.values_list("person_id", "kind", "given_name", "family_name")
        ),
        "warnings": sorted(
            (la[p], c, t, u)
            for p, c, t, u in PersonWarning.objects.values_list("person_id", "category", "text", "raised_by__username")
        ),
        # Contact references are made from primary keys, which PostgreSQL's sequences do not
        # rewind between runs; everything else about an involvement must repeat exactly.
        "involvements": sorted(
            (la[c], k, u or "", t or "", a or "", CONTACT_REFERENCE.sub("C<ref>", r))
            for c, k, u, t, a, r in Involvement.objects.values_list(
                "child_id", "kind", "user__username", "team__name", "agency__name", "reason"
            )
        ),
        "users": sorted(User.objects.values_list("username", "first_name", "last_name", "role", "team__name")),
    }


CONTACT_REFERENCE = re.compile(r"C\d{6}-\d{6}")


def _seed_and_undo(seed_value: int) -> tuple[dict[str, Any], list[tuple[str, str, str]]]:
    result: dict[str, Any] = {}
    try:
        with transaction.atomic():
            summary = seed(children=60, seed=seed_value)
            result = _snapshot()
            la = dict(Person.objects.values_list("uuid", "la_id"))
            pairs = [(la[d.original], la[d.duplicate], d.variant) for d in summary.near_duplicates]
            raise _Undo
    except _Undo:
        pass
    return result, pairs


@pytest.mark.django_db
@fast_passwords
def test_it_builds_the_same_authority_from_the_same_seed() -> None:
    system_user()
    first, first_pairs = _seed_and_undo(5)
    assert Person.objects.count() == 0
    second, second_pairs = _seed_and_undo(5)
    assert first["people"], "the seed wrote no people"
    for key in first:
        assert first[key] == second[key], f"{key} differ between two runs with the same seed"
    assert first_pairs == second_pairs


@pytest.mark.django_db
@fast_passwords
def test_it_builds_a_different_authority_from_another_seed() -> None:
    system_user()
    first, _ = _seed_and_undo(5)
    other, _ = _seed_and_undo(6)
    assert first["people"] != other["people"]
