"""Conferences and child protection plans: recording the conference that is due, the
plan it starts with its deadlines, core groups, and a manager ending the plan."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse

from safeguard.audit.models import AuditEvent, EventType
from safeguard.casework import rules, services
from safeguard.casework.models import ChildProtectionPlan, Conference
from safeguard.conftest import Cast, client_for

HELD = dt.date(2025, 12, 15)
ICPC = dt.date(2026, 1, 7)


def _date(prefix: str, day: dt.date) -> dict[str, str]:
    return {f"{prefix}_0": str(day.day), f"{prefix}_1": str(day.month), f"{prefix}_2": str(day.year)}


def _initial_conference(cast: Cast, held: dt.date = HELD) -> Conference:
    discussion = services.strategy_discussion_record(
        actor=cast.sw,
        child=cast.child,
        held_on=held,
        reason="Disclosure",
        decision="s47_single",
        decision_reason="Threshold met",
        participants=[services.ParticipantInput(agency=cast.council, name="Sam Walker")],
    )
    services.enquiry_complete(
        actor=cast.sw,
        enquiry=discussion.enquiry,
        findings="Substantiated",
        outcome="substantiated_at_risk",
        completed_on=held + dt.timedelta(days=7),
        expected_version=discussion.enquiry.version,
    )
    return Conference.objects.get(kind="initial", held_on__isnull=True)


def _record_form(cast: Cast, conference: Conference, **extra: Any) -> dict[str, Any]:
    return {
        **_date("held_on", ICPC),
        "p1_agency": cast.council.pk,
        "p1_name": "Mina Hart",
        "p1_role": "Chair",
        "p2_agency": cast.nhs.pk,
        "p2_name": "Helen Vickers",
        "p2_information": "Health visitor report: missed appointments.",
        "child_views": "I want dad to stop shouting.",
        "family_views": "Mum accepts the plan.",
        "decision": "plan",
        "category": "EMO",
        "decision_reason": "Continuing risk of emotional harm.",
        "version": conference.version,
        **extra,
    }


def test_it_records_the_initial_conference_and_the_plan_shows_its_deadlines(cast: Cast) -> None:
    conference = _initial_conference(cast)
    client = client_for(cast.manager)
    url = reverse("casework:conference_record", args=[cast.child.uuid, conference.uuid])
    page = client.get(url).content.decode()
    assert f"due by {conference.due_on:%-d %B %Y}" in page
    assert "Plan continues" not in page  # an initial conference decides on a plan or not
    response = client.post(url, _record_form(cast, conference))
    assert response.status_code == 302
    plan = ChildProtectionPlan.objects.get()
    assert plan.started_on == ICPC and plan.latest_category == "EMO"
    plan_page = client.get(reverse("casework:plan", args=[cast.child.uuid, plan.uuid])).content.decode()
    for due in (
        rules.first_core_group_due(ICPC),
        rules.first_review_conference_due(ICPC),
        rules.protection_visit_due(ICPC),
    ):
        assert f"{due:%-d %B %Y}" in plan_page
    assert AuditEvent.objects.filter(event_type=EventType.CONFERENCE_RECORDED, actor=cast.manager).count() == 1
    assert AuditEvent.objects.filter(event_type=EventType.CP_PLAN_STARTED, actor=cast.manager).count() == 1
    # The health visitor whose trust took part can open the conference, not the plan.
    health = client_for(cast.health)
    conference_url = reverse("casework:conference", args=[cast.child.uuid, conference.uuid])
    assert "missed appointments" in health.get(conference_url).content.decode()
    assert health.get(reverse("casework:plan", args=[cast.child.uuid, plan.uuid])).status_code == 403


def test_a_conference_on_a_weekend_is_refused_on_the_form(cast: Cast) -> None:
    conference = _initial_conference(cast)
    response = client_for(cast.sw).post(
        reverse("casework:conference_record", args=[cast.child.uuid, conference.uuid]),
        _record_form(cast, conference, **_date("held_on", dt.date(2026, 1, 10))),
    )
    assert response.status_code == 200
    assert "cannot fall on a weekend" in response.content.decode()


def test_a_stale_conference_record_is_refused(cast: Cast) -> None:
    conference = _initial_conference(cast)
    response = client_for(cast.sw).post(
        reverse("casework:conference_record", args=[cast.child.uuid, conference.uuid]),
        _record_form(cast, conference, version=conference.version + 5),
    )
    assert response.status_code == 200
    assert "changed this record after you opened this page, so nothing was saved" in response.content.decode()
    assert AuditEvent.objects.filter(event_type=EventType.CASEWORK_CONFLICT, actor=cast.sw).count() == 1


def _plan(cast: Cast) -> ChildProtectionPlan:
    conference = _initial_conference(cast)
    services.conference_record(
        actor=cast.sw,
        conference=conference,
        held_on=ICPC,
        decision="plan",
        category="NEG",
        decision_reason="Risk",
        participants=[],
        expected_version=conference.version,
    )
    return ChildProtectionPlan.objects.get()


def test_it_records_a_core_group_and_moves_the_next_one(cast: Cast) -> None:
    plan = _plan(cast)
    client = client_for(cast.sw)
    url = reverse("casework:core_group_new", args=[cast.child.uuid, plan.uuid])
    response = client.post(url, {**_date("held_on", dt.date(2026, 1, 14)), "notes": "All agencies present."})
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.next_core_group_due == rules.next_core_group_due(dt.date(2026, 1, 14))
    page = client.get(response["Location"]).content.decode()
    assert "All agencies present." in page and f"{plan.next_core_group_due:%-d %B %Y}" in page
    assert AuditEvent.objects.filter(event_type=EventType.CORE_GROUP_RECORDED, actor=cast.sw).count() == 1


def test_only_a_manager_ends_a_plan(cast: Cast) -> None:
    plan = _plan(cast)
    url = reverse("casework:plan_end", args=[cast.child.uuid, plan.uuid])
    detail = reverse("casework:plan", args=[cast.child.uuid, plan.uuid])
    assert "End the plan" not in client_for(cast.sw).get(detail).content.decode()
    assert client_for(cast.sw).get(url).status_code == 403
    manager = client_for(cast.manager)
    assert "End the plan" in manager.get(detail).content.decode()
    form = manager.get(url).content.decode()
    assert "No longer at continuing risk" not in form  # that is a review conference's decision
    response = manager.post(url, {**_date("ended_on", dt.date(2026, 2, 2)), "reason": "moved", "version": plan.version})
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.ended_on == dt.date(2026, 2, 2) and plan.end_reason == "moved"
    assert AuditEvent.objects.filter(event_type=EventType.CP_PLAN_ENDED, actor=cast.manager).count() == 1


def test_a_repeat_plan_within_two_years_is_flagged_loudly_on_the_childs_page(cast: Cast) -> None:
    first = _plan(cast)
    services.plan_end(
        actor=cast.manager, plan=first, ended_on=dt.date(2026, 2, 2), reason="moved", expected_version=first.version
    )
    again = _initial_conference(cast, held=dt.date(2026, 5, 11))
    services.conference_record(
        actor=cast.sw,
        conference=again,
        held_on=dt.date(2026, 5, 26),
        decision="plan",
        category="PHY",
        decision_reason="Risk again",
        participants=[],
        expected_version=again.version,
    )
    page = client_for(cast.sw).get(reverse("people:child", args=[cast.child.uuid])).content.decode()
    assert "Repeat plan within two years" in page
    assert "Second or subsequent plan" in page
