"""A child's chronology: assembled from every source record, as the policy allows,
filtered, audited, and with a fixed number of queries however long the history."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from safeguard.access import services as access_services
from safeguard.accounts.models import Agency
from safeguard.audit.models import AuditEvent, EventType
from safeguard.casework import chronology, services
from safeguard.casework.models import CaseNote, Conference, StrategyDiscussion
from safeguard.conftest import Cast, client_for
from safeguard.frontdoor import services as frontdoor
from safeguard.frontdoor.models import Contact, Referral
from safeguard.people import services as people_services

ALL_KINDS = {
    "contact",
    "referral",
    "information",
    "assessment",
    "strategy",
    "s47",
    "conference",
    "cp_plan",
    "core_group",
    "cin_plan",
    "visit",
    "significant",
}


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def participants(cast: Cast, *agencies: Agency) -> list[services.ParticipantInput]:
    people = {
        cast.council.pk: services.ParticipantInput(agency=cast.council, name="Sam Walker", user=cast.sw),
        cast.police_force.pk: services.ParticipantInput(
            agency=cast.police_force, name="DC Pat Lane", user=cast.police, information="Two call-outs this year"
        ),
        cast.nhs.pk: services.ParticipantInput(agency=cast.nhs, name="Helen Vickers", user=cast.health),
    }
    return [people[a.pk] for a in agencies]


def police_contact(cast: Cast, received: dt.datetime, *, actor: Any = None, narrative: str = "") -> Contact:
    data = frontdoor.ContactInput(
        narrative=narrative or "Officers attended a domestic incident overnight. Tyler was present and upset.",
        concerns=["domestic_abuse"],
        consent="not_sought",
        consent_reason="Seeking consent could increase the risk to the child.",
        child_given_name="Tyler",
        child_family_name="Brookes",
        child_date_of_birth=dt.date(2014, 5, 17),
    )
    contact, _ = frontdoor.contact_submit(actor=actor or cast.police, data=data, received_at=received)
    return frontdoor.contact_match(actor=cast.mash, contact=contact, person=cast.child, expected_version=1)


def note(
    cast: Cast, when: dt.datetime, summary: str, *, actor: Any = None, child: Any = None, **values: Any
) -> CaseNote:
    return services.case_note_add(
        actor=actor or cast.sw,
        child=child or cast.child,
        note=services.NoteInput(kind=values.pop("kind", "note"), occurred_at=when, summary=summary, **values),
    )


def visit(cast: Cast, when: dt.datetime, summary: str = "Home visit. Tyler showed me his room.") -> CaseNote:
    return note(
        cast,
        when,
        summary,
        kind="statutory_visit",
        child_seen=True,
        child_seen_alone=True,
        child_words="I like my new bed.",
    )


@dataclass
class History:
    contact: Contact
    referral: Referral
    discussion: StrategyDiscussion
    conference: Conference
    visit: CaseNote
    significant: CaseNote


def build_history(cast: Cast) -> History:
    """Tyler's year through the services: a police contact answered by health and referred;
    a child in need plan; an assessment, a strategy discussion, a joint section 47 and an
    initial conference; a plan with a core group; a visit and a significant event."""
    # A child in need plan earlier in the year, reviewed and closed.
    cin = services.cin_plan_start(actor=cast.sw, child=cast.child, started_on=dt.date(2026, 3, 2))
    services.cin_review_record(actor=cast.sw, plan=cin, held_on=dt.date(2026, 4, 6), notes="Progress at school.")
    services.cin_plan_end(
        actor=cast.manager, plan=cin, ended_on=dt.date(2026, 6, 1), reason="Step down to early help", expected_version=2
    )

    contact = police_contact(cast, at(dt.date(2026, 9, 1), 8))
    request = frontdoor.request_send(actor=cast.mash, contact=contact, agency=cast.nhs, question="Any A&E visits?")
    frontdoor.request_answer(actor=cast.health, request=request, answer="Attended A&E in August with a wrist injury.")
    contact.refresh_from_db()
    contact = frontdoor.contact_decide(
        actor=cast.mash,
        contact=contact,
        decision="referral",
        rationale="Second incident; the child is frightened.",
        expected_version=contact.version,
        team=cast.assessment,
    )
    contact = frontdoor.contact_authorise(actor=cast.hos, contact=contact, expected_version=contact.version)
    referral = Referral.objects.get(contact=contact)

    assessment = services.assessment_start(
        actor=cast.sw, child=cast.child, team=cast.assessment, started_on=dt.date(2026, 9, 2), referral=referral
    )
    assessment = services.assessment_update(
        actor=cast.sw,
        assessment=assessment,
        expected_version=1,
        factors=["3A"],
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
    services.assessment_authorise(
        actor=cast.manager,
        assessment=assessment,
        expected_version=assessment.version,
        authorised_on=dt.date(2026, 9, 18),
    )
    discussion = services.strategy_discussion_record(
        actor=cast.sw,
        child=cast.child,
        held_on=dt.date(2026, 9, 21),
        reason="Injury disclosed at school",
        decision="s47_joint",
        decision_reason="Threshold met",
        participants=participants(cast, cast.council, cast.police_force, cast.nhs),
        assessment=assessment,
    )
    enquiry = discussion.enquiry
    services.enquiry_complete(
        actor=cast.sw,
        enquiry=enquiry,
        findings="Injury consistent with the disclosure.",
        outcome="substantiated_at_risk",
        completed_on=dt.date(2026, 10, 2),
        expected_version=enquiry.version,
    )
    icpc = Conference.objects.get(enquiry=enquiry)
    # Police sent apologies: council and health only.
    services.conference_record(
        actor=cast.manager,
        conference=icpc,
        held_on=dt.date(2026, 10, 9),
        decision="plan",
        category="PHY",
        decision_reason="Continuing risk of physical harm",
        participants=participants(cast, cast.council, cast.nhs),
        expected_version=icpc.version,
    )
    icpc.refresh_from_db()
    assert icpc.plan is not None
    services.core_group_record(
        actor=cast.sw, plan=icpc.plan, held_on=dt.date(2026, 10, 20), notes="Safety plan agreed."
    )
    seen = visit(cast, at(dt.date(2026, 10, 22), 16))
    significant = note(cast, at(dt.date(2026, 11, 2), 9), "Father arrested for breaching his bail.", significant=True)
    # Not on the chronology: an ordinary note, and a visit where the child was not seen.
    note(cast, at(dt.date(2026, 11, 3)), "Phoned school about attendance.")
    note(cast, at(dt.date(2026, 11, 4)), "No one home.", kind="visit")
    return History(contact, referral, discussion, icpc, seen, significant)


def _page_or_anchor(name: str, child: Any, record: Any) -> str:
    """A casework record's own page, or the child's record at the casework section
    while the record has no page."""
    try:
        return reverse(name, args=[child.uuid, record.uuid])
    except NoReverseMatch:
        return reverse("people:child", args=[child.uuid]) + "#section-casework"


def page(user: Any, child: Any, query: str = "") -> Any:
    return client_for(user).get(reverse("casework:chronology", args=[child.uuid]) + query)


def entries(response: Any) -> list[chronology.ChronologyEntry]:
    return list(response.context["chronology"].entries)


# --- What it shows ---------------------------------------------------------------------------


def test_it_shows_an_entry_from_every_source_record(cast: Cast) -> None:
    history = build_history(cast)
    response = page(cast.sw, cast.child)
    assert response.status_code == 200
    shown = entries(response)
    assert {e.kind for e in shown} == ALL_KINDS
    titles = [e.title for e in shown]
    for expected in (
        "Contact received from Northbrook Police",
        "Contact decision: Referral to children's social care for assessment",
        "Referral to Assessment Team North",
        "Information shared by Northbrook NHS Trust",
        "Child and family assessment started",
        "Assessment authorised: Strategy discussion",
        "Strategy discussion: Section 47 enquiry, joint with police",
        "Section 47 enquiry started, joint with police",
        "Section 47 enquiry completed: Substantiated, child judged at continuing risk of significant harm",
        "Initial child protection conference: Child protection plan",
        "Child protection plan started: Physical abuse",
        "Core group meeting",
        "Child in need plan started",
        "Child in need plan reviewed",
        "Child in need plan ended",
        "Statutory child protection visit: child seen alone",
        "Case note marked significant",
    ):
        assert expected in titles, expected
    assert "Phoned school about attendance." not in response.content.decode()
    assert "No one home." not in response.content.decode()
    # Newest first, each linked to its source.
    assert [e.sort_key() for e in shown] == sorted((e.sort_key() for e in shown), reverse=True)
    by_id = {e.source_id: e for e in shown}
    assert by_id[str(history.contact.uuid)].source_url == reverse("frontdoor:contact", args=[history.contact.uuid])
    for name, record in (("casework:note", history.significant), ("casework:conference", history.conference)):
        assert by_id[str(record.uuid)].source_url == _page_or_anchor(name, cast.child, record)
    html = response.content.decode()
    assert "moj-timeline__item" in html
    assert f'href="{reverse("frontdoor:contact", args=[history.contact.uuid])}"' in html
    # The answer from health, in the council's full view.
    assert "Attended A&amp;E in August with a wrist injury." in html


def test_it_flags_late_work_repeat_referrals_and_missing_agencies(cast: Cast) -> None:
    build_history(cast)
    # A second police contact within the year, referred again: a re-referral.
    again = police_contact(cast, at(dt.date(2026, 11, 9)))
    again = frontdoor.contact_decide(
        actor=cast.mash,
        contact=again,
        decision="strategy",
        rationale="Third incident.",
        expected_version=again.version,
        team=cast.assessment,
    )
    frontdoor.contact_authorise(actor=cast.hos, contact=again, expected_version=again.version)
    services.strategy_discussion_record(
        actor=cast.sw,
        child=cast.child,
        held_on=dt.date(2026, 11, 10),
        reason="Further incident",
        decision="no_s47",
        decision_reason="Plan already addresses it",
        participants=participants(cast, cast.council, cast.police_force),
    )
    flags = {flag for e in entries(page(cast.sw, cast.child)) for flag in e.flags}
    assert "Re-referral within 12 months" in flags
    assert "Not present: health" in flags


def test_it_counts_the_records_of_a_merged_duplicate(cast: Cast) -> None:
    duplicate = people_services.person_create(
        actor=cast.system, given_name="Tylor", family_name="Brooks", date_of_birth=dt.date(2014, 5, 17), sex="M"
    )
    access_services.allocation_set(actor=cast.system, child=duplicate, worker=cast.sw)
    note(cast, at(dt.date(2026, 5, 5)), "Seen at the duplicate record's address.", child=duplicate, significant=True)
    people_services.person_merge(actor=cast.mash, keep=cast.child, duplicate=duplicate, reason="Same child")

    assert "Seen at the duplicate record's address." in [e.detail for e in entries(page(cast.sw, cast.child))]
    response = page(cast.sw, duplicate)
    assert response.status_code == 302
    assert response["Location"] == reverse("casework:chronology", args=[cast.child.uuid])


# --- What it hides -----------------------------------------------------------------------------


def test_a_restricted_note_is_hidden_from_another_team_that_broke_the_glass(cast: Cast) -> None:
    build_history(cast)
    note(cast, at(dt.date(2026, 11, 5)), "Disclosure about an uncle, restricted.", significant=True, restricted=True)
    access_services.break_glass_open(actor=cast.sw_other, child=cast.child, reason="Police at the door at 2am")

    for allowed in (cast.sw, cast.manager):
        details = [e.detail for e in entries(page(allowed, cast.child))]
        assert "Disclosure about an uncle, restricted." in details
    response = page(cast.sw_other, cast.child)
    assert response.status_code == 200
    details = [e.detail for e in entries(response)]
    assert "Father arrested for breaching his bail." in details
    assert "Disclosure about an uncle, restricted." not in details
    assert "Disclosure about an uncle" not in response.content.decode()
    assert "Emergency access." in response.content.decode()


def test_a_partner_sees_only_their_meetings_their_contacts_and_notes_shared_with_them(cast: Cast) -> None:
    history = build_history(cast)
    school_contact = police_contact(
        cast, at(dt.date(2026, 11, 6)), actor=cast.school, narrative="Tyler came to school with a bruise."
    )
    note(
        cast,
        at(dt.date(2026, 11, 9)),
        "Shared with police: bail address.",
        significant=True,
        shared_with=[cast.police_force],
    )

    response = page(cast.police, cast.child)
    assert response.status_code == 200
    shown = entries(response)
    assert {e.kind for e in shown} == {"contact", "strategy", "significant"}
    assert {e.source_id for e in shown} == {
        str(history.contact.uuid),
        str(history.discussion.uuid),
        str(CaseNote.objects.get(summary="Shared with police: bail address.").uuid),
    }
    html = response.content.decode()
    assert "This is the partner view" in html
    for hidden in (
        str(school_contact.uuid),
        str(history.conference.uuid),
        "Second incident; the child is frightened.",  # the MASH's reasoning
        "Attended A&amp;E",  # health's answer to the MASH
        "Father arrested",
        "Tyler came to school with a bruise.",
    ):
        assert hidden not in html
    # Health took part in the conference, so sees it (and the strategy discussion).
    assert {e.kind for e in entries(page(cast.health, cast.child))} == {"strategy", "conference"}


@pytest.mark.parametrize("url_name", ["casework:chronology", "casework:chronology_pdf", "casework:chronology_xlsx"])
def test_it_is_a_404_for_an_agency_not_involved_and_a_refusal_for_council_staff(cast: Cast, url_name: str) -> None:
    url = reverse(url_name, args=[cast.child.uuid])
    assert client_for(cast.health).get(url).status_code == 404
    assert client_for(cast.outsider).get(url).status_code == 404
    assert client_for(cast.analyst).get(url).status_code == 404
    refused = client_for(cast.sw_other).get(url)
    assert refused.status_code == 403
    assert "You cannot see this record" in refused.content.decode()
    assert not AuditEvent.objects.filter(event_type__in=[EventType.PERSON_VIEWED, EventType.EXPORT]).exists()
    assert AuditEvent.objects.filter(event_type=EventType.ACCESS_DENIED, child_uuid=cast.child.uuid).count() == 4


# --- Filters ---------------------------------------------------------------------------------


def test_it_filters_by_type_and_by_agency(cast: Cast) -> None:
    build_history(cast)
    everything = page(cast.sw, cast.child).context["chronology"]
    assert everything.kind_counts["visit"] == 1 and everything.agency_counts["Northbrook Police"] == 1

    visits = page(cast.sw, cast.child, "?type=visit")
    assert [e.kind for e in entries(visits)] == ["visit"]
    assert "1 of " in visits.content.decode()

    two = entries(page(cast.sw, cast.child, "?type=visit&type=core_group&order=oldest"))
    assert [e.kind for e in two] == ["core_group", "visit"]

    police = entries(page(cast.sw, cast.child, "?agency=Northbrook+Police"))
    assert [e.title for e in police] == ["Contact received from Northbrook Police"]

    nothing = page(cast.sw, cast.child, "?type=visit&agency=Northbrook+Police")
    assert entries(nothing) == [] and "No entries match these filters." in nothing.content.decode()

    ignored = page(cast.sw, cast.child, "?type=not-a-type")
    assert ignored.status_code == 200 and len(entries(ignored)) == everything.total
    html = visits.content.decode()
    assert 'value="visit"' in html and "checked" in html
    assert "chronology.xlsx?type=visit" in html and "chronology.pdf?type=visit" in html


# --- Audit -----------------------------------------------------------------------------------


def test_opening_the_chronology_writes_one_audit_event(cast: Cast) -> None:
    build_history(cast)
    before = AuditEvent.objects.count()
    page(cast.sw, cast.child)
    events = list(AuditEvent.objects.filter(sequence__gt=before))
    assert [e.event_type for e in events] == [EventType.PERSON_VIEWED]
    assert events[0].child_uuid == cast.child.uuid
    assert events[0].data["extra"]["purpose"] == "chronology"
    assert events[0].data["extra"]["basis"] == "allocated"


# --- Queries -----------------------------------------------------------------------------------


def _queries(user: Any, child: Any) -> int:
    client = client_for(user)
    url = reverse("casework:chronology", args=[child.uuid])
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def _more_history(cast: Cast, start: dt.date) -> None:
    police_contact(cast, at(start))
    for n in range(5):
        visit(cast, at(start + dt.timedelta(days=n + 1)))
        note(cast, at(start + dt.timedelta(days=n + 1), 11), f"Event {n}", significant=True)
    services.strategy_discussion_record(
        actor=cast.sw,
        child=cast.child,
        held_on=start + dt.timedelta(days=7),
        reason="Another incident",
        decision="no_s47",
        decision_reason="Managed under the plan",
        participants=participants(cast, cast.council, cast.police_force, cast.nhs),
    )


@pytest.mark.parametrize("who", ["sw", "police"])
def test_the_page_runs_the_same_number_of_queries_however_long_the_history(cast: Cast, who: str) -> None:
    build_history(cast)
    _more_history(cast, dt.date(2026, 11, 9))
    user = getattr(cast, who)
    few = _queries(user, cast.child)
    for start in (dt.date(2026, 5, 4), dt.date(2026, 6, 8), dt.date(2026, 7, 6)):
        _more_history(cast, start)
    assert _queries(user, cast.child) == few


def test_a_long_chronology_is_shown_a_page_at_a_time(cast: Cast, monkeypatch: pytest.MonkeyPatch) -> None:
    from safeguard.casework import chronology_views

    monkeypatch.setattr(chronology_views, "PAGE_SIZE", 5)
    build_history(cast)
    first = page(cast.sw, cast.child, "?type=cin_plan&type=visit&type=cp_plan&type=core_group")
    total = len(entries(first))
    assert total == 6
    html = first.content.decode()
    assert len(first.context["entries"]) == 5 and "Showing entries 1 to 5, newest first." in html
    assert 'aria-label="Pages of the chronology"' in html and 'rel="next"' in html
    assert "?type=cp_plan&amp;type=core_group&amp;type=cin_plan&amp;type=visit&amp;page=2" in html
    second = page(cast.sw, cast.child, "?type=cin_plan&type=visit&type=cp_plan&type=core_group&page=2")
    assert [shown.entry.title for shown in second.context["entries"]] == ["Child in need plan started"]
    assert "Showing entries 6 to 6" in second.content.decode() and 'rel="prev"' in second.content.decode()
    assert page(cast.sw, cast.child, "?page=x").status_code == 200
    last = page(cast.sw, cast.child, "?page=99").context["entries"]
    assert last and last[-1].entry.title == "Child in need plan started"
