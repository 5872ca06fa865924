"""Case notes and visits (restricted, shared with partners, statutory visits) and child in
need plans (start, review, end by a manager)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse
from django.utils import timezone

from safeguard.access import services as access_services
from safeguard.access.models import InvolvementKind
from safeguard.audit.models import AuditEvent, EventType
from safeguard.casework import rules, services
from safeguard.casework.models import CaseNote, ChildInNeedPlan
from safeguard.conftest import Cast, client_for


def _date(prefix: str, day: dt.date) -> dict[str, str]:
    return {f"{prefix}_0": str(day.day), f"{prefix}_1": str(day.month), f"{prefix}_2": str(day.year)}


def _note(cast: Cast, summary: str, **values: Any) -> CaseNote:
    return services.case_note_add(
        actor=cast.sw,
        child=cast.child,
        note=services.NoteInput(
            kind="note", occurred_at=timezone.now() - dt.timedelta(days=1), summary=summary, **values
        ),
    )


def test_it_adds_a_visit_with_the_childs_own_words(cast: Cast) -> None:
    client = client_for(cast.sw)
    url = reverse("casework:note_new", args=[cast.child.uuid])
    response = client.post(
        url,
        {
            "kind": "visit",
            **_date("occurred_on", dt.date(2025, 12, 3)),
            "occurred_time": "16:15",
            "summary": "Home visit after school.",
            "who_seen": "Tyler, his mother",
            "child_seen": "on",
            "child_seen_alone": "on",
            "child_words": "I like it when it is quiet at home.",
            "analysis": "Tyler was relaxed when seen alone.",
            "significant": "on",
            "shared_with": [cast.school_agency.pk],
        },
    )
    assert response.status_code == 302
    note = CaseNote.objects.get()
    assert note.child_seen_alone and note.significant
    assert timezone.localtime(note.occurred_at).strftime("%Y-%m-%d %H:%M") == "2025-12-03 16:15"
    assert list(note.shared_with.all()) == [cast.school_agency]
    page = client.get(reverse("casework:note", args=[cast.child.uuid, note.uuid])).content.decode()
    assert "I like it when it is quiet at home." in page and "Seen alone" in page
    assert AuditEvent.objects.filter(event_type=EventType.NOTE_ADDED, actor=cast.sw).count() == 1


def test_a_child_seen_but_not_alone_needs_a_reason(cast: Cast) -> None:
    response = client_for(cast.sw).post(
        reverse("casework:note_new", args=[cast.child.uuid]),
        {"kind": "visit", **_date("occurred_on", dt.date(2025, 12, 3)), "summary": "Visit", "child_seen": "on"},
    )
    assert response.status_code == 200
    assert "Say why the child was not seen alone." in response.content.decode()
    assert not CaseNote.objects.exists()


def test_restricted_notes_are_for_the_allocated_team_and_shared_notes_reach_only_their_agency(cast: Cast) -> None:
    restricted = _note(cast, "Mother disclosed her own abuse.", restricted=True)
    shared = _note(cast, "School asked to watch attendance.", shared_with=[cast.police_force])
    plain = _note(cast, "Phone call with the GP.")
    # A worker in another team holding open work sees the record, not restricted notes.
    access_services.involvement_start(
        actor=cast.system, child=cast.child, kind=InvolvementKind.OPEN_WORK, team=cast.cp_team, reason="transfer"
    )
    other = client_for(cast.sw_other)
    child_page = other.get(reverse("people:child", args=[cast.child.uuid])).content.decode()
    assert "Phone call with the GP." in child_page and "Mother disclosed" not in child_page
    assert "Some notes are restricted" in child_page
    assert other.get(reverse("casework:note", args=[cast.child.uuid, restricted.uuid])).status_code == 403
    assert (
        client_for(cast.manager).get(reverse("casework:note", args=[cast.child.uuid, restricted.uuid])).status_code
        == 200
    )
    # The police see the note shared with them, and no other.
    police = client_for(cast.police)
    child_page = police.get(reverse("people:child", args=[cast.child.uuid])).content.decode()
    assert "School asked to watch attendance." in child_page
    assert "Phone call with the GP." not in child_page and "Mother disclosed" not in child_page
    assert police.get(reverse("casework:note", args=[cast.child.uuid, shared.uuid])).status_code == 200
    assert police.get(reverse("casework:note", args=[cast.child.uuid, plain.uuid])).status_code == 403
    assert AuditEvent.objects.filter(event_type=EventType.ACCESS_DENIED, actor=cast.police).count() == 1


def test_a_statutory_visit_moves_the_next_visit_due(cast: Cast) -> None:
    # A plan, from an initial conference.
    discussion = services.strategy_discussion_record(
        actor=cast.sw,
        child=cast.child,
        held_on=dt.date(2025, 12, 15),
        reason="x",
        decision="s47_single",
        decision_reason="y",
        participants=[services.ParticipantInput(agency=cast.council, name="Sam Walker")],
    )
    services.enquiry_complete(
        actor=cast.sw,
        enquiry=discussion.enquiry,
        findings="f",
        outcome="substantiated_at_risk",
        completed_on=dt.date(2025, 12, 19),
        expected_version=1,
    )
    conference = discussion.enquiry.conferences.get()
    services.conference_record(
        actor=cast.sw,
        conference=conference,
        held_on=dt.date(2026, 1, 7),
        decision="plan",
        category="NEG",
        decision_reason="z",
        participants=[],
        expected_version=conference.version,
    )
    client = client_for(cast.sw)
    response = client.post(
        reverse("casework:note_new", args=[cast.child.uuid]) + "?kind=statutory_visit",
        {
            "kind": "statutory_visit",
            **_date("occurred_on", dt.date(2026, 1, 12)),
            "occurred_time": "10:00",
            "summary": "Statutory visit.",
            "child_seen": "on",
            "child_seen_alone": "on",
        },
    )
    assert response.status_code == 302
    conference.refresh_from_db()
    plan = conference.plan
    assert plan is not None
    page = client.get(reverse("casework:plan", args=[cast.child.uuid, plan.uuid])).content.decode()
    assert f"{rules.protection_visit_due(dt.date(2026, 1, 12)):%-d %B %Y}" in page


def test_a_child_in_need_plan_is_started_reviewed_and_ended_by_a_manager(cast: Cast) -> None:
    sw = client_for(cast.sw)
    response = sw.post(
        reverse("casework:cin_plan_new", args=[cast.child.uuid]), _date("started_on", dt.date(2025, 12, 1))
    )
    assert response.status_code == 302
    plan = ChildInNeedPlan.objects.get()
    assert plan.next_review_due == rules.cin_review_due(dt.date(2025, 12, 1))
    response = sw.post(
        reverse("casework:cin_review_new", args=[cast.child.uuid, plan.uuid]),
        {**_date("held_on", dt.date(2026, 2, 16)), "notes": "Good progress."},
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.next_review_due == rules.cin_review_due(dt.date(2026, 2, 16))
    page = sw.get(reverse("casework:cin_plan", args=[cast.child.uuid, plan.uuid])).content.decode()
    assert "Good progress." in page and f"{plan.next_review_due:%-d %B %Y}" in page
    assert "End the plan" not in page
    end = reverse("casework:cin_plan_end", args=[cast.child.uuid, plan.uuid])
    assert sw.get(end).status_code == 403
    response = client_for(cast.manager).post(
        end, {**_date("ended_on", dt.date(2026, 3, 2)), "reason": "Stepped down to early help", "version": plan.version}
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.ended_on == dt.date(2026, 3, 2)
    events = AuditEvent.objects.filter(child_uuid=cast.child.uuid).values_list("event_type", flat=True)
    for expected in (EventType.CIN_PLAN_STARTED, EventType.CIN_PLAN_REVIEWED, EventType.CIN_PLAN_ENDED):
        assert expected in events
