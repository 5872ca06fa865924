from __future__ import annotations

import datetime as dt
import re

import pytest

from safeguard.demo.services import NearDuplicate
from safeguard.lib.identifiers import nhs_number_is_valid, upn_is_valid
from safeguard.lib.names import fold
from safeguard.people.codes import Sex
from safeguard.people.models import Person, PersonKind

from .support import TODAY, fast_passwords, seed


@pytest.mark.django_db
@fast_passwords
def test_it_gives_only_valid_synthetic_nhs_numbers() -> None:
    summary = seed(children=300)
    numbers = list(Person.objects.exclude(nhs_number="").values_list("nhs_number", flat=True))
    assert len(numbers) > 300
    for number in numbers:
        assert nhs_number_is_valid(number), number
        assert number.startswith("999"), number
    # Numbers repeat only where a near-duplicate record copied the original's.
    copies = len(numbers) - len(set(numbers))
    assert copies <= len(summary.near_duplicates)


@pytest.mark.django_db
@fast_passwords
def test_it_gives_school_age_children_valid_upns() -> None:
    seed(children=300)
    children = list(Person.objects.filter(kind=PersonKind.CHILD))
    upns = [c.upn for c in children if c.upn]
    assert len(upns) > 100
    assert len(upns) == len(set(upns))
    for child in children:
        if child.upn:
            assert upn_is_valid(child.upn), child.upn
            assert child.upn[1:4] == "801"
            assert child.age_on(TODAY) >= 4
    assert not Person.objects.filter(kind=PersonKind.ADULT).exclude(upn="").exists()


@pytest.mark.django_db
@fast_passwords
def test_it_records_children_as_the_register_expects() -> None:
    summary = seed(children=300)
    people = list(Person.objects.all())
    assert summary.children == 300
    # The leaving-care seeder adds young people of 16 to 25 who left care (their records
    # stay children's records); every other child is the register's, aged 0 to 17.
    care_leavers = Person.objects.filter(kind=PersonKind.CHILD, leaving_care__isnull=False)
    made_for_leaving_care = care_leavers.count() - summary.contexts["leaving_care"]["from_care_seeder"]
    expected = 300 + len(summary.near_duplicates) + made_for_leaving_care
    assert Person.objects.filter(kind=PersonKind.CHILD).count() == expected
    for person in people:
        assert re.fullmatch(r"NB\d{7}", person.la_id)
        assert person.search_family == fold(person.family_name)
        assert person.search_given == fold(person.given_name)
    for child in (p for p in people if p.kind == PersonKind.CHILD and p.date_of_birth):
        limit = 25 if care_leavers.filter(pk=child.pk).exists() else 17
        assert 0 <= child.age_on(TODAY) <= limit
    unborn = [p for p in people if p.is_unborn]
    assert len(unborn) == summary.unborn >= 1
    for child in unborn:
        assert child.sex == Sex.UNKNOWN and not child.given_name and not child.nhs_number
        assert TODAY < child.expected_date_of_birth <= TODAY + dt.timedelta(days=152)
    assert len({p.ethnicity for p in people}) >= 8


@pytest.mark.django_db
@fast_passwords
def test_it_places_children_in_families() -> None:
    seed(children=120)
    for child in Person.objects.filter(kind=PersonKind.CHILD).prefetch_related("relationships_to", "addresses")[:80]:
        if child.relationships_to.exists():
            mother = child.relationships_to.filter(kind="parent", description="Mother").first()
            assert mother is not None and mother.parental_responsibility
            assert child.addresses.filter(end_date__isnull=True).exists()
    sibling = Person.objects.filter(relationships_from__kind="sibling").first()
    assert sibling is not None


@pytest.mark.django_db
@fast_passwords
def test_it_makes_near_duplicates_of_about_two_percent_of_children() -> None:
    summary = seed(children=300)
    assert 4 <= len(summary.near_duplicates) <= 10
    by_uuid = {p.uuid: p for p in Person.objects.filter(kind=PersonKind.CHILD)}
    for pair in summary.near_duplicates:
        assert isinstance(pair, NearDuplicate)
        original, duplicate = by_uuid[pair.original], by_uuid[pair.duplicate]
        assert original.pk != duplicate.pk and original.la_id != duplicate.la_id
        differs = (
            original.given_name != duplicate.given_name
            or original.family_name != duplicate.family_name
            or original.date_of_birth != duplicate.date_of_birth
            or original.nhs_number != duplicate.nhs_number
        )
        assert differs, pair
        if pair.variant == "dob_day_month_swapped":
            assert (original.date_of_birth.day, original.date_of_birth.month) == (
                duplicate.date_of_birth.month,
                duplicate.date_of_birth.day,
            )
        if pair.variant == "nhs_number_missing":
            assert original.nhs_number and not duplicate.nhs_number
