"""Strategy discussions and section 47 enquiries: recording them, and the partners whose
agency took part adding their information and completing their actions."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse

from safeguard.audit.models import AuditEvent, EventType
from safeguard.casework import rules, services
from safeguard.casework.models import Conference, Participant, StrategyDiscussion
from safeguard.conftest import Cast, client_for

HELD = dt.date(2025, 12, 15)  # the 15 working days run over Christmas and New Year


def _date(prefix: str, day: dt.date) -> dict[str, str]:
    return {f"{prefix}_0": str(day.day), f"{prefix}_1": str(day.month), f"{prefix}_2": str(day.year)}


def _form(cast: Cast, **extra: Any) -> dict[str, Any]:
    return {
        **_date("held_on", HELD),
        "reason": "Tyler disclosed that his father hit him.",
        "p1_agency": cast.council.pk,
        "p1_name": "Sam Walker",
        "p1_role": "Social worker",
        "p2_agency": cast.police_force.pk,
        "p2_name": "DC Pat Lane",
        "p2_information": "Two domestic call-outs this year.",
        "decision": "s47_joint",
        "decision_reason": "Reasonable cause to suspect significant harm.",
        "a1_description": "Interview Tyler (ABE)",
        "a1_agency": cast.police_force.pk,
        **_date("a1_due_on", dt.date(2025, 12, 17)),
        **extra,
    }


def _discussion(cast: Cast) -> StrategyDiscussion:
    return services.strategy_discussion_record(
        actor=cast.sw,
        child=cast.child,
        held_on=HELD,
        reason="Disclosure",
        decision="s47_joint",
        decision_reason="Threshold met",
        participants=[
            services.ParticipantInput(agency=cast.council, name="Sam Walker"),
            services.ParticipantInput(agency=cast.police_force, name="DC Pat Lane"),
        ],
        actions=[services.ActionInput("Interview Tyler (ABE)", cast.police_force, dt.date(2025, 12, 17))],
    )


def test_it_records_a_strategy_discussion_with_rows_flags_health_missing_and_starts_the_enquiry(cast: Cast) -> None:
    client = client_for(cast.sw)
    response = client.post(reverse("casework:strategy_new", args=[cast.child.uuid]), _form(cast))
    assert response.status_code == 302
    discussion = StrategyDiscussion.objects.get()
    assert [p.name for p in discussion.participants.order_by("pk")] == ["Sam Walker", "DC Pat Lane"]
    assert discussion.actions.get().owner_agency == cast.police_force
    page = client.get(response["Location"]).content.decode()
    assert "Not at this strategy discussion: health" in page
    due = rules.initial_conference_due(HELD)
    assert due == discussion.enquiry.initial_conference_due
    assert f"{due:%-d %B %Y}" in page
    assert AuditEvent.objects.filter(event_type=EventType.STRATEGY_RECORDED, actor=cast.sw).count() == 1
    assert AuditEvent.objects.filter(event_type=EventType.ENQUIRY_STARTED, actor=cast.sw).count() == 1


def test_a_half_filled_row_is_refused_and_the_form_kept(cast: Cast) -> None:
    response = client_for(cast.sw).post(
        reverse("casework:strategy_new", args=[cast.child.uuid]),
        _form(cast, p3_information="Something shared", a2_description="Visit school"),
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Choose the agency of person 3." in page and "Enter the name of person 3." in page
    assert "Choose the agency that owns action 2." in page and "Enter the date action 2 is due." in page
    assert "Something shared" in page
    assert not StrategyDiscussion.objects.exists()


def test_a_future_date_is_refused_by_the_service(cast: Cast) -> None:
    response = client_for(cast.sw).post(
        reverse("casework:strategy_new", args=[cast.child.uuid]), _form(cast, **_date("held_on", dt.date(2099, 1, 5)))
    )
    assert response.status_code == 200
    assert "A strategy discussion is recorded once it has happened." in response.content.decode()


def test_the_police_see_the_meeting_add_their_information_and_complete_their_action(cast: Cast) -> None:
    discussion = _discussion(cast)
    action = discussion.actions.get()
    police = client_for(cast.police)
    url = reverse("casework:strategy", args=[cast.child.uuid, discussion.uuid])
    page = police.get(url).content.decode()
    assert "Interview Tyler (ABE)" in page and "Mark complete" in page
    assert "Complete the section 47 enquiry" not in page  # the council's enquiry record is not shown
    viewed = AuditEvent.objects.filter(event_type=EventType.PERSON_VIEWED, actor=cast.police).last()
    assert viewed is not None and viewed.data["extra"]["purpose"] == "strategy_discussion"

    info_url = reverse("casework:strategy_information", args=[cast.child.uuid, discussion.uuid])
    response = police.post(info_url, {"information": "PNC: father arrested for assault in 2023."})
    assert response.status_code == 302
    row = Participant.objects.get(strategy_discussion=discussion, agency=cast.police_force)
    assert "Pat Lane" in row.information and "arrested for assault" in row.information
    change = AuditEvent.objects.filter(event_type=EventType.MEETING_INFORMATION_ADDED, actor=cast.police).get()
    assert "arrested for assault" in change.data["new"]["information"]

    complete = reverse("casework:action_complete", args=[cast.child.uuid, action.uuid])
    assert police.get(complete).status_code == 405
    assert police.post(complete).status_code == 302
    action.refresh_from_db()
    assert action.completed_by == cast.police
    assert AuditEvent.objects.filter(event_type=EventType.ACTION_COMPLETED, actor=cast.police).count() == 1

    # ... and nothing else of the casework.
    child_page = police.get(reverse("people:child", args=[cast.child.uuid])).content.decode()
    assert "Strategy discussion, 15 December 2025" in child_page
    assert "Start an assessment" not in child_page and "Child protection plan" not in child_page
    assert police.get(reverse("casework:note_new", args=[cast.child.uuid])).status_code == 403


def test_agencies_that_did_not_take_part_cannot_open_the_meeting(cast: Cast) -> None:
    discussion = _discussion(cast)
    url = reverse("casework:strategy", args=[cast.child.uuid, discussion.uuid])
    assert client_for(cast.health).get(url).status_code == 404
    assert client_for(cast.school).get(url).status_code == 404
    assert client_for(cast.sw_other).get(url).status_code == 403
    action = discussion.actions.get()
    complete = reverse("casework:action_complete", args=[cast.child.uuid, action.uuid])
    assert client_for(cast.health).post(complete).status_code == 404
    action.refresh_from_db()
    assert action.completed_on is None
    assert AuditEvent.objects.filter(event_type=EventType.ACCESS_DENIED, actor=cast.health).count() == 2


def test_completing_the_enquiry_with_continuing_risk_makes_the_initial_conference_due(cast: Cast) -> None:
    discussion = _discussion(cast)
    enquiry = discussion.enquiry
    client = client_for(cast.sw)
    url = reverse("casework:enquiry_complete", args=[cast.child.uuid, enquiry.uuid])
    response = client.post(
        url,
        {
            "findings": "Injury consistent with the account.",
            "outcome": "substantiated_at_risk",
            "version": enquiry.version,
            **_date("completed_on", dt.date(2025, 12, 22)),
        },
    )
    assert response.status_code == 302
    conference = Conference.objects.get(kind="initial")
    assert conference.due_on == rules.initial_conference_due(HELD)
    page = client.get(reverse("people:child", args=[cast.child.uuid])).content.decode()
    assert "Initial child protection conference" in page and f"{conference.due_on:%-d %B %Y}" in page
    assert AuditEvent.objects.filter(event_type=EventType.ENQUIRY_COMPLETED, actor=cast.sw).count() == 1
    assert AuditEvent.objects.filter(event_type=EventType.CONFERENCE_SCHEDULED, actor=cast.sw).count() == 1


def test_a_stale_enquiry_completion_is_refused(cast: Cast) -> None:
    enquiry = _discussion(cast).enquiry
    services.enquiry_complete(
        actor=cast.manager,
        enquiry=enquiry,
        findings="Not substantiated",
        outcome="not_substantiated",
        completed_on=dt.date(2025, 12, 19),
        expected_version=enquiry.version,
    )
    response = client_for(cast.sw).post(
        reverse("casework:enquiry_complete", args=[cast.child.uuid, enquiry.uuid]),
        {"findings": "x", "outcome": "substantiated_at_risk", "version": 1, **_date("completed_on", HELD)},
    )
    assert response.status_code == 302  # already completed: back to the discussion, nothing saved
    enquiry.refresh_from_db()
    assert enquiry.outcome == "not_substantiated"
