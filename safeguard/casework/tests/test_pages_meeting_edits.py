"""Meetings after they are recorded: correcting who took part (the expected-agency flag
worked out again), adding and changing actions, partners completing their agency's
actions; and, before a conference is held, inviting agencies and recording the reports
they send. Every change is audited, and a stale save is refused showing what changed,
with what the user typed kept."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from safeguard.access import policy
from safeguard.audit.models import AuditEvent, EventType
from safeguard.casework import services
from safeguard.casework.models import Action, Conference, Invitation, Participant, StrategyDiscussion
from safeguard.conftest import Cast, client_for
from safeguard.lib.errors import AccessDenied, InvalidTransition, StaleEdit

HELD = dt.date(2025, 12, 15)


def _date(prefix: str, day: dt.date) -> dict[str, str]:
    return {f"{prefix}_0": str(day.day), f"{prefix}_1": str(day.month), f"{prefix}_2": str(day.year)}


def _discussion(cast: Cast) -> StrategyDiscussion:
    return services.strategy_discussion_record(
        actor=cast.sw,
        child=cast.child,
        held_on=HELD,
        reason="Disclosure",
        decision="s47_joint",
        decision_reason="Threshold met",
        participants=[
            services.ParticipantInput(agency=cast.council, name="Sam Walker", user=cast.sw),
            services.ParticipantInput(agency=cast.police_force, name="DC Pat Lane", user=cast.police),
        ],
        actions=[services.ActionInput("Interview Tyler (ABE)", cast.police_force, dt.date(2025, 12, 17))],
    )


def _scheduled_conference(cast: Cast) -> Conference:
    discussion = _discussion(cast)
    services.enquiry_complete(
        actor=cast.sw,
        enquiry=discussion.enquiry,
        findings="Substantiated",
        outcome="substantiated_at_risk",
        completed_on=dt.date(2025, 12, 22),
        expected_version=discussion.enquiry.version,
    )
    return Conference.objects.get(kind="initial", held_on__isnull=True)


def _rows(discussion: StrategyDiscussion, **changes: Any) -> dict[str, Any]:
    """The participants form as the page would post it, with ``changes`` on top."""
    data: dict[str, Any] = {"version": discussion.version}
    for n, p in enumerate(discussion.participants.order_by("pk"), start=1):
        data.update(
            {
                f"p{n}_key": str(p.uuid),
                f"p{n}_agency": p.agency_id,
                f"p{n}_name": p.name,
                f"p{n}_role": p.role,
                f"p{n}_attended": "yes" if p.attended else "no",
                f"p{n}_information": p.information,
            }
        )
    data.update(changes)
    return data


# --- Who took part --------------------------------------------------------------------------


def test_adding_health_after_the_meeting_clears_the_missing_agency_flag_and_is_audited(cast: Cast) -> None:
    discussion = _discussion(cast)
    client = client_for(cast.sw)
    page_url = reverse("casework:strategy", args=[cast.child.uuid, discussion.uuid])
    assert "Not at this strategy discussion: health." in client.get(page_url).content.decode()
    url = reverse("casework:strategy_participants", args=[cast.child.uuid, discussion.uuid])
    form = client.get(url).content.decode()
    assert 'value="DC Pat Lane"' in form and "Remove person 2 from the record" in form

    response = client.post(
        url,
        _rows(
            discussion,
            p2_role="Public protection unit",
            p3_agency=cast.nhs.pk,
            p3_name="Helen Vickers",
            p3_information="Missed developmental checks.",
        ),
    )
    assert response.status_code == 302 and response["Location"] == page_url
    assert [(p.name, p.role) for p in discussion.participants.order_by("pk")] == [
        ("Sam Walker", ""),
        ("DC Pat Lane", "Public protection unit"),
        ("Helen Vickers", ""),
    ]
    assert Participant.objects.get(name="DC Pat Lane").user == cast.police  # the account link is kept
    assert "Not at this strategy discussion" not in client.get(page_url).content.decode()
    event = AuditEvent.objects.get(event_type=EventType.RECORD_UPDATED, actor=cast.sw)
    assert event.data["old"]["missing_agencies"] == "health"
    assert event.data["new"]["missing_agencies"] == "none"
    assert "Helen Vickers (Northbrook NHS Trust)" in event.data["new"]["participants"]
    discussion.refresh_from_db()
    assert discussion.version == 2
    # The NHS trust now takes part, so its staff see the meeting.
    assert client_for(cast.health).get(page_url).status_code == 200


def test_removing_the_police_raises_the_flag_and_a_person_who_sent_information_did_not_attend(cast: Cast) -> None:
    discussion = _discussion(cast)
    client = client_for(cast.sw)
    url = reverse("casework:strategy_participants", args=[cast.child.uuid, discussion.uuid])
    client.post(
        url,
        _rows(
            discussion,
            p2_remove="on",
            p3_agency=cast.nhs.pk,
            p3_name="Helen Vickers",
            p3_attended="no",
        ),
    )
    assert list(discussion.participants.values_list("name", "attended").order_by("pk")) == [
        ("Sam Walker", True),
        ("Helen Vickers", False),
    ]
    page = client.get(reverse("casework:strategy", args=[cast.child.uuid, discussion.uuid])).content.decode()
    # Health sent information but did not attend: it still counts as missing, as do the police.
    assert "Not at this strategy discussion: police, health." in page
    assert "(sent information, did not attend)" in page


def test_a_half_filled_row_is_refused_naming_the_field_and_nothing_is_saved(cast: Cast) -> None:
    discussion = _discussion(cast)
    response = client_for(cast.sw).post(
        reverse("casework:strategy_participants", args=[cast.child.uuid, discussion.uuid]),
        _rows(discussion, p3_information="Knows the family"),
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Choose the agency of person 3." in page and "Enter the name of person 3." in page
    assert "Knows the family" in page
    assert discussion.participants.count() == 2


def test_a_stale_save_of_who_took_part_is_refused_showing_what_changed_and_keeping_the_input(cast: Cast) -> None:
    discussion = _discussion(cast)
    opened = _rows(discussion, p3_agency=cast.nhs.pk, p3_name="Helen Vickers")
    # Meanwhile the manager corrects the police officer's role.
    services.meeting_participants_update(
        actor=cast.manager,
        meeting=discussion,
        participants=[
            services.ParticipantInput(
                agency=p.agency, name=p.name, role="PPU" if p.agency == cast.police_force else "", key=str(p.uuid)
            )
            for p in discussion.participants.order_by("pk")
        ],
        expected_version=discussion.version,
    )
    response = client_for(cast.sw).post(
        reverse("casework:strategy_participants", args=[cast.child.uuid, discussion.uuid]), opened
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Someone else changed this record" in page and "Mina Hart saved changes" in page
    assert "Who took part: was “Sam Walker (Northbrook Children&#x27;s Services); DC Pat Lane" in page
    assert 'value="Helen Vickers"' in page  # the input is kept
    assert discussion.participants.count() == 2
    assert AuditEvent.objects.filter(event_type=EventType.CASEWORK_CONFLICT, actor=cast.sw).count() == 1
    # Saving again, having read it, is deliberate and goes through.
    resubmitted = {**opened, "version": 2, "p2_role": "PPU"}
    assert (
        client_for(cast.sw)
        .post(reverse("casework:strategy_participants", args=[cast.child.uuid, discussion.uuid]), resubmitted)
        .status_code
        == 302
    )
    assert discussion.participants.count() == 3


def test_partners_cannot_change_who_took_part(cast: Cast) -> None:
    discussion = _discussion(cast)
    url = reverse("casework:strategy_participants", args=[cast.child.uuid, discussion.uuid])
    assert client_for(cast.police).get(url).status_code == 403
    with pytest.raises(AccessDenied):
        services.meeting_participants_update(
            actor=cast.police, meeting=discussion, participants=[], expected_version=discussion.version
        )
    assert AuditEvent.objects.filter(event_type=EventType.ACCESS_DENIED, actor=cast.police).count() == 2


# --- Actions --------------------------------------------------------------------------------


def test_an_action_is_added_with_an_owner_in_another_agency_who_completes_it(cast: Cast) -> None:
    discussion = _discussion(cast)
    client = client_for(cast.sw)
    url = reverse("casework:strategy_action_new", args=[cast.child.uuid, discussion.uuid])
    response = client.post(
        url,
        {
            "description": "Share the health visitor's notes",
            "owner_agency": cast.nhs.pk,
            "owner": cast.health.pk,
            **_date("due_on", dt.date(2025, 12, 19)),
        },
    )
    assert response.status_code == 302
    action = Action.objects.get(description="Share the health visitor's notes")
    assert (action.owner, action.owner_agency, action.due_on) == (cast.health, cast.nhs, dt.date(2025, 12, 19))
    assert AuditEvent.objects.filter(event_type=EventType.ACTION_AGREED, actor=cast.sw, subject_id=str(action.uuid))
    # The owner (or anyone in the owning agency) completes it.
    assert policy.can_complete_action(cast.health, cast.child, action.owner_id, action.owner_agency_id)
    services.action_complete(actor=cast.health, action=action, expected_version=action.version)
    action.refresh_from_db()
    assert action.completed_by == cast.health and action.version == 2


def test_an_owner_outside_the_owner_agency_and_a_deadline_before_the_meeting_are_refused(cast: Cast) -> None:
    discussion = _discussion(cast)
    response = client_for(cast.sw).post(
        reverse("casework:strategy_action_new", args=[cast.child.uuid, discussion.uuid]),
        {
            "description": "Check PNC",
            "owner_agency": cast.police_force.pk,
            "owner": cast.health.pk,
            **_date("due_on", dt.date(2025, 12, 12)),
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Helen Vickers is not in Northbrook Police: choose someone in the owner agency." in page
    assert "The action cannot be due before the meeting that agreed it (15 December 2025)." in page
    assert "Check PNC" in page
    assert discussion.actions.count() == 1


def test_changing_an_action_is_audited_and_the_overdue_state_shows(cast: Cast) -> None:
    discussion = _discussion(cast)
    action = discussion.actions.get()
    client = client_for(cast.sw)
    page_url = reverse("casework:strategy", args=[cast.child.uuid, discussion.uuid])
    assert "1 overdue" in client.get(page_url).content.decode()
    url = reverse("casework:action_edit", args=[cast.child.uuid, action.uuid])
    response = client.post(
        url,
        {
            "description": "Interview Tyler (ABE) with an intermediary",
            "owner_agency": cast.police_force.pk,
            "owner": cast.police.pk,
            "version": action.version,
            **_date("due_on", dt.date(2099, 1, 5)),
        },
    )
    assert response.status_code == 302 and response["Location"] == page_url
    action.refresh_from_db()
    assert (action.owner, action.due_on, action.version) == (cast.police, dt.date(2099, 1, 5), 2)
    event = AuditEvent.objects.get(event_type=EventType.RECORD_UPDATED, subject_id=str(action.uuid))
    assert event.data["old"]["owner"] == "Northbrook Police"
    assert event.data["new"]["owner"] == "Northbrook Police: Pat Lane"
    assert event.data["new"]["due_on"] == "2099-01-05"
    assert "overdue" not in client.get(page_url).content.decode()


def test_a_stale_action_change_is_refused_showing_what_changed(cast: Cast) -> None:
    action = _discussion(cast).actions.get()
    services.action_update(
        actor=cast.manager,
        action=action,
        expected_version=1,
        description=action.description,
        owner_agency=cast.police_force,
        due_on=dt.date(2025, 12, 18),
    )
    response = client_for(cast.sw).post(
        reverse("casework:action_edit", args=[cast.child.uuid, action.uuid]),
        {
            "description": "My new wording",
            "owner_agency": cast.police_force.pk,
            "version": 1,
            **_date("due_on", dt.date(2025, 12, 19)),
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Mina Hart saved changes" in page
    assert "Due date: was “17 December 2025”, now “18 December 2025”" in page
    assert "My new wording" in page
    action.refresh_from_db()
    assert action.description == "Interview Tyler (ABE)" and action.due_on == dt.date(2025, 12, 18)


def test_a_stale_completion_is_refused_and_a_completed_action_cannot_be_changed(cast: Cast) -> None:
    action = _discussion(cast).actions.get()
    services.action_update(
        actor=cast.sw,
        action=action,
        expected_version=1,
        description="Interview Tyler",
        owner_agency=cast.police_force,
        due_on=dt.date(2025, 12, 18),
    )
    police = client_for(cast.police)
    complete = reverse("casework:action_complete", args=[cast.child.uuid, action.uuid])
    response = police.post(complete, {"version": 1}, follow=True)
    assert "Someone changed this action after you opened the page" in response.content.decode()
    action.refresh_from_db()
    assert action.completed_on is None
    assert police.post(complete, {"version": 2}).status_code == 302
    action.refresh_from_db()
    assert action.completed_by == cast.police
    with pytest.raises(InvalidTransition):
        services.action_update(
            actor=cast.sw,
            action=action,
            expected_version=action.version,
            description="x",
            owner_agency=cast.police_force,
            due_on=dt.date(2025, 12, 18),
        )
    edit = reverse("casework:action_edit", args=[cast.child.uuid, action.uuid])
    assert client_for(cast.sw).get(edit).status_code == 302


def test_partners_complete_but_do_not_change_actions(cast: Cast) -> None:
    action = _discussion(cast).actions.get()
    assert (
        client_for(cast.police).get(reverse("casework:action_edit", args=[cast.child.uuid, action.uuid])).status_code
        == 403
    )
    page = (
        client_for(cast.police)
        .get(reverse("casework:strategy", args=[cast.child.uuid, action.strategy_discussion.uuid]))
        .content.decode()
    )
    assert "Mark complete" in page and "Change<span" not in page and "Add an action" not in page


# --- Invitations and reports before the conference ------------------------------------------


def test_inviting_the_school_lets_its_staff_see_the_conference_and_send_the_report(cast: Cast) -> None:
    conference = _scheduled_conference(cast)
    page_url = reverse("casework:conference", args=[cast.child.uuid, conference.uuid])
    school = client_for(cast.school)
    assert school.get(page_url).status_code == 404  # not involved yet

    sw = client_for(cast.sw)
    response = sw.post(
        reverse("casework:conference_invite", args=[cast.child.uuid, conference.uuid]),
        {"agency": cast.school_agency.pk, "user": cast.school.pk, "role": "Designated safeguarding lead"},
    )
    assert response.status_code == 302 and response["Location"] == page_url
    invitation = Invitation.objects.get()
    assert (invitation.name, invitation.agency, invitation.invited_by) == ("Sian Doyle", cast.school_agency, cast.sw)
    assert AuditEvent.objects.filter(event_type=EventType.RECORD_CREATED, actor=cast.sw).count() == 1

    # Invited agencies count as taking part (policy.can_view_meeting).
    page = school.get(page_url).content.decode()
    assert "Sian Doyle, Designated safeguarding lead" in page and "Not received" in page
    assert "Record the conference" not in page and "Invite an agency" not in page
    child_page = school.get(reverse("people:child", args=[cast.child.uuid])).content.decode()
    assert "(your agency is invited)" in child_page
    response = school.post(
        reverse("casework:conference_information", args=[cast.child.uuid, conference.uuid]),
        {"information": "Attendance 71%; Tyler is withdrawn in class."},
    )
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert "Attendance 71%" in invitation.report and invitation.report_received_on is not None
    assert not Participant.objects.filter(conference=conference).exists()
    # The NHS trust was not invited and does not see it.
    assert client_for(cast.health).get(page_url).status_code == 404


def test_the_council_records_a_report_received_by_agency(cast: Cast) -> None:
    conference = _scheduled_conference(cast)
    invitation = services.conference_invite(
        actor=cast.sw, conference=conference, invitation=services.InvitationInput(agency=cast.nhs)
    )
    url = reverse("casework:conference_report", args=[cast.child.uuid, invitation.uuid])
    client = client_for(cast.sw)
    bad = client.post(url, {"report": "", "version": 1, **_date("received_on", dt.date(2099, 1, 1))})
    assert bad.status_code == 200
    text = bad.content.decode()
    assert "Write what the report says." in text
    response = client.post(
        url, {"report": "Health visitor: missed checks.", "version": 1, **_date("received_on", dt.date(2026, 1, 5))}
    )
    assert response.status_code == 302
    page = client.get(reverse("casework:conference", args=[cast.child.uuid, conference.uuid])).content.decode()
    assert "Received 5 January 2026" in page and "Health visitor: missed checks." in page
    future = client.post(
        url, {"report": "x", "version": 2, **_date("received_on", dt.date(2099, 1, 1))}
    ).content.decode()
    assert "The date the report was received cannot be in the future." in future
    stale = client.post(url, {"report": "Older text", "version": 1, **_date("received_on", dt.date(2026, 1, 5))})
    assert stale.status_code == 200
    assert "Report: was “blank”, now “Health visitor: missed checks.”" in stale.content.decode()
    assert "Older text" in stale.content.decode()


def test_invitations_are_refused_once_the_conference_is_held_and_twice_for_the_same_person(cast: Cast) -> None:
    conference = _scheduled_conference(cast)
    services.conference_invite(
        actor=cast.sw, conference=conference, invitation=services.InvitationInput(agency=cast.nhs, name="Helen Vickers")
    )
    with pytest.raises(ValidationError):
        services.conference_invite(
            actor=cast.sw,
            conference=conference,
            invitation=services.InvitationInput(agency=cast.nhs, name="helen vickers"),
        )
    services.conference_record(
        actor=cast.sw,
        conference=conference,
        held_on=dt.date(2026, 1, 7),
        decision="no_plan",
        decision_reason="Risk reduced",
        participants=[services.ParticipantInput(agency=cast.council, name="Mina Hart")],
        expected_version=conference.version,
    )
    conference.refresh_from_db()
    with pytest.raises(InvalidTransition):
        services.conference_invite(
            actor=cast.sw, conference=conference, invitation=services.InvitationInput(agency=cast.school_agency)
        )
    invite_url = reverse("casework:conference_invite", args=[cast.child.uuid, conference.uuid])
    assert client_for(cast.sw).get(invite_url).status_code == 302
    # After the conference, the held page still shows who was invited and whether they reported.
    page = client_for(cast.sw).get(reverse("casework:conference", args=[cast.child.uuid, conference.uuid]))
    assert "Helen Vickers" in page.content.decode()
    # ... and the participants of the held conference can be corrected.
    participants_url = reverse("casework:conference_participants", args=[cast.child.uuid, conference.uuid])
    assert client_for(cast.sw).get(participants_url).status_code == 200


def test_an_invited_person_must_belong_to_the_agency(cast: Cast) -> None:
    conference = _scheduled_conference(cast)
    response = client_for(cast.sw).post(
        reverse("casework:conference_invite", args=[cast.child.uuid, conference.uuid]),
        {"agency": cast.nhs.pk, "user": cast.school.pk},
    )
    assert response.status_code == 200
    assert "Sian Doyle is not in Northbrook NHS Trust." in response.content.decode()
    assert not Invitation.objects.exists()


def test_stale_edit_is_raised_by_the_services_with_versions(cast: Cast) -> None:
    discussion = _discussion(cast)
    with pytest.raises(StaleEdit):
        services.meeting_participants_update(
            actor=cast.sw,
            meeting=discussion,
            participants=[services.ParticipantInput(agency=cast.council, name="Sam Walker")],
            expected_version=discussion.version + 1,
        )


def test_a_review_conference_cannot_be_held_on_or_before_the_plan_started(cast: Cast) -> None:
    """CIN census validation: a CP review date cannot be on or before the plan start."""
    conference = _scheduled_conference(cast)
    services.conference_record(
        actor=cast.sw,
        conference=conference,
        held_on=dt.date(2026, 1, 7),
        decision="plan",
        category="NEG",
        decision_reason="Continuing risk",
        participants=[services.ParticipantInput(agency=cast.council, name="Mina Hart")],
        expected_version=conference.version,
    )
    review = Conference.objects.get(kind="review", held_on__isnull=True)
    with pytest.raises(ValidationError) as refused:
        services.conference_record(
            actor=cast.sw,
            conference=review,
            held_on=dt.date(2026, 1, 7),
            decision="continue",
            category="NEG",
            decision_reason="Same day",
            participants=[services.ParticipantInput(agency=cast.council, name="Mina Hart")],
            expected_version=review.version,
        )
    assert refused.value.message_dict["held_on"] == [
        "A review conference is held after the plan started (CIN census rule)."
    ]


def test_partners_named_in_a_core_group_see_that_meeting(cast: Cast) -> None:
    conference = _scheduled_conference(cast)
    services.conference_record(
        actor=cast.sw,
        conference=conference,
        held_on=dt.date(2026, 1, 7),
        decision="plan",
        category="NEG",
        decision_reason="Continuing risk",
        participants=[services.ParticipantInput(agency=cast.council, name="Mina Hart")],
        expected_version=conference.version,
    )
    conference.refresh_from_db()
    assert conference.plan is not None
    sw = client_for(cast.sw)
    response = sw.post(
        reverse("casework:core_group_new", args=[cast.child.uuid, conference.plan.uuid]),
        {
            **_date("held_on", dt.date(2026, 1, 14)),
            "agencies": [cast.council.pk, cast.school_agency.pk],
            "attendees": "Sam Walker; Sian Doyle (school); Dawn Brookes (mother)",
            "notes": "Plan agreed.",
        },
    )
    assert response.status_code == 302
    meeting = conference.plan.core_groups.get()
    url = reverse("casework:core_group", args=[cast.child.uuid, meeting.uuid])
    school = client_for(cast.school)
    page = school.get(url).content.decode()
    assert "Riverside Academy" in page and "Dawn Brookes (mother)" in page
    assert "Plan from" not in page  # the plan itself is the council's
    assert (
        f"Core group, {meeting.held_on:%-d %B %Y}"
        in school.get(reverse("people:child", args=[cast.child.uuid])).content.decode()
    )
    viewed = AuditEvent.objects.filter(event_type=EventType.PERSON_VIEWED, actor=cast.school).first()
    assert viewed is not None and viewed.data["extra"]["purpose"] == "core_group"
    # The NHS trust is not in this core group (nor otherwise involved): as if it did not exist.
    assert client_for(cast.health).get(url).status_code == 404
    assert "Plan from 7 January 2026" in sw.get(url).content.decode()


def test_the_conference_form_offers_the_people_invited_with_their_reports(cast: Cast) -> None:
    conference = _scheduled_conference(cast)
    invitation = services.conference_invite(
        actor=cast.sw,
        conference=conference,
        invitation=services.InvitationInput(agency=cast.nhs, name="Helen Vickers", role="Health visitor"),
    )
    services.conference_report_record(
        actor=cast.sw,
        invitation=invitation,
        received_on=dt.date(2026, 1, 5),
        report="Missed checks.",
        expected_version=1,
    )
    page = client_for(cast.sw).get(reverse("casework:conference_record", args=[cast.child.uuid, conference.uuid]))
    text = page.content.decode()
    assert 'name="p2_name" value="Helen Vickers"' in text and "Missed checks." in text


def test_information_a_partner_adds_meanwhile_is_not_overwritten_by_a_correction(cast: Cast) -> None:
    discussion = _discussion(cast)
    opened = _rows(discussion, p2_role="PPU")
    services.meeting_information_add(actor=cast.police, information="Father on bail.", strategy_discussion=discussion)
    response = client_for(cast.sw).post(
        reverse("casework:strategy_participants", args=[cast.child.uuid, discussion.uuid]), opened
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Pat Lane saved changes" in page
    assert "Information added: was “blank”, now “DC Pat Lane (Northbrook Police): Father on bail.”" in page
    assert "Father on bail." in Participant.objects.get(name="DC Pat Lane").information


def test_a_report_not_yet_sent_is_on_the_workers_my_work_until_it_arrives(cast: Cast) -> None:
    from safeguard.casework.mywork import work_due_for
    from safeguard.casework.rules import conference_report_due

    conference = _scheduled_conference(cast)
    invitation = services.conference_invite(
        actor=cast.sw, conference=conference, invitation=services.InvitationInput(agency=cast.nhs)
    )

    def reports() -> list[tuple[str, dt.date]]:
        return [(i.what, i.due.on) for i in work_due_for(user=cast.sw).items if i.what.startswith("Report from")]

    assert reports() == [
        (f"Report from {cast.nhs.name} for the initial conference", conference_report_due(conference.due_on))
    ]
    services.conference_report_record(
        actor=cast.sw,
        invitation=invitation,
        received_on=dt.date(2026, 1, 5),
        report="Seen at clinic.",
        expected_version=1,
    )
    assert reports() == []


def test_a_report_is_wanted_two_working_days_before_the_conference() -> None:
    from safeguard.casework.rules import conference_report_due

    assert conference_report_due(dt.date(2026, 11, 23)) == dt.date(2026, 11, 19)  # Monday -> Thursday
    # Across Christmas: 29 Dec 2026 (Tue) -> 23 Dec (Wed), past the bank holidays of 25 and 28 Dec.
    assert conference_report_due(dt.date(2026, 12, 29)) == dt.date(2026, 12, 23)
