"""Matching against the register in the database: register_lookup queries only the
blocks a record falls in; register_records reads everyone for a batch job. Merged
duplicates are never offered."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from safeguard.conftest import Cast
from safeguard.people import services
from safeguard.people.matching import PersonRecord, register_lookup, register_records
from safeguard.people.models import Person


@pytest.fixture
def register(cast: Cast) -> dict[str, Person]:
    made = {}
    for key, given, family, born, sex in [
        ("eleanor", "Eleanor", "Smith-Jones", dt.date(2011, 3, 4), "F"),
        ("grace", "Grace", "Smith-Jones", dt.date(2011, 3, 4), "F"),
        ("robert", "Robert", "Okafor", dt.date(2009, 1, 2), "M"),
    ]:
        made[key] = services.person_create(
            actor=cast.system, given_name=given, family_name=family, date_of_birth=born, sex=sex
        )
    for key in ("eleanor", "grace"):
        services.address_add(
            actor=cast.system,
            person=made[key],
            line1="12 Oak Road",
            town="Northbrook",
            postcode="nb1 2ab",
            start_date=dt.date(2015, 1, 1),
        )
    services.address_add(
        actor=cast.system,
        person=made["eleanor"],
        line1="3 Old Lane",
        postcode="NB9 9ZZ",
        start_date=dt.date(2012, 1, 1),
        end_date=dt.date(2014, 12, 31),
    )
    services.name_add(actor=cast.system, person=made["robert"], kind="previous", given_name="", family_name="Adeyemi")
    duplicate = services.person_create(
        actor=cast.system, given_name="Tylor", family_name="Brooks", date_of_birth=dt.date(2014, 5, 17), sex="M"
    )
    services.person_merge(actor=cast.mash, keep=cast.child, duplicate=duplicate, reason="Same child: misspelt contact")
    made["duplicate"] = duplicate
    return made


def _keys(record: PersonRecord, **kwargs: object) -> list[str]:
    return [c.key for c in register_lookup(record, **kwargs)]  # type: ignore[arg-type]


def test_it_finds_a_child_on_the_register_from_a_corrupted_contact(cast: Cast, register: dict[str, Person]) -> None:
    found = register_lookup(PersonRecord("contact", "Ellie", "Jones", date_of_birth=dt.date(2011, 4, 3)))
    assert [c.key for c in found] == [str(register["eleanor"].uuid)]
    notes = {f.field: f.note for f in found[0].fields}
    assert notes["given_name"] == "Ellie is a short form of Eleanor"
    assert notes["family_name"] == "Jones is part of Smith-Jones"
    assert notes["date_of_birth"] == "day and month swapped (03/04/2011 and 04/03/2011)"


def test_it_finds_a_child_by_nhs_number_alone(cast: Cast, register: dict[str, Person]) -> None:
    found = register_lookup(PersonRecord("contact", nhs_number="943 476 5919"))
    assert found[0].key == str(cast.child.uuid) and found[0].exact and found[0].score == 100


def test_it_finds_a_child_by_names_the_other_way_round_and_by_a_previous_name(
    cast: Cast, register: dict[str, Person]
) -> None:
    robert = str(register["robert"].uuid)
    assert _keys(PersonRecord("c", "Okafor", "Bob", date_of_birth=dt.date(2009, 1, 2))) == [robert]
    assert _keys(PersonRecord("c", "Robert", "Adeyemi", date_of_birth=dt.date(2009, 2, 1))) == [robert]


def test_it_finds_a_child_by_postcode_when_the_names_are_mangled(cast: Cast, register: dict[str, Person]) -> None:
    record = PersonRecord("c", "Elenor", "Smyth Jonse", date_of_birth=dt.date(2011, 3, 14), postcode="NB12AB", sex="F")
    assert _keys(record)[0] == str(register["eleanor"].uuid)


def test_it_does_not_offer_a_twin_or_a_merged_duplicate(cast: Cast, register: dict[str, Person]) -> None:
    twin = PersonRecord("c", "Isla", "Smith-Jones", date_of_birth=dt.date(2011, 3, 4), postcode="NB1 2AB", sex="F")
    assert _keys(twin) == []
    tyler = _keys(PersonRecord("c", "Tylor", "Brooks", date_of_birth=dt.date(2014, 5, 17)), threshold=0)
    assert str(register["duplicate"].uuid) not in tyler
    assert tyler[0] == str(cast.child.uuid)


def test_it_looks_up_in_a_bounded_number_of_queries(cast: Cast, register: dict[str, Person]) -> None:
    record = PersonRecord(
        "c", "Ellie", "Smith-Jones", date_of_birth=dt.date(2011, 3, 4), postcode="NB1 2AB", nhs_number="9434765919"
    )
    with CaptureQueriesContext(connection) as queries:
        register_lookup(record)
    assert len(queries) <= 20


def test_it_reads_the_register_with_current_postcodes_and_other_names(cast: Cast, register: dict[str, Person]) -> None:
    records = {r.key: r for r in register_records()}
    assert str(register["duplicate"].uuid) not in records
    assert len(records) == Person.objects.filter(merged_into__isnull=True).count()
    eleanor = records[str(register["eleanor"].uuid)]
    assert (eleanor.postcode, eleanor.address) == ("NB1 2AB", "12 Oak Road Northbrook")
    assert records[str(register["robert"].uuid)].other_names == (("", "Adeyemi"),)
    tyler = records[str(cast.child.uuid)]
    assert (tyler.nhs_number, tyler.sex, tyler.date_of_birth) == ("9434765919", "M", dt.date(2014, 5, 17))
