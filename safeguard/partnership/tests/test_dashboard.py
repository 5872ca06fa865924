"""The partnership dashboard against a small authority counted by hand, and the action
plan's rules: owners report, stale reports are refused, nothing names a child."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from safeguard.casework import services as casework
from safeguard.conftest import Cast, client_for
from safeguard.frontdoor import services as frontdoor
from safeguard.frontdoor.tests.support import contact_input
from safeguard.lib.errors import AccessDenied, StaleEdit
from safeguard.partnership import selectors, services


def _strategy(cast: Cast, held_on: dt.date, *agencies) -> None:  # type: ignore[no-untyped-def]
    people = [casework.ParticipantInput(agency=a, name=f"Someone from {a}") for a in agencies]
    casework.strategy_discussion_record(
        actor=cast.sw,
        child=cast.child,
        held_on=held_on,
        reason="Disclosure",
        decision="no_s47",
        decision_reason="Below threshold",
        participants=people,
    )


def test_it_counts_attendance_answers_and_sources_as_counted_by_hand(cast: Cast) -> None:
    today = timezone.localdate()
    # Two strategy discussions: social care and police at both, health at one.
    _strategy(cast, today - dt.timedelta(days=20), cast.council, cast.police_force, cast.nhs)
    _strategy(cast, today - dt.timedelta(days=10), cast.council, cast.police_force)
    # Three contacts: two from the police (source 6), one from a school (2A).
    first, _ = frontdoor.contact_submit(actor=cast.police, data=contact_input())
    frontdoor.contact_submit(actor=cast.police, data=contact_input(narrative="Second incident."))
    frontdoor.contact_submit(actor=cast.school, data=contact_input(narrative="Bruise seen at school."))
    # Requests: health answers one in time; the school's is overdue and unanswered.
    now = timezone.now()
    on_time = frontdoor.request_send(actor=cast.mash, contact=first, agency=cast.nhs, question="A&E?")
    frontdoor.request_answer(actor=cast.health, request=on_time, answer="Seen in A&E in May.")
    overdue = frontdoor.request_send(
        actor=cast.mash,
        contact=first,
        agency=cast.school_agency,
        question="Attendance?",
        due_at=now + dt.timedelta(hours=1),
    )
    overdue.due_at = now - dt.timedelta(hours=1)
    overdue.save(update_fields=["due_at"])

    board = selectors.dashboard(user=cast.hos)
    assert board.strategy_total == 2
    shares = {s.label: (s.count, s.total, s.percent) for s in board.attendance}
    assert shares["Children's social care"] == (2, 2, 100)
    assert shares["Police"] == (2, 2, 100)
    assert shares["Health"] == (1, 2, 50)
    assert shares["Education"] == (0, 2, 0)
    requests = {r.agency: (r.asked, r.on_time, r.late, r.open_overdue) for r in board.requests}
    assert requests[cast.nhs.name] == (1, 1, 0, 0)
    assert requests[cast.school_agency.name] == (1, 0, 0, 1)
    sources = {s.label: s.count for s in board.contacts_by_source}
    assert board.contacts_total == 3 and sources["Police"] == 2 and sources["Schools"] == 1


def test_the_owning_agency_reports_progress_and_a_stale_report_is_refused(cast: Cast) -> None:
    priority = services.priority_add(actor=cast.hos, title="Child exploitation")
    action = services.action_add(
        actor=cast.hos,
        priority=priority,
        title="Licensing checks on late-night takeaways",
        owner_agency=cast.police_force,
        owner_name="Inspector Dale",
        due_on=timezone.localdate() - dt.timedelta(days=1),
    )
    assert action.overdue_on(timezone.localdate())
    with pytest.raises(AccessDenied):
        services.action_report(
            actor=cast.health, action=action, status="on_track", progress=10, note="x", expected_version=1
        )
    with pytest.raises(ValidationError) as error:
        services.action_report(
            actor=cast.police, action=action, status="complete", progress=50, note="", expected_version=1
        )
    assert set(error.value.message_dict) == {"progress", "note"}
    services.action_report(
        actor=cast.police,
        action=action,
        status="on_track",
        progress=40,
        note="12 premises visited.",
        expected_version=1,
    )
    with pytest.raises(StaleEdit):
        services.action_report(
            actor=cast.hos, action=action, status="at_risk", progress=40, note="Behind.", expected_version=1
        )
    done = services.action_report(
        actor=cast.police, action=action, status="complete", progress=100, note="All visited.", expected_version=2
    )
    assert done.completed_on == timezone.localdate() and not done.overdue_on(timezone.localdate())


def test_the_dashboard_names_no_child_and_is_for_the_partners(cast: Cast) -> None:
    frontdoor.contact_submit(actor=cast.police, data=contact_input())
    page = client_for(cast.police).get("/partnership/").content.decode()
    assert "Contacts by source" in page and cast.child.family_name not in page
    assert client_for(cast.sw).get("/partnership/").status_code == 403
    assert client_for(cast.ig).get("/partnership/").status_code == 403


def test_exploitation_figures_count_each_childs_latest_screening(cast: Cast) -> None:
    from safeguard.exploitation.models import Screening

    today = timezone.localdate()

    def screen(child, level: str, days_ago: int) -> None:  # type: ignore[no-untyped-def]
        Screening.objects.create(
            child=child,
            screened_on=today - dt.timedelta(days=days_ago),
            screened_by=cast.sw,
            computed_level=level,
            judgement_level=level,
            review_on=today,
        )

    screen(cast.child, "high", 30)
    screen(cast.child, "medium", 2)  # the latest counts
    screen(cast.stranger, "high", 5)
    figures = dict(selectors.dashboard(user=cast.analyst).exploitation)
    assert figures["Children at high risk (latest screening)"] == 1
    assert figures["Children at medium risk (latest screening)"] == 1
