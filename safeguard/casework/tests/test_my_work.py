""" "My work": everything due on a worker's children, overdue and due soon first, and a
team manager's view of each worker's caseload and overdue work, in a fixed number of
queries."""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from safeguard.access import services as access_services
from safeguard.casework import services
from safeguard.casework.mywork import work_due_for
from safeguard.casework.selectors import Today
from safeguard.conftest import Cast, client_for
from safeguard.lib.workingdays import add_working_days
from safeguard.people import services as people_services
from safeguard.people.models import Person


def _child(cast: Cast, n: int) -> Person:
    child = people_services.person_create(
        actor=cast.system, given_name=f"Kid{n}", family_name="Dunn", date_of_birth=dt.date(2015, 1, 1 + n), sex="F"
    )
    access_services.allocation_set(actor=cast.system, child=child, worker=cast.sw)
    return child


def _work(cast: Cast, child: Person) -> None:
    """An overdue assessment, a child in need review due in two days, and a strategy
    discussion with an enquiry and an action due in six weeks."""
    today = timezone.localdate()
    services.assessment_start(
        actor=cast.sw,
        child=child,
        team=cast.assessment,
        started_on=today - dt.timedelta(days=100),
        referral_date=today - dt.timedelta(days=100),
    )
    services.cin_plan_start(
        actor=cast.sw, child=child, started_on=today - dt.timedelta(weeks=12) + dt.timedelta(days=2)
    )
    services.strategy_discussion_record(
        actor=cast.sw,
        child=child,
        held_on=today - dt.timedelta(days=1),
        reason="r",
        decision="s47_single",
        decision_reason="d",
        participants=[services.ParticipantInput(agency=cast.council, name="Sam Walker")],
        actions=[services.ActionInput("Check school attendance", cast.school_agency, today + dt.timedelta(weeks=6))],
    )


def test_it_sorts_the_work_into_overdue_due_soon_and_later_by_due_date(cast: Cast) -> None:
    _work(cast, cast.child)
    work = work_due_for(user=cast.sw)
    assert [i.what for i in work.overdue] == ["Assessment"]
    assert [i.what for i in work.due_soon] == ["Child in need review"]
    assert [i.what for i in work.later] == ["Section 47 enquiry (initial conference)", "Action"]
    assert [i.due.on for i in work.items] == sorted(i.due.on for i in work.items)
    today = Today.now()
    assert today.soon_until == add_working_days(timezone.localdate(), 5)
    page = client_for(cast.sw).get(reverse("accounts:home")).content.decode()
    assert "Overdue (1)" in page and "Due in the next 5 working days (1)" in page and "Due later (2)" in page
    assert "Check school attendance" in page


def test_the_team_manager_sees_each_workers_caseload_and_overdue_work(cast: Cast) -> None:
    _work(cast, cast.child)
    _work(cast, _child(cast, 1))
    page = client_for(cast.manager).get(reverse("accounts:home")).content.decode()
    row = page[page.index("Sam Walker") : page.index("</tr>", page.index("Sam Walker"))]
    assert '<td class="govuk-table__cell govuk-table__cell--numeric">2</td>' in row  # children allocated
    assert '<strong class="govuk-tag govuk-tag--red">2</strong>' in row  # two overdue assessments
    assert "Assessments awaiting your authorisation (0)" in page


def test_other_workers_do_not_see_this_workers_children(cast: Cast) -> None:
    _work(cast, cast.child)
    assert work_due_for(user=cast.sw_other).items == []
    assert "Tyler Brookes" not in client_for(cast.sw_other).get(reverse("accounts:home")).content.decode()


def _queries(user: object) -> int:
    client = client_for(user)  # type: ignore[arg-type]
    client.get(reverse("accounts:home"))
    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse("accounts:home")).status_code == 200
    return len(captured)


def test_my_work_runs_a_fixed_number_of_queries(cast: Cast) -> None:
    _work(cast, cast.child)
    few = (_queries(cast.sw), _queries(cast.manager))
    for n in range(1, 6):
        _work(cast, _child(cast, n))
    assert (_queries(cast.sw), _queries(cast.manager)) == few
