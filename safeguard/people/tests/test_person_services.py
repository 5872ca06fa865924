from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from safeguard.audit.models import AuditEvent, EventType
from safeguard.conftest import Cast
from safeguard.lib.errors import AccessDenied, StaleEdit
from safeguard.people import services
from safeguard.people.models import Address


def _events(**filters: object) -> list[str]:
    return list(AuditEvent.objects.filter(**filters).order_by("sequence").values_list("event_type", flat=True))


def test_it_creates_a_person_with_a_local_id_and_audits_it(cast: Cast) -> None:
    person = services.person_create(
        actor=cast.sw, given_name="  Ava ", family_name="Okafor", date_of_birth=dt.date(2019, 2, 3), sex="F", upn=""
    )
    assert person.la_id.startswith("NB")
    assert person.given_name == "Ava"
    assert person.search_family == "okafor"
    assert _events(child_uuid=person.uuid) == [EventType.PERSON_CREATED]


def test_it_records_an_unborn_child_by_expected_date(cast: Cast) -> None:
    due = dt.date.today() + dt.timedelta(days=60)
    person = services.person_create(actor=cast.sw, family_name="Brookes", expected_date_of_birth=due)
    assert person.is_unborn
    assert person.sex == "U"


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"family_name": "X", "nhs_number": "9434765918"}, "nhs_number", "check digit is wrong"),
        ({"family_name": "X", "upn": "A8012"}, "upn", "13 characters"),
        (
            {"family_name": "X", "date_of_birth": dt.date(2010, 1, 1), "expected_date_of_birth": dt.date(2027, 1, 1)},
            "expected_date_of_birth",
            "not both",
        ),
        (
            {"family_name": "X", "date_of_birth": dt.date.today() + dt.timedelta(days=2)},
            "date_of_birth",
            "today or in the past",
        ),
        ({"family_name": "X", "disabilities": ["NONE", "AUT"]}, "disabilities", "cannot be chosen with"),
        ({"expected_date_of_birth": dt.date.today() + dt.timedelta(days=9), "sex": "F"}, "sex", "unborn child's sex"),
        ({}, "family_name", "Enter the person's name"),
    ],
)
def test_it_refuses_bad_details_naming_the_field(cast: Cast, values: dict, field: str, message: str) -> None:
    with pytest.raises(ValidationError) as error:
        services.person_create(actor=cast.sw, **values)
    assert message in " ".join(error.value.message_dict[field])


def test_it_refuses_partners_and_analysts_creating_people(cast: Cast) -> None:
    for user in (cast.police, cast.analyst, cast.admin):
        with pytest.raises(AccessDenied):
            services.person_create(actor=user, family_name="Nobody")
    assert AuditEvent.objects.filter(event_type=EventType.ACCESS_DENIED).count() == 3


def test_it_updates_a_record_and_keeps_old_and_new_values(cast: Cast) -> None:
    updated = services.person_update(
        actor=cast.sw, person=cast.child, expected_version=1, first_language="Polish", interpreter_needed=True
    )
    assert updated.version == 2
    event = AuditEvent.objects.filter(event_type=EventType.PERSON_UPDATED).get()
    assert event.data["old"] == {"first_language": "", "interpreter_needed": False}
    assert event.data["new"] == {"first_language": "Polish", "interpreter_needed": True}


def test_it_refuses_a_stale_save_and_says_what_changed(cast: Cast) -> None:
    services.person_update(actor=cast.manager, person=cast.child, expected_version=1, known_as="Ty")
    with pytest.raises(StaleEdit) as error:
        services.person_update(
            actor=cast.sw, person=cast.child, expected_version=1, known_as="Tye", first_language="English"
        )
    assert error.value.changes == {"known_as": ("", "Ty")}
    assert "Mina Hart" in error.value.changed_by
    cast.child.refresh_from_db()
    assert cast.child.known_as == "Ty"
    assert cast.child.first_language == ""
    assert AuditEvent.objects.filter(event_type=EventType.PERSON_EDIT_CONFLICT, actor=cast.sw).count() == 1


def test_it_refuses_edits_by_someone_without_a_relationship(cast: Cast) -> None:
    with pytest.raises(AccessDenied):
        services.person_update(actor=cast.sw_other, person=cast.child, expected_version=1, known_as="Ty")
    with pytest.raises(AccessDenied):
        services.person_update(actor=cast.police, person=cast.child, expected_version=1, known_as="Ty")


def test_it_ends_the_previous_address_when_a_new_one_starts(cast: Cast) -> None:
    first = services.address_add(
        actor=cast.sw, person=cast.child, line1="1 Mill Lane", postcode="nb1 2ab", start_date=dt.date(2020, 1, 1)
    )
    services.address_add(
        actor=cast.sw, person=cast.child, line1="9 Canal Street", postcode="NB3 4CD", start_date=dt.date(2025, 6, 1)
    )
    first.refresh_from_db()
    assert first.postcode == "NB1 2AB"
    assert first.end_date == dt.date(2025, 5, 31)
    assert Address.objects.filter(person=cast.child, end_date__isnull=True).count() == 1
    assert _events(child_uuid=cast.child.uuid, event_type__startswith="person.address") == [
        EventType.ADDRESS_ADDED,
        EventType.ADDRESS_ENDED,
        EventType.ADDRESS_ADDED,
    ]


def test_it_records_relationships_once(cast: Cast) -> None:
    services.relationship_add(
        actor=cast.sw, person=cast.child, other=cast.mother, kind="parent", parental_responsibility=True
    )
    with pytest.raises(ValidationError, match="already recorded"):
        services.relationship_add(actor=cast.sw, person=cast.child, other=cast.mother, kind="parent")
    with pytest.raises(ValidationError, match="themselves"):
        services.relationship_add(actor=cast.sw, person=cast.child, other=cast.child, kind="other")


def test_it_adds_and_ends_warnings(cast: Cast) -> None:
    warning = services.warning_add(
        actor=cast.sw, person=cast.child, category="risk_to_staff", text="Father hostile to visitors"
    )
    ended = services.warning_end(actor=cast.manager, warning=warning)
    assert ended.ended_at is not None
    with pytest.raises(ValidationError):
        services.warning_add(actor=cast.sw, person=cast.child, category="other", text="  ")
