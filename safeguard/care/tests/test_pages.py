"""The children-in-care pages: the child's section, the forms (errors in the user's
words, input kept, stale saves refused with what changed), partners' parts, and the team
view with a query count that does not grow with the number of children."""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from safeguard.access import services as access_services
from safeguard.accounts import services as account_services
from safeguard.accounts.models import Role, TeamKind
from safeguard.care import rules, services
from safeguard.care.models import CareRecord, Episode
from safeguard.conftest import PASSWORD, client_for
from safeguard.people import services as people_services

from .conftest import START, CareCast, foster_placement

D = dt.date


def _in_care(care: CareCast) -> Episode:
    return services.care_start(
        actor=care.cast.sw,
        child=care.cast.child,
        start_date=START,
        legal_status="V2",
        category_of_need="N1",
        placement=foster_placement(care.foster),
        iro=care.iro,
    )


def _date(prefix: str, day: dt.date) -> dict[str, str]:
    return {f"{prefix}_0": str(day.day), f"{prefix}_1": str(day.month), f"{prefix}_2": str(day.year)}


def test_it_starts_care_from_the_form(care: CareCast) -> None:
    client = client_for(care.cast.sw)
    url = reverse("care:start", args=[care.cast.child.uuid])
    data = {
        **_date("start_date", START),
        "legal_status": "V2",
        "category_of_need": "N1",
        "placement_type": "U6",
        "placement_provider": "PR1",
        "carer": str(care.foster.pk),
        "placement_postcode": "NB2 3CD",
        "visit_cadence": "default",
        "iro": str(care.iro.pk),
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    page = client.get(reverse("care:record", args=[care.cast.child.uuid])).content.decode()
    assert "Looked after since" in page and "U6" in page
    first_review = rules.first_review_due(START)
    assert f"{first_review:%-d %B %Y}" in page


def test_it_shows_the_rule_in_words_and_keeps_the_input(care: CareCast) -> None:
    client = client_for(care.cast.sw)
    url = reverse("care:start", args=[care.cast.child.uuid])
    data = {
        **_date("start_date", START),
        "legal_status": "V2",
        "category_of_need": "N1",
        "placement_type": "P1",
        "placement_provider": "PR0",
        "placement_postcode": "NB7 7XY",
        "visit_cadence": "default",
    }
    response = client.post(url, data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "cannot be placed with their own parents" in page
    assert "NB7 7XY" in page  # input kept
    assert not Episode.objects.exists()


def test_it_refuses_a_stale_change_and_says_what_changed(care: CareCast) -> None:
    _in_care(care)
    client = client_for(care.cast.sw)
    url = reverse("care:change", args=[care.cast.child.uuid])
    opened_version = CareRecord.objects.get(child=care.cast.child).version
    services.episode_change(
        actor=care.cast.manager,
        child=care.cast.child,
        on=D(2025, 8, 1),
        kind="L",
        expected_version=opened_version,
        legal_status="C1",
    )
    data = {
        "kind": "L",
        **_date("on", D(2025, 9, 1)),
        "legal_status": "C2",
        "placement_type": "U6",
        "placement_provider": "PR1",
        "carer": str(care.foster.pk),
        "placement_postcode": "NB2 3CD",
        "visit_cadence": "default",
        "version": str(opened_version),
    }
    response = client.post(url, data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Someone else changed this record" in page
    assert "C1 / U6 from 1 August 2025" in page
    assert Episode.objects.filter(child=care.cast.child).count() == 2
    # saved again with the version now on the form, it goes through
    data["version"] = str(CareRecord.objects.get(child=care.cast.child).version)
    assert client.post(url, data).status_code == 302


def test_it_shows_the_section_on_the_childs_page(care: CareCast) -> None:
    _in_care(care)
    page = client_for(care.cast.sw).get(reverse("people:child", args=[care.cast.child.uuid])).content.decode()
    assert "Children in care" in page and "Independent reviewing officer" in page
    assert "Next review due by" in page


def test_it_shows_the_nurse_only_the_health_part(care: CareCast) -> None:
    _in_care(care)
    nurse = client_for(care.cast.health)
    page = nurse.get(reverse("people:child", args=[care.cast.child.uuid])).content.decode()
    assert "Health of the child in care" in page
    assert "Independent reviewing officer" not in page
    assert "Personal education plans" not in page
    assert nurse.get(reverse("care:record", args=[care.cast.child.uuid])).status_code == 403
    assert nurse.get(reverse("care:health", args=[care.cast.child.uuid])).status_code == 200
    response = nurse.post(
        reverse("care:health_new", args=[care.cast.child.uuid]),
        {"kind": "initial", **_date("done_on", D(2025, 6, 20)), "by_whom": "Dr A Shah"},
    )
    assert response.status_code == 302
    assert nurse.get(reverse("care:education", args=[care.cast.child.uuid])).status_code == 403


def test_it_lets_the_virtual_school_record_a_pep(care: CareCast) -> None:
    _in_care(care)
    school = client_for(care.cast.school)
    page = school.get(reverse("people:child", args=[care.cast.child.uuid])).content.decode()
    assert "Personal education plans" in page and "Health of the child in care" not in page
    response = school.post(
        reverse("care:pep_new", args=[care.cast.child.uuid]),
        {**_date("reviewed_on", D(2025, 10, 1)), "school": "Riverside Academy", "targets": "Phonics"},
    )
    assert response.status_code == 302
    assert school.get(reverse("care:health", args=[care.cast.child.uuid])).status_code == 403


def test_it_records_a_review_from_the_form(care: CareCast) -> None:
    _in_care(care)
    client = client_for(care.iro)
    response = client.post(
        reverse("care:review_new", args=[care.cast.child.uuid]),
        {
            **_date("held_on", D(2025, 6, 25)),
            "participation": "PN1",
            "decisions": "Remain with carers.",
            "action_0_description": "Apply for an interim care order",
            "action_0_owner": "Ben Adeyemi",
            **_date("action_0_due", D(2025, 7, 25)),
            "action_1_description": "Half an action",
        },
    )
    assert response.status_code == 200
    assert "Enter who will do action 2." in response.content.decode()
    response = client.post(
        reverse("care:review_new", args=[care.cast.child.uuid]),
        {**_date("held_on", D(2025, 6, 25)), "participation": "PN1", "decisions": "Remain with carers."},
    )
    assert response.status_code == 302
    assert CareRecord.objects.get(child=care.cast.child).next_review_due == D(2025, 9, 25)


def _cic_user(care: CareCast):  # type: ignore[no-untyped-def]
    c = care.cast
    team = account_services.team_create(actor=c.system, agency=c.council, name="CiC", kind=TeamKind.CHILDREN_IN_CARE)
    user, _ = account_services.user_create(
        actor=c.system,
        username="cic",
        first_name="Ben",
        last_name="Adeyemi",
        email="cic@example.org",
        role=Role.SOCIAL_WORKER,
        agency=c.council,
        team=team,
        password=PASSWORD,
        must_change_password=False,
    )
    return user


def _children_in_care(care: CareCast, worker, n: int, first: int = 0) -> None:  # type: ignore[no-untyped-def]
    for i in range(first, first + n):
        child = people_services.person_create(
            actor=care.cast.system, given_name=f"Kid{i}", family_name="Care", date_of_birth=D(2012, 1, 1 + i)
        )
        access_services.allocation_set(actor=care.cast.system, child=child, worker=worker)
        services.care_start(
            actor=care.cast.system,
            child=child,
            start_date=START,
            legal_status="C2",
            category_of_need="N1",
            placement=foster_placement(care.foster),
            iro=care.iro,
        )


def test_it_lists_the_teams_children_in_care_with_what_is_overdue(care: CareCast) -> None:
    worker = _cic_user(care)
    _children_in_care(care, worker, 2)
    client = client_for(worker)
    page = client.get(reverse("care:team")).content.decode()
    assert "Kid0 Care" in page and "Kid1 Care" in page
    assert "Overdue" in page  # reviews due in 2025 are overdue now
    assert care.cast.child.full_name not in page  # not in the team's work
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("care:team"))
    _children_in_care(care, worker, 5, first=2)
    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse("care:team"))
    assert "Kid6 Care" in response.content.decode()
    assert len(many.captured_queries) == len(few.captured_queries)
    iro_page = client_for(care.iro).get(reverse("care:team") + "?show=mine").content.decode()
    assert "Kid6 Care" in iro_page
    assert client_for(care.cast.sw).get(reverse("care:team")).status_code == 403


def test_it_puts_care_duties_on_my_work(care: CareCast) -> None:
    _in_care(care)
    page = client_for(care.cast.sw).get(reverse("accounts:home")).content.decode()
    assert "Looked-after review" in page and "Statutory visit (child in care)" in page
