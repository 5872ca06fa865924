"""Reviews chaired by the IRO, statutory visits, plans, health and education through the
services: the stored deadlines follow the rules, the partners record only their part."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from safeguard.audit.models import AuditEvent, EventType
from safeguard.care import rules, services
from safeguard.care.models import CareRecord, Episode
from safeguard.lib.errors import AccessDenied

from .conftest import START, CareCast, foster_placement

D = dt.date


@pytest.fixture
def in_care(care: CareCast) -> Episode:
    return services.care_start(
        actor=care.cast.sw,
        child=care.cast.child,
        start_date=START,
        legal_status="V2",
        category_of_need="N1",
        placement=foster_placement(care.foster),
        iro=care.iro,
    )


def record(care: CareCast) -> CareRecord:
    return CareRecord.objects.get(child=care.cast.child)


def test_it_schedules_reviews_first_second_then_six_monthly(care: CareCast, in_care: Episode) -> None:
    c = care.cast
    first_due = rules.first_review_due(START)
    assert record(care).next_review_due == first_due
    review = services.review_record(
        actor=care.iro, child=c.child, held_on=D(2025, 6, 25), participation="PN1", decisions="Stay with carers."
    )
    assert review.sequence == 1 and review.due_on == first_due and review.chair == care.iro
    assert record(care).next_review_due == D(2025, 9, 25)
    services.review_record(
        actor=care.iro, child=c.child, held_on=D(2025, 9, 20), participation="PN5", decisions="Plan for C1."
    )
    assert record(care).next_review_due == D(2026, 3, 20)
    assert AuditEvent.objects.filter(event_type=EventType.CARE_REVIEW_RECORDED).count() == 2


def test_it_lets_only_the_iro_chair_a_review(care: CareCast, in_care: Episode) -> None:
    for user in (care.cast.sw, care.cast.manager, care.cast.health):
        with pytest.raises(AccessDenied):
            services.review_record(
                actor=user, child=care.cast.child, held_on=D(2025, 6, 25), participation="PN1", decisions="x"
            )


def test_it_checks_participation_against_age(care: CareCast, in_care: Episode) -> None:
    with pytest.raises(ValidationError) as exc:
        services.review_record(
            actor=care.iro, child=care.cast.child, held_on=D(2025, 6, 25), participation="PN0", decisions="x"
        )
    assert "under 4" in str(exc.value)


def test_it_brings_a_review_forward_when_the_iro_asks(care: CareCast, in_care: Episode) -> None:
    services.review_record(
        actor=care.iro, child=care.cast.child, held_on=D(2025, 6, 25), participation="PN1", decisions="x"
    )
    services.review_bring_forward(actor=care.iro, child=care.cast.child, to=D(2025, 8, 1), reason="Placement at risk")
    assert record(care).next_review_due == D(2025, 8, 1)
    with pytest.raises(ValidationError):
        services.review_bring_forward(actor=care.iro, child=care.cast.child, to=D(2025, 12, 1), reason="later")
    review = services.review_record(
        actor=care.iro,
        child=care.cast.child,
        held_on=D(2025, 7, 30),
        participation="PN1",
        decisions="x",
        actions=[services.ActionInput("Find a long-term carer", "Ben Adeyemi", D(2025, 9, 1))],
    )
    assert review.brought_forward and review.actions.count() == 1
    assert record(care).next_review_due == D(2026, 1, 30)  # third review: 6 months
    with pytest.raises(AccessDenied):
        services.review_bring_forward(actor=care.cast.sw, child=care.cast.child, to=D(2025, 8, 1), reason="x")


def test_it_schedules_visits_from_the_placement(care: CareCast, in_care: Episode) -> None:
    c = care.cast
    assert record(care).next_visit_due == D(2025, 6, 9)
    visit = services.visit_record(
        actor=c.sw,
        child=c.child,
        visited_on=D(2025, 6, 6),
        summary="Settling in.",
        child_seen=True,
        child_seen_alone=True,
    )
    assert visit.due_on == D(2025, 6, 9)
    assert record(care).next_visit_due == D(2025, 7, 18)
    # a new placement restarts the clock: within a week of it
    services.episode_change(
        actor=c.sw,
        child=c.child,
        on=D(2025, 7, 1),
        kind="P",
        expected_version=record(care).version,
        placement=foster_placement(care.foster2, "NB4 5EF"),
        placement_change_reason="CARPL",
    )
    assert record(care).next_visit_due == D(2025, 7, 8)


def test_it_asks_why_a_child_was_not_seen_alone(care: CareCast, in_care: Episode) -> None:
    with pytest.raises(ValidationError) as exc:
        services.visit_record(
            actor=care.cast.sw,
            child=care.cast.child,
            visited_on=D(2025, 6, 6),
            summary="x",
            child_seen=True,
            child_seen_alone=False,
        )
    assert "not_seen_alone_reason" in exc.value.message_dict


def test_it_schedules_health_assessments_by_age(care: CareCast, in_care: Episode) -> None:
    c = care.cast
    assert record(care).next_health_assessment_due == rules.initial_health_assessment_due(START)
    services.health_check_record(
        actor=c.health, child=c.child, kind="initial", done_on=D(2025, 6, 20), by_whom="Dr A Shah"
    )
    assert record(care).next_health_assessment_due == D(2026, 6, 20)  # the child is 11
    assert record(care).next_dental_due == D(2026, 6, 2)
    services.health_check_record(actor=c.health, child=c.child, kind="dental", done_on=D(2025, 7, 1), by_whom="Dentist")
    assert record(care).next_dental_due == D(2026, 7, 1)
    with pytest.raises(ValidationError):
        services.health_check_record(
            actor=c.health, child=c.child, kind="immunisations", done_on=D(2025, 7, 1), by_whom="Nurse"
        )


def test_it_lets_the_virtual_school_record_peps_and_not_health(care: CareCast, in_care: Episode) -> None:
    c = care.cast
    pep = services.pep_record(
        actor=c.school, child=c.child, reviewed_on=D(2025, 10, 1), school="Riverside Academy", targets="Reading"
    )
    assert pep.term == "autumn"
    assert record(care).next_pep_due == D(2026, 3, 31)
    with pytest.raises(AccessDenied):
        services.health_check_record(actor=c.school, child=c.child, kind="dental", done_on=D(2025, 7, 1), by_whom="x")
    with pytest.raises(AccessDenied):
        services.pep_record(actor=c.health, child=c.child, reviewed_on=D(2025, 10, 1), school="x", targets="x")
    with pytest.raises(AccessDenied):
        services.visit_record(
            actor=c.health,
            child=c.child,
            visited_on=D(2025, 6, 6),
            summary="x",
            child_seen=False,
            child_seen_alone=False,
        )
    with pytest.raises(AccessDenied):
        services.pep_record(actor=c.police, child=c.child, reviewed_on=D(2025, 10, 1), school="x", targets="x")


def test_it_records_an_sdq_score_or_a_reason(care: CareCast, in_care: Episode) -> None:
    c = care.cast
    assert record(care).next_sdq_due == D(2026, 6, 2)
    services.sdq_record(actor=c.health, child=c.child, completed_on=D(2026, 5, 1), score=14)
    assert record(care).next_sdq_due == D(2027, 5, 1)
    with pytest.raises(ValidationError):
        services.sdq_record(actor=c.health, child=c.child, completed_on=D(2026, 5, 1), score=41)
    with pytest.raises(ValidationError):
        services.sdq_record(actor=c.health, child=c.child, completed_on=D(2026, 5, 1))
    services.sdq_record(actor=c.health, child=c.child, completed_on=D(2026, 5, 2), reason="SDQ5")


def test_it_needs_a_permanence_option_for_a_permanence_plan(care: CareCast, in_care: Episode) -> None:
    with pytest.raises(ValidationError):
        services.care_plan_record(
            actor=care.cast.sw, child=care.cast.child, kind="permanence_plan", agreed_on=START, summary="x"
        )
    plan = services.care_plan_record(
        actor=care.cast.sw,
        child=care.cast.child,
        kind="permanence_plan",
        agreed_on=START,
        summary="Long-term fostering with current carers.",
        permanence_option="long_term_fostering",
    )
    assert plan.pk
