"""The "Help and protection" section of a child's page: what it shows, to whom, and a
query count that does not grow with the child's history."""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from safeguard.casework import rules, services
from safeguard.conftest import Cast, client_for
from safeguard.lib.workingdays import is_working_day


def _wd(year: int, month: int, day: int) -> dt.date:
    """The first working day on or after the date (conferences are never at weekends)."""
    found = dt.date(year, month, day)
    while not is_working_day(found):
        found += dt.timedelta(days=1)
    return found


def _year_of_history(cast: Cast, year: int) -> None:
    """One round of the pathway: an assessment, a strategy discussion with an enquiry and
    actions, an initial conference and a plan with a core group, ended; notes."""
    assessment = services.assessment_start(
        actor=cast.sw,
        child=cast.child,
        team=cast.assessment,
        started_on=_wd(year, 1, 6),
        referral_date=_wd(year, 1, 5),
    )
    assessment = services.assessment_update(
        actor=cast.sw,
        assessment=assessment,
        expected_version=1,
        factors=["21"],
        primary_need="N1",
        child_views="v",
        analysis="a",
    )
    assessment = services.assessment_submit(
        actor=cast.sw, assessment=assessment, outcome="strategy", outcome_reason="r", expected_version=2
    )
    services.assessment_authorise(
        actor=cast.manager, assessment=assessment, expected_version=3, authorised_on=_wd(year, 1, 20)
    )
    discussion = services.strategy_discussion_record(
        actor=cast.sw,
        child=cast.child,
        held_on=_wd(year, 1, 21),
        reason="r",
        decision="s47_joint",
        decision_reason="d",
        participants=[
            services.ParticipantInput(agency=cast.council, name="Sam Walker"),
            services.ParticipantInput(agency=cast.police_force, name="DC Lane"),
            services.ParticipantInput(agency=cast.nhs, name="Helen Vickers"),
        ],
        actions=[services.ActionInput(f"Action {year} {n}", cast.police_force, _wd(year, 1, 28)) for n in range(3)],
    )
    services.enquiry_complete(
        actor=cast.sw,
        enquiry=discussion.enquiry,
        findings="f",
        outcome="substantiated_at_risk",
        completed_on=_wd(year, 1, 30),
        expected_version=1,
    )
    conference = discussion.enquiry.conferences.get()
    services.conference_record(
        actor=cast.manager,
        conference=conference,
        held_on=_wd(year, 2, 4),
        decision="plan",
        category="NEG",
        decision_reason="risk",
        participants=[],
        expected_version=conference.version,
    )
    conference.refresh_from_db()
    plan = conference.plan
    assert plan is not None
    services.core_group_record(actor=cast.sw, plan=plan, held_on=_wd(year, 2, 11))
    plan.refresh_from_db()
    services.plan_end(
        actor=cast.manager, plan=plan, ended_on=_wd(year, 3, 2), reason="moved", expected_version=plan.version
    )
    for n in range(4):
        services.case_note_add(
            actor=cast.sw,
            child=cast.child,
            note=services.NoteInput(
                kind="note",
                occurred_at=timezone.make_aware(dt.datetime(year, 3, 1 + n, 10)),
                summary=f"Note {n}",
                restricted=n == 0,
                shared_with=[cast.police_force] if n == 1 else [],
            ),
        )


def _queries(user: object, url: str) -> int:
    client = client_for(user)  # type: ignore[arg-type]
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_childs_page_runs_the_same_number_of_queries_however_long_the_history(cast: Cast) -> None:
    url = reverse("people:child", args=[cast.child.uuid])
    _year_of_history(cast, 2022)
    few = {name: _queries(getattr(cast, name), url) for name in ("sw", "police")}
    for year in (2023, 2024, 2025):
        _year_of_history(cast, year)
    assert {name: _queries(getattr(cast, name), url) for name in ("sw", "police")} == few


def test_it_shows_the_current_work_and_its_stored_deadlines(cast: Cast) -> None:
    assessment = services.assessment_start(
        actor=cast.sw,
        child=cast.child,
        team=cast.assessment,
        started_on=dt.date(2025, 12, 2),
        referral_date=dt.date(2025, 12, 1),
    )
    discussion = services.strategy_discussion_record(
        actor=cast.sw,
        child=cast.child,
        held_on=dt.date(2025, 12, 15),
        reason="r",
        decision="s47_single",
        decision_reason="d",
        participants=[services.ParticipantInput(agency=cast.council, name="Sam Walker")],
        actions=[services.ActionInput("Speak to the school", cast.school_agency, dt.date(2025, 12, 19))],
    )
    page = client_for(cast.sw).get(reverse("people:child", args=[cast.child.uuid])).content.decode()
    assert f"{assessment.due_on:%-d %B %Y}" in page
    assert f"{discussion.enquiry.initial_conference_due:%-d %B %Y}" in page
    assert discussion.enquiry.initial_conference_due == rules.initial_conference_due(dt.date(2025, 12, 15))
    assert "No police" in page and "No health" in page
    assert "Speak to the school" in page and "Overdue" in page


def test_a_partner_with_nothing_shared_sees_no_casework(cast: Cast) -> None:
    services.assessment_start(
        actor=cast.sw,
        child=cast.child,
        team=cast.assessment,
        started_on=dt.date(2025, 12, 2),
        referral_date=dt.date(2025, 12, 1),
    )
    page = client_for(cast.police).get(reverse("people:child", args=[cast.child.uuid])).content.decode()
    assert "Help and protection" not in page
    assert "Child and family assessment" not in page and "Assessment due" not in page
