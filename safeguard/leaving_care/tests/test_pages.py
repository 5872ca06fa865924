"""The leaving-care pages: the forms, the section on the young person's record, the plan
page and the caseload."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from safeguard.access import policy
from safeguard.audit.models import AuditEvent, EventType
from safeguard.conftest import Cast, client_for
from safeguard.leaving_care import rules, services
from safeguard.leaving_care.eligibility import birthday
from safeguard.leaving_care.models import KeepInTouch, LeavingCareCase, PathwayPlan
from safeguard.people import selectors as people_selectors
from safeguard.people.sections import sections_for

from .support import adviser, care_leaver

D = dt.date
BORN = D(2008, 3, 10)


def _date(prefix: str, day: dt.date) -> dict[str, str]:
    return {f"{prefix}_0": str(day.day), f"{prefix}_1": str(day.month), f"{prefix}_2": str(day.year)}


@pytest.fixture
def young(cast: Cast):  # type: ignore[no-untyped-def]
    return care_leaver(cast, born=BORN, entered=D(2023, 9, 1), left=D(2026, 3, 9))


def test_it_records_a_pathway_plan_and_shows_its_review_deadline(cast: Cast, young) -> None:
    client = client_for(cast.sw)
    url = reverse("leaving_care:plan_new", args=[young.uuid])
    assert client.get(url).status_code == 200
    response = client.post(url, {**_date("agreed_on", D(2026, 6, 25)), "summary": "Flat and college"})
    plan = PathwayPlan.objects.get(child=young)
    assert response.status_code == 302
    assert plan.next_review_due == rules.pathway_plan_review_due(D(2026, 6, 25)) == D(2026, 12, 24)
    page = client.get(response["Location"]).content.decode()
    assert "24 December 2026" in page
    review_url = reverse("leaving_care:plan_review", args=[young.uuid, plan.uuid])
    response = client.post(
        review_url, {**_date("held_on", D(2026, 11, 2)), "notes": "Doing well", "version": str(plan.version)}
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.next_review_due == rules.pathway_plan_review_due(D(2026, 11, 2))


def test_it_tells_the_user_in_their_words_what_is_wrong(cast: Cast, young) -> None:
    client = client_for(cast.sw)
    response = client.post(reverse("leaving_care:plan_new", args=[young.uuid]), {"summary": ""})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Enter the date the pathway plan was agreed." in page
    assert "Summarise what the pathway plan says." in page
    response = client.post(
        reverse("leaving_care:keep_in_touch_new", args=[young.uuid]),
        {
            **_date("contacted_on", D(2026, 4, 1)),
            "in_touch": "YES",
            "activity": "0",
            "accommodation": "S",
            "suitability": "1",
            "notes": "Sofa surfing",
        },
    )
    page = response.content.decode()
    assert "903 rule 345" in page
    assert "always recorded as unsuitable" in page
    assert "Sofa surfing" in page  # what the user typed is kept
    assert not KeepInTouch.objects.exists()


def test_it_keeps_the_users_input_when_someone_else_saved_the_details_first(cast: Cast, young) -> None:
    services.case_update(actor=cast.manager, child=young, expected_version=1, continuing_support=True)
    client = client_for(cast.sw)
    response = client.post(
        reverse("leaving_care:details_edit", args=[young.uuid]),
        {
            **_date("staying_put_from", D(2026, 3, 10)),
            "staying_put_carer": "Mr and Mrs Hale",
            "version": "1",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Someone else changed this record" in page
    assert "Mina Hart saved" in page
    assert "Support continues up to 25" in page
    assert "Mr and Mrs Hale" in page
    assert LeavingCareCase.objects.get(child=young).staying_put_from is None
    response = client.post(
        reverse("leaving_care:details_edit", args=[young.uuid]),
        {
            **_date("staying_put_from", D(2026, 3, 10)),
            "staying_put_carer": "Mr and Mrs Hale",
            "continuing_support": "on",
            "version": "2",
        },
    )
    assert response.status_code == 302
    assert LeavingCareCase.objects.get(child=young).staying_put_carer == "Mr and Mrs Hale"


def test_it_allocates_a_personal_adviser_from_the_leaving_care_team(cast: Cast, young) -> None:
    pa = adviser(cast)
    client = client_for(cast.manager)
    url = reverse("leaving_care:adviser_allocate", args=[young.uuid])
    assert "Paige Adler" in client.get(url).content.decode()
    response = client.post(url, {"adviser": str(pa.pk), **_date("from_date", D(2026, 3, 2))})
    assert response.status_code == 302
    assert LeavingCareCase.objects.get(child=young).personal_adviser == pa
    assert client_for(cast.sw).get(url).status_code == 403


def test_it_shows_the_leaving_care_section_with_eligibility_and_its_reason(cast: Cast, young) -> None:
    services.keep_in_touch_record(
        actor=cast.sw,
        child=young,
        contacted_on=D(2026, 3, 20),
        in_touch="YES",
        activity="F2",
        accommodation="Z",
        suitability="1",
    )
    record = people_selectors.child_get_for(user=cast.sw, child_uuid=young.uuid)
    section = next(s for s in sections_for(cast.sw, record) if s.key == "leaving-care")
    lc = section.context["lc"]
    assert lc.status.label == "Former relevant child"
    assert "was an eligible child (from 10 March 2024)" in lc.status.reason
    eighteen = next(b for b in lc.birthdays if b.age == 18)
    assert eighteen.state == "recorded" and eighteen.record.accom == "Z1"
    assert next(b for b in lc.birthdays if b.age == 17).state == "not_reported"  # looked after on the 17th birthday
    # A 12-year-old with no care history and no leaving-care record has no section.
    assert not any(
        s.key == "leaving-care"
        for s in sections_for(cast.sw, people_selectors.child_get_for(user=cast.sw, child_uuid=cast.child.uuid))
    )


def test_it_lists_the_caseload_with_who_is_due_and_who_is_out_of_touch_longest(cast: Cast, young) -> None:
    pa = adviser(cast)
    other = care_leaver(cast, born=D(2007, 1, 15), entered=D(2022, 1, 1), left=D(2025, 1, 15), given="Ash")
    for person in (young, other):
        services.adviser_allocate(actor=cast.manager, child=person, adviser=pa, from_date=D(2026, 3, 2))
    services.keep_in_touch_record(
        actor=pa,
        child=young,
        contacted_on=D(2026, 10, 1),
        in_touch="YES",
        activity="F2",
        accommodation="U",
        suitability="1",
    )
    services.keep_in_touch_record(
        actor=pa,
        child=other,
        contacted_on=D(2026, 4, 1),
        in_touch="YES",
        activity="G5",
        accommodation="U",
        suitability="1",
    )
    client = client_for(pa)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("leaving_care:caseload") + "?sort=out_of_touch")
    page = response.content.decode()
    assert response.status_code == 200
    assert page.index("Ash Rowe") < page.index("Jade Rowe")  # out of touch since April first
    load = response.context["load"]
    assert [r.person for r in load.rows] == [other, young]
    assert load.rows[0].contact_due.overdue  # 1 June 2026
    event = AuditEvent.objects.filter(actor=pa, event_type=EventType.PERSON_VIEWED).last()
    assert event.data["extra"]["purpose"] == "leaving_care_caseload"
    assert set(event.data["extra"]["children"]) == {str(young.uuid), str(other.uuid)}
    response = client.get(reverse("leaving_care:caseload") + "?sort=due")
    assert [r.person for r in response.context["load"].rows] == [other, young]
    assert client_for(cast.police).get(reverse("leaving_care:caseload")).status_code == 403
    # The page costs the same number of queries however many young people it lists.
    for n, born in enumerate((D(2006, 5, 1), D(2007, 7, 9), D(2005, 12, 2))):
        more = care_leaver(cast, born=born, entered=D(2020, 1, 6), left=birthday(born, 18), given=f"Extra{'abc'[n]}")
        services.adviser_allocate(actor=cast.manager, child=more, adviser=pa, from_date=D(2026, 3, 2))
    with CaptureQueriesContext(connection) as more_queries:
        response = client.get(reverse("leaving_care:caseload") + "?sort=out_of_touch")
    assert len(response.context["load"].rows) == 5
    assert len(more_queries) == len(queries)


def test_it_puts_leaving_care_on_the_chronology(cast: Cast, young) -> None:
    from safeguard.casework import chronology

    services.pathway_plan_start(actor=cast.sw, child=young, agreed_on=D(2026, 1, 12), summary="Plan for college")
    services.keep_in_touch_record(
        actor=cast.sw,
        child=young,
        contacted_on=D(2026, 3, 20),
        in_touch="YES",
        activity="F2",
        accommodation="Z",
        suitability="1",
    )
    decision = policy.can_view_child(cast.sw, young)
    entries = [e for source in chronology.sources() for e in source(cast.sw, young, decision)]
    titles = {e.title for e in entries if e.kind == "leaving_care"}
    assert "Pathway plan agreed" in titles
    assert "Keeping in touch: yes, in touch (18th birthday return)" in titles


def test_it_ends_support_from_the_record_and_drops_the_young_person_from_the_caseload(cast: Cast, young) -> None:
    pa = adviser(cast)
    services.adviser_allocate(actor=cast.manager, child=young, adviser=pa, from_date=D(2026, 3, 2))
    client = client_for(cast.manager)
    url = reverse("leaving_care:support_end", args=[young.uuid])
    response = client.post(url, {**_date("on", D(2026, 10, 1)), "reason": ""})
    assert "Say why leaving-care support is ending." in response.content.decode()
    response = client.post(url, {**_date("on", D(2026, 10, 1)), "reason": "Moved to another council"})
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Leaving-care support ended on 1 October 2026: Moved to another council" in page
    assert client_for(cast.sw).get(url).status_code == 403
    assert LeavingCareCase.objects.get(child=young).closed_on == D(2026, 10, 1)
    assert young not in [
        r.person
        for r in client_for(cast.manager).get(reverse("leaving_care:caseload") + "?scope=all").context["load"].rows
    ]
