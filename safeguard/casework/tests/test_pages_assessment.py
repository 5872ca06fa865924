"""The assessment pages: start (from a referral or directly), edit, submit, authorise."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from safeguard.audit.models import AuditEvent, EventType
from safeguard.casework import rules, services
from safeguard.casework.models import Assessment
from safeguard.conftest import Cast, client_for
from safeguard.frontdoor import services as frontdoor
from safeguard.frontdoor.models import Referral
from safeguard.frontdoor.tests.support import contact_input


def _referral(cast: Cast, received: dt.datetime) -> Referral:
    contact, _ = frontdoor.contact_submit(actor=cast.police, data=contact_input(), received_at=received)
    contact = frontdoor.contact_match(
        actor=cast.hos, contact=contact, person=cast.child, expected_version=contact.version
    )
    frontdoor.contact_decide(
        actor=cast.hos,
        contact=contact,
        decision="referral",
        rationale="Threshold met",
        expected_version=contact.version,
        team=cast.assessment,
    )
    return Referral.objects.get(contact=contact)


def _assessment(cast: Cast, **values: object) -> Assessment:
    assessment = services.assessment_start(
        actor=cast.sw,
        child=cast.child,
        team=cast.assessment,
        started_on=dt.date(2025, 12, 2),
        referral_date=dt.date(2025, 12, 1),
    )
    if values:
        assessment = services.assessment_update(
            actor=cast.sw, assessment=assessment, expected_version=assessment.version, **values
        )
    return assessment


def _date(prefix: str, day: dt.date) -> dict[str, str]:
    return {f"{prefix}_0": str(day.day), f"{prefix}_1": str(day.month), f"{prefix}_2": str(day.year)}


def test_it_starts_an_assessment_from_a_referral_due_45_working_days_on(cast: Cast) -> None:
    received = timezone.make_aware(dt.datetime(2025, 12, 1, 10, 0))
    referral = _referral(cast, received)
    client = client_for(cast.sw)
    url = reverse("casework:assessment_new", args=[cast.child.uuid])
    page = client.get(url, {"referral": str(referral.uuid)}).content.decode()
    assert "Referral received 1 December 2025 (Assessment Team North)" in page
    response = client.post(
        url,
        {"referral": str(referral.uuid), "team": cast.assessment.pk, **_date("started_on", dt.date(2025, 12, 2))},
    )
    assessment = Assessment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("casework:assessment", args=[cast.child.uuid, assessment.uuid])
    assert assessment.referral == referral
    due = rules.assessment_due(dt.date(2025, 12, 1))
    assert assessment.due_on == due
    page = client.get(response["Location"]).content.decode()
    assert f"{due:%-d %B %Y}" in page and "Overdue" in page
    viewed = AuditEvent.objects.filter(event_type=EventType.PERSON_VIEWED, actor=cast.sw, child_uuid=cast.child.uuid)
    assert {e.data["extra"]["purpose"] for e in viewed} >= {"start_assessment", "assessment"}
    assert AuditEvent.objects.filter(event_type=EventType.ASSESSMENT_STARTED, actor=cast.sw).count() == 1


def test_it_starts_an_assessment_without_a_referral_on_the_record(cast: Cast) -> None:
    client = client_for(cast.sw)
    url = reverse("casework:assessment_new", args=[cast.child.uuid])
    data = {"referral": "none", "team": cast.assessment.pk, **_date("started_on", dt.date(2025, 12, 2))}
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Enter the date of the referral" in response.content.decode()
    response = client.post(url, {**data, **_date("referral_date", dt.date(2025, 11, 28))})
    assert response.status_code == 302
    assert Assessment.objects.get().due_on == rules.assessment_due(dt.date(2025, 11, 28))


def test_it_refuses_the_assessment_pages_to_those_without_the_full_view(cast: Cast) -> None:
    assessment = _assessment(cast)
    for url in (
        reverse("casework:assessment_new", args=[cast.child.uuid]),
        reverse("casework:assessment", args=[cast.child.uuid, assessment.uuid]),
        reverse("casework:assessment_edit", args=[cast.child.uuid, assessment.uuid]),
    ):
        assert client_for(cast.sw_other).get(url).status_code == 403
        assert client_for(cast.police).get(url).status_code == 403  # partner view only
        assert client_for(cast.school).get(url).status_code == 404  # may not learn the child is known
    denied = AuditEvent.objects.filter(event_type=EventType.ACCESS_DENIED, child_uuid=cast.child.uuid)
    assert denied.filter(actor=cast.police).count() == 3


def test_an_assessment_of_another_child_is_not_found(cast: Cast) -> None:
    assessment = _assessment(cast)
    url = reverse("casework:assessment", args=[cast.stranger.uuid, assessment.uuid])
    assert client_for(cast.sw).get(url).status_code == 404


def test_it_edits_the_assessment_with_factors_and_views(cast: Cast) -> None:
    assessment = _assessment(cast)
    client = client_for(cast.sw)
    url = reverse("casework:assessment_edit", args=[cast.child.uuid, assessment.uuid])
    response = client.post(
        url,
        {
            "factors": ["3A", "17A"],
            "child_views": "I get scared when dad shouts.",
            "family_views": "Mum wants help.",
            "analysis": "Cumulative emotional harm.",
            "version": assessment.version,
        },
    )
    assert response.status_code == 302
    assessment.refresh_from_db()
    assert assessment.factors == ["3A", "17A"] and assessment.version == 2
    page = client.get(response["Location"]).content.decode()
    assert "3A Domestic abuse: child as subject" in page and "I get scared when dad shouts." in page
    assert AuditEvent.objects.filter(event_type=EventType.ASSESSMENT_UPDATED, actor=cast.sw).count() == 1


def test_a_stale_save_is_refused_shows_what_changed_and_keeps_the_input(cast: Cast) -> None:
    assessment = _assessment(cast)
    opened = assessment.version
    services.assessment_update(
        actor=cast.manager, assessment=assessment, expected_version=opened, analysis="Manager's view of the risk."
    )
    response = client_for(cast.sw).post(
        reverse("casework:assessment_edit", args=[cast.child.uuid, assessment.uuid]),
        {"factors": ["16A"], "child_views": "My words, kept.", "analysis": "Mine.", "version": opened},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Someone else changed this assessment while you were editing it" in page
    assert "Mina Hart saved" in page
    assert "Analysis: was “blank”, now “Manager&#x27;s view of the risk.”" in page
    assert "My words, kept." in page
    assert 'name="version" value="2"' in page
    assessment.refresh_from_db()
    assert assessment.analysis == "Manager's view of the risk."
    assert AuditEvent.objects.filter(event_type=EventType.CASEWORK_CONFLICT, actor=cast.sw).count() == 1


def test_it_submits_and_only_a_manager_authorises(cast: Cast) -> None:
    assessment = _assessment(cast, factors=["3A"], primary_need="N1", child_views="Scared.", analysis="Risk of harm.")
    sw = client_for(cast.sw)
    submit = reverse("casework:assessment_submit", args=[cast.child.uuid, assessment.uuid])
    response = sw.post(submit, {"outcome": "strategy", "outcome_reason": "Significant harm", "version": 2})
    assert response.status_code == 302
    assessment.refresh_from_db()
    assert assessment.status == "submitted"
    detail = reverse("casework:assessment", args=[cast.child.uuid, assessment.uuid])
    assert "Authorise the assessment" not in sw.get(detail).content.decode()
    authorise = reverse("casework:assessment_authorise", args=[cast.child.uuid, assessment.uuid])
    assert sw.get(authorise).status_code == 405
    assert sw.post(authorise, {"version": assessment.version}).status_code == 403
    assert AuditEvent.objects.filter(event_type=EventType.ACCESS_DENIED, actor=cast.sw).exists()
    manager = client_for(cast.manager)
    assert "Authorise the assessment" in manager.get(detail).content.decode()
    assert manager.post(authorise, {"version": assessment.version}).status_code == 302
    assessment.refresh_from_db()
    assert assessment.status == "authorised" and assessment.authorised_by == cast.manager
    assert AuditEvent.objects.filter(event_type=EventType.ASSESSMENT_AUTHORISED, actor=cast.manager).count() == 1
    assert "Record a strategy discussion" in manager.get(detail).content.decode()


def test_submitting_without_the_childs_views_is_refused_with_the_reason(cast: Cast) -> None:
    assessment = _assessment(cast)
    response = client_for(cast.sw).post(
        reverse("casework:assessment_submit", args=[cast.child.uuid, assessment.uuid]),
        {"outcome": "nfa", "outcome_reason": "No concerns", "version": assessment.version},
    )
    assert response.status_code == 200
    assert "Record the child&#x27;s views" in response.content.decode()
    assessment.refresh_from_db()
    assert assessment.status == "in_progress"


def test_the_primary_need_is_chosen_on_the_form_and_needed_to_go_on_as_a_child_in_need(cast: Cast) -> None:
    assessment = _assessment(cast, factors=["4B"], child_views="I help mum.", analysis="Mum is unwell.")
    sw = client_for(cast.sw)
    submit = reverse("casework:assessment_submit", args=[cast.child.uuid, assessment.uuid])
    refused = sw.post(submit, {"outcome": "cin_plan", "outcome_reason": "Support needed", "version": 2})
    assert refused.status_code == 200
    assert "Record the child&#x27;s primary need on the assessment before submitting it" in refused.content.decode()
    assessment.refresh_from_db()
    assert assessment.status == "in_progress"

    edit = reverse("casework:assessment_edit", args=[cast.child.uuid, assessment.uuid])
    response = sw.post(
        edit,
        {
            "factors": ["4B"],
            "primary_need": "N3",
            "child_views": "I help mum.",
            "analysis": "Mum is unwell.",
            "version": 2,
        },
    )
    assert response.status_code == 302
    page = sw.get(reverse("casework:assessment", args=[cast.child.uuid, assessment.uuid])).content.decode()
    assert "N3: Parental disability or illness" in page
    assert sw.post(submit, {"outcome": "cin_plan", "outcome_reason": "Support needed", "version": 3}).status_code == 302
    assessment.refresh_from_db()
    assert (assessment.status, assessment.primary_need) == ("submitted", "N3")


def test_no_further_action_needs_no_primary_need(cast: Cast) -> None:
    assessment = _assessment(cast, factors=["21"], child_views="Fine.", analysis="No concerns.")
    services.assessment_submit(
        actor=cast.sw, assessment=assessment, outcome="nfa", outcome_reason="No concerns", expected_version=2
    )
    assert rules.primary_need_required("nfa") is False
    assert rules.primary_need_required("early_help") is False
    assert rules.primary_need_required("cin_plan") and rules.primary_need_required("strategy")
