"""The statutory pathway through the services: referral, assessment, strategy
discussion, section 47, initial conference, plan, core group, review, end."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from safeguard.access import policy
from safeguard.audit.models import AuditEvent, EventType
from safeguard.casework import rules, services
from safeguard.casework.models import Conference
from safeguard.conftest import Cast
from safeguard.lib.errors import AccessDenied, InvalidTransition, StaleEdit


def _participants(cast: Cast) -> list[services.ParticipantInput]:
    return [
        services.ParticipantInput(agency=cast.council, name="Sam Walker", role="Social worker", user=cast.sw),
        services.ParticipantInput(
            agency=cast.police_force, name="DC Pat Lane", user=cast.police, information="Two call-outs"
        ),
        services.ParticipantInput(
            agency=cast.nhs, name="Helen Vickers", user=cast.health, information="A&E attendance"
        ),
    ]


def test_the_pathway_from_assessment_to_plan(cast: Cast) -> None:
    referral_date = dt.date(2026, 9, 1)
    assessment = services.assessment_start(
        actor=cast.sw,
        child=cast.child,
        team=cast.assessment,
        started_on=dt.date(2026, 9, 2),
        referral_date=referral_date,
    )
    assert assessment.due_on == rules.assessment_due(referral_date)
    assessment = services.assessment_update(
        actor=cast.sw,
        assessment=assessment,
        expected_version=1,
        factors=["3A", "17A"],
        primary_need="N1",
        child_views="Tyler says he is scared when dad shouts.",
        analysis="Cumulative harm.",
    )
    assessment = services.assessment_submit(
        actor=cast.sw,
        assessment=assessment,
        outcome="strategy",
        outcome_reason="Significant harm suspected",
        expected_version=assessment.version,
    )
    with pytest.raises(AccessDenied):
        services.assessment_authorise(actor=cast.sw, assessment=assessment, expected_version=assessment.version)
    services.assessment_authorise(
        actor=cast.manager,
        assessment=assessment,
        expected_version=assessment.version,
        authorised_on=dt.date(2026, 9, 20),
    )

    held = dt.date(2026, 9, 21)
    discussion = services.strategy_discussion_record(
        actor=cast.sw,
        child=cast.child,
        held_on=held,
        reason="Injury disclosed",
        decision="s47_joint",
        decision_reason="Threshold met",
        participants=_participants(cast),
        assessment=assessment,
        actions=[
            services.ActionInput("Interview Tyler (ABE)", cast.police_force, dt.date(2026, 9, 24), owner=cast.police)
        ],
    )
    assert services.missing_agencies(discussion.participants.all()) == []
    enquiry = discussion.enquiry
    assert enquiry.joint_with_police and enquiry.initial_conference_due == rules.initial_conference_due(held)
    assert policy.can_view_meeting(cast.police, cast.child, {cast.police_force.pk})
    services.action_complete(actor=cast.police, action=discussion.actions.get())

    services.enquiry_complete(
        actor=cast.sw,
        enquiry=enquiry,
        findings="Injury consistent with disclosure",
        outcome="substantiated_at_risk",
        completed_on=dt.date(2026, 10, 2),
        expected_version=enquiry.version,
    )
    icpc = Conference.objects.get(kind="initial")
    assert icpc.due_on == enquiry.initial_conference_due
    services.conference_record(
        actor=cast.manager,
        conference=icpc,
        held_on=dt.date(2026, 10, 9),
        decision="plan",
        category="PHY",
        decision_reason="Continuing risk",
        participants=_participants(cast),
        expected_version=icpc.version,
    )
    icpc.refresh_from_db()
    plan = icpc.plan
    assert plan is not None and plan.started_on == dt.date(2026, 10, 9)
    assert plan.first_core_group_due == rules.first_core_group_due(dt.date(2026, 10, 9))
    assert plan.next_review_due == dt.date(2027, 1, 9)
    review = Conference.objects.get(kind="review", plan=plan)
    assert review.due_on == plan.next_review_due
    services.core_group_record(actor=cast.sw, plan=plan, held_on=dt.date(2026, 10, 20))
    plan.refresh_from_db()
    assert plan.next_core_group_due == dt.date(2026, 12, 1)
    types = list(AuditEvent.objects.filter(child_uuid=cast.child.uuid).values_list("event_type", flat=True))
    for expected in (
        EventType.ASSESSMENT_AUTHORISED,
        EventType.STRATEGY_RECORDED,
        EventType.ENQUIRY_STARTED,
        EventType.ENQUIRY_COMPLETED,
        EventType.CONFERENCE_RECORDED,
        EventType.CP_PLAN_STARTED,
        EventType.CORE_GROUP_RECORDED,
        EventType.ACTION_COMPLETED,
    ):
        assert expected in types


def test_a_missing_agency_at_a_strategy_discussion_is_flagged(cast: Cast) -> None:
    discussion = services.strategy_discussion_record(
        actor=cast.sw,
        child=cast.child,
        held_on=dt.date(2026, 11, 2),
        reason="x",
        decision="no_s47",
        decision_reason="Below threshold",
        participants=_participants(cast)[:2],
    )
    assert services.missing_agencies(discussion.participants.all()) == ["health"]


def test_a_conference_on_a_weekend_is_refused(cast: Cast) -> None:
    conference = Conference.objects.create(child=cast.child, kind="initial", due_on=dt.date(2026, 11, 20))
    with pytest.raises(ValidationError, match="weekend"):
        services.conference_record(
            actor=cast.sw,
            conference=conference,
            held_on=dt.date(2026, 11, 21),
            decision="plan",
            category="NEG",
            decision_reason="x",
            participants=[],
            expected_version=1,
        )


def test_a_stale_assessment_save_is_refused(cast: Cast) -> None:
    assessment = services.assessment_start(
        actor=cast.sw,
        child=cast.child,
        team=cast.assessment,
        started_on=dt.date(2026, 11, 2),
        referral_date=dt.date(2026, 11, 2),
    )
    services.assessment_update(actor=cast.manager, assessment=assessment, expected_version=1, analysis="Manager's view")
    with pytest.raises(StaleEdit):
        services.assessment_update(actor=cast.sw, assessment=assessment, expected_version=1, analysis="Mine")
    assert AuditEvent.objects.filter(event_type=EventType.CASEWORK_CONFLICT).exists()


def test_a_repeat_plan_within_two_years_is_flagged(cast: Cast) -> None:
    for start, end in ((dt.date(2025, 1, 6), dt.date(2025, 7, 7)), (dt.date(2026, 3, 2), None)):
        conference = Conference.objects.create(child=cast.child, kind="initial", due_on=start)
        services.conference_record(
            actor=cast.sw,
            conference=conference,
            held_on=start,
            decision="plan",
            category="NEG",
            decision_reason="Risk",
            participants=[],
            expected_version=1,
        )
        conference.refresh_from_db()
        if end:
            services.plan_end(
                actor=cast.manager,
                plan=conference.plan,
                ended_on=end,
                reason="moved",
                expected_version=conference.plan.version,
            )
    latest = conference.plan
    assert latest.previous_plans == 1 and latest.repeat_within_two_years


def test_notes_are_validated_and_statutory_visits_move_the_next_visit(cast: Cast) -> None:
    from django.utils import timezone

    with pytest.raises(ValidationError, match="not seen alone"):
        services.case_note_add(
            actor=cast.sw,
            child=cast.child,
            note=services.NoteInput(kind="visit", occurred_at=timezone.now(), summary="Home visit", child_seen=True),
        )
    with pytest.raises(InvalidTransition):
        assessment = services.assessment_start(
            actor=cast.sw,
            child=cast.child,
            team=cast.assessment,
            started_on=dt.date(2026, 11, 2),
            referral_date=dt.date(2026, 11, 2),
        )
        services.assessment_authorise(actor=cast.manager, assessment=assessment, expected_version=1)
