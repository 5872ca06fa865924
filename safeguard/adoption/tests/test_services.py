"""Adoption's actions: who may take them, what they check, the audit they write, and a
stale save refused."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from safeguard.adoption import services
from safeguard.adoption.models import AdoptionDecision
from safeguard.audit.models import AuditEvent, EventType
from safeguard.conftest import Cast
from safeguard.lib.errors import AccessDenied, InvalidTransition, StaleEdit

from .support import couple, in_care

pytestmark = pytest.mark.django_db


def _today() -> dt.date:
    return timezone.localdate()


def _ago(days: int) -> dt.date:
    return _today() - dt.timedelta(days=days)


def test_it_records_a_decision_for_a_child_in_care_with_a_match_due(cast: Cast) -> None:
    in_care(cast, cast.child, _ago(300))
    before = AuditEvent.objects.count()
    decision = services.decision_record(actor=cast.sw, child=cast.child, decided_on=_ago(100))
    assert decision.match_due is not None and decision.match_due > decision.decided_on
    events = list(AuditEvent.objects.order_by("sequence")[before:].values_list("event_type", "child_uuid"))
    assert events == [(EventType.RECORD_CREATED, cast.child.uuid)]


def test_it_refuses_a_decision_for_a_child_not_in_care(cast: Cast) -> None:
    with pytest.raises(ValidationError) as caught:
        services.decision_record(actor=cast.sw, child=cast.child, decided_on=_ago(10))
    assert "not looked after" in str(caught.value)


def test_it_refuses_those_without_the_care_record_and_records_the_refusal(cast: Cast) -> None:
    in_care(cast, cast.child, _ago(300))
    for user in (cast.sw_other, cast.police):
        with pytest.raises(AccessDenied):
            services.decision_record(actor=user, child=cast.child, decided_on=_ago(100))
    assert AuditEvent.objects.filter(event_type=EventType.ACCESS_DENIED, child_uuid=cast.child.uuid).count() == 2
    assert not AdoptionDecision.objects.exists()


def test_it_refuses_a_second_open_decision(cast: Cast) -> None:
    in_care(cast, cast.child, _ago(300))
    services.decision_record(actor=cast.sw, child=cast.child, decided_on=_ago(100))
    with pytest.raises(InvalidTransition):
        services.decision_record(actor=cast.sw, child=cast.child, decided_on=_ago(50))


def test_it_records_the_match_and_placement_and_stops_the_match_clock(cast: Cast) -> None:
    in_care(cast, cast.child, _ago(300))
    household = couple(cast, _ago(600))
    decision = services.decision_record(actor=cast.sw, child=cast.child, decided_on=_ago(200))
    before = AuditEvent.objects.count()
    decision = services.decision_update(
        actor=cast.sw,
        decision=decision,
        expected_version=1,
        matched_on=_ago(60),
        household=household,
        placed_on=_ago(30),
        placed_with_foster_carer=False,
    )
    assert decision.version == 2 and decision.match_due is None and decision.stage == "Placed for adoption"
    event = AuditEvent.objects.order_by("sequence")[before:].get()
    assert event.event_type == EventType.RECORD_UPDATED
    assert event.data["new"]["household"] == household.reference
    assert event.data["extra"] == {"record": "adoption_decision", "version": 2}


def test_it_refuses_a_stale_save_and_changes_nothing(cast: Cast) -> None:
    in_care(cast, cast.child, _ago(300))
    decision = services.decision_record(actor=cast.sw, child=cast.child, decided_on=_ago(200))
    services.decision_update(actor=cast.manager, decision=decision, expected_version=1, placement_order_on=_ago(150))
    with pytest.raises(StaleEdit):
        services.decision_update(actor=cast.sw, decision=decision, expected_version=1, placement_order_on=_ago(140))
    decision.refresh_from_db()
    assert decision.placement_order_on == _ago(150) and decision.version == 2
    assert AuditEvent.objects.filter(event_type=EventType.RECORD_CONFLICT, actor=cast.sw).count() == 1


def test_it_refuses_a_reversal_without_a_reason(cast: Cast) -> None:
    in_care(cast, cast.child, _ago(300))
    decision = services.decision_record(actor=cast.sw, child=cast.child, decided_on=_ago(200))
    with pytest.raises(ValidationError) as caught:
        services.decision_update(actor=cast.sw, decision=decision, expected_version=1, no_longer_on=_ago(10))
    assert caught.value.message_dict == {
        "no_longer_reason": ["Choose why the child should no longer be placed for adoption."]
    }
    services.decision_update(
        actor=cast.sw, decision=decision, expected_version=1, no_longer_on=_ago(10), no_longer_reason="RD3"
    )
    decision.refresh_from_db()
    assert not decision.is_open and decision.match_due is None
    # Reversed, a new decision may follow it, not precede the reversal.
    with pytest.raises(ValidationError):
        services.decision_record(actor=cast.sw, child=cast.child, decided_on=_ago(20))
    services.decision_record(actor=cast.sw, child=cast.child, decided_on=_ago(5))


def test_it_creates_a_household_with_identifiers_and_audits_each_record(cast: Cast) -> None:
    before = AuditEvent.objects.count()
    household = couple(cast, _ago(30))
    second = couple(cast, _ago(20))
    assert household.reference == "AF0001" and second.reference == "AF0002"
    assert list(household.adopters.values_list("identifier", flat=True)) == ["AF0001-1", "AF0001-2"]
    created = AuditEvent.objects.order_by("sequence")[before:].values_list("event_type", "subject_type")
    assert list(created)[:3] == [
        (EventType.RECORD_CREATED, "AdopterHousehold"),
        (EventType.RECORD_CREATED, "Adopter"),
        (EventType.RECORD_CREATED, "Adopter"),
    ]


def test_it_refuses_a_legal_status_that_does_not_fit_the_adopters(cast: Cast) -> None:
    with pytest.raises(ValidationError) as caught:
        couple(cast, _ago(30), status="L12")
    assert caught.value.message_dict == {
        "legal_status": ["The adopters' sexes do not fit a married couple of the same sex."]
    }


def test_it_keeps_adopters_to_the_adoption_workers(cast: Cast) -> None:
    with pytest.raises(AccessDenied):
        services.household_create(
            actor=cast.sw,
            legal_status="L0",
            enquiry_on=_ago(3),
            adopters=[services.AdopterInput("Niamh", "Doyle", "F", "WIRI")],
        )
    household = services.household_create(
        actor=cast.hos,
        legal_status="L0",
        enquiry_on=_ago(3),
        adopters=[services.AdopterInput("Niamh", "Doyle", "F", "WIRI")],
    )
    assert household.adopters.count() == 1


def test_it_records_the_journey_in_order_and_refuses_a_stale_save(cast: Cast) -> None:
    household = couple(cast, _ago(300))
    with pytest.raises(ValidationError) as caught:
        services.household_update(actor=cast.hos, household=household, expected_version=1, stage1_started_on=_ago(301))
    assert "stage1_started_on" in caught.value.message_dict
    services.household_update(
        actor=cast.hos,
        household=household,
        expected_version=1,
        stage1_started_on=_ago(290),
        left_on=_ago(100),
        left_reason="1",
    )
    with pytest.raises(StaleEdit):
        services.household_update(actor=cast.system, household=household, expected_version=1, approved_on=_ago(50))


def test_it_adds_a_second_adopter_with_the_couples_status(cast: Cast) -> None:
    household = services.household_create(
        actor=cast.hos,
        legal_status="L0",
        enquiry_on=_ago(3),
        adopters=[services.AdopterInput("Sara", "L", "F", "WOTH")],
    )
    with pytest.raises(ValidationError):
        services.adopter_add(
            actor=cast.hos,
            household=household,
            adopter=services.AdopterInput("Jo", "L", "F", "WOTH"),
            legal_status="L11",
            expected_version=1,
        )
    adopter = services.adopter_add(
        actor=cast.hos,
        household=household,
        adopter=services.AdopterInput("Jo", "L", "F", "WOTH"),
        legal_status="L4",
        expected_version=1,
    )
    household.refresh_from_db()
    assert adopter.identifier == "AF0001-2" and household.legal_status == "L4" and household.version == 2
    with pytest.raises(ValidationError):
        services.adopter_update(actor=cast.hos, adopter=adopter, expected_version=1, sex="M")
    services.adopter_update(actor=cast.hos, adopter=adopter, expected_version=1, disability="no")
